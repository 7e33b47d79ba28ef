"""Editors write and submit for moderation; approvers publish (the workflow
and group permissions come from cms' data migration)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from cms.models import NewsPage
from partner_portal.permissions import StaffGroup
from tests.factories import UserFactory
from tests.factories.cms import news_index


@pytest.fixture
def editor(db):
    user = UserFactory(email="editor@portal.example")
    user.groups.add(Group.objects.get(name=StaffGroup.CONTENT_EDITOR.value))
    return user


@pytest.fixture
def approver(db):
    user = UserFactory(email="publisher@portal.example")
    user.groups.add(Group.objects.get(name="Content approver"))
    return user


def test_editors_reach_the_admin_and_may_write_but_not_publish(home, editor, approver):
    index = news_index()

    editor_perms = index.permissions_for_user(editor)
    approver_perms = index.permissions_for_user(approver)

    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("simple_translation.submit_translation")
    assert editor_perms.can_add_subpage() is True
    assert editor_perms.can_edit() is True
    assert editor_perms.can_publish() is False
    assert approver_perms.can_publish() is True


def test_every_page_goes_through_the_content_approval_workflow(home):
    index = news_index()

    assert index.get_workflow().name == "Content approval"
    assert Page.get_first_root_node().get_workflow().name == "Content approval"


def test_an_editor_submits_and_an_approver_publishes(home, editor, approver):
    index = news_index()
    page = index.add_child(
        instance=NewsPage(title="Draft news", intro="Soon", live=False, owner=editor)
    )
    page.save_revision(user=editor)
    workflow = page.get_workflow()

    state = workflow.start(page, editor)
    task_state = state.current_task_state
    task = task_state.task.specific

    assert [name for name, _label, _modal in task.get_actions(page, editor)] == []
    assert "approve" in [name for name, _l, _m in task.get_actions(page, approver)]
    page.refresh_from_db()
    assert page.live is False

    task.on_action(task_state, approver, "approve")

    page.refresh_from_db()
    assert page.live is True
    assert page.get_latest_revision().approved_go_live_at is None


def test_a_rejected_page_stays_a_draft(home, editor, approver):
    page = news_index().add_child(
        instance=NewsPage(title="Weak news", intro="Hmm", live=False, owner=editor)
    )
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    task_state = state.current_task_state

    task_state.task.specific.on_action(task_state, approver, "reject")

    page.refresh_from_db()
    assert page.live is False


def test_an_approved_page_with_a_go_live_date_waits_for_it(home, editor, approver):
    go_live = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    page = news_index().add_child(
        instance=NewsPage(title="Scheduled", intro="Later", live=False, owner=editor)
    )
    page.go_live_at = go_live
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    task_state = state.current_task_state

    task_state.task.specific.on_action(task_state, approver, "approve")

    page.refresh_from_db()
    assert page.live is False
    assert page.get_latest_revision().approved_go_live_at == go_live

    call_command("publish_scheduled", stdout=None)
    page.refresh_from_db()
    assert page.live is False
