"""Audiences: the one rule that decides who may see a piece of content.

Pages, search hits, start-page tiles, marketing assets, downloads and forum
categories all store an `audience` (one of `Audience`) and ask this module:

    audience = models.CharField(**audience_field())          # on the model
    Page.objects.filter(audience_q(request))                 # a list
    if not may_see(request, obj.audience): raise Http404     # one object

Levels nest: a gold partner sees what silver partners, partners, signed-in
users and everyone see. Our own staff see everything.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partner_portal.permissions import is_portal_staff


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone, also without login")
    SIGNED_IN = "signed_in", _("Signed-in customers and partners")
    PARTNERS = "partners", _("Partners (distributors and franchisees)")
    SILVER = "silver", _("Partners of tier silver and up")
    GOLD = "gold", _("Gold partners")


_TIER_LEVEL = {"": Audience.PARTNERS, "silver": Audience.SILVER, "gold": Audience.GOLD}
_ORDER = [
    Audience.EVERYONE,
    Audience.SIGNED_IN,
    Audience.PARTNERS,
    Audience.SILVER,
    Audience.GOLD,
]


def audience_field(**overrides):
    """Keyword arguments for a model's `audience` CharField."""
    return {
        "verbose_name": _("visible to"),
        "max_length": 20,
        "choices": Audience.choices,
        "default": Audience.SIGNED_IN,
        "db_index": True,
        **overrides,
    }


def audiences_for_user(user, company) -> list[str]:
    """The audiences a user (with their current company, or None) may see."""
    if user is not None and user.is_authenticated and is_portal_staff(user):
        return list(Audience.values)
    if user is None or not user.is_authenticated or company is None:
        return [Audience.EVERYONE]
    if not company.is_active:
        return [Audience.EVERYONE]
    if not company.is_partner:
        return [Audience.EVERYONE, Audience.SIGNED_IN]
    top = _ORDER.index(_TIER_LEVEL.get(company.partner_tier, Audience.PARTNERS))
    return [str(level) for level in _ORDER[: top + 1]]


def audiences_for(request) -> list[str]:
    """The audiences of the request's user and current company (cached)."""
    cached = getattr(request, "_portal_audiences", None)
    if cached is None:
        cached = audiences_for_user(
            getattr(request, "user", None), getattr(request, "company", None)
        )
        request._portal_audiences = cached
    return cached


def audience_q(request, field="audience") -> Q:
    """A filter for querysets: only rows the request's user may see."""
    return Q(**{f"{field}__in": audiences_for(request)})


def may_see(request, audience) -> bool:
    return audience in audiences_for(request)
