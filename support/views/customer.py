"""The member's requests: list (with the company admin's sharing switch),
detail with conversation and history, and the actions on one request."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.files import ATTACHMENT, private_file_response
from partner_portal.permissions import Capability, StaffGroup, capabilities_for
from partner_portal.policy import Member, Staff
from support import services
from support.forms import RatingForm, ReplyForm
from support.models import Status
from support.selectors import (
    AWAITING_MY_APPROVAL,
    WAITING_FOR_ME,
    conversation,
    history,
    request_attachments,
    request_get,
    request_list,
    sharing_of,
    staff_request_get,
)
from support.services import SupportError
from support.views.catalogue import SUPPORT_MEMBER

SUPPORT_DESK = Staff(StaffGroup.SUPPORT)
STATUS_FILTERS = ("open", AWAITING_MY_APPROVAL, WAITING_FOR_ME, *Status.values)


class RequestListView(PolicyRequiredMixin, View):
    policy = SUPPORT_MEMBER

    def get(self, request):
        status = request.GET.get("status", "")
        status = status if status in STATUS_FILTERS else ""
        requests = request_list(
            company=self.company,
            user=request.user,
            membership=request.membership,
            status=status or None,
        )
        page = Paginator(requests, 25).get_page(request.GET.get("page"))
        held = capabilities_for(request.membership)
        may_share = Capability.COMPANY_MANAGE in held
        return render(
            request,
            "support/request_list.html",
            {
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "requests": page.object_list,
                "status": status,
                "statuses": Status.choices,
                "may_approve": Capability.SUPPORT_APPROVE in held,
                "shared": may_share and sharing_of(company=self.company),
                "may_share": may_share,
            },
        )


class SharingView(PolicyRequiredMixin, View):
    """The company admin decides whether colleagues see each other's requests."""

    policy = Member(Capability.COMPANY_MANAGE)

    def post(self, request):
        share = request.POST.get("share") == "1"
        services.sharing_set(company=self.company, share=share)
        messages.success(
            request,
            _("Colleagues now see all of the company's requests.")
            if share
            else _("Colleagues now see only their own requests."),
        )
        return redirect("support:list")


class RequestMixin(PolicyRequiredMixin):
    policy = SUPPORT_MEMBER

    def support_request(self, request, number):
        return request_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )


class RequestDetailView(RequestMixin, View):
    def get(self, request, number):
        support_request = self.support_request(request, number)
        return render(
            request,
            "support/request_detail.html",
            detail_context(request, support_request),
        )


def detail_context(request, support_request, **forms):
    held = capabilities_for(request.membership)
    is_requester = support_request.requester_id == request.user.pk
    resolved = support_request.status == Status.RESOLVED
    return {
        "support_request": support_request,
        "messages_list": list(conversation(support_request=support_request)),
        "events": list(history(support_request=support_request)),
        "attachments": [
            attachment
            for attachment in request_attachments(support_request=support_request)
            if attachment.message_id is None
        ],
        "reply_form": forms.get("reply_form")
        or (ReplyForm() if support_request.is_open else None),
        "rating_form": forms.get("rating_form")
        or (RatingForm() if resolved and is_requester else None),
        "may_reopen": resolved,
        "may_approve": support_request.approval == support_request.Approval.PENDING
        and Capability.SUPPORT_APPROVE in held
        and not is_requester,
    }


class ReplyView(RequestMixin, View):
    def post(self, request, number):
        support_request = self.support_request(request, number)
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            attachment = form.cleaned_data.get("attachment")
            try:
                services.customer_reply(
                    support_request=support_request,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    files=[attachment] if attachment else [],
                )
            except SupportError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your reply is sent."))
                return redirect("support:detail", number=number)
        return render(
            request,
            "support/request_detail.html",
            detail_context(request, support_request, reply_form=form),
            status=400,
        )


class RateView(RequestMixin, View):
    def post(self, request, number):
        support_request = self.support_request(request, number)
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                services.request_rate(
                    support_request=support_request,
                    user=request.user,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
            except SupportError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Thank you for your rating."))
            return redirect("support:detail", number=number)
        return render(
            request,
            "support/request_detail.html",
            detail_context(request, support_request, rating_form=form),
            status=400,
        )


class ReopenView(RequestMixin, View):
    def post(self, request, number):
        support_request = self.support_request(request, number)
        try:
            services.request_reopen(
                support_request=support_request,
                user=request.user,
                body=request.POST.get("body", "")[:10000],
            )
        except SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The request is back with the team."))
        return redirect("support:detail", number=number)


class ApproveView(RequestMixin, View):
    policy = Member(Capability.SUPPORT_APPROVE)

    def post(self, request, number):
        support_request = self.support_request(request, number)
        approve = request.POST.get("decision") == "approve"
        try:
            services.request_approve(
                support_request=support_request,
                user=request.user,
                approve=approve,
                reason=request.POST.get("reason", "")[:2000],
            )
        except SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The request is approved; the team starts now.")
                if approve
                else _("The request is rejected."),
            )
        return redirect("support:detail", number=number)


class AgentOrMemberMixin(PolicyRequiredMixin):
    """Members open their company's requests (public parts only); the service
    desk's staff open any request, internal notes included."""

    policy = SUPPORT_MEMBER | SUPPORT_DESK

    @cached_property
    def agent(self):
        return SUPPORT_DESK.allows(self.request)

    def support_request(self, request, number):
        if self.agent:
            return staff_request_get(number=number)
        return request_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )


class AttachmentView(AgentOrMemberMixin, View):
    def get(self, request, number, pk):
        support_request = self.support_request(request, number)
        attachment = (
            request_attachments(support_request=support_request, internal=self.agent)
            .filter(pk=pk)
            .first()
        )
        if attachment is None:
            raise Http404
        return private_file_response(
            attachment.file,
            filename=attachment.filename,
            content_type=attachment.content_type,
            disposition=ATTACHMENT,
        )
