"""Appending to the audit trail.

    from audit.actions import Action
    from audit.services import record

    record(Action.OFFER_ACCEPTED, company=offer.company, obj=offer, data={...})

called by a domain service inside its own transaction, so that an event
rolled back is never recorded and a recorded one always happened.
"""

from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.actions import Action
from audit.context import current_request, request_actor, request_ip
from audit.models import AuditChain, AuditEntry, canonical_data, chain_key
from partner_portal.models import Membership


def _chain_locked(company) -> AuditChain:
    """The chain's head row, locked until the transaction ends: appends to
    one chain take turns (PostgreSQL row lock; SQLite's writers are
    serialised anyway), appends to different chains don't wait."""
    key = chain_key(company)
    chain = AuditChain.objects.select_for_update().filter(key=key).first()
    if chain is not None:
        return chain
    try:
        with transaction.atomic():
            AuditChain.objects.create(key=key, company=company)
    except IntegrityError:
        # Another request made the head first: take its lock instead.
        pass
    return AuditChain.objects.select_for_update().get(key=key)


class ObjectRef(NamedTuple):
    """What an entry is about when there is no model instance at hand."""

    type: str
    id: str
    repr: str


def _object_fields(obj) -> dict:
    if obj is None:
        return {}
    if isinstance(obj, ObjectRef):
        return {
            "object_type": obj.type[:100],
            "object_id": str(obj.id)[:64],
            "object_repr": str(obj.repr)[:200],
        }
    return {
        "object_type": obj._meta.label_lower,
        "object_id": str(obj.pk or ""),
        "object_repr": str(obj)[:200],
    }


def record(
    action: str,
    *,
    company,
    actor=None,
    request=None,
    obj=None,
    data: dict | None = None,
) -> AuditEntry:
    """Append `action` to `company`'s chain (the portal's chain for None).

    `obj` is the model instance the event is about (or an ObjectRef). The
    actor is `actor`, else the signed-in user of `request` (by default
    the request being answered, see audit.context); the IP is the request's
    client address as the login lockout sees it (PORTAL_TRUSTED_PROXY_COUNT).
    `data` is small JSON. Raises ValueError for an unknown action."""
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}")
    request = request if request is not None else current_request()
    if actor is None and request is not None:
        actor = request_actor(request)
    with transaction.atomic():
        chain = _chain_locked(company)
        entry = AuditEntry(
            chain=chain,
            company=company,
            seq=chain.last_seq + 1,
            created_at=timezone.now(),
            actor=actor,
            actor_email=(getattr(actor, "email", "") or "") if actor else "",
            ip=request_ip(request)[:45],
            action=action,
            data=canonical_data(data),
            prev_hash=chain.last_hash,
            **_object_fields(obj),
        )
        entry.hash = entry.compute_hash()
        entry.save()
        chain.last_seq = entry.seq
        chain.last_hash = entry.hash
        chain.save(update_fields=["last_seq", "last_hash"])
    return entry


def companies_of(user) -> list:
    """The companies whose trails show what happens to `user`: each company
    they are an active member of, or [None] (the portal's chain)."""
    if user is None or user.pk is None:
        return [None]
    memberships = Membership.objects.filter(
        user=user, is_active=True, company__is_active=True
    ).select_related("company")
    return [m.company for m in memberships.order_by("company_id")] or [None]


def record_for_user(action: str, *, user, **kwargs) -> list[AuditEntry]:
    """`record` in the trail of every company of `user` (sign-ins, forum
    moderation: events about a person rather than a company's object)."""
    return [record(action, company=company, **kwargs) for company in companies_of(user)]
