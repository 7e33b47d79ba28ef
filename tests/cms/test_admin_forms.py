"""Editors open the Wagtail add and edit forms of every portal page type, and
upload documents with an audience."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection

from cms.models import PortalDocument
from partner_portal.audience import Audience
from partner_portal.permissions import StaffGroup
from tests.factories import UserFactory
from tests.factories.cms import (
    PDF_BYTES,
    article_page,
    course_page,
    knowledge_category,
    knowledge_index,
    lessons_of,
    news_index,
    news_page,
    training_index,
)


@pytest.fixture
def editor_client(client, db):
    editor = UserFactory(email="editor@portal.example")
    editor.groups.add(Group.objects.get(name=StaffGroup.CONTENT_EDITOR.value))
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    ("model", "parent"),
    [
        ("newspage", news_index),
        ("coursepage", training_index),
        ("lessonpage", lambda: course_page(lessons=0)),
        ("knowledgecategorypage", knowledge_index),
        ("articlepage", knowledge_category),
        ("contentpage", lambda: news_index().get_parent()),
    ],
)
def test_editors_open_the_add_form_of_every_page_type(
    editor_client, home, model, parent
):
    response = editor_client.get(f"/cms-admin/pages/add/cms/{model}/{parent().pk}/")

    assert response.status_code == 200
    assert 'name="audience"' in response.content.decode()


def test_editors_open_the_edit_forms(editor_client, home):
    course = course_page(quiz=True, lessons=1)
    pages = [news_page("News"), course, lessons_of(course)[0], article_page("FAQ")]

    for page in pages:
        response = editor_client.get(f"/cms-admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


def test_editors_upload_a_document_for_partners(editor_client, home):
    response = editor_client.post(
        "/cms-admin/documents/add/",
        {
            "title": "Price sheet",
            "file": SimpleUploadedFile("prices.pdf", PDF_BYTES, "application/pdf"),
            "collection": Collection.get_first_root_node().pk,
            "audience": Audience.PARTNERS,
        },
    )

    assert response.status_code == 302, response.content
    assert response.url == "/cms-admin/documents/"
    document = PortalDocument.objects.get()
    assert (document.title, document.audience) == ("Price sheet", Audience.PARTNERS)
