"""API keys: a company's keys for its ERP or shop, and our own staff keys.

A key is shown once when it is issued and stored only as a SHA-256 hash (the
key is 256 random bits, so a plain hash is as safe as a slow one). It reads

    pp_<prefix>_<secret>

and is found by its prefix. A company key acts as the member who created it,
in the key's company, narrowed to the key's scope (read or read-write, and
which resources); when that member leaves or loses the right, so does the key.
A staff key (no company) is created by a superuser for our own ERP and reaches
every company through the staff endpoints.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from audit.actions import Action as AuditAction
from audit.services import record as audit_record
from partner_portal.models import Company
from partner_portal.permissions import ApiResource
from partner_portal.scoping import CompanyOwnedQuerySet

PREFIX = "pp"
# `last_used_at` is written at most once a minute per key: an integration
# polling every second would otherwise write on every read.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


class ApiKeyQuerySet(CompanyOwnedQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    class Access(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_keys",
        help_text=_("Empty for a staff (ERP) key, which reaches every company."),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    access = models.CharField(
        _("access"), max_length=10, choices=Access.choices, default=Access.READ
    )
    resources = models.JSONField(_("resources"), default=list)
    rate_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=0,
        help_text=_("0 uses the portal's default (PORTAL_API_RATE_PER_MINUTE)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="api_keys_created",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ApiKeyQuerySet.as_manager()

    # What the access policy asks to tell a key from other credentials.
    is_api_key = True

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({PREFIX}_{self.prefix}_…)"

    @classmethod
    def issue(cls, *, company, name, access, resources, created_by, rate_per_minute=0):
        """A new key and its plaintext, which is never stored and cannot be
        shown again."""
        prefix = secrets.token_hex(6)
        plaintext = f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
        key = cls.objects.create(
            company=company,
            name=name,
            prefix=prefix,
            key_hash=_digest(plaintext),
            access=access,
            resources=sorted({ApiResource(r).value for r in resources}),
            created_by=created_by,
            rate_per_minute=rate_per_minute,
        )
        audit_record(
            AuditAction.API_KEY_CREATED,
            company=company,
            actor=created_by,
            obj=key,
            data={"access": key.access, "resources": key.resources},
        )
        return key, plaintext

    @classmethod
    def find(cls, plaintext: str):
        """The active key for a plaintext, or None."""
        parts = plaintext.split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX or not parts[1]:
            return None
        key = (
            cls.objects.select_related("company", "created_by")
            .filter(prefix=parts[1])
            .first()
        )
        if key is None or not hmac.compare_digest(key.key_hash, _digest(plaintext)):
            return None
        return key

    @property
    def is_staff_key(self) -> bool:
        return self.company_id is None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def masked(self) -> str:
        return f"{PREFIX}_{self.prefix}_…"

    def permits(self, resource, *, write: bool) -> bool:
        if self.is_revoked or ApiResource(resource).value not in self.resources:
            return False
        return not write or self.access == self.Access.WRITE

    def resource_labels(self) -> list[str]:
        return [ApiResource(r).label for r in self.resources if r in ApiResource.values]

    @cached_property
    def acting_membership(self):
        """The creator's active membership in the key's company (None for a
        staff key, or when the creator has left)."""
        if self.company_id is None:
            return None
        from partner_portal.models import Membership

        return (
            Membership.objects.select_related("company", "user")
            .filter(
                company_id=self.company_id,
                user_id=self.created_by_id,
                is_active=True,
                company__is_active=True,
            )
            .first()
        )

    def revoke(self, *, by) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.revoked_by = by
            self.save(update_fields=["revoked_at", "revoked_by"])
            audit_record(
                AuditAction.API_KEY_REVOKED, company=self.company, actor=by, obj=self
            )

    def touch(self) -> None:
        """Record a use (to the minute)."""
        now = timezone.now()
        if self.last_used_at and now - self.last_used_at < LAST_USED_RESOLUTION:
            return
        type(self).objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now
