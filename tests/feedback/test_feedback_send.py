"""Sending feedback from the footer link: as a member and as a visitor, what is
kept, bad input shown again with everything typed, one entry per form even when
it is posted twice, and the footer link on every page."""

import pytest
from django.urls import reverse

from feedback.models import Feedback
from tests.feedback.conftest import form_data, send


def test_a_member_sends_a_suggestion_with_their_company_and_language(
    client, buyer, company
):
    client.force_login(buyer)

    response = client.post(
        reverse("feedback:send"),
        form_data(message="  Please add a dark mode.  ", email="other@example.com"),
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 302
    assert response.url == "/feedback/thanks/?from=%2Fportal%2Forders%2F"
    entry = Feedback.objects.get()
    assert (
        entry.kind,
        entry.message,
        entry.page_url,
        entry.user,
        entry.company,
        entry.email,
        entry.language,
        entry.status,
    ) == (
        "suggestion",
        "Please add a dark mode.",
        "/portal/orders/",
        buyer,
        company,
        "",
        "de",
        "new",
    )
    assert entry.sender_email == "buyer@acme.example"


def test_a_visitor_sends_a_complaint_with_an_optional_email(client, db):
    response = send(client, kind="complaint", email="visitor@example.com")

    assert response.status_code == 302
    entry = Feedback.objects.get()
    assert (entry.kind, entry.user, entry.company, entry.email) == (
        "complaint",
        None,
        None,
        "visitor@example.com",
    )


def test_a_visitor_may_leave_no_email(client, db):
    send(client, email="")

    assert Feedback.objects.get().email == ""


def test_the_form_asks_visitors_for_an_email_and_members_not(client, buyer):
    visitor_page = client.get(reverse("feedback:send")).content.decode()
    client.force_login(buyer)
    member_page = client.get(reverse("feedback:send")).content.decode()

    assert 'name="email"' in visitor_page
    assert 'name="email"' not in member_page
    for kind in ("suggestion", "praise", "complaint"):
        assert f'type="radio" name="kind" value="{kind}"' in member_page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "Choose suggestion, praise or complaint."),
        ({"kind": "rant"}, "kind", "Select a valid choice."),
        ({"message": "   "}, "message", "Write a few words for us."),
        (
            {"message": "x" * 4001},
            "message",
            "Ensure this value has at most 4000 characters (it has 4001).",
        ),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
    ],
    ids=["no-kind", "unknown-kind", "blank-message", "too-long", "bad-email"],
)
def test_bad_input_is_shown_again_with_what_was_typed(
    client, db, overrides, field, message
):
    data = {"message": "Keep this text", "email": "me@example.com", **overrides}

    response = send(client, **data)

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    page = response.content.decode()
    if field != "message":
        assert "Keep this text</textarea>" in page
    if field != "email":
        assert 'value="me@example.com"' in page
    assert 'value="/portal/orders/"' in page
    assert Feedback.objects.count() == 0


def test_a_form_posted_twice_makes_one_entry(client, buyer):
    client.force_login(buyer)

    first = send(client, submission_key="double")
    second = send(client, submission_key="double", message="Changed my mind")

    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert list(Feedback.objects.values_list("message", flat=True)) == [
        "Please add a dark mode."
    ]


def test_each_form_gets_its_own_token(client, db):
    keys = {
        client.get(reverse("feedback:send")).context["form"]["submission_key"].value()
        for _ in range(2)
    }

    assert len(keys) == 2


def test_the_footer_links_every_page_to_the_form_with_its_path(client, buyer):
    client.force_login(buyer)

    page = client.get(reverse("orders:list")).content.decode()
    form = client.get(
        reverse("feedback:send"), {"from": "/portal/orders/"}
    ).content.decode()

    footer = page[page.index("<footer") : page.index("</footer>")]
    assert (
        '<a href="/feedback/?from=%2Fportal%2Forders%2F" id="footer-feedback">'
        "Feedback</a>"
    ) in footer
    assert 'name="page_url" value="/portal/orders/"' in form


def test_the_thank_you_page_links_back_to_the_page(client, db):
    response = client.get(reverse("feedback:thanks"), {"from": "/portal/orders/"})

    assert response.status_code == 200
    assert '<a class="btn btn-primary" id="feedback-back" href="/portal/orders/">' in (
        response.content.decode()
    )


def test_the_thank_you_page_never_shows_what_anyone_sent(client, buyer, other_buyer):
    client.force_login(other_buyer)
    send(client, message="Globex secret wish", submission_key="globex")
    client.force_login(buyer)

    page = client.get(reverse("feedback:thanks")).content.decode()
    form = client.get(reverse("feedback:send")).content.decode()

    assert "Globex secret wish" not in page
    assert "Globex secret wish" not in form
