"""Sign-ins, failed sign-ins and sign-outs, from Django's auth signals: each
goes to the chain of every company the user is an active member of, or to
the portal's chain for someone in no company (our staff, an unknown
address)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver

from audit.actions import Action
from audit.services import record_for_user

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="audit_login")
def audit_login(sender, request, user, **kwargs):
    record_for_user(Action.LOGIN, user=user, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record_for_user(Action.LOGOUT, user=user, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password with asterisks; only the
    # address typed is kept.
    username = str(credentials.get("username") or credentials.get("email") or "")
    username = username.strip().lower()[:254]
    user = User.objects.filter(email__iexact=username).first() if username else None
    record_for_user(
        Action.LOGIN_FAILED,
        user=user,
        request=request,
        data={"username": username},
    )
