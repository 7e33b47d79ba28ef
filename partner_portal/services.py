"""Writes of the tenancy layer: invitations, memberships, tile preferences."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.actions import Action
from audit.services import record as audit_record
from partner_portal.mail import send_mail_to
from partner_portal.models import Company, Invitation, Membership, TilePreference
from partner_portal.permissions import Role

User = get_user_model()


class InvitationError(Exception):
    """An invitation that cannot be used; the message is for the invitee."""


def roles_for_company(company: Company) -> list[tuple[str, str]]:
    """Partner users exist only in partner companies."""
    return [
        (value, label)
        for value, label in Role.choices
        if company.is_partner or value != Role.PARTNER_USER
    ]


def _validate_role(company: Company, role: str) -> None:
    if role not in dict(roles_for_company(company)):
        raise ValidationError(
            {"role": _("This role is not available for this company.")}
        )


def invitation_create(
    *, company: Company, invited_by, email: str, role: str, base_url: str
) -> Invitation:
    """Invite `email` to `company` with `role` and mail them a link.

    Refuses (ValidationError) a role the company cannot have, an address that
    is already an active member, and a second open invitation for the same
    address; the link expires after PORTAL_INVITATION_DAYS."""
    email = User.objects.normalize_email(email).strip().lower()
    _validate_role(company, role)
    if (
        Membership.objects.for_company(company)
        .filter(user__email__iexact=email, is_active=True)
        .exists()
    ):
        raise ValidationError({"email": _("This person is already a colleague here.")})
    if (
        Invitation.objects.for_company(company)
        .filter(
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .exists()
    ):
        raise ValidationError(
            {"email": _("An invitation to this address is already open.")}
        )
    invitation = Invitation(
        company=company,
        email=email,
        role=role,
        invited_by=invited_by,
        expires_at=Invitation.default_expiry(),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        Action.INVITATION_CREATED,
        company=company,
        obj=invitation,
        data={"email": email, "role": role},
    )
    link = base_url.rstrip("/") + reverse(
        "partner_portal:invitation_accept", kwargs={"token": invitation.token}
    )
    # An invitee without an account of their own reads the language of the
    # admin who invites them.
    send_mail_to(
        invitation.email,
        subject=lambda: (
            _("You are invited to the %(company)s portal")
            % {"company": invitation.company.name}
        ),
        template="partner_portal/email/invitation.txt",
        context={"invitation": invitation, "link": link},
        default_language=translation.get_language(),
    )
    return invitation


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(Action.INVITATION_REVOKED, company=invitation.company, obj=invitation)


def invitation_check(invitation: Invitation | None) -> Invitation:
    """The invitation if it can still be used, else InvitationError saying why."""
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid."))
    if invitation.accepted_at:
        raise InvitationError(
            _("This invitation has already been used. Please log in instead.")
        )
    if invitation.revoked_at:
        raise InvitationError(_("This invitation was withdrawn."))
    if invitation.is_expired:
        raise InvitationError(
            _(
                "This invitation expired on %(date)s. Please ask your company "
                "admin for a new one."
            )
            % {
                "date": date_format(
                    timezone.localtime(invitation.expires_at), "SHORT_DATE_FORMAT"
                )
            }
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user=None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
) -> Membership:
    """Turn an open invitation into a membership, once.

    With `user` (logged in, same email) the existing account joins; otherwise a
    new account is made with the given name and password. Raises InvitationError
    for expired, withdrawn or used invitations (also when two requests race:
    the invitation row is locked) and for a logged-in user whose email differs."""
    invitation = invitation_check(
        Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    )
    if user is not None:
        if user.email.lower() != invitation.email.lower():
            raise InvitationError(
                _(
                    "This invitation is for %(email)s. Please log out and open "
                    "the link again."
                )
                % {"email": invitation.email}
            )
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError(
                _("An account for %(email)s exists already. Please log in first.")
                % {"email": invitation.email}
            )
        user = User(
            username=invitation.email[:150],
            email=invitation.email,
            first_name=first_name,
            last_name=last_name,
        )
        user.set_password(password)
        user.full_clean()
        user.save()
    membership, created = Membership.objects.get_or_create(
        user=user,
        company=invitation.company,
        defaults={"role": invitation.role},
    )
    if not created:
        # A former colleague invited again comes back with the new role.
        membership.role = invitation.role
        membership.is_active = True
        membership.save(update_fields=["role", "is_active"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        Action.INVITATION_ACCEPTED,
        company=invitation.company,
        actor=user,
        obj=membership,
        data={"role": membership.role},
    )
    return membership


def _active_admins(company: Company):
    return Membership.objects.for_company(company).filter(
        role=Role.COMPANY_ADMIN, is_active=True
    )


@transaction.atomic
def membership_update(
    *, membership: Membership, acting_user, role: str, is_active: bool
) -> Membership:
    """Change a colleague's role or (de)activate them.

    A company always keeps one active company admin, and admins cannot
    deactivate themselves (ValidationError)."""
    _validate_role(membership.company, role)
    if membership.user_id == acting_user.pk and not is_active:
        raise ValidationError(_("You cannot deactivate yourself."))
    losing_admin = membership.role == Role.COMPANY_ADMIN and membership.is_active
    stays_admin = role == Role.COMPANY_ADMIN and is_active
    if losing_admin and not stays_admin:
        others = (
            _active_admins(membership.company)
            .select_for_update()
            .exclude(pk=membership.pk)
        )
        if not others.exists():
            raise ValidationError(
                _("The company needs at least one active company admin.")
            )
    before = (membership.role, membership.is_active)
    membership.role = role
    membership.is_active = is_active
    membership.full_clean()
    membership.save(update_fields=["role", "is_active"])
    _audit_membership(membership, before, actor=acting_user)
    return membership


def _audit_membership(membership: Membership, before: tuple, *, actor) -> None:
    old_role, was_active = before
    if old_role != membership.role:
        audit_record(
            Action.MEMBER_ROLE_CHANGED,
            company=membership.company,
            actor=actor,
            obj=membership,
            data={"old": old_role, "new": membership.role},
        )
    if was_active != membership.is_active:
        action = (
            Action.MEMBER_REACTIVATED
            if membership.is_active
            else Action.MEMBER_DEACTIVATED
        )
        audit_record(action, company=membership.company, actor=actor, obj=membership)


def tile_preference_save(*, user, order: list[str], hidden: list[str], known: set[str]):
    """Keep the user's tile order and hidden tiles; unknown keys are dropped."""
    preference, _created = TilePreference.objects.get_or_create(user=user)
    preference.order = [key for key in dict.fromkeys(order) if key in known]
    preference.hidden = [key for key in dict.fromkeys(hidden) if key in known]
    preference.save(update_fields=["order", "hidden"])
    return preference
