"""Mails of the service desk. Every public change of a request mails its
requester in their own language; internal notes never reach a mail: only a
public message's body is ever put into one."""

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from partner_portal.mail import send_mail_to
from partner_portal.models import Membership
from partner_portal.permissions import ROLE_CAPABILITIES, Capability


def _url(name, support_request):
    return reverse(name, kwargs={"number": support_request.number})


def mail_requester(support_request, *, change: str, message=None, actor=None):
    """Tell the requester about a public change (`change` is one of the
    texts of email/change.txt: created, reply, status, approval, reopened,
    rated, merged). A message must be public; an internal one raises
    ValueError, so that no caller can put a note into a customer's mail."""
    if message is not None and message.internal:
        raise ValueError("Internal notes are never mailed to customers.")
    requester = support_request.requester
    if actor is not None and actor.pk == requester.pk:
        return 0
    return send_mail_to(
        [requester],
        template="support/email/change.txt",
        subject=lambda: (
            _("[%(number)s] %(subject)s")
            % {"number": support_request.number, "subject": support_request.subject}
        ),
        context={
            "support_request": support_request,
            "change": change,
            "message": message,
            "url": _url("support:detail", support_request),
        },
    )


def desk_recipients(support_request) -> list:
    """Who on the desk hears about a request: its assignee, or without one
    the active members of its team."""
    if support_request.assignee_id:
        return [support_request.assignee]
    if support_request.team_id:
        return list(support_request.team.members.filter(is_active=True))
    return []


def desk_url(support_request) -> str:
    """The request's page on the desk ("" when the desk's pages are not
    installed)."""
    try:
        return reverse("support:desk_detail", kwargs={"number": support_request.number})
    except NoReverseMatch:
        return ""


def mail_team(support_request, *, change: str, message=None):
    """Tell the assignee (or, without one, the team's members) that a request
    is new, approved, answered by the customer or reopened."""
    recipients = desk_recipients(support_request)
    if not recipients:
        return 0
    return send_mail_to(
        recipients,
        template="support/email/for_team.txt",
        subject=lambda: (
            _("[%(number)s] %(subject)s")
            % {"number": support_request.number, "subject": support_request.subject}
        ),
        context={
            "support_request": support_request,
            "change": change,
            "message": message,
            "url": desk_url(support_request),
        },
    )


def mail_approvers(support_request):
    """Ask the company's approvers (and company admins) to approve."""
    roles = [
        role
        for role, capabilities in ROLE_CAPABILITIES.items()
        if Capability.SUPPORT_APPROVE in capabilities
    ]
    user_ids = Membership.objects.for_company(support_request.company).filter(
        role__in=roles, is_active=True
    )
    approvers = (
        get_user_model()
        .objects.filter(pk__in=user_ids.values("user_id"), is_active=True)
        .exclude(pk=support_request.requester_id)
    )
    return send_mail_to(
        list(approvers),
        template="support/email/approval.txt",
        subject=lambda: (
            _("[%(number)s] Approval needed: %(subject)s")
            % {"number": support_request.number, "subject": support_request.subject}
        ),
        context={
            "support_request": support_request,
            "url": _url("support:detail", support_request),
        },
    )
