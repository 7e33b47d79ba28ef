"""Who may open which returns URL: every named URL in the `returns`
namespace, for a visitor, a member of another company, a member or staff
user missing what it needs, and someone allowed. Another company's returns,
photos, labels and credit notes answer 404; denials change nothing."""

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from partner_portal.permissions import Role, StaffGroup
from returns.models import (
    CreditNote,
    ReturnEvent,
    ReturnLine,
    ReturnPhoto,
    ReturnPolicy,
    ReturnRequest,
)
from returns.services import return_request_create
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.factories.orders import order_place, product_create
from tests.helpers import snapshot
from tests.matrix import (
    FORBIDDEN,
    GO_NO_COMPANY,
    LOGIN,
    NOT_FOUND,
    OK,
    Expect,
    Row,
    matrix_tests,
)
from tests.returns.conftest import deliver, image_bytes


def _order(world):
    return {"number": world.order.number}


def _return(world):
    return {"number": world.return_request.number}


def _photo(world):
    return {"number": world.return_request.number, "pk": world.photo.pk}


def _request_form(world):
    return {
        "reason": "damaged",
        "comment": "",
        "submission_key": "matrix",
        f"qty_{world.order.lines.get().pk}": 1,
    }


def _list_row(name):
    return Row(
        name,
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
    )


def _file_rows(name, kwargs):
    return [
        Row(
            name,
            kwargs=kwargs,
            anonymous=LOGIN,
            other_company=NOT_FOUND,
            # A colleague who may see only their own returns.
            missing_capability=("colleague", NOT_FOUND),
            allowed=("buyer", OK),
        ),
        Row(name, kwargs=kwargs, allowed=("desk", OK), label="-desk"),
    ]


def _desk_row(name, **extra):
    return Row(
        name,
        anonymous=LOGIN,
        other_company=FORBIDDEN,
        missing_capability=("sales", FORBIDDEN),
        **extra,
    )


MATRIX = [
    _list_row("returns:list"),
    _list_row("returns:export"),
    _list_row("returns:credit_notes"),
    Row(
        "returns:create",
        kwargs=_order,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", OK),
    ),
    Row(
        "returns:create",
        method="post",
        kwargs=_order,
        data=_request_form,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", Expect(302, changes=True)),
    ),
    Row(
        "returns:detail",
        kwargs=_return,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("colleague", NOT_FOUND),
        allowed=("buyer", OK),
    ),
    *_file_rows("returns:label", _return),
    *_file_rows("returns:credit_note", _return),
    *_file_rows("returns:photo", _photo),
    _desk_row("returns:desk", allowed=("desk", OK)),
    _desk_row("returns:desk_policy", allowed=("desk", OK)),
    _desk_row(
        "returns:desk_policy",
        method="post",
        data=lambda w: {f"window_{w.product_class.pk}": "14"},
        allowed=("desk", Expect(302, "/portal/returns/desk/policy/", changes=True)),
    ),
    _desk_row("returns:desk_detail", kwargs=_return, allowed=("desk", OK)),
    # The desk is the group's, whether or not the member is Django staff.
    Row(
        "returns:desk_detail",
        kwargs=_return,
        allowed=("desk_not_staff", OK),
        label="-group-without-is-staff",
    ),
    _desk_row(
        "returns:desk_close",
        method="post",
        kwargs=_return,
        data=lambda w: {"note": "matrix"},
        allowed=("desk", Expect(302, changes=True)),
    ),
    # The world's return is credited: every other step is refused on the page
    # and changes nothing.
    *(
        _desk_row(
            f"returns:desk_{step}",
            method="post",
            kwargs=_return,
            allowed=("desk", OK),
        )
        for step in (
            "approve",
            "reject",
            "label",
            "receive",
            "refund",
            "credit",
            "replace",
        )
    ),
]


@pytest.fixture
def world(db):
    company = CompanyFactory(name="Acme Industrial GmbH")
    users = {
        persona: MembershipFactory(company=company, role=role).user
        for persona, role in [
            ("buyer", Role.BUYER),
            ("colleague", Role.BUYER),
            ("approver", Role.APPROVER),
        ]
    }
    buyer = users["buyer"]
    bolts = product_create(title="Hex bolt M8 (100)", sku="BOLT-M8-100", price="20")
    order = deliver(order_place(user=buyer, company=company, lines=[(bolts, 5)]))
    return_request = return_request_create(
        company=company,
        user=buyer,
        order=order,
        quantities={order.lines.get().pk: 2},
        reason="damaged",
        comment="",
        photos=[],
        submission_key="world",
    )
    # A credited return, as far as these URLs care: label, photo, credit note.
    ReturnRequest.objects.filter(pk=return_request.pk).update(status="credited")
    return_request.refresh_from_db()
    return_request.label_pdf.save("label.pdf", ContentFile(b"%PDF-1.4 label"))
    photo = ReturnPhoto(
        return_request=return_request,
        content_type="image/png",
        width=40,
        height=30,
        size=100,
    )
    photo.image.save("photo.png", ContentFile(image_bytes()), save=True)
    note = CreditNote(
        company=company,
        return_request=return_request,
        number="CN-TEST-1",
        amount=10,
        currency="EUR",
        sha256="0",
    )
    note.pdf.save("CN-TEST-1.pdf", ContentFile(b"%PDF-1.4 credit"), save=True)

    desk = StaffUserFactory(staff_groups=[StaffGroup.RETURNS_DESK])
    desk_not_staff = StaffUserFactory(
        is_staff=False, staff_groups=[StaffGroup.RETURNS_DESK]
    )
    users |= {
        "anonymous": None,
        "other_admin": MembershipFactory(
            company=CompanyFactory(name="Globex"), role=Role.COMPANY_ADMIN
        ).user,
        "no_company": UserFactory(),
        "desk": desk,
        "desk_not_staff": desk_not_staff,
        "sales": StaffUserFactory(),
    }
    yield SimpleNamespace(
        company=company,
        order=order,
        return_request=return_request,
        photo=photo,
        product_class=bolts.product_class,
        users=users,
    )
    return_request.label_pdf.delete(save=False)
    photo.image.delete(save=False)
    note.pdf.delete(save=False)


def _database(world):
    return snapshot(
        ReturnRequest,
        ReturnLine,
        ReturnPhoto,
        ReturnEvent,
        CreditNote,
        ReturnPolicy,
    )


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(
    MATRIX,
    "returns",
    database=_database,
)


def test_returns_photos_labels_and_credit_notes_of_another_company_are_404():
    object_rows = {
        row.name for row in MATRIX if row.kwargs in (_return, _photo, _order)
    }
    not_found = {row.name for row in MATRIX if row.other_company == NOT_FOUND}

    assert {
        "returns:detail",
        "returns:label",
        "returns:photo",
        "returns:credit_note",
        "returns:create",
    } <= not_found
    desk_rows = {name for name in object_rows if name.startswith("returns:desk")}
    assert object_rows - desk_rows <= not_found
