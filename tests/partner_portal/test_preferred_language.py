"""The language switcher stores a signed-in user's choice; logging in brings
it back on any device."""

from django.conf import settings
from django.urls import reverse

from partner_portal.language import language_of, preferred_language
from partner_portal.models import UserPreference
from tests.factories import DEFAULT_PASSWORD

SET_LANGUAGE = reverse("set_language")


def test_signed_in_user_keeps_the_language_they_pick(client, buyer):
    client.force_login(buyer)

    response = client.post(SET_LANGUAGE, {"language": "de", "next": "/portal/"})

    assert response.status_code == 302
    buyer.refresh_from_db()
    assert preferred_language(buyer) == "de"
    assert language_of(buyer) == "de"


def test_picking_again_replaces_the_choice(client, buyer):
    client.force_login(buyer)
    client.post(SET_LANGUAGE, {"language": "de", "next": "/portal/"})

    client.post(SET_LANGUAGE, {"language": "fa", "next": "/portal/"})

    assert UserPreference.objects.get(user=buyer).language == "fa"


def test_visitors_and_unknown_languages_store_nothing(client, buyer):
    client.post(SET_LANGUAGE, {"language": "de", "next": "/"})
    client.force_login(buyer)
    client.post(SET_LANGUAGE, {"language": "xx", "next": "/"})

    assert not UserPreference.objects.exists()
    buyer.refresh_from_db()
    assert language_of(buyer) == settings.LANGUAGE_CODE


def test_login_brings_back_the_preferred_language(client, buyer):
    # Given a buyer who chose German on another device
    UserPreference.objects.create(user=buyer, language="de")

    # When they log in on a fresh browser
    response = client.post(
        reverse("login"), {"username": buyer.email, "password": DEFAULT_PASSWORD}
    )

    # Then the portal speaks German from then on
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    page = client.get(reverse("partner_portal:start"))
    assert '<html lang="de" dir="ltr">' in page.text


def test_login_without_a_preference_leaves_the_language_alone(client, buyer):
    response = client.post(
        reverse("login"), {"username": buyer.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
