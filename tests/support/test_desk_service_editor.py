"""Support staff define services and their request forms at
/portal/support/desk/services/ without code: the customer's catalogue and
form follow; mistakes come back with everything typed; customers and other
staff are refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partner_portal.audience import Audience
from partner_portal.permissions import StaffGroup
from support.models import Department, Service, ServiceField
from support.services.catalogue import service_save
from tests.factories import StaffUserFactory
from tests.support.desk_world import agent

LIST_URL = "/portal/support/desk/services/"
NEW_URL = "/portal/support/desk/services/new/"


@pytest.fixture
def staff(db):
    return agent()


@pytest.fixture
def department(db):
    return Department.objects.create(name="Facilities", slug="facilities", order=3)


def _form(department, team, rows=(), existing=(), **overrides):
    """The editor's POST data: the service, its existing field rows (as
    (ServiceField, changes) pairs) and new rows (dicts)."""
    data = {
        "department": department.pk,
        "team": team.pk,
        "name": "Desk move",
        "slug": "",
        "description": "Move a desk to another room.",
        "icon": "tools",
        "audience": Audience.SIGNED_IN,
        "capability": "",
        "default_priority": "normal",
        "is_active": "on",
        "order": "1",
        "fields-TOTAL_FORMS": str(len(existing) + len(rows)),
        "fields-INITIAL_FORMS": str(len(existing)),
    }
    data.update(overrides)
    all_rows = [
        {
            "id": field.pk,
            "label": field.label,
            "kind": field.kind,
            "choices": field.choices,
            "order": field.order,
            **({"required": "on"} if field.required else {}),
            **({"future_only": "on"} if field.future_only else {}),
            **changes,
        }
        for field, changes in existing
    ] + list(rows)
    for index, row in enumerate(all_rows):
        for key, value in row.items():
            data[f"fields-{index}-{key}"] = value
    return data


ROOM = {"label": "Room", "kind": "choice", "choices": "A 101\nB 202\n", "order": "0"}
MOVE_DATE = {
    "label": "Move date",
    "kind": "date",
    "required": "on",
    "future_only": "on",
    "order": "1",
}


def test_staff_create_a_service_that_customers_see_and_request(
    client, staff, department, desk_team, buyer
):
    client.force_login(staff)
    assert client.get(NEW_URL).status_code == 200

    response = client.post(NEW_URL, _form(department, desk_team, [ROOM, MOVE_DATE]))

    assert response.status_code == 302
    assert response.url == LIST_URL
    service = Service.objects.get(slug="desk-move")
    assert service.team == desk_team
    assert service.icon == "tools"
    fields = list(service.fields.order_by("order"))
    assert [(f.label, f.kind, f.required, f.future_only) for f in fields] == [
        ("Room", "choice", False, False),
        ("Move date", "date", True, True),
    ]
    listing = client.get(LIST_URL).content.decode()
    assert "Desk move" in listing
    assert reverse("support:desk_service_edit", kwargs={"slug": "desk-move"}) in (
        listing
    )

    client.force_login(buyer)
    assert "Desk move" in client.get("/portal/support/").content.decode()
    page = client.get(reverse("support:service_request", kwargs={"slug": "desk-move"}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Room" in html
    assert "A 101" in html
    assert "Move date" in html


def test_editing_removes_a_field_and_keeps_the_others(
    client, staff, department, desk_team
):
    service = Service.objects.create(
        department=department, team=desk_team, name="Desk move", slug="desk-move"
    )
    room = ServiceField.objects.create(
        service=service, label="Room", kind="choice", choices="A\nB", order=0
    )
    date = ServiceField.objects.create(
        service=service, label="Move date", kind="date", required=True, order=1
    )
    client.force_login(staff)
    url = reverse("support:desk_service_edit", kwargs={"slug": "desk-move"})
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        _form(
            department,
            desk_team,
            existing=[(room, {"DELETE": "on"}), (date, {})],
            slug="desk-move",
            name="Desk and chair move",
        ),
    )

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Desk and chair move"
    assert list(service.fields.values_list("label", flat=True)) == ["Move date"]


def test_a_choice_with_one_option_comes_back_with_everything_typed(
    client, staff, department, desk_team
):
    client.force_login(staff)
    one_option = {**ROOM, "choices": "Only room"}

    response = client.post(
        NEW_URL,
        _form(department, desk_team, [one_option, MOVE_DATE], name="Typed name"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "A choice needs at least two options, one per line." in html
    assert 'value="Typed name"' in html
    assert "Only room" in html
    assert 'value="Move date"' in html
    assert not Service.objects.filter(name="Typed name").exists()


def test_future_only_on_a_text_field_and_twice_the_same_label_are_refused(
    client, staff, department, desk_team
):
    client.force_login(staff)
    text = {"label": "Room", "kind": "text", "future_only": "on", "order": "0"}
    same = {"label": "room ", "kind": "text", "order": "1"}

    response = client.post(NEW_URL, _form(department, desk_team, [text, same]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Only a date can be limited to future dates." in html
    assert "Each field of a service needs its own label." in html
    assert not Service.objects.exists()


def test_a_taken_slug_comes_back_with_a_clear_message(
    client, staff, department, desk_team
):
    Service.objects.create(
        department=department, team=desk_team, name="Desk move", slug="desk-move"
    )
    client.force_login(staff)

    response = client.post(
        NEW_URL,
        _form(department, desk_team, [ROOM], description="Second try"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "is taken by another service" in html
    assert "Second try" in html
    assert 'value="Room"' in html
    assert Service.objects.count() == 1


@pytest.mark.parametrize(
    "url", [LIST_URL, NEW_URL, "/portal/support/desk/services/desk-move/"]
)
def test_customers_and_other_staff_are_refused(
    client, buyer, department, desk_team, url
):
    Service.objects.create(
        department=department, team=desk_team, name="Desk move", slug="desk-move"
    )
    sales = StaffUserFactory(staff_groups=[StaffGroup.SALES])
    for user in (buyer, sales):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, _form(department, desk_team)).status_code == 403
    assert Service.objects.get().name == "Desk move"
    assert Service.objects.count() == 1


def test_the_queue_links_to_the_services(client, staff):
    client.force_login(staff)

    html = client.get("/portal/support/desk/").content.decode()

    assert f'href="{LIST_URL}"' in html


def _field(**values):
    return ServiceField(**{"label": "Room", "kind": "text", **values})


@pytest.mark.parametrize(
    ("fields", "slug"),
    [
        ([{"kind": "choice", "choices": "Only one\n"}], "desk-move"),
        ([{"future_only": True}], "desk-move"),
        ([{}, {"label": " room"}], "desk-move"),
        ([{}], "new"),
    ],
    ids=["one-option", "future-text", "same-label", "reserved-slug"],
)
def test_the_service_refuses_what_the_forms_refuse(department, desk_team, fields, slug):
    service = Service(department=department, team=desk_team, name="Desk move")
    service.slug = slug

    with pytest.raises(ValidationError):
        service_save(service=service, fields=[_field(**row) for row in fields])

    assert not Service.objects.exists()
    assert not ServiceField.objects.exists()


def test_a_new_field_may_not_repeat_a_kept_label(department, desk_team):
    service = service_save(
        service=Service(department=department, team=desk_team, name="Desk move"),
        fields=[_field()],
    )
    assert service.slug == "desk-move"

    with pytest.raises(ValidationError):
        service_save(service=service, fields=[_field(label="ROOM")])

    assert service.fields.count() == 1
