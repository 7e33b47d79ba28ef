"""The daily job: contract reminders, expired offer versions and released
contract prices."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from contracts.models import (
    REMINDER_DAYS,
    Contract,
    ContractReminder,
    Offer,
    OfferEvent,
    OfferVersion,
)
from contracts.pricing import contract_prices_release
from contracts.services.common import _event, _queue

# The daily job


@dataclass
class DailyResult:
    reminders: list[ContractReminder] = field(default_factory=list)
    expired_versions: int = 0
    contracts_released: int = 0


def _due(contract: Contract, kind: str) -> date:
    return (
        contract.end_date
        if kind == ContractReminder.Kind.END
        else (contract.notice_date)
    )


def contract_reminders_send(*, today: date | None = None) -> DailyResult:
    """The daily job (cron runs `manage.py contract_reminders`):

    - reminders 90, 30 and 7 days before a contract ends and before its
      notice period starts, each at most once (a ContractReminder row per
      contract, kind and threshold; a unique constraint makes a second run on
      the same day, or two runs at once, send nothing more). When the job
      missed days and several thresholds are due, only the nearest goes out.
    - sent offer versions past their validity become expired;
    - ended contracts give back the offer prices they put into the price list.
    """
    today = today or timezone.localdate()
    result = DailyResult()
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    contracts = (
        Contract.objects.filter(end_date__gte=today, start_date__lte=horizon)
        .select_related("company")
        .prefetch_related("reminders")
    )
    for contract in contracts:
        for kind in ContractReminder.Kind.values:
            due = _due(contract, kind)
            days_left = (due - today).days
            if days_left < 0:
                continue
            done = {r.days for r in contract.reminders.all() if r.kind == kind}
            reached = [d for d in REMINDER_DAYS if days_left <= d and d not in done]
            if not reached:
                continue
            nearest = min(reached)
            with transaction.atomic():
                created = []
                for days in reached:
                    reminder, is_new = ContractReminder.objects.get_or_create(
                        contract=contract,
                        kind=kind,
                        days=days,
                        defaults={"sent": days == nearest},
                    )
                    if is_new and days == nearest:
                        created.append(reminder)
                for reminder in created:
                    reminder_id = reminder.pk
                    transaction.on_commit(
                        lambda rid=reminder_id: _queue(
                            "contract_reminder_mail_task", rid
                        )
                    )
                    result.reminders.append(reminder)
    stale = OfferVersion.objects.filter(
        status=OfferVersion.Status.SENT, valid_until__lt=today
    ).select_related("offer")
    for version in stale:
        with transaction.atomic():
            version.status = OfferVersion.Status.EXPIRED
            version.save(update_fields=["status"])
            offer = version.offer
            if offer.latest_sent_id == version.pk and offer.status == Offer.Status.SENT:
                offer.status = Offer.Status.EXPIRED
                offer.save(update_fields=["status"])
            _event(offer, OfferEvent.Kind.EXPIRED, version=version)
            result.expired_versions += 1
    for contract in Contract.objects.filter(
        end_date__lt=today, prices_released_at__isnull=True, prices__isnull=False
    ).distinct():
        contract_prices_release(contract=contract, today=today)
        result.contracts_released += 1
    return result
