"""A member's own account: name, login email and password notices.

A session is not proof of identity: changing the login email asks for the
current password (Django's password change form already does), and the
addresses concerned are told, so that a stolen session cannot quietly take
the account over. Members do not delete their account: their company admin
deactivates their membership."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from partner_portal.language import preferred_language
from partner_portal.mail import send_mail_to

User = get_user_model()


def _clean_name(value: str) -> str:
    return " ".join((value or "").split())


def user_name_set(*, user, first_name: str, last_name: str) -> None:
    """Set the user's first and last name (white space collapsed). Both are
    required: the name is what a member types to accept an offer. Raises
    ValidationError."""
    first_name, last_name = _clean_name(first_name), _clean_name(last_name)
    errors = {}
    if not first_name:
        errors["first_name"] = _("Enter your first name.")
    if not last_name:
        errors["last_name"] = _("Enter your last name.")
    if errors:
        raise ValidationError(errors)
    user.first_name, user.last_name = first_name[:150], last_name[:150]
    user.full_clean(exclude=["password", "username", "email"])
    user.save(update_fields=["first_name", "last_name"])


def user_email_change(*, user, new_email: str, password: str) -> str:
    """Make `new_email` the user's login email (and username, which mirrors
    it) and mail the old and the new address. Rules: `password` is the
    user's current password; the address is new for this user and no other
    account uses it as email or username (case-insensitive). Returns the
    old address. Raises ValidationError."""
    if not password or not user.check_password(password):
        raise ValidationError(
            {"password": _("The password is not right.")}, code="password"
        )
    new_email = User.objects.normalize_email((new_email or "").strip()).lower()
    old_email = user.email
    if new_email == (old_email or "").lower():
        raise ValidationError(
            {"email": _("This is already your email address.")}, code="same"
        )
    in_use = (
        User.objects.filter(Q(email__iexact=new_email) | Q(username__iexact=new_email))
        .exclude(pk=user.pk)
        .exists()
    )
    if in_use:
        raise ValidationError(
            {"email": _("Another account uses this email address.")}, code="taken"
        )
    with transaction.atomic():
        if (user.username or "").lower() == (old_email or "").lower():
            user.username = new_email[:150]
        user.email = new_email
        user.full_clean(exclude=["password"])
        user.save(update_fields=["email", "username"])
        send_mail_to(
            [old_email, user],
            template="partner_portal/email/email_changed.txt",
            subject=lambda: _("Your login email address was changed"),
            context={
                "old_email": old_email,
                "new_email": new_email,
                "support_email": settings.PORTAL_SUPPORT_EMAIL,
            },
            default_language=preferred_language(user),
        )
    return old_email


def password_changed_notify(*, user) -> None:
    """Tell the user by mail that their password was changed, so that a
    change they did not make does not go unnoticed."""
    send_mail_to(
        [user],
        template="partner_portal/email/password_changed.txt",
        subject=lambda: _("Your password was changed"),
        context={"email": user.email, "support_email": settings.PORTAL_SUPPORT_EMAIL},
    )
