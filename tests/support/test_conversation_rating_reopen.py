"""The customer's side of the conversation: a reply (with a file) goes to the
team and ends waiting for the customer; a resolved request is rated 1 to 5
with a comment and may be reopened, which sends it back to its team."""

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from support.models import Event, Status
from tests.support.conftest import png_upload
from tests.support.helpers import new_request, set_status


def test_a_reply_with_a_file_ends_waiting_and_tells_the_assignee(
    client, company, buyer, desk_team, staff_user, django_capture_on_commit_callbacks
):
    support_request = new_request(company=company, user=buyer)
    set_status(
        support_request,
        Status.WAITING,
        waiting_since=timezone.now(),
        assignee=staff_user,
    )
    mail.outbox.clear()
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("support:reply", args=[support_request.number]),
            {"body": "Restarted, still broken.", "attachment": png_upload()},
        )

    support_request.refresh_from_db()
    assert response.status_code == 302
    assert support_request.status == Status.IN_PROGRESS
    assert support_request.waiting_since is None
    message = support_request.messages.get()
    assert (message.body, message.internal) == ("Restarted, still broken.", False)
    assert [a.filename for a in message.attachments.all()] == ["screen.png"]
    assert [m.to for m in mail.outbox] == [["sales@portal.example"]]


def test_an_empty_reply_is_refused(client, company, buyer, desk_team):
    support_request = new_request(company=company, user=buyer)
    client.force_login(buyer)

    response = client.post(
        reverse("support:reply", args=[support_request.number]), {"body": "  "}
    )

    assert response.status_code == 400
    assert support_request.messages.count() == 0


def test_a_resolved_request_is_rated_with_a_comment(client, company, buyer, desk_team):
    support_request = new_request(company=company, user=buyer)
    set_status(support_request, Status.RESOLVED, resolved_at=timezone.now())
    client.force_login(buyer)

    client.post(
        reverse("support:rate", args=[support_request.number]),
        {"rating": "5", "comment": "Fast!"},
    )

    support_request.refresh_from_db()
    assert (support_request.rating, support_request.rating_comment) == (5, "Fast!")


def test_an_open_request_cannot_be_rated(client, company, buyer, desk_team):
    support_request = new_request(company=company, user=buyer)
    client.force_login(buyer)

    client.post(reverse("support:rate", args=[support_request.number]), {"rating": "1"})

    support_request.refresh_from_db()
    assert support_request.rating is None


def test_reopening_sends_the_request_back_to_its_team(
    client, company, buyer, desk_team
):
    support_request = new_request(company=company, user=buyer)
    set_status(support_request, Status.RESOLVED, resolved_at=timezone.now())
    client.force_login(buyer)

    client.post(
        reverse("support:reopen", args=[support_request.number]),
        {"body": "It is back."},
    )

    support_request.refresh_from_db()
    assert support_request.status == Status.IN_PROGRESS
    assert support_request.resolved_at is None
    assert support_request.team == desk_team
    assert support_request.messages.get().body == "It is back."
    assert Event.objects.filter(kind="reopened").count() == 1


def test_an_open_request_cannot_be_reopened(client, company, buyer, desk_team):
    support_request = new_request(company=company, user=buyer)
    client.force_login(buyer)

    client.post(reverse("support:reopen", args=[support_request.number]))

    support_request.refresh_from_db()
    assert support_request.status == Status.NEW
    assert not Event.objects.filter(kind="reopened").exists()
