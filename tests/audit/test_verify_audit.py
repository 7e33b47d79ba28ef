"""verify_audit finds an altered entry, a deleted one, a forged one and a
trail cut short, and names the company and entry."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from audit.actions import Action
from audit.models import AuditChain, AuditEntry
from audit.services import record
from audit.verify import verify_chains


@pytest.fixture
def trail(company, other_company, company_admin):
    entries = [
        record(Action.BUDGET_SET, company=company, actor=company_admin, data={"n": n})
        for n in range(4)
    ]
    record(Action.BUDGET_SET, company=other_company)
    return entries


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_intact_trails_verify(trail, capsys):
    assert verify_chains() == []

    call_command("verify_audit")

    assert "2 audit chain(s) verified, no break." in capsys.readouterr().out


def test_with_verbosity_2_each_chains_head_is_printed(trail, company, capsys):
    call_command("verify_audit", verbosity=2)

    assert f"company:{company.pk} #4 {trail[3].hash}\n" in capsys.readouterr().out


def test_an_altered_entry_breaks_the_chain(trail, company, capsys):
    _raw(
        "UPDATE audit_auditentry SET data = %s WHERE id = %s",
        ['{"n": 99}', trail[1].pk],
    )

    breaks = verify_chains()

    assert [(b.company_id, b.seq, b.entry_id) for b in breaks] == [
        (company.pk, 2, trail[1].pk)
    ]
    assert breaks[0].problem == "altered: the entry does not match its hash"
    with pytest.raises(CommandError, match=r"1 break\(s\) in 1 audit chain\(s\)"):
        call_command("verify_audit")
    assert f"company {company.pk}), entry #2 (id {trail[1].pk})" in (
        capsys.readouterr().err
    )


def test_an_altered_entry_with_a_recomputed_hash_breaks_the_next_link(trail, company):
    entry = AuditEntry.objects.get(pk=trail[1].pk)
    entry.actor_email = "someone-else@acme.example"
    _raw(
        "UPDATE audit_auditentry SET actor_email = %s, hash = %s WHERE id = %s",
        [entry.actor_email, entry.compute_hash(), entry.pk],
    )

    breaks = verify_chains()

    assert [(b.seq, b.problem) for b in breaks] == [
        (3, "link broken: prev_hash is not the previous entry's hash")
    ]


def test_a_deleted_entry_leaves_a_gap(trail, company):
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [trail[1].pk])

    breaks = verify_chains(company=company)

    assert [(b.seq, b.problem) for b in breaks] == [
        (3, "sequence gap: expected #2, found #3"),
        (3, "link broken: prev_hash is not the previous entry's hash"),
    ]


def test_a_deleted_last_entry_shows_at_the_head(trail, company):
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [trail[3].pk])

    breaks = verify_chains(company=company)

    assert [(b.seq, b.problem) for b in breaks] == [
        (None, "head says #4 but the last entry is #3")
    ]


def test_a_forged_entry_is_found(trail, company):
    # A well-formed entry at the end, with the right link and hash, that no
    # service recorded: the head row does not know it.
    chain = AuditChain.objects.get(company=company)
    forged = AuditEntry(
        chain=chain,
        company=company,
        seq=5,
        created_at=timezone.now(),
        actor_email="admin@acme.example",
        action=Action.ORDER_APPROVED,
        data={},
        prev_hash=trail[3].hash,
    )
    forged.hash = forged.compute_hash()
    forged.save()

    breaks = verify_chains(company=company)

    assert [(b.seq, b.problem) for b in breaks] == [
        (None, "head says #4 but the last entry is #5")
    ]


def test_an_entry_slipped_in_between_breaks_the_numbering(trail, company):
    _raw("UPDATE audit_auditentry SET seq = seq + 10 WHERE id = %s", [trail[3].pk])
    chain = AuditChain.objects.get(company=company)
    forged = AuditEntry(
        chain=chain,
        company=company,
        seq=4,
        created_at=timezone.now(),
        action=Action.ORDER_APPROVED,
        prev_hash=trail[2].hash,
    )
    forged.hash = forged.compute_hash()
    forged.save()

    problems = [(b.seq, b.problem) for b in verify_chains(company=company)]

    assert (14, "sequence gap: expected #5, found #14") in problems
    assert (14, "link broken: prev_hash is not the previous entry's hash") in problems
    assert (14, "altered: the entry does not match its hash") in problems


def test_moving_an_entry_to_another_company_is_found(trail, company, other_company):
    _raw(
        "UPDATE audit_auditentry SET company_id = %s WHERE id = %s",
        [other_company.pk, trail[0].pk],
    )

    problems = [(b.seq, b.problem) for b in verify_chains()]

    assert (1, "entry belongs to another company than its chain") in problems
    assert (1, "altered: the entry does not match its hash") in problems
