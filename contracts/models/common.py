"""Amount field sizes, rounding units and the reminder thresholds shared by
offers and contracts."""

from decimal import Decimal

from django.conf import settings

MONEY = {"max_digits": 12, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}
CENT = Decimal("0.01")
HUNDRED = Decimal("100")


# Reminders go out this many days before a contract ends or its notice starts.
REMINDER_DAYS = (90, 30, 7)


# A contract is "expiring" once its end is this close.
EXPIRING_DAYS = 90


def _language_choices():
    return settings.LANGUAGES
