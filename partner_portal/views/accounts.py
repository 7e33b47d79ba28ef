import math
from urllib.parse import urlsplit

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.client_ip import client_ip
from partner_portal.forms import (
    EmailLoginForm,
    InvitationAcceptForm,
    PortalPasswordResetForm,
)
from partner_portal.middleware import SESSION_KEY
from partner_portal.policy import PUBLIC, SIGNED_IN
from partner_portal.profile import password_changed_notify
from partner_portal.selectors import invitation_by_token, memberships_of_user
from partner_portal.services import InvitationError, invitation_accept, invitation_check


class PortalLoginView(auth_views.LoginView):
    # LoginView keeps `?next=` to this host (url_has_allowed_host_and_scheme).
    policy = PUBLIC
    template_name = "registration/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True


def axes_username(request, credentials=None):
    """The name django-axes counts failures under: emails are case-blind at
    login, so `Buyer@…` and `buyer@…` share one counter."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return (username or "").strip().lower()


def axes_client_ip(request) -> str:
    """The address django-axes counts failures under (the audit trail's too)."""
    return client_ip(request)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes calls this when an account is locked: say for how long."""
    cool_off = get_cool_off(request)
    username = axes_username(request, credentials)
    last = (
        AccessAttempt.objects.filter(
            username=username, ip_address=axes_client_ip(request)
        )
        .order_by("-attempt_time")
        .first()
    )
    minutes = None
    if cool_off:
        until = (last.attempt_time if last else timezone.now()) + cool_off
        minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    form = EmailLoginForm(request, initial={"username": username})
    return render(
        request,
        "registration/login.html",
        {"form": form, "locked_out": True, "minutes": minutes},
        status=429,
    )


class InvitationAcceptView(View):
    """Public: the invitation link. The token is the credential."""

    policy = PUBLIC

    template_name = "partner_portal/invitation_accept.html"

    def _invitation(self, token):
        return invitation_check(invitation_by_token(token=token))

    def get(self, request, token):
        try:
            invitation = self._invitation(token)
        except InvitationError as error:
            return self._invalid(request, error)
        form = None
        if not request.user.is_authenticated:
            form = InvitationAcceptForm(email=invitation.email)
        return render(
            request, self.template_name, {"invitation": invitation, "form": form}
        )

    def post(self, request, token):
        try:
            invitation = self._invitation(token)
        except InvitationError as error:
            return self._invalid(request, error)
        if request.user.is_authenticated:
            try:
                membership = invitation_accept(invitation=invitation, user=request.user)
            except InvitationError as error:
                return self._invalid(request, error)
            request.session[SESSION_KEY] = membership.company_id
            messages.success(
                request, _("You joined %(company)s.") % {"company": membership.company}
            )
            return redirect("partner_portal:start")
        form = InvitationAcceptForm(request.POST, email=invitation.email)
        if not form.is_valid():
            return render(
                request, self.template_name, {"invitation": invitation, "form": form}
            )
        try:
            membership = invitation_accept(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except InvitationError as error:
            return self._invalid(request, error)
        login(
            request,
            membership.user,
            backend="partner_portal.auth_backends.ModelBackend",
        )
        request.session[SESSION_KEY] = membership.company_id
        messages.success(
            request,
            _("Welcome! Your account at %(company)s is ready.")
            % {"company": membership.company},
        )
        return redirect("partner_portal:start")

    def _invalid(self, request, error):
        return render(
            request,
            "partner_portal/invitation_invalid.html",
            {"reason": str(error)},
            status=410,
        )


class CompanySwitchView(PolicyRequiredMixin, View):
    """Choose which of the user's companies the portal shows."""

    policy = SIGNED_IN
    # A form post: after the login there is nothing to go back to.
    redirect_field_name = None

    def post(self, request):
        try:
            company_id = int(request.POST.get("company", ""))
        except ValueError:
            company_id = None
        allowed = {m.company_id for m in memberships_of_user(user=request.user)}
        if company_id in allowed:
            request.session[SESSION_KEY] = company_id
        else:
            messages.error(request, _("You are not a member of that company."))
        return redirect("partner_portal:start")


class PortalPasswordChangeView(PolicyRequiredMixin, auth_views.PasswordChangeView):
    """Django's form asks for the old password; the user is told by mail."""

    policy = SIGNED_IN

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed_notify(user=form.user)
        return response


password_change = PortalPasswordChangeView.as_view()
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="registration/password_change_done.html"
)


class PortalPasswordResetView(auth_views.PasswordResetView):
    policy = PUBLIC
    template_name = "registration/password_reset.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    form_class = PortalPasswordResetForm

    def form_valid(self, form):
        # Links point at the portal's address, not at the sites framework's
        # placeholder domain.
        base = urlsplit(settings.PORTAL_BASE_URL)
        self.extra_email_context = {
            "domain": base.netloc + base.path,
            "protocol": base.scheme,
        }
        return super().form_valid(form)


password_reset = PortalPasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="registration/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="registration/password_reset_confirm.html"
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)
