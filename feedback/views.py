"""Sending feedback (anyone, from the footer of every page) and the staff
queue (Support and Sales)."""

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from feedback import services
from feedback.forms import FeedbackFilterForm, FeedbackForm, FeedbackHandleForm
from feedback.models import Feedback
from feedback.paths import local_path
from feedback.selectors import (
    staff_feedback_counts,
    staff_feedback_get,
    staff_feedback_list,
)
from partner_portal.access import PolicyRequiredMixin
from partner_portal.exports import csv_safe
from partner_portal.files import ATTACHMENT, CSV, private_content_response
from partner_portal.permissions import StaffGroup
from partner_portal.policy import PUBLIC, Staff
from partner_portal.views.accounts import axes_client_ip

FEEDBACK_QUEUE = Staff(StaffGroup.SUPPORT, StaffGroup.SALES)
EXPORT_LIMIT = 50_000
PAGE_SIZE = 25


def _origin(value) -> str:
    """The page the visitor came from, when it is a local path other than the
    feedback pages themselves; "" otherwise."""
    path = local_path(value)
    if path.startswith(reverse("feedback:send")):
        return ""
    return path


class FeedbackSendView(PolicyRequiredMixin, View):
    """The form behind the footer's "Feedback" link, for members and
    visitors alike."""

    policy = PUBLIC

    def _page(self, request, form, status=200):
        return render(
            request,
            "feedback/feedback_form.html",
            {"form": form, "back_url": form["page_url"].value() or ""},
            status=status,
        )

    def get(self, request):
        form = FeedbackForm(
            initial={"page_url": _origin(request.GET.get("from"))},
            signed_in=request.user.is_authenticated,
        )
        return self._page(request, form)

    def post(self, request):
        form = FeedbackForm(request.POST, signed_in=request.user.is_authenticated)
        if not form.is_valid():
            return self._page(request, form)
        data = form.cleaned_data
        page_url = _origin(data["page_url"])
        try:
            services.feedback_create(
                kind=data["kind"],
                message=data["message"],
                page_url=page_url,
                user=request.user,
                company=request.company,
                email=data.get("email", ""),
                language=translation.get_language() or "",
                submission_key=data["submission_key"],
                client_ip=axes_client_ip(request),
            )
        except services.FeedbackRateLimited as error:
            form.add_error(None, str(error))
            return self._page(request, form, status=429)
        thanks = reverse("feedback:thanks")
        if page_url:
            thanks += "?" + urlencode({"from": page_url})
        return redirect(thanks)


class FeedbackThanksView(PolicyRequiredMixin, View):
    policy = PUBLIC

    def get(self, request):
        return render(
            request,
            "feedback/feedback_thanks.html",
            {"back_url": _origin(request.GET.get("from"))},
        )


def _queue_url(query: QueryDict) -> str:
    """The queue with the filters and page of `query`, re-validated."""
    filters = FeedbackFilterForm(query).filters()
    params = {key: value for key, value in filters.items() if value}
    page = query.get("page", "")
    if page.isdigit():
        params["page"] = page
    return reverse("feedback:queue") + "?" + urlencode(params)


class FeedbackQueueView(PolicyRequiredMixin, View):
    policy = FEEDBACK_QUEUE

    def get(self, request):
        form = FeedbackFilterForm(request.GET)
        filters = form.filters()
        page = Paginator(staff_feedback_list(**filters), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        counts = staff_feedback_counts(status=filters["status"])
        return render(
            request,
            "feedback/feedback_queue.html",
            {
                "form": form,
                "filters": filters,
                "kind_counts": [
                    (value, label, counts[value])
                    for value, label in Feedback.Kind.choices
                ],
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "entries": page.object_list,
                "handle_form": FeedbackHandleForm(),
                "back_query": request.GET.urlencode(),
            },
        )


class FeedbackHandleView(PolicyRequiredMixin, View):
    """Mark one entry in review or done, with a note; back to the queue as it
    was filtered."""

    policy = FEEDBACK_QUEUE
    http_method_names = ["post"]

    def post(self, request, pk):
        feedback = staff_feedback_get(pk=pk)
        back = _queue_url(QueryDict(request.POST.get("back", "")))
        form = FeedbackHandleForm(request.POST)
        if not form.is_valid():
            messages.error(
                request,
                _("The feedback was not changed: %(errors)s")
                % {
                    "errors": " ".join(e for errs in form.errors.values() for e in errs)
                },
            )
            return redirect(back)
        feedback = services.feedback_status_change(
            feedback=feedback,
            actor=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            _("Feedback #%(number)s is now: %(status)s.")
            % {"number": feedback.pk, "status": feedback.get_status_display()},
        )
        return redirect(back)


class FeedbackExportView(PolicyRequiredMixin, View):
    """The filtered queue as CSV."""

    policy = FEEDBACK_QUEUE

    def get(self, request):
        filters = FeedbackFilterForm(request.GET).filters()
        entries = staff_feedback_list(**filters)[:EXPORT_LIMIT]
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = private_content_response(
            filename=f"feedback-{stamp}.csv", content_type=CSV, disposition=ATTACHMENT
        )
        response.write("\ufeff")  # so that Excel reads UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Number"),
                _("Sent at"),
                _("Kind"),
                _("Status"),
                _("Message"),
                _("Page"),
                _("Email"),
                _("Company"),
                _("Language"),
                _("Handled by"),
                _("Handled at"),
                _("Staff note"),
            ]
        )
        for entry in entries:
            writer.writerow(
                [
                    csv_safe(value)
                    for value in (
                        entry.pk,
                        _stamp(entry.created_at),
                        entry.get_kind_display(),
                        entry.get_status_display(),
                        entry.message,
                        entry.page_url,
                        entry.sender_email,
                        entry.company.name if entry.company_id else "",
                        entry.language,
                        entry.handled_by.email if entry.handled_by_id else "",
                        _stamp(entry.handled_at),
                        entry.staff_note,
                    )
                ]
            )
        return response


def _stamp(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
