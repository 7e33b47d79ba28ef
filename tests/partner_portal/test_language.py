"""Users choose their language; Persian pages are right-to-left."""

import pytest
from django.urls import reverse

SET_LANGUAGE = reverse("set_language")


@pytest.mark.parametrize(
    ("language", "direction"),
    [("fa", "rtl"), ("de", "ltr"), ("es", "ltr"), ("zh-hans", "ltr"), ("en", "ltr")],
)
def test_chosen_language_sets_lang_and_direction(client, db, language, direction):
    # When a visitor picks a language
    response = client.post(
        SET_LANGUAGE, {"language": language, "next": "/accounts/login/"}
    )
    assert response.status_code == 302
    assert response.url == "/accounts/login/"

    # Then the next pages speak it, in its direction
    page = client.get(reverse("login"))
    assert f'<html lang="{language}" dir="{direction}">' in page.text


def test_persian_start_page_is_right_to_left_with_the_rtl_stylesheet(client, buyer):
    client.force_login(buyer)
    client.post(SET_LANGUAGE, {"language": "fa", "next": "/portal/"})

    response = client.get(reverse("partner_portal:start"))

    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl">' in response.text
    assert "bootstrap.rtl.min.css" in response.text
    assert response.context["is_rtl"] is True


def test_unknown_language_keeps_the_default(client, db):
    response = client.post(SET_LANGUAGE, {"language": "xx", "next": "/accounts/login/"})

    assert response.status_code == 302
    assert "django_language" not in response.cookies
    page = client.get(reverse("login"))
    assert '<html lang="en" dir="ltr">' in page.text


def test_switching_back_from_persian_is_left_to_right_again(client, db):
    client.post(SET_LANGUAGE, {"language": "fa", "next": "/"})
    client.post(SET_LANGUAGE, {"language": "de", "next": "/"})

    page = client.get(reverse("login"))

    assert '<html lang="de" dir="ltr">' in page.text
    assert "bootstrap.rtl.min.css" not in page.text
