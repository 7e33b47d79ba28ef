from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, ProtectedError, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from partner_portal.access import PolicyRequiredMixin
from partner_portal.company_profile import (
    company_address_delete,
    company_address_save,
    company_address_set_default,
    company_profile_update,
)
from partner_portal.forms import (
    CompanyAddressForm,
    CompanyProfileForm,
    InvitationForm,
    MembershipForm,
)
from partner_portal.models import Company, CompanyAddress, Invitation, Membership
from partner_portal.permissions import Capability, capabilities_for
from partner_portal.policy import STAFF, Member, url_allows
from partner_portal.scoping import get_for_company_or_404
from partner_portal.selectors import (
    company_addresses,
    invitation_list_open,
    membership_list,
)
from partner_portal.services import (
    invitation_create,
    invitation_revoke,
    membership_update,
    roles_for_company,
)


class CompanyDetailView(PolicyRequiredMixin, TemplateView):
    policy = Member(Capability.COMPANY_VIEW)
    template_name = "partner_portal/company_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            company=self.company,
            addresses=company_addresses(company=self.company),
            can_manage=Capability.COMPANY_MANAGE
            in capabilities_for(self.request.membership),
            **kwargs,
        )


class CompanyEditView(PolicyRequiredMixin, View):
    """Company admins change the company's VAT ID, email and phone."""

    policy = Member(Capability.COMPANY_MANAGE)
    template_name = "partner_portal/company_form.html"

    def get(self, request):
        form = CompanyProfileForm(instance=self.company)
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = CompanyProfileForm(
            request.POST, instance=Company.objects.get(pk=self.company.pk)
        )
        if form.is_valid():
            try:
                company_profile_update(company=self.company, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The company details were saved."))
                return redirect("partner_portal:company")
        return render(request, self.template_name, {"form": form}, status=400)


class CompanyAddressEditView(PolicyRequiredMixin, View):
    """Add an address (no pk) or change one of the company's addresses;
    another company's address answers 404."""

    policy = Member(Capability.COMPANY_MANAGE)
    template_name = "partner_portal/company_address_form.html"

    def _address(self, pk):
        if pk is None:
            return None
        return get_for_company_or_404(CompanyAddress, company=self.company, pk=pk)

    def get(self, request, pk=None):
        address = self._address(pk)
        form = CompanyAddressForm(instance=address)
        return render(request, self.template_name, {"form": form, "address": address})

    def post(self, request, pk=None):
        address = self._address(pk)
        form = CompanyAddressForm(request.POST)
        if form.is_valid():
            try:
                company_address_save(
                    company=self.company, address=address, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The address was saved."))
                return redirect("partner_portal:company")
        return render(
            request,
            self.template_name,
            {"form": form, "address": address},
            status=400,
        )


class CompanyAddressDeleteView(PolicyRequiredMixin, View):
    policy = Member(Capability.COMPANY_MANAGE)

    def post(self, request, pk):
        address = get_for_company_or_404(CompanyAddress, company=self.company, pk=pk)
        try:
            company_address_delete(company=self.company, address=address)
        except ProtectedError:
            messages.error(
                request,
                _("This address is used by orders awaiting approval; keep it."),
            )
        else:
            messages.success(request, _("The address was deleted."))
        return redirect("partner_portal:company")


class CompanyAddressDefaultView(PolicyRequiredMixin, View):
    """Make a delivery address the one checkout offers first."""

    policy = Member(Capability.COMPANY_MANAGE)

    def post(self, request, pk):
        address = get_for_company_or_404(CompanyAddress, company=self.company, pk=pk)
        try:
            company_address_set_default(company=self.company, address=address)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(address)s is now your default delivery address.")
                % {"address": address.label or address.line1},
            )
        return redirect("partner_portal:company")


class ColleagueListView(PolicyRequiredMixin, View):
    policy = Member(Capability.MEMBERS_VIEW)
    template_name = "partner_portal/colleague_list.html"

    def _can_manage(self):
        return Capability.MEMBERS_MANAGE in capabilities_for(self.request.membership)

    def _render(self, request, invite_form=None, status=200):
        can_manage = self._can_manage()
        if can_manage and invite_form is None:
            invite_form = InvitationForm(roles=roles_for_company(self.company))
        search = request.GET.get("q", "").strip()[:100]
        return render(
            request,
            self.template_name,
            {
                "memberships": membership_list(company=self.company, search=search),
                "invitations": invitation_list_open(company=self.company)
                if can_manage
                else [],
                "invite_form": invite_form,
                "can_manage": can_manage,
                "search": search,
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        """Invite a colleague (company admins only)."""
        if not self._can_manage():
            messages.error(request, _("Only company admins can invite colleagues."))
            return redirect("partner_portal:colleagues")
        form = InvitationForm(request.POST, roles=roles_for_company(self.company))
        if form.is_valid():
            try:
                invitation_create(
                    company=self.company,
                    invited_by=request.user,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    base_url=settings.PORTAL_BASE_URL,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("partner_portal:colleagues")
        return self._render(request, invite_form=form, status=400)


class MembershipUpdateView(PolicyRequiredMixin, View):
    policy = Member(Capability.MEMBERS_MANAGE)
    template_name = "partner_portal/membership_form.html"

    def _membership(self, pk):
        return get_for_company_or_404(
            Membership.objects.select_related("user", "company"),
            company=self.company,
            pk=pk,
        )

    def get(self, request, pk):
        membership = self._membership(pk)
        form = MembershipForm(
            initial={"role": membership.role, "is_active": membership.is_active},
            roles=roles_for_company(self.company),
        )
        return render(
            request, self.template_name, {"membership": membership, "form": form}
        )

    def post(self, request, pk):
        membership = self._membership(pk)
        form = MembershipForm(request.POST, roles=roles_for_company(self.company))
        if form.is_valid():
            try:
                membership_update(
                    membership=membership,
                    acting_user=request.user,
                    role=form.cleaned_data["role"],
                    is_active=form.cleaned_data["is_active"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(name)s was updated.")
                    % {
                        "name": membership.user.get_full_name() or membership.user.email
                    },
                )
                return redirect("partner_portal:colleagues")
        membership.refresh_from_db()
        return render(
            request,
            self.template_name,
            {"membership": membership, "form": form},
            status=400,
        )


class InvitationRevokeView(PolicyRequiredMixin, View):
    policy = Member(Capability.MEMBERS_MANAGE)

    def post(self, request, pk):
        invitation = get_for_company_or_404(Invitation, company=self.company, pk=pk)
        try:
            invitation_revoke(invitation=invitation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The invitation to %(email)s was withdrawn.")
                % {"email": invitation.email},
            )
        return redirect("partner_portal:colleagues")


class PartnerAreaView(PolicyRequiredMixin, TemplateView):
    """The distributors' and franchisees' home: their tier, their contact person
    and the partner sections other apps add to the registry."""

    policy = Member(Capability.PARTNER_AREA)
    template_name = "partner_portal/partner_area.html"

    def get_context_data(self, **kwargs):
        from partner_portal.partner_area import sections_for

        return super().get_context_data(
            company=self.company, sections=sections_for(self.request), **kwargs
        )


class StaffCompanyListView(PolicyRequiredMixin, ListView):
    """Staff see all companies (the explicit cross-company staff selector)."""

    policy = STAFF
    template_name = "partner_portal/staff_company_list.html"
    paginate_by = 50

    def get_queryset(self):
        companies = (
            Company.objects.select_related("contact_person")
            .order_by("name")
            .annotate(
                member_count=Count("membership", filter=Q(membership__is_active=True))
            )
        )
        search = self.request.GET.get("q", "").strip()[:100]
        if search:
            companies = companies.filter(
                Q(name__icontains=search) | Q(customer_number__icontains=search)
            )
        kind = self.request.GET.get("kind", "")
        if kind in Company.Kind.values:
            companies = companies.filter(kind=kind)
        return companies

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search=self.request.GET.get("q", ""),
            kind=self.request.GET.get("kind", ""),
            kinds=Company.Kind.choices,
            may_edit=url_allows(
                self.request, "partner_portal:staff_company_edit", pk=0
            ),
            **kwargs,
        )
