"""Forgotten and changed passwords."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

User = get_user_model()
NEW_PASSWORD = "a-brand-new-passphrase-73"


def test_password_reset_mails_a_link_that_sets_a_new_password(
    client, buyer, mailoutbox, django_capture_on_commit_callbacks
):
    # When the buyer asks for a reset (the mail is queued at the commit)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("password_reset"), {"email": "buyer@acme.example"}
        )

    # Then they get one mail with a link
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["buyer@acme.example"]
    match = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/\S+/\S+/)", mailoutbox[0].body
    )
    assert match, mailoutbox[0].body

    # And the link leads to a form that sets the new password
    response = client.get(match.group(1))
    assert response.status_code == 302
    form_url = response.url
    assert form_url.endswith("/set-password/")
    response = client.get(form_url)
    assert response.status_code == 200
    assert response.context["validlink"] is True
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    buyer.refresh_from_db()
    assert buyer.check_password(NEW_PASSWORD)

    # And the link cannot be used again
    response = client.get(match.group(1))
    assert response.status_code == 200
    assert response.context["validlink"] is False


def test_password_reset_link_points_at_the_portal(
    client, buyer, mailoutbox, settings, django_capture_on_commit_callbacks
):
    # Django builds the link from the sites framework, whose row says
    # "example.com" unless someone changes it; the portal uses PORTAL_BASE_URL.
    settings.PORTAL_BASE_URL = "https://portal.example.com"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "buyer@acme.example"})

    link = re.search(r"\S+/accounts/password/reset/\S+/\S+/", mailoutbox[0].body)
    assert link.group(0).startswith("https://portal.example.com/accounts/")


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(
    client, buyer, mailoutbox
):
    response = client.post(reverse("password_reset"), {"email": "stranger@example.com"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []


def test_password_change_works(client, buyer):
    client.force_login(buyer)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    buyer.refresh_from_db()
    assert buyer.check_password(NEW_PASSWORD)
    # The session survives the change.
    assert client.get(reverse("partner_portal:start")).status_code == 200


def test_password_change_with_a_wrong_old_password_changes_nothing(client, buyer):
    client.force_login(buyer)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "not-my-password",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["old_password"]
    buyer.refresh_from_db()
    assert buyer.check_password(DEFAULT_PASSWORD)


def test_password_reset_mail_is_in_the_users_language(
    client, buyer, mailoutbox, django_capture_on_commit_callbacks
):
    from partner_portal.language import preferred_language_set

    preferred_language_set(user=buyer, language="de")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "buyer@acme.example"})

    assert [m.subject for m in mailoutbox] == ["Ihr neues Passwort für das Portal"]
