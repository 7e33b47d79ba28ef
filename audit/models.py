"""The audit trail: an append-only chain of entries per company.

Each entry carries the SHA-256 of the entry before it in the same chain
(`prev_hash`) and its own (`hash`, over every recorded field and
`prev_hash`), so an altered entry no longer matches its hash, a deleted one
leaves a gap in the sequence and a broken link, and an entry slipped in
breaks the link of the one after it. The chain's head row (AuditChain) keeps
the last sequence number and hash: cutting entries off the end shows there,
and locking it serialises appends, so two concurrent events never share a
number or fork the chain. `audit.verify.verify_chains` checks all of it.

Events without a company (a failed sign-in for an unknown address, staff
without a company signing in) go to the portal's own chain (company NULL).
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import Action
from partner_portal.scoping import CompanyOwnedQuerySet

GENESIS_HASH = "0" * 64
PORTAL_CHAIN = "portal"


class AppendOnlyError(Exception):
    """An audit entry is never changed or deleted."""


def chain_key(company) -> str:
    return PORTAL_CHAIN if company is None else f"company:{company.pk}"


def canonical_data(data) -> dict:
    """`data` as plain JSON values (dates and decimals as strings), so the
    stored value and the hashed one are the same."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


class AuditChain(models.Model):
    key = models.CharField(max_length=40, unique=True)
    company = models.OneToOneField(
        "partner_portal.Company",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_chain",
    )
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain")
        verbose_name_plural = _("audit chains")

    def __str__(self):
        return self.key


class AuditEntryQuerySet(CompanyOwnedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries are never changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries are never deleted.")

    update.queryset_only = True
    delete.queryset_only = True


class AuditEntry(models.Model):
    chain = models.ForeignKey(
        AuditChain, on_delete=models.PROTECT, related_name="entries"
    )
    company = models.ForeignKey(
        "partner_portal.Company",
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    seq = models.PositiveBigIntegerField(_("number"))
    created_at = models.DateTimeField(_("time"))
    # Not hashed: a deleted account sets it to NULL; `actor_email` is the
    # hashed record of who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_email = models.CharField(_("actor"), max_length=254, blank=True)
    ip = models.CharField(_("IP address"), max_length=45, blank=True)
    # No `choices`: a new kind of event needs no migration (record() checks
    # the code against Action).
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["chain", "-seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "seq"], name="audit_entry_unique_chain_seq"
            )
        ]
        indexes = [
            models.Index(fields=["company", "-created_at"], name="audit_company_time"),
            models.Index(fields=["action"], name="audit_action"),
        ]

    def __str__(self):
        return f"{self.chain_id}#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries are never deleted.")

    @property
    def action_label(self) -> str:
        try:
            return Action(self.action).label
        except ValueError:
            return self.action

    def hashed_fields(self) -> dict:
        return {
            "chain": self.chain.key,
            "company": self.company_id,
            "seq": self.seq,
            "created_at": self.created_at.astimezone(datetime.UTC).isoformat(),
            "actor_email": self.actor_email,
            "ip": self.ip,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "data": self.data,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(
            self.hashed_fields(),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            cls=DjangoJSONEncoder,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()
