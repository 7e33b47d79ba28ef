"""Reads of the forums. Every read starts from the categories the reader may
see by the one audience rule; a category, topic, post or image outside them
answers 404, as does a hidden topic or a post waiting for moderation that is
neither the reader's own nor one they moderate."""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from forums.models import (
    Category,
    CategoryModerator,
    Flag,
    ModerationLog,
    Post,
    PostImage,
    Subscription,
    Suspension,
    Topic,
    TopicRead,
)
from partner_portal.audience import audiences_for, audiences_for_user
from partner_portal.models import Membership
from partner_portal.permissions import StaffGroup, is_in_staff_group
from partner_portal.search_config import full_text_available, full_text_filter


class Viewer:
    """Who is reading, worked out once per request: the audiences they may
    see and the categories they moderate (None: all of them)."""

    def __init__(self, user, audiences):
        self.user = user
        self.audiences = list(audiences)
        self.is_global_moderator = is_in_staff_group(user, StaffGroup.FORUM_MODERATOR)
        self._moderated = None

    @classmethod
    def of(cls, request):
        viewer = getattr(request, "_forum_viewer", None)
        if viewer is None:
            viewer = cls(request.user, audiences_for(request))
            request._forum_viewer = viewer
        return viewer

    @classmethod
    def of_user(cls, user):
        membership = (
            Membership.objects.filter(
                user=user, is_active=True, company__is_active=True
            )
            .select_related("company")
            .order_by("pk")
            .first()
        )
        return cls(user, audiences_for_user(user, membership and membership.company))

    @property
    def moderated_category_ids(self) -> set[int] | None:
        if self.is_global_moderator:
            return None
        if self._moderated is None:
            self._moderated = set(
                category_moderator_rows(user=self.user).values_list(
                    "category_id", flat=True
                )
            )
        return self._moderated

    @property
    def is_moderator(self) -> bool:
        ids = self.moderated_category_ids
        return ids is None or bool(ids)

    def moderates(self, category_id) -> bool:
        ids = self.moderated_category_ids
        return ids is None or category_id in ids

    def moderation_q(self, path="category_id") -> Q:
        ids = self.moderated_category_ids
        return Q() if ids is None else Q(**{f"{path}__in": ids})


def category_moderator_rows(*, user):
    """The user's category nominations that count: only while they are an
    active member of the nominating company."""
    active = Membership.objects.filter(
        user=OuterRef("user"),
        company=OuterRef("company"),
        is_active=True,
        company__is_active=True,
    )
    return CategoryModerator.objects.filter(user=user).filter(Exists(active))


def categories_visible(viewer: Viewer):
    return Category.objects.filter(audience__in=viewer.audiences)


def category_list(*, viewer: Viewer):
    """The categories the viewer may see, with their topic counts and the
    number of topics with posts the viewer has not read."""
    topics = _topics_for(viewer)
    read_at = TopicRead.objects.filter(topic=OuterRef("pk"), user=viewer.user).values(
        "last_read_at"
    )[:1]
    unread_topics = (
        topics.filter(category=OuterRef("pk"))
        .annotate(read_at=Subquery(read_at))
        .filter(Q(read_at__isnull=True) | Q(last_post_at__gt=F("read_at")))
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values("n")
    )
    topic_count = (
        topics.filter(category=OuterRef("pk"))
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return categories_visible(viewer).annotate(
        topic_count=Coalesce(Subquery(topic_count), 0),
        unread_count=Coalesce(Subquery(unread_topics), 0),
    )


def category_get(*, viewer: Viewer, slug: str) -> Category:
    category = categories_visible(viewer).filter(slug=slug).first()
    if category is None:
        raise Http404
    return category


def _topics_for(viewer: Viewer):
    """Topics in visible categories; hidden ones and ones whose opening post
    waits only for moderators of their category (and the latter for their
    author)."""
    topics = Topic.objects.filter(category__audience__in=viewer.audiences)
    ids = viewer.moderated_category_ids
    if ids is None:
        return topics
    shown = Q(is_hidden=False) & (Q(awaiting_approval=False) | Q(author=viewer.user))
    return topics.filter(shown | Q(category_id__in=ids))


def topic_list(*, viewer: Viewer, category: Category, solved: bool = False):
    """Pinned topics first, then the most recently active."""
    read_at = TopicRead.objects.filter(topic=OuterRef("pk"), user=viewer.user).values(
        "last_read_at"
    )[:1]
    topics = (
        _topics_for(viewer)
        .filter(category=category)
        .select_related("author")
        .annotate(
            reply_count=Count(
                "posts", filter=Q(posts__status=Post.Status.VISIBLE), distinct=True
            ),
            read_at=Subquery(read_at),
        )
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )
    if solved:
        topics = topics.filter(solution__isnull=False)
    return topics


def topic_get(*, viewer: Viewer, pk) -> Topic:
    topic = (
        _topics_for(viewer)
        .select_related("category", "author", "solution")
        .filter(pk=pk)
        .first()
    )
    if topic is None:
        raise Http404
    return topic


def _posts_for(viewer: Viewer):
    """Posts of visible topics: visible ones for everyone, the viewer's own
    in any state, every state for the topic's moderators."""
    posts = Post.objects.filter(topic__in=_topics_for(viewer))
    ids = viewer.moderated_category_ids
    if ids is None:
        return posts
    return posts.filter(
        Q(status=Post.Status.VISIBLE)
        | Q(author=viewer.user)
        | Q(topic__category_id__in=ids)
    )


def post_list(*, viewer: Viewer, topic: Topic):
    """The topic's posts in order; the accepted solution comes right after
    the question (the opening post), so the question is read first."""
    posts = list(
        _posts_for(viewer)
        .filter(topic=topic)
        .select_related("author", "edited_by")
        .prefetch_related(Prefetch("images", queryset=PostImage.objects.all()))
        .annotate(revision_count=Count("revisions", distinct=True))
        .order_by("created_at", "pk")
    )
    if topic.solution_id:
        solution = [post for post in posts if post.pk == topic.solution_id]
        if solution and solution[0].status == Post.Status.VISIBLE:
            rest = [post for post in posts if post.pk != topic.solution_id]
            posts = rest[:1] + solution + rest[1:]
    return posts


def posts_flagged_by(*, user, posts) -> set[int]:
    """The pks among `posts` this user has flagged (one flag per user)."""
    if not user.is_authenticated:
        return set()
    return set(
        Flag.objects.filter(
            user=user, post__in=[post.pk for post in posts]
        ).values_list("post_id", flat=True)
    )


def post_get(*, viewer: Viewer, pk) -> Post:
    post = (
        _posts_for(viewer)
        .select_related("topic", "topic__category", "author")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404
    return post


def image_get(*, viewer: Viewer, pk) -> PostImage:
    image = (
        PostImage.objects.filter(post__in=_posts_for(viewer), pk=pk)
        .select_related("post")
        .first()
    )
    if image is None:
        raise Http404
    return image


def post_search(*, viewer: Viewer, query: str):
    """Visible posts whose text or topic title contains the query, newest
    first; on PostgreSQL also those matching it in full text in the reader's
    language (word forms), the best matches first."""
    posts = Post.objects.filter(
        topic__in=_topics_for(viewer).filter(is_hidden=False),
        status=Post.Status.VISIBLE,
    ).select_related("topic", "topic__category", "author")
    contains = Q(body__icontains=query) | Q(topic__title__icontains=query)
    if not full_text_available():
        return posts.filter(contains).order_by("-created_at", "-pk")
    fields = [("topic__title", "A"), ("body", "B")]
    return full_text_filter(posts, fields=fields, query=query, also=contains).order_by(
        "-search_rank", "-created_at", "-pk"
    )


def moderation_queue(*, viewer: Viewer):
    """Posts waiting for approval and posts with open flags, in the
    categories the viewer moderates, oldest first."""
    open_flags = Count("flags", filter=Q(flags__reviewed_at__isnull=True))
    return (
        Post.objects.filter(viewer.moderation_q("topic__category_id"))
        .filter(topic__category__audience__in=viewer.audiences)
        .annotate(open_flags=open_flags)
        .filter(Q(status=Post.Status.PENDING) | Q(open_flags__gt=0))
        .exclude(status=Post.Status.REJECTED)
        .select_related("topic", "topic__category", "author")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.filter(reviewed_at__isnull=True).select_related(
                    "user"
                ),
                to_attr="open_flag_list",
            ),
            "images",
        )
        .order_by("created_at", "pk")
    )


def moderation_queue_count(*, viewer: Viewer) -> int:
    return moderation_queue(viewer=viewer).count()


def moderation_log_list(*, viewer: Viewer):
    entries = ModerationLog.objects.select_related(
        "actor", "category", "topic", "post", "target_user"
    )
    ids = viewer.moderated_category_ids
    if ids is None:
        return entries
    return entries.filter(category_id__in=ids)


def _active_suspension_q() -> Q:
    return Q(lifted_at__isnull=True, until__gt=timezone.now())


def suspension_active(*, user, category=None) -> Suspension | None:
    """The suspension that stops the user posting: one for every category,
    or (given a category) one for that category; without a category, any."""
    suspensions = Suspension.objects.filter(_active_suspension_q(), user=user)
    if category is not None:
        suspensions = suspensions.filter(
            Q(category__isnull=True) | Q(category=category)
        )
    return suspensions.select_related("category").order_by("-until").first()


def suspension_list(*, viewer: Viewer):
    """Suspensions the viewer may lift: all for our forum moderators, those
    in their own categories for category moderators. Active ones first (the
    soonest to end first), then past ones, the latest first."""
    active = ExpressionWrapper(_active_suspension_q(), output_field=BooleanField())
    return (
        Suspension.objects.filter(viewer.moderation_q("category_id"))
        .annotate(active=active)
        .select_related("user", "category", "by", "lifted_by")
        .order_by(
            "-active",
            Case(When(active=True, then=F("until"))).asc(),
            Coalesce("lifted_at", "until").desc(),
            "-pk",
        )
    )


def suspension_get(*, viewer: Viewer, pk) -> Suspension:
    """404 for a suspension outside the categories the viewer moderates."""
    suspension = suspension_list(viewer=viewer).filter(pk=pk).first()
    if suspension is None:
        raise Http404
    return suspension


def is_subscribed(*, user, topic) -> bool:
    return Subscription.objects.filter(user=user, topic=topic).exists()


def topics_with_new_replies(*, viewer: Viewer):
    """Topics the viewer started or subscribed to with visible replies by
    others that are newer than the viewer's last read."""
    read_at = TopicRead.objects.filter(topic=OuterRef("pk"), user=viewer.user).values(
        "last_read_at"
    )[:1]
    newer = Post.objects.filter(
        topic=OuterRef("pk"),
        status=Post.Status.VISIBLE,
        created_at__gt=Coalesce(OuterRef("read_at"), OuterRef("created_at")),
    ).exclude(author=viewer.user)
    subscribed = Subscription.objects.filter(topic=OuterRef("pk"), user=viewer.user)
    return (
        _topics_for(viewer)
        .filter(Q(author=viewer.user) | Exists(subscribed))
        .annotate(read_at=Subquery(read_at))
        .filter(Exists(newer))
        .order_by("-last_post_at")
    )


def nomination_list(*, company):
    return CategoryModerator.objects.for_company(company).select_related(
        "category", "user"
    )
