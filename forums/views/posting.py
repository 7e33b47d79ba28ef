from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from forums import selectors, services
from forums.forms import FlagForm, PostEditForm, ReplyForm, TopicForm
from forums.models import Post
from forums.views.base import ForumMixin
from forums.views.browse import topic_context


def _post_url(post):
    return reverse("forums:topic", args=[post.topic_id]) + f"#post-{post.pk}"


def _posted_message(request, post):
    if post.status == Post.Status.PENDING:
        messages.info(
            request,
            _(
                "Thank you. Your post waits for a moderator and is shown to "
                "others once approved."
            ),
        )
    else:
        messages.success(request, _("Your post is published."))


class TopicCreateView(ForumMixin, View):
    template_name = "forums/topic_form.html"

    def get(self, request, slug):
        category = selectors.category_get(viewer=self.viewer, slug=slug)
        return self._render(request, category, TopicForm())

    def post(self, request, slug):
        category = selectors.category_get(viewer=self.viewer, slug=slug)
        form = TopicForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                topic = services.topic_create(
                    user=request.user,
                    category=category,
                    title=data["title"],
                    body=data["body"],
                    image=data["image"],
                    token=data["token"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                _posted_message(request, topic.posts.order_by("pk").first())
                return redirect("forums:topic", pk=topic.pk)
        return self._render(request, category, form, status=400)

    def _render(self, request, category, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "category": category,
                "form": form,
                "suspension": selectors.suspension_active(
                    user=request.user, category=category
                ),
            },
            status=status,
        )


class ReplyView(ForumMixin, View):
    def post(self, request, pk):
        topic = selectors.topic_get(viewer=self.viewer, pk=pk)
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = services.post_create(
                    user=request.user,
                    topic=topic,
                    body=data["body"],
                    image=data["image"],
                    token=data["token"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                _posted_message(request, post)
                return redirect(_post_url(post))
        return render(
            request,
            "forums/topic_detail.html",
            topic_context(request, self.viewer, topic, reply_form=form),
            status=400,
        )


class PostEditView(ForumMixin, View):
    template_name = "forums/post_form.html"

    def _post(self, request, pk):
        post = selectors.post_get(viewer=self.viewer, pk=pk)
        moderates = self.viewer.moderates(post.topic.category_id)
        if not moderates and (
            post.author_id != request.user.pk or not services.post_editable(post=post)
        ):
            raise Http404
        return post, moderates

    def get(self, request, pk):
        post, moderates = self._post(request, pk)
        form = PostEditForm(initial={"body": post.body}, is_moderator=moderates)
        return self._render(request, post, form)

    def post(self, request, pk):
        post, moderates = self._post(request, pk)
        form = PostEditForm(request.POST, is_moderator=moderates)
        if form.is_valid():
            try:
                services.post_edit(
                    user=request.user,
                    post=post,
                    body=form.cleaned_data["body"],
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if post.status == Post.Status.PENDING:
                    messages.info(
                        request,
                        _(
                            "Your changes are saved. The post waits for a "
                            "moderator again."
                        ),
                    )
                else:
                    messages.success(request, _("Your changes are saved."))
                return redirect(_post_url(post))
        return self._render(request, post, form, status=400)

    def _render(self, request, post, form, status=200):
        return render(
            request,
            self.template_name,
            {"post": post, "topic": post.topic, "form": form},
            status=status,
        )


class PostHistoryView(ForumMixin, View):
    """Earlier versions of a post: for its author and its moderators."""

    def get(self, request, pk):
        post = selectors.post_get(viewer=self.viewer, pk=pk)
        if post.author_id != request.user.pk and not self.viewer.moderates(
            post.topic.category_id
        ):
            raise Http404
        return render(
            request,
            "forums/post_history.html",
            {
                "post": post,
                "topic": post.topic,
                "revisions": post.revisions.select_related("edited_by"),
            },
        )


class PostFlagView(ForumMixin, View):
    def post(self, request, pk):
        post = selectors.post_get(viewer=self.viewer, pk=pk)
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                services.post_flag(
                    user=request.user,
                    post=post,
                    reason=form.cleaned_data["reason"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request, _("Thank you. A moderator will look at the post.")
                )
        else:
            messages.error(request, _("Choose why you flag the post."))
        return redirect(_post_url(post))


class SolutionView(ForumMixin, View):
    def post(self, request, pk):
        post = selectors.post_get(viewer=self.viewer, pk=pk)
        topic = selectors.topic_get(viewer=self.viewer, pk=post.topic_id)
        clear = request.POST.get("clear") == "1"
        try:
            services.solution_mark(
                user=request.user, topic=topic, post=None if clear else post
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The topic is no longer marked as solved.")
                if clear
                else _("The reply is marked as the solution."),
            )
        return redirect("forums:topic", pk=topic.pk)


class SubscriptionToggleView(ForumMixin, View):
    def post(self, request, pk):
        topic = selectors.topic_get(viewer=self.viewer, pk=pk)
        if services.subscription_toggle(user=request.user, topic=topic):
            messages.success(request, _("You get a mail for new replies."))
        else:
            messages.success(request, _("You no longer get mail for this topic."))
        return redirect("forums:topic", pk=topic.pk)
