"""The member's own account page: name, login email (with the current
password) and a link to the password change. Oscar's profile pages lead here;
its account deletion is not offered (the company admin deactivates members)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.forms import EmailChangeForm, ProfileNameForm
from partner_portal.policy import SIGNED_IN
from partner_portal.profile import user_email_change, user_name_set


def _next_url(request) -> str | None:
    """A local `?next=` to go back to (the offer that asked for a name)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


class ProfileView(PolicyRequiredMixin, View):
    """Name and email of the signed-in user; the name can be set here."""

    policy = SIGNED_IN
    template_name = "partner_portal/profile.html"

    def get(self, request):
        user = request.user
        form = ProfileNameForm(
            initial={"first_name": user.first_name, "last_name": user.last_name}
        )
        return self._render(request, form)

    def post(self, request):
        form = ProfileNameForm(request.POST)
        if form.is_valid():
            try:
                user_name_set(
                    user=request.user,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your name is saved."))
                return redirect(_next_url(request) or "partner_portal:profile")
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "next": _next_url(request) or ""},
            status=status,
        )


class EmailChangeView(PolicyRequiredMixin, View):
    """A new login email, confirmed with the current password; the old and
    the new address are told."""

    policy = SIGNED_IN
    template_name = "partner_portal/email_change.html"

    def get(self, request):
        return render(request, self.template_name, {"form": EmailChangeForm()})

    def post(self, request):
        form = EmailChangeForm(request.POST)
        if form.is_valid():
            try:
                user_email_change(
                    user=request.user,
                    new_email=form.cleaned_data["email"],
                    password=form.cleaned_data["password"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your login email address is now %(email)s. We told the "
                        "old and the new address."
                    )
                    % {"email": request.user.email},
                )
                return redirect("partner_portal:profile")
        return render(request, self.template_name, {"form": form}, status=400)


def account_delete_gone(request):
    """Oscar's "delete my account": members do not delete themselves in a
    B2B portal (their orders, offers and returns belong to the company); the
    company admin deactivates them."""
    raise Http404
