"""Downloads in pages follow the audience rule and are private files."""

import pytest
from django.core.files.storage import default_storage

from partner_portal.audience import Audience
from partner_portal.files import private_storage
from tests.factories.cms import PDF_BYTES, course_page, document, lessons_of, stream


@pytest.fixture
def material(home):
    return document("Checklist", audience=Audience.PARTNERS)


def test_the_file_is_stored_in_the_private_storage_not_public_media(material):
    name = material.file.name

    assert material.file.storage is private_storage()
    assert private_storage().exists(name)
    assert not default_storage.exists(name)


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
