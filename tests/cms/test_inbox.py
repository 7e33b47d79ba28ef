"""Trainings for me to complete agree with the training list (its courses the
member has not completed); content awaiting my review agrees with Wagtail's
own "awaiting your review" (the editors' start-page tile)."""

from django.contrib.auth.models import Group

from cms.models import LessonCompletion
from partner_portal.audience import Audience
from partner_portal.permissions import StaffGroup
from tests.factories import UserFactory
from tests.factories.cms import course_page, lessons_of, training_index
from tests.inbox_data import content_approver_user, pages_in_review

TASKS = "/portal/tasks/"


def _section(client, user, key):
    client.force_login(user)
    sections = client.get(TASKS).context["sections"]
    return next((s for s in sections if s.source.key == key), None)


def test_trainings_to_complete_agree_with_the_training_list(
    client, home, company, buyer
):
    done = course_page("Safety basics", audience=Audience.SIGNED_IN, lessons=1)
    started = course_page("Ordering", audience=Audience.SIGNED_IN, lessons=2)
    course_page("Returns", audience=Audience.SIGNED_IN, lessons=1)
    course_page("Partner sales", audience=Audience.PARTNERS, lessons=1)
    LessonCompletion.objects.create(
        company=company, user=buyer, lesson=lessons_of(done)[0]
    )
    LessonCompletion.objects.create(
        company=company, user=buyer, lesson=lessons_of(started)[0]
    )
    client.force_login(buyer)

    listed = client.get(training_index().url).context["courses"]
    section = _section(client, buyer, "cms.trainings")

    open_courses = [row.course.title for row in listed if not row.complete]
    assert open_courses == ["Ordering", "Returns"]
    assert section.count == 2
    assert [item.title for item in section.items] == open_courses
    assert [item.detail for item in section.items] == [
        "1 of 2 lessons done",
        "Not started",
    ]
    assert section.url == training_index().url


def test_staff_have_no_trainings_to_complete(client, home):
    course_page("Ordering", audience=Audience.SIGNED_IN)

    assert _section(client, content_approver_user(), "cms.trainings") is None


def test_content_awaiting_review_agrees_with_wagtails_own_count(client, home):
    editor = UserFactory(email="editor@portal.example")
    editor.groups.add(Group.objects.get(name=StaffGroup.CONTENT_EDITOR.value))
    publisher = content_approver_user()
    pages = pages_in_review(count=3, editor=editor)
    client.force_login(publisher)

    tiles = {
        tile.key: context for tile, context in client.get("/portal/").context["tiles"]
    }
    section = _section(client, publisher, "cms.review")

    assert section.count == tiles["cms.review"]["count"] == 3
    assert {item.url for item in section.items} == {
        f"/cms-admin/pages/{page.pk}/edit/" for page in pages
    }
    # An editor may submit but not approve: the section is empty for them.
    assert _section(client, editor, "cms.review").count == 0
