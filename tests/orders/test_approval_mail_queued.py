"""Approval mails leave the request through the one mail task, each in the
recipient's language."""

from unittest import mock

import pytest
from django.core import mail

from partner_portal.language import preferred_language_set
from partner_portal.mail import send_mail_task
from tests.factories.orders import basket_create
from tests.orders.test_approval_request import _checkout


@pytest.fixture
def basket(buyer, company, acme_bolt_price, bolts):
    return basket_create(user=buyer, company=company, lines=[(bolts, 2)])


@pytest.fixture
def queued():
    with mock.patch("partner_portal.mail.send_mail_task") as task:
        task.enqueue.side_effect = send_mail_task.enqueue
        yield task.enqueue


def test_approval_request_is_queued_after_the_commit(
    client,
    buyer,
    approver,
    basket,
    address,
    account,
    buyer_budget,
    queued,
    django_capture_on_commit_callbacks,
):
    client.force_login(buyer)

    # While the request runs its transaction, nothing is sent or queued
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _checkout(client, basket, address)
    assert mail.outbox == []
    queued.assert_not_called()

    # At the commit the mail goes to the task
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert [call.kwargs["to"] for call in queued.call_args_list] == [
        ["approver@acme.example"]
    ]
    assert [m.to for m in mail.outbox] == [["approver@acme.example"]]


def test_german_approver_gets_the_mail_in_german(
    client,
    buyer,
    approver,
    basket,
    address,
    account,
    buyer_budget,
    django_capture_on_commit_callbacks,
):
    preferred_language_set(user=approver, language="de")
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        _checkout(client, basket, address)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["approver@acme.example"], "Eine Bestellung wartet auf Ihre Genehmigung")
    ]
