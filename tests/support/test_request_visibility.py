"""Who sees which request: colleagues see the company's requests while the
company shares them (the default), only their own when the company admin
turns sharing off; approvers always see them; another company's request
answers 404 on every page, file and JSON endpoint."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from support.models import Attachment, SupportSettings
from tests.factories import MembershipFactory
from tests.support.helpers import new_request


@pytest.fixture
def colleague(company):
    from partner_portal.permissions import Role

    return MembershipFactory(
        company=company, role=Role.BUYER, user__email="colleague@acme.example"
    ).user


def _numbers(response):
    return [r.number for r in response.context["requests"]]


def test_colleagues_see_the_companys_requests_by_default(
    client, company, buyer, colleague, desk_team
):
    mine = new_request(company=company, user=buyer)
    theirs = new_request(company=company, user=colleague)
    client.force_login(colleague)

    response = client.get(reverse("support:list"))

    assert _numbers(response) == [theirs.number, mine.number]
    assert client.get(reverse("support:detail", args=[mine.number])).status_code == 200


def test_the_company_admin_turns_sharing_off_and_colleagues_see_their_own(
    client, company, company_admin, buyer, colleague, approver, desk_team
):
    mine = new_request(company=company, user=buyer)
    theirs = new_request(company=company, user=colleague)
    client.force_login(company_admin)

    response = client.post(reverse("support:sharing"), {"share": "0"})

    assert response.status_code == 302
    assert SupportSettings.objects.get(company=company).share_requests is False
    client.force_login(colleague)
    assert _numbers(client.get(reverse("support:list"))) == [theirs.number]
    assert client.get(reverse("support:detail", args=[mine.number])).status_code == 404
    client.force_login(approver)
    assert _numbers(client.get(reverse("support:list"))) == [
        theirs.number,
        mine.number,
    ]


def test_a_buyer_cannot_change_sharing(client, company, buyer):
    client.force_login(buyer)

    response = client.post(reverse("support:sharing"), {"share": "0"})

    assert response.status_code == 403
    assert not SupportSettings.objects.exists()


@pytest.fixture
def globex_request(other_company, other_buyer, desk_team):
    support_request = new_request(company=other_company, user=other_buyer)
    attachment = Attachment(
        request=support_request,
        filename="secret.pdf",
        content_type="application/pdf",
        size=8,
        uploaded_by=other_buyer,
    )
    attachment.file.save("secret.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return support_request, attachment


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("support:detail", "get"),
        ("support:messages", "get"),
        ("support:reply", "post"),
        ("support:rate", "post"),
        ("support:reopen", "post"),
        ("support:attachment", "get"),
    ],
)
def test_another_companys_request_is_404_everywhere(
    client, buyer, globex_request, name, method
):
    support_request, attachment = globex_request
    client.force_login(buyer)
    kwargs = {"number": support_request.number}
    if name == "support:attachment":
        kwargs["pk"] = attachment.pk

    response = getattr(client, method)(reverse(name, kwargs=kwargs), {"body": "hi"})

    assert response.status_code == 404
    assert support_request.messages.count() == 0


def test_another_companys_approval_is_404(client, approver, globex_request):
    support_request, _attachment = globex_request
    client.force_login(approver)

    response = client.post(
        reverse("support:approve", args=[support_request.number]),
        {"decision": "approve"},
    )

    assert response.status_code == 404
