"""Downloads in pages follow the audience rule and are private files."""

from pathlib import Path

import pytest
from django.conf import settings

from partner_portal.audience import Audience
from tests.factories.cms import PDF_BYTES, course_page, document, lessons_of, stream


@pytest.fixture
def material(home):
    return document("Checklist", audience=Audience.PARTNERS)


def test_the_file_is_stored_outside_the_public_media_folder(material):
    path = Path(material.file.path).resolve()

    assert path.is_relative_to(Path(settings.PORTAL_PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_a_partner_downloads_partner_material(client, material, partner_admin):
    client.force_login(partner_admin)

    response = client.get(material.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_visitor_is_sent_to_the_login(client, material):
    response = client.get(material.url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={material.url}"


def test_a_customer_cannot_download_partner_material(client, material, buyer):
    client.force_login(buyer)

    assert client.get(material.url).status_code == 404


def test_a_silver_partner_cannot_download_gold_material(client, home, silver_partner):
    gold = document("Gold prices", audience=Audience.GOLD)
    client.force_login(silver_partner)

    assert client.get(gold.url).status_code == 404


def test_lesson_shows_the_download_only_to_who_may_have_it(
    client, home, silver_partner, partner_admin
):
    gold = document("Gold sheet", audience=Audience.GOLD)
    course = course_page("Course", audience=Audience.PARTNERS, lessons=1)
    lesson = lessons_of(course)[0]
    lesson.body = stream(("download", {"document": gold.pk, "title": "Price sheet"}))
    lesson.save_revision().publish()

    client.force_login(silver_partner)
    silver_view = client.get(lesson.url).content.decode()
    client.force_login(partner_admin)
    gold_view = client.get(lesson.url).content.decode()

    assert gold.url not in silver_view
    assert "is available to partners with access to it" in silver_view
    assert gold.url in gold_view
