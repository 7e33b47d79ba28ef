"""Each company's trail is one chain: numbered without gaps, each entry
linked to the one before by its hash; entries are never changed or deleted
through the ORM."""

import pytest
from django.test import RequestFactory

from audit.actions import Action
from audit.models import (
    GENESIS_HASH,
    AppendOnlyError,
    AuditChain,
    AuditEntry,
)
from audit.services import record
from audit.verify import verify_chains


def test_entries_of_a_company_are_numbered_and_linked(company, company_admin):
    first = record(Action.BUDGET_SET, company=company, actor=company_admin)
    second = record(Action.BUDGET_DELETED, company=company, actor=company_admin)

    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert len(second.hash) == 64
    assert second.hash == second.compute_hash()
    chain = AuditChain.objects.get(company=company)
    assert (chain.last_seq, chain.last_hash) == (2, second.hash)
    assert verify_chains() == []


def test_each_company_has_its_own_chain(company, other_company):
    record(Action.BUDGET_SET, company=company)
    record(Action.BUDGET_SET, company=company)
    theirs = record(Action.BUDGET_SET, company=other_company)

    assert theirs.seq == 1
    assert theirs.prev_hash == GENESIS_HASH
    assert AuditEntry.objects.for_company(other_company).count() == 1
    assert AuditEntry.objects.for_company(company).count() == 2


def test_events_without_a_company_go_to_the_portal_chain(db):
    first = record(Action.LOGIN_FAILED, company=None, data={"username": "x@y.z"})
    second = record(Action.LOGIN_FAILED, company=None)

    assert first.chain.key == "portal"
    assert first.company is None
    assert (first.seq, second.seq) == (1, 2)
    assert second.prev_hash == first.hash
    assert verify_chains() == []


def test_the_entry_keeps_actor_ip_object_and_data(company, company_admin):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
    request.user = company_admin

    entry = record(
        Action.INVITATION_CREATED,
        company=company,
        request=request,
        obj=company,
        data={
            "email": "new@acme.example",
            "amount": __import__("decimal").Decimal("1.50"),
        },
    )

    entry.refresh_from_db()
    assert entry.actor == company_admin
    assert entry.actor_email == "admin@acme.example"
    assert entry.ip == "203.0.113.5"
    assert (entry.object_type, entry.object_id) == (
        "partner_portal.company",
        str(company.pk),
    )
    assert entry.object_repr == "Acme Industrial GmbH"
    assert entry.data == {"email": "new@acme.example", "amount": "1.50"}
    assert entry.compute_hash() == entry.hash


def test_an_unknown_action_is_refused_and_nothing_is_written(company):
    with pytest.raises(ValueError, match="Unknown audit action"):
        record("made.up", company=company)

    assert not AuditEntry.objects.exists()


def test_entries_cannot_be_changed_or_deleted_through_the_orm(company):
    entry = record(Action.BUDGET_SET, company=company)

    entry.action = Action.BUDGET_DELETED
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action=Action.BUDGET_DELETED)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.action == Action.BUDGET_SET
    assert verify_chains() == []


def test_deleting_an_actors_account_keeps_the_entry_and_the_chain(company, buyer):
    entry = record(Action.BUDGET_SET, company=company, actor=buyer)

    buyer.delete()

    entry.refresh_from_db()
    assert (entry.actor, entry.actor_email) == (None, "buyer@acme.example")
    assert verify_chains() == []
