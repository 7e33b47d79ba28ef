"""The service desk's staff pages: the queue across companies, sorted by
urgency with each request's SLA time left, and one request with its whole
conversation (internal notes marked), history and the agent's actions.
Every view's policy is SUPPORT_DESK: the Support staff group and superusers;
customers get 403 (they have their own pages)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cms.selectors import draft_category_list
from partner_portal.access import PolicyRequiredMixin
from partner_portal.page_cache import page_cached
from partner_portal.permissions import StaffGroup
from partner_portal.policy import Staff
from support.desk_forms import (
    AgentReplyForm,
    AssignForm,
    DeskFilterForm,
    KnowledgeDraftForm,
    MergeForm,
    PriorityForm,
    StatusForm,
)
from support.models import Event, Priority, Status, SupportRequest
from support.selectors import (
    conversation,
    history,
    request_attachments,
    staff_request_get,
)
from support.selectors.desk import OPEN, desk_queue, merge_targets, with_sla
from support.services import desk
from support.services.requests import SupportError

SUPPORT_DESK = Staff(StaffGroup.SUPPORT)
PAGE_SIZE = 25


class DeskMixin(PolicyRequiredMixin):
    policy = SUPPORT_DESK


def clock_label(clock, now, *, paused=False) -> tuple[str, str]:
    """What the desk says about one SLA clock, and how loudly (a CSS
    modifier): time left in business hours, "breached … ago", paused, met."""
    if clock.due is None:
        return "", "none"
    if not clock.running:
        return (_("Missed"), "breached") if clock.breached else (_("Met"), "met")
    if clock.breached:
        return (
            _("Breached %(time)s ago") % {"time": timesince(clock.due, now, depth=1)},
            "breached",
        )
    if paused:
        return _("Paused while waiting"), "paused"
    hours, minutes = divmod(clock.minutes_left, 60)
    if hours:
        text = _("%(hours)s h %(minutes)s min left") % {
            "hours": hours,
            "minutes": minutes,
        }
    else:
        text = _("%(minutes)s min left") % {"minutes": minutes}
    return text, "soon" if clock.minutes_left < 60 else "ok"


class DeskQueueView(DeskMixin, View):
    @page_cached
    def get(self, request):
        data = request.GET.copy()
        # No status asked (the first visit, a page link of it): open ones.
        data.setdefault("status", OPEN)
        form = DeskFilterForm(data)
        filters = form.cleaned_data if form.is_valid() else {"status": OPEN}
        requests = desk_queue(user=request.user, filters=filters)
        page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
        now = timezone.now()
        rows = [
            (row, *clock_label(row.sla.current, now, paused=row.sla.paused))
            for row in with_sla(page.object_list, now=now)
        ]
        return render(
            request,
            "support/desk_queue.html",
            {
                "form": form,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "rows": rows,
            },
        )


_CHOICE_LABELS = {
    Event.Kind.CREATED: dict(Status.choices),
    Event.Kind.STATUS: dict(Status.choices),
    Event.Kind.PRIORITY: dict(Priority.choices),
}


def _labelled(events):
    """Events whose old and new values are choices show their labels."""
    events = list(events)
    for event in events:
        labels = _CHOICE_LABELS.get(event.kind, {})
        event.old = labels.get(event.old, event.old)
        event.new = labels.get(event.new, event.new)
    return events


def desk_context(request, support_request, **forms):
    now = timezone.now()
    state = with_sla([support_request], now=now)[0].sla
    resolved = support_request.resolved_at is not None
    return {
        "support_request": support_request,
        "sla": state,
        "first_response_label": clock_label(
            state.first_response, now, paused=state.paused
        ),
        "resolution_label": clock_label(state.resolution, now, paused=state.paused),
        "messages_list": list(
            conversation(support_request=support_request, internal=True)
        ),
        "events": _labelled(history(support_request=support_request, internal=True)),
        "attachments": [
            attachment
            for attachment in request_attachments(
                support_request=support_request, internal=True
            )
            if attachment.message_id is None
        ],
        "merged_requests": list(
            SupportRequest.objects.filter(merged_into=support_request).order_by("pk")
        ),
        "merge_targets": list(
            merge_targets(support_request=support_request).values_list(
                "number", "subject"
            )[:50]
        ),
        "reply_form": forms.get("reply_form") or AgentReplyForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            team=support_request.team,
            initial={"assignee": support_request.assignee_id},
        ),
        "status_form": StatusForm(initial={"status": support_request.status}),
        "priority_form": PriorityForm(initial={"priority": support_request.priority}),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "knowledge_form": (
            forms.get("knowledge_form")
            or KnowledgeDraftForm(categories=draft_category_list())
        )
        if resolved
        else None,
        "is_merged": support_request.merged_into_id is not None,
        "is_closed": support_request.status == Status.CLOSED,
    }


class DeskDetailView(DeskMixin, View):
    def get(self, request, number):
        support_request = staff_request_get(number=number)
        return render(
            request,
            "support/desk_detail.html",
            desk_context(request, support_request),
        )


class DeskActionView(DeskMixin, View):
    """One action posted from a request's desk page. A form error or a
    refused action shows the page again with the message (status 400)."""

    http_method_names = ["post"]
    form_class = None
    form_name = ""
    done = ""

    def get_form(self, request, support_request):
        return self.form_class(request.POST, request.FILES)

    def act(self, request, support_request, form):
        raise NotImplementedError

    def post(self, request, number):
        support_request = staff_request_get(number=number)
        form = self.get_form(request, support_request)
        if form.is_valid():
            try:
                self.act(request, support_request, form)
            except SupportError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, self.done)
                return redirect("support:desk_detail", number=number)
        messages.error(request, " ".join(form.non_field_errors()) or self.refused)
        return render(
            request,
            "support/desk_detail.html",
            desk_context(
                request,
                staff_request_get(number=number),
                **{self.form_name: form},
            ),
            status=400,
        )

    refused = gettext_lazy("Please correct the fields below.")


class DeskReplyView(DeskActionView):
    form_class, form_name = AgentReplyForm, "reply_form"

    def act(self, request, support_request, form):
        data = form.cleaned_data
        attachment = data.get("attachment")
        desk.agent_reply(
            support_request=support_request,
            author=request.user,
            body=data["body"],
            internal=data["internal"],
            files=[attachment] if attachment else [],
        )
        if data["then_status"]:
            desk.status_change(
                support_request=support_request,
                actor=request.user,
                status=data["then_status"],
            )
        self.done = (
            _("Internal note added; the customer does not see it.")
            if data["internal"]
            else _("Reply sent to the customer.")
        )


class DeskAssignView(DeskActionView):
    form_name = "assign_form"
    done = gettext_lazy("Assignment saved.")

    def get_form(self, request, support_request):
        return AssignForm(request.POST, team=support_request.team)

    def act(self, request, support_request, form):
        desk.request_assign(
            support_request=support_request,
            actor=request.user,
            assignee=form.cleaned_data["assignee"],
        )


class DeskStatusView(DeskActionView):
    form_class, form_name = StatusForm, "status_form"
    done = gettext_lazy("Status changed; the customer is told.")

    def act(self, request, support_request, form):
        desk.status_change(
            support_request=support_request,
            actor=request.user,
            status=form.cleaned_data["status"],
        )


class DeskPriorityView(DeskActionView):
    form_class, form_name = PriorityForm, "priority_form"
    done = gettext_lazy("Priority changed; the deadlines follow it.")

    def act(self, request, support_request, form):
        desk.priority_change(
            support_request=support_request,
            actor=request.user,
            priority=form.cleaned_data["priority"],
        )


class DeskMergeView(DeskActionView):
    form_class, form_name = MergeForm, "merge_form"
    done = gettext_lazy("Merged; the duplicate is closed and its requester told.")

    def act(self, request, support_request, form):
        number = form.cleaned_data["target"].strip()
        target = (
            SupportRequest.objects.for_company(support_request.company)
            .filter(number__iexact=number)
            .first()
        )
        if target is None:
            raise SupportError(
                _("The company has no request %(number)s.") % {"number": number}
            )
        desk.request_merge(duplicate=support_request, target=target, actor=request.user)


class DeskKnowledgeView(DeskActionView):
    form_name = "knowledge_form"

    def get_form(self, request, support_request):
        return KnowledgeDraftForm(request.POST, categories=draft_category_list())

    def act(self, request, support_request, form):
        page, created = desk.knowledge_draft_create(
            support_request=support_request,
            actor=request.user,
            category_page=form.cleaned_data["category"],
        )
        self.done = (
            _("Draft “%(title)s” is waiting for the knowledge team.")
            if created
            else _("The draft “%(title)s” exists already.")
        ) % {"title": page.title}


DESK_ACTIONS = {
    "reply": DeskReplyView,
    "assign": DeskAssignView,
    "status": DeskStatusView,
    "priority": DeskPriorityView,
    "merge": DeskMergeView,
    "knowledge": DeskKnowledgeView,
}
