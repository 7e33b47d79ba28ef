from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from forums import knowledge, selectors, services
from forums.forms import (
    ModeratePostForm,
    NominationForm,
    SuspendForm,
    TopicModerateForm,
)
from forums.models import Category, CategoryModerator, Post
from forums.views.base import ForumMixin, GlobalModeratorMixin, ModeratorMixin
from partner_portal.access import PolicyRequiredMixin
from partner_portal.audience import audiences_for_user
from partner_portal.permissions import Capability
from partner_portal.policy import Member
from partner_portal.scoping import get_for_company_or_404
from partner_portal.selectors import membership_list

User = get_user_model()


class QueueView(ModeratorMixin, View):
    def get(self, request):
        queue = selectors.moderation_queue(viewer=self.viewer)
        page = Paginator(queue, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "forums/queue.html",
            {
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "posts": page.object_list,
                "viewer": self.viewer,
            },
        )


class PostModerateView(ModeratorMixin, View):
    """Approve, reject (with a reason mailed to the author) or hide a post."""

    def post(self, request, pk):
        post = selectors.post_get(viewer=self.viewer, pk=pk)
        if not self.viewer.moderates(post.topic.category_id):
            raise PermissionDenied
        form = ModeratePostForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, " ".join(m for e in form.errors.values() for m in e)
            )
            return _back(request, post)
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == "approve":
                services.post_approve(moderator=request.user, post=post, reason=reason)
                messages.success(request, _("The post is approved."))
            elif action == "reject":
                services.post_reject(moderator=request.user, post=post, reason=reason)
                messages.success(
                    request, _("The post is rejected; the author gets the reason.")
                )
            else:
                services.post_hide(moderator=request.user, post=post, reason=reason)
                messages.success(request, _("The post is hidden."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return _back(request, post)


def _back(request, post):
    if request.POST.get("next") == "topic":
        return redirect(
            reverse("forums:topic", args=[post.topic_id]) + f"#post-{post.pk}"
        )
    return redirect("forums:queue")


class TopicModerateView(ModeratorMixin, View):
    """Lock, pin, hide or move a topic."""

    def post(self, request, pk):
        topic = selectors.topic_get(viewer=self.viewer, pk=pk)
        if not self.viewer.moderates(topic.category_id):
            raise PermissionDenied
        categories = selectors.categories_visible(self.viewer).filter(
            self.viewer.moderation_q("pk")
        )
        form = TopicModerateForm(request.POST, categories=categories)
        if not form.is_valid():
            messages.error(
                request, " ".join(m for e in form.errors.values() for m in e)
            )
            return redirect("forums:topic", pk=topic.pk)
        data = form.cleaned_data
        try:
            if data["action"] == "move":
                services.topic_move(
                    moderator=request.user,
                    topic=topic,
                    category=data["category"],
                    reason=data["reason"],
                )
            else:
                services.topic_moderate(
                    moderator=request.user,
                    topic=topic,
                    action=data["action"],
                    reason=data["reason"],
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Done: the topic is updated."))
        return redirect("forums:topic", pk=topic.pk)


class LogView(ModeratorMixin, View):
    def get(self, request):
        entries = selectors.moderation_log_list(viewer=self.viewer)
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        return render(
            request,
            "forums/log.html",
            {
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "entries": page.object_list,
            },
        )


class SuspendView(GlobalModeratorMixin, View):
    template_name = "forums/suspend.html"

    def _member(self, user_id):
        member = get_object_or_404(User, pk=user_id, is_active=True)
        if not Post.objects.filter(author=member).exists():
            raise Http404
        return member

    def _form(self, data=None, initial=None):
        return SuspendForm(
            data, initial=initial, categories=selectors.categories_visible(self.viewer)
        )

    def get(self, request, user_id):
        member = self._member(user_id)
        category = request.GET.get("category", "")
        initial = {"category": category} if category.isdigit() else None
        return self._render(request, member, self._form(initial=initial))

    def post(self, request, user_id):
        member = self._member(user_id)
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.member_suspend(
                    moderator=request.user,
                    user=member,
                    days=form.cleaned_data["days"],
                    reason=form.cleaned_data["reason"],
                    category=form.cleaned_data["category"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is suspended from posting.")
                    % {"name": member.get_full_name() or member.email},
                )
                return redirect("forums:suspensions")
        return self._render(request, member, form, status=400)

    def _render(self, request, member, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "member": member,
                "form": form,
                "suspension": selectors.suspension_active(user=member),
            },
            status=status,
        )


class SuspensionListView(ModeratorMixin, View):
    """Suspensions in the categories the moderator moderates, active first,
    each active one with "Lift now"."""

    def get(self, request):
        suspensions = selectors.suspension_list(viewer=self.viewer)
        page = Paginator(suspensions, 50).get_page(request.GET.get("page"))
        return render(
            request,
            "forums/suspensions.html",
            {
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "suspensions": page.object_list,
                "viewer": self.viewer,
            },
        )


class SuspensionLiftView(ModeratorMixin, View):
    def post(self, request, pk):
        suspension = selectors.suspension_get(viewer=self.viewer, pk=pk)
        try:
            services.suspension_lift(moderator=request.user, suspension=suspension)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The suspension of %(name)s is lifted; they are told by mail.")
                % {"name": suspension.user.get_full_name() or suspension.user.email},
            )
        return redirect("forums:suspensions")


class NominationView(PolicyRequiredMixin, View):
    """A partner's company admin nominates colleagues as category moderators."""

    policy = Member(Capability.MEMBERS_MANAGE)
    template_name = "forums/moderators.html"

    def _form(self, data=None):
        if not self.company.is_partner:
            raise PermissionDenied
        users = User.objects.filter(
            pk__in=membership_list(company=self.company, include_inactive=False).values(
                "user"
            )
        ).order_by("last_name", "first_name", "email")
        audiences = audiences_for_user(self.request.user, self.company)
        categories = Category.objects.filter(audience__in=audiences)
        return NominationForm(data, users=users, categories=categories)

    def get(self, request):
        return self._render(request, self._form())

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.category_moderator_nominate(
                    company=self.company,
                    admin=request.user,
                    user=form.cleaned_data["user"],
                    category=form.cleaned_data["category"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("The colleague now moderates the category.")
                )
                return redirect("forums:moderators")
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "nominations": selectors.nomination_list(company=self.company),
            },
            status=status,
        )


class NominationRemoveView(PolicyRequiredMixin, View):
    policy = Member(Capability.MEMBERS_MANAGE)

    def post(self, request, pk):
        nomination = get_for_company_or_404(
            CategoryModerator.objects.select_related("category", "user"),
            company=self.company,
            pk=pk,
        )
        services.category_moderator_remove(admin=request.user, nomination=nomination)
        messages.success(request, _("The colleague no longer moderates the category."))
        return redirect("forums:moderators")


class KnowledgeDraftView(ForumMixin, View):
    """The knowledge-base team turns a solved topic into an article draft."""

    def post(self, request, pk):
        if not knowledge.may_create_knowledge_draft(request.user):
            raise PermissionDenied
        topic = selectors.topic_get(viewer=self.viewer, pk=pk)
        category_page = (
            knowledge.knowledge_categories()
            .filter(pk=request.POST.get("category") or 0)
            .first()
            if (request.POST.get("category") or "").isdigit()
            else None
        )
        if category_page is None:
            messages.error(request, _("Choose a knowledge-base category."))
            return redirect("forums:topic", pk=topic.pk)
        try:
            page, created = knowledge.knowledge_draft_create(
                user=request.user, topic=topic, category_page=category_page
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                (
                    _("Draft “%(title)s” created in %(category)s.")
                    if created
                    else _("The draft “%(title)s” exists already in %(category)s.")
                )
                % {"title": page.title, "category": category_page.title},
            )
        return redirect("forums:topic", pk=topic.pk)
