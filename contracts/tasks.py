"""Mail and offer PDFs of offers and contracts, through Django's tasks API
(immediate by default, queued in the database for workers in production)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task, task_backends
from django_tasks_db.backend import DatabaseBackend

from contracts import rendering
from contracts.models import ContractReminder, OfferRequest, OfferVersion
from partner_portal.mail import send_mail_to
from partner_portal.models import Membership
from partner_portal.permissions import Capability, StaffGroup, capabilities_for


def _members_with(company, capability) -> list[str]:
    memberships = (
        Membership.objects.for_company(company)
        .filter(is_active=True)
        .select_related("user", "company")
    )
    return sorted(
        {
            m.user.email
            for m in memberships
            if m.user.email and capability in capabilities_for(m)
        }
    )


def _sales_for(company, contact_person=None) -> list[str]:
    person = contact_person or company.contact_person
    if person and person.email:
        return [person.email]
    return sorted(
        get_user_model()
        .objects.filter(groups__name=StaffGroup.SALES.value, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _send(*, to, template, context, language=None) -> None:
    # `language`: an offer's own language wins over the recipients' choice.
    send_mail_to(
        to,
        subject_template=f"contracts/email/{template}_subject.txt",
        template=f"contracts/email/{template}.txt",
        context=context,
        language=language,
    )


@task()
def offer_request_mail_task(*, object_id: int) -> None:
    """Tell sales that a customer asked for an offer."""
    offer_request = OfferRequest.objects.select_related(
        "company__contact_person", "requested_by"
    ).get(pk=object_id)
    _send(
        to=_sales_for(offer_request.company),
        template="offer_requested",
        context={"offer_request": offer_request},
    )


@task()
def offer_sent_mail_task(*, object_id: int) -> None:
    """Tell the people who may accept offers that one waits for them."""
    version = OfferVersion.objects.select_related("offer__company").get(pk=object_id)
    _send(
        to=_members_with(version.offer.company, Capability.OFFER_ACCEPT),
        template="offer_sent",
        context={"version": version, "offer": version.offer},
        language=version.offer.language,
    )


@task()
def offer_decided_mail_task(*, object_id: int) -> None:
    """Tell the offer's contact person that the customer accepted or declined."""
    version = OfferVersion.objects.select_related(
        "offer__company", "offer__contact_person", "declined_by"
    ).get(pk=object_id)
    offer = version.offer
    _send(
        to=_sales_for(offer.company, offer.contact_person),
        template="offer_decided",
        context={
            "version": version,
            "offer": offer,
            "acceptance": getattr(version, "acceptance", None),
        },
    )


@task()
def contract_reminder_mail_task(*, object_id: int) -> None:
    """Remind the company (and our contact person) of a contract's end or
    notice date."""
    reminder = ContractReminder.objects.select_related(
        "contract__company", "contract__contact_person"
    ).get(pk=object_id)
    contract = reminder.contract
    to = _members_with(contract.company, Capability.CONTRACT_VIEW)
    if contract.contact_person and contract.contact_person.email:
        to.append(contract.contact_person.email)
    _send(
        to=to,
        template="contract_reminder",
        context={"reminder": reminder, "contract": contract},
    )


@task()
def offer_pdf_render_task(*, version_id: int) -> bool:
    """Render and record the PDF of a sent version (contracts/rendering.py),
    then tell the customer: the mail is queued in the same transaction that
    records the PDF, so it goes out once and never before the PDF exists."""
    return rendering.offer_pdf_render(
        version_id=version_id,
        on_recorded=lambda: offer_sent_mail_task.enqueue(object_id=version_id),
    )


def _renders_in_progress(cutoff) -> set[int]:
    """Versions with a render task that is queued, or running and started
    after `cutoff` (an older running one lost its worker)."""
    backend = task_backends[offer_pdf_render_task.backend]
    if not isinstance(backend, DatabaseBackend):
        return set()
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=offer_pdf_render_task.module_path, backend_name=backend.alias
    ).filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gt=cutoff)
    )
    return {
        row["kwargs"].get("version_id")
        for row in rows.values_list("args_kwargs", flat=True)
    }


def offer_pdf_renders_requeue(
    *, stale_after: timedelta = rendering.STALE_AFTER, now=None
) -> list[int]:
    """Queue the render again for every sent version still without its PDF
    for longer than `stale_after` and with no render queued or running (its
    worker died, or the task was lost). Rendering records a PDF only once, so
    a requeue next to a slow but living render costs a render, not a second
    PDF. Returns the version ids queued."""
    now = now or timezone.now()
    cutoff = now - stale_after
    waiting = list(
        rendering.pending_versions()
        .filter(sent_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not waiting:
        return []
    busy = _renders_in_progress(cutoff)
    queued = [pk for pk in waiting if pk not in busy]
    for pk in queued:
        offer_pdf_render_task.enqueue(version_id=pk)
    return queued
