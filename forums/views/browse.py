from django.core.paginator import Paginator
from django.shortcuts import render
from django.views import View

from forums import selectors
from forums.forms import FlagForm, ReplyForm, SearchForm, TopicModerateForm
from forums.knowledge import knowledge_categories, may_create_knowledge_draft
from forums.markup import plain_text, quote
from forums.models import Post
from forums.services import post_editable, topic_mark_read
from forums.views.base import ForumMixin
from partner_portal.files import INLINE, private_file_response
from partner_portal.page_cache import page_cached

TOPICS_PER_PAGE = 25
RESULTS_PER_PAGE = 20


class CategoryListView(ForumMixin, View):
    def get(self, request):
        return render(
            request,
            "forums/category_list.html",
            {
                "categories": selectors.category_list(viewer=self.viewer),
                "search_form": SearchForm(),
                "viewer": self.viewer,
            },
        )


class CategoryDetailView(ForumMixin, View):
    def get(self, request, slug):
        category = selectors.category_get(viewer=self.viewer, slug=slug)
        solved = request.GET.get("solved") == "1"
        topics = selectors.topic_list(
            viewer=self.viewer, category=category, solved=solved
        )
        page = Paginator(topics, TOPICS_PER_PAGE).get_page(request.GET.get("page"))
        return render(
            request,
            "forums/category_detail.html",
            {
                "category": category,
                "solved": solved,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "topics": page.object_list,
                "viewer": self.viewer,
            },
        )


def topic_context(request, viewer, topic, *, reply_form=None):
    posts = selectors.post_list(viewer=viewer, topic=topic)
    moderates = viewer.moderates(topic.category_id)
    flagged = selectors.posts_flagged_by(user=request.user, posts=posts)
    for post in posts:
        post.flagged_by_me = post.pk in flagged
        post.may_edit = moderates or (
            post.author_id == request.user.pk and post_editable(post=post)
        )
        post.may_flag = (
            post.author_id != request.user.pk
            and post.status == Post.Status.VISIBLE
            and not post.flagged_by_me
        )
    opening = min(posts, key=lambda p: (p.created_at, p.pk)) if posts else None
    return {
        "topic": topic,
        "category": topic.category,
        "posts": posts,
        "opening": opening,
        "reply_form": reply_form or ReplyForm(),
        "flag_form": FlagForm(),
        "moderates": moderates,
        "may_mark_solution": moderates or topic.author_id == request.user.pk,
        "is_subscribed": selectors.is_subscribed(user=request.user, topic=topic),
        "topic_form": TopicModerateForm(
            categories=selectors.categories_visible(viewer)
            .filter(viewer.moderation_q("pk"))
            .exclude(pk=topic.category_id),
            topic=topic,
        )
        if moderates
        else None,
        "suspension": selectors.suspension_active(
            user=request.user, category=topic.category
        ),
        "viewer": viewer,
        "knowledge_categories": knowledge_categories()
        if topic.solution_id and may_create_knowledge_draft(request.user)
        else None,
    }


class TopicDetailView(ForumMixin, View):
    @page_cached
    def get(self, request, pk):
        topic = selectors.topic_get(viewer=self.viewer, pk=pk)
        reply_form = None
        quote_id = request.GET.get("quote", "")
        if quote_id.isdigit():
            quoted = selectors.post_get(viewer=self.viewer, pk=int(quote_id))
            if quoted.topic_id == topic.pk:
                reply_form = ReplyForm(
                    initial={
                        "body": quote(
                            quoted.body,
                            quoted.author.get_full_name() or quoted.author.email,
                        )
                    }
                )
        context = topic_context(request, self.viewer, topic, reply_form=reply_form)
        topic_mark_read(user=request.user, topic=topic)
        return render(request, "forums/topic_detail.html", context)


class SearchView(ForumMixin, View):
    def get(self, request):
        form = SearchForm(request.GET or None)
        page = None
        if form.is_bound and form.is_valid():
            results = selectors.post_search(
                viewer=self.viewer, query=form.cleaned_data["q"]
            )
            page = Paginator(results, RESULTS_PER_PAGE).get_page(
                request.GET.get("page")
            )
            for post in page.object_list:
                post.snippet = plain_text(post.html)
        return render(
            request,
            "forums/search.html",
            {
                "search_form": form,
                "page_obj": page,
                "is_paginated": page is not None and page.has_other_pages(),
                "results": page.object_list if page is not None else None,
            },
        )


class ImageView(ForumMixin, View):
    """An attached image, only for readers who may see the post."""

    def get(self, request, pk):
        image = selectors.image_get(viewer=self.viewer, pk=pk)
        extension = image.image.name.rpartition(".")[2]
        response = private_file_response(
            image.image,
            filename=f"forum-image-{image.pk}.{extension}",
            content_type=image.content_type,
            disposition=INLINE,
        )
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
