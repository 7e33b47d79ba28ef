"""Orders awaiting my approval in the inbox: the approvals page's pending rows
an approver may decide (never their own order), for their company only."""

from orders.models import OrderApproval
from tests.inbox_data import pending_approvals

TASKS = "/portal/tasks/"
APPROVALS = "/portal/orders/approvals/"


def _count(client, user):
    client.force_login(user)
    sections = client.get(TASKS).context["sections"]
    return next(s.count for s in sections if s.source.key == "orders.approvals")


def _page_rows(client, user):
    client.force_login(user)
    return list(client.get(APPROVALS).context["approvals"])


def test_the_count_agrees_with_the_approvals_page(
    client, company, approver, buyer, other_company, other_buyer
):
    pending_approvals(company=company, buyer=buyer, count=3)
    pending_approvals(
        company=company, buyer=buyer, count=2, status=OrderApproval.Status.APPROVED
    )
    pending_approvals(company=other_company, buyer=other_buyer, count=4)

    assert _count(client, approver) == 3
    assert len(_page_rows(client, approver)) == 3


def test_an_approvers_own_waiting_order_is_not_their_task(
    client, company, company_admin, approver, buyer
):
    pending_approvals(company=company, buyer=buyer, count=1)
    own = pending_approvals(company=company, buyer=company_admin, count=1)[0]

    rows = _page_rows(client, company_admin)

    assert len(rows) == 2
    assert _count(client, company_admin) == 1
    assert _count(client, approver) == 2
    assert own in rows
