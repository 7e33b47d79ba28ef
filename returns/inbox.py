"""Returns in the "my tasks" inbox (partner_portal.inbox): the customer's
returns waiting to be sent back, and the returns desk's queue."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from partner_portal.inbox import InboxItem, InboxSource, register_source
from partner_portal.permissions import Capability
from partner_portal.policy import RETURNS_DESK, Member
from returns.models import ReturnRequest
from returns.selectors import WAITING, desk_return_list, return_list

RETURNS_VIEWER = Member(Capability.ORDER_VIEW_OWN)
# Once the desk has issued the label, the next step is the customer's: print
# it and send the goods back.
CUSTOMER_STEP = ReturnRequest.Status.LABEL_ISSUED


def returns_to_send_back(*, company, user, membership):
    """The returns list filtered to those waiting for the customer, exactly as
    the returns page shows them with that status filter."""
    return return_list(
        company=company,
        user=user,
        membership=membership,
        filters={"status": CUSTOMER_STEP},
    )


def _customer_returns(request):
    return returns_to_send_back(
        company=request.company, user=request.user, membership=request.membership
    )


def _item(return_request, url_name):
    return InboxItem(
        title=f"{return_request.number} · {return_request.get_status_display()}",
        url=reverse(url_name, args=[return_request.number]),
        when=return_request.updated_at,
        detail=return_request.order.number,
    )


register_source(
    InboxSource(
        key="returns.send_back",
        title=gettext_lazy("Returns to send back"),
        is_visible=RETURNS_VIEWER.allows,
        count=lambda request: _customer_returns(request).count(),
        items=lambda request, limit: [
            _item(item, "returns:detail")
            for item in _customer_returns(request).order_by("updated_at", "pk")[:limit]
        ],
        url=lambda request: f"{reverse('returns:list')}?status={CUSTOMER_STEP}",
        order=30,
    )
)


def _desk_waiting():
    return desk_return_list(filters={"status": WAITING})


register_source(
    InboxSource(
        key="returns.desk",
        title=gettext_lazy("Returns waiting for the returns desk"),
        is_visible=RETURNS_DESK.allows,
        count=lambda request: _desk_waiting().count(),
        items=lambda request, limit: [
            _item(item, "returns:desk_detail") for item in _desk_waiting()[:limit]
        ],
        url=lambda request: f"{reverse('returns:desk')}?status={WAITING}",
        order=110,
    )
)
