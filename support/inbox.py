"""Service requests in the "my tasks" inbox (partner_portal.inbox): those
awaiting my approval and my own that wait for my reply. The counts are the
request list's with the same filter."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_portal.inbox import InboxItem, InboxSource, register_source
from partner_portal.permissions import Capability
from partner_portal.policy import Member
from support.selectors import (
    AWAITING_MY_APPROVAL,
    WAITING_FOR_ME,
    approval_queue,
    waiting_for_reply,
)

APPROVER = Member(Capability.SUPPORT_APPROVE)
REQUESTER = Member(Capability.SUPPORT_REQUEST)


def _list_url(status):
    return f"{reverse('support:list')}?status={status}"


def _item(support_request, detail):
    return InboxItem(
        title=f"{support_request.number} · {support_request.subject}",
        url=reverse("support:detail", args=[support_request.number]),
        when=support_request.created_at,
        detail=detail,
    )


def _approval_items(request, limit):
    return [
        _item(
            support_request,
            _("%(service)s for %(name)s")
            % {
                "service": support_request.service.name
                if support_request.service
                else "",
                "name": support_request.requester.get_full_name()
                or support_request.requester.email,
            },
        )
        for support_request in approval_queue(
            company=request.company, user=request.user
        )[:limit]
    ]


def _waiting_items(request, limit):
    return [
        _item(support_request, support_request.get_status_display())
        for support_request in waiting_for_reply(
            company=request.company, user=request.user
        )[:limit]
    ]


register_source(
    InboxSource(
        key="support.approvals",
        title=gettext_lazy("Service requests awaiting my approval"),
        is_visible=APPROVER.allows,
        count=lambda request: approval_queue(
            company=request.company, user=request.user
        ).count(),
        items=_approval_items,
        url=lambda request: _list_url(AWAITING_MY_APPROVAL),
        order=15,
    )
)
register_source(
    InboxSource(
        key="support.waiting",
        title=gettext_lazy("Requests waiting for my reply"),
        is_visible=REQUESTER.allows,
        count=lambda request: waiting_for_reply(
            company=request.company, user=request.user
        ).count(),
        items=_waiting_items,
        url=lambda request: _list_url(WAITING_FOR_ME),
        order=25,
    )
)
