"""Checking the audit chains: every entry's hash recomputed, every link to
the entry before, the numbering without gaps and the chain's head."""

from dataclasses import dataclass

from audit.models import GENESIS_HASH, AuditChain, AuditEntry


@dataclass(frozen=True)
class ChainBreak:
    chain: str
    company_id: int | None
    # The entry where the chain breaks (None: at its head).
    seq: int | None
    entry_id: int | None
    problem: str

    def __str__(self):
        where = f"entry #{self.seq} (id {self.entry_id})" if self.seq else "head"
        company = self.company_id if self.company_id is not None else "none"
        return f"chain {self.chain} (company {company}), {where}: {self.problem}"


def _verify_chain(chain: AuditChain) -> list[ChainBreak]:
    breaks = []

    def broken(entry, problem):
        breaks.append(
            ChainBreak(
                chain=chain.key,
                company_id=chain.company_id,
                seq=entry.seq if entry else None,
                entry_id=entry.pk if entry else None,
                problem=problem,
            )
        )

    expected_seq, expected_prev = 1, GENESIS_HASH
    entries = AuditEntry.objects.filter(chain=chain).order_by("seq")
    for entry in entries.iterator(chunk_size=2000):
        entry.chain = chain
        if entry.seq != expected_seq:
            broken(
                entry,
                f"sequence gap: expected #{expected_seq}, found #{entry.seq}",
            )
        if entry.prev_hash != expected_prev:
            broken(entry, "link broken: prev_hash is not the previous entry's hash")
        if entry.company_id != chain.company_id:
            broken(entry, "entry belongs to another company than its chain")
        if entry.compute_hash() != entry.hash:
            broken(entry, "altered: the entry does not match its hash")
        expected_seq, expected_prev = entry.seq + 1, entry.hash
    if (chain.last_seq, chain.last_hash) != (expected_seq - 1, expected_prev):
        broken(
            None,
            f"head says #{chain.last_seq} but the last entry is #{expected_seq - 1}",
        )
    return breaks


def verify_chains(*, company=None) -> list[ChainBreak]:
    """Every break in every chain (only `company`'s chain when given); an
    empty list when all chains are intact. Entries whose chain row is gone
    cannot exist (PROTECT), so the chain rows are the complete list."""
    chains = AuditChain.objects.order_by("pk")
    if company is not None:
        chains = chains.filter(company=company)
    breaks = []
    for chain in chains:
        breaks.extend(_verify_chain(chain))
    return breaks
