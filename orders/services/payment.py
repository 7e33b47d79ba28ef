"""The payment methods a buyer may choose at checkout."""

from django.conf import settings
from django.utils.translation import gettext as _

PAYMENT_ACCOUNT, PAYMENT_CARD = "account", "card"


def stripe_enabled() -> bool:
    return bool(
        settings.PORTAL_STRIPE_SECRET_KEY and settings.PORTAL_STRIPE_PUBLISHABLE_KEY
    )


def payment_methods() -> list[tuple[str, str]]:
    methods = [(PAYMENT_ACCOUNT, _("On account (invoice)"))]
    if stripe_enabled():
        methods.append((PAYMENT_CARD, _("Card")))
    return methods
