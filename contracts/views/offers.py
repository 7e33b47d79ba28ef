"""Customer pages of offers: list, detail with the PDF, accept, decline, the
acceptance certificate, lines into the basket, requests for quotation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin

from contracts import selectors, services
from contracts.documents import render_certificate_pdf
from contracts.forms import AcceptForm, DeclineForm, OfferRequestForm
from contracts.models import Acceptance, Offer, OfferEvent
from partner_portal.access import PolicyRequiredMixin
from partner_portal.files import (
    ATTACHMENT,
    INLINE,
    PDF,
    private_content_response,
    private_file_response,
)
from partner_portal.page_cache import page_cached
from partner_portal.permissions import Capability, capabilities_for
from partner_portal.policy import Member
from partner_portal.scoping import get_for_company_or_404

CUSTOMER_EVENTS = (
    OfferEvent.Kind.SENT,
    OfferEvent.Kind.SUPERSEDED,
    OfferEvent.Kind.ACCEPTED,
    OfferEvent.Kind.DECLINED,
    OfferEvent.Kind.EXPIRED,
    OfferEvent.Kind.TO_BASKET,
)


class OfferOrContractMixin(PolicyRequiredMixin):
    """Offer documents: for those who accept offers and for those who see the
    contracts that came of them."""

    policy = Member(Capability.OFFER_ACCEPT, Capability.CONTRACT_VIEW)


class OfferListView(PolicyRequiredMixin, View):
    policy = Member(Capability.OFFER_ACCEPT)
    template_name = "contracts/offer_list.html"

    @page_cached
    def get(self, request):
        status = request.GET.get("status", "")
        if status not in Offer.Status.values:
            status = ""
        offers = selectors.offer_list(company=self.company, status=status or None)
        page = Paginator(offers, 25).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "offers": page.object_list,
                "status": status,
                "statuses": [
                    choice for choice in Offer.Status.choices if choice[0] != "draft"
                ],
                "open_requests": selectors.offer_request_list(company=self.company)
                .exclude(status="closed")
                .count(),
            },
        )


class OfferDetailView(PolicyRequiredMixin, View):
    policy = Member(Capability.OFFER_ACCEPT)
    template_name = "contracts/offer_detail.html"

    def context(self, request, pk, **extra):
        offer = selectors.offer_get(company=self.company, pk=pk)
        versions = selectors.offer_versions_visible(offer=offer)
        current = versions[0]
        user = request.user
        return {
            "offer": offer,
            "version": current,
            "versions": versions,
            "lines": list(current.lines.all()),
            "events": offer.events.filter(kind__in=CUSTOMER_EVENTS).select_related(
                "user", "version"
            ),
            "contract": getattr(current, "contract", None)
            if current.status == "accepted"
            else None,
            "accept_form": AcceptForm(initial={"typed_name": ""}, auto_id="accept_%s"),
            "decline_form": DeclineForm(auto_id="decline_%s"),
            "expected_name": user.get_full_name(),
            "can_order": Capability.ORDER_PLACE in capabilities_for(request.membership),
            **extra,
        }

    def get(self, request, pk):
        return render(request, self.template_name, self.context(request, pk))


@method_decorator(xframe_options_sameorigin, name="dispatch")
class OfferVersionPdfView(OfferOrContractMixin, View):
    """The stored PDF of a sent version, shown inline (also embedded in the
    offer page, hence same-origin framing)."""

    def get(self, request, pk, number):
        version = selectors.offer_version_get(
            company=self.company, offer_pk=pk, number=number
        )
        if version.pdf_pending:
            return pdf_pending_response(
                request, version, reverse("contracts:offer_detail", args=[pk])
            )
        if not version.pdf:
            raise Http404
        download = request.GET.get("download") == "1"
        return private_file_response(
            version.pdf,
            filename=f"{version.offer.number}-v{version.number}.pdf",
            content_type=PDF,
            disposition=ATTACHMENT if download else INLINE,
        )


def pdf_pending_response(request, version, back_url):
    """409 with a page that says the PDF is being prepared (a task worker
    renders it after the offer was sent)."""
    return render(
        request,
        "contracts/offer_pdf_pending.html",
        {"offer": version.offer, "version": version, "back_url": back_url},
        status=409,
    )


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class OfferAcceptView(OfferDetailView):
    def get(self, request, pk, number):
        return redirect("contracts:offer_detail", pk=pk)

    def post(self, request, pk, number):
        version = selectors.offer_version_get(
            company=self.company, offer_pk=pk, number=number
        )
        form = AcceptForm(request.POST, user=request.user, auto_id="accept_%s")
        if not form.is_valid():
            return render(
                request,
                self.template_name,
                self.context(request, pk, accept_form=form),
                status=400,
            )
        try:
            services.offer_accept(
                company=self.company,
                offer_id=version.offer_id,
                version_number=version.number,
                user=request.user,
                typed_name=form.cleaned_data["typed_name"],
                terms_accepted=form.cleaned_data["terms"],
                ip_address=_client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except services.OfferError as exc:
            messages.error(request, str(exc))
            return redirect("contracts:offer_detail", pk=pk)
        messages.success(
            request,
            _("You accepted offer %(number)s. The contract is now in place.")
            % {"number": version.offer.number},
        )
        return redirect("contracts:certificate", pk=pk)


class OfferDeclineView(OfferDetailView):
    def get(self, request, pk, number):
        return redirect("contracts:offer_detail", pk=pk)

    def post(self, request, pk, number):
        version = selectors.offer_version_get(
            company=self.company, offer_pk=pk, number=number
        )
        form = DeclineForm(request.POST, auto_id="decline_%s")
        if not form.is_valid():
            return render(
                request,
                self.template_name,
                self.context(request, pk, decline_form=form, show_decline=True),
                status=400,
            )
        try:
            services.offer_decline(
                company=self.company,
                offer_id=version.offer_id,
                version_number=version.number,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.OfferError as exc:
            messages.error(request, str(exc))
            return redirect("contracts:offer_detail", pk=pk)
        messages.success(request, _("You declined the offer. We have been told."))
        return redirect("contracts:offer_detail", pk=pk)


def _acceptance(company, pk) -> Acceptance:
    return get_for_company_or_404(
        Acceptance.objects.select_related("version__offer__company", "user"),
        company=company,
        version__offer_id=pk,
    )


class CertificateView(OfferOrContractMixin, View):
    template_name = "contracts/certificate.html"

    def get(self, request, pk):
        acceptance = _acceptance(self.company, pk)
        return render(
            request,
            self.template_name,
            {
                "acceptance": acceptance,
                "version": acceptance.version,
                "offer": acceptance.version.offer,
            },
        )


class CertificatePdfView(OfferOrContractMixin, View):
    def get(self, request, pk):
        acceptance = _acceptance(self.company, pk)
        pdf = render_certificate_pdf(acceptance)
        return private_content_response(
            pdf,
            filename=f"{acceptance.version.offer.number}-acceptance.pdf",
            content_type=PDF,
            disposition=INLINE,
        )


class OfferToBasketView(PolicyRequiredMixin, View):
    """All catalogue lines of an accepted offer into the basket, one click."""

    policy = Member(Capability.ORDER_PLACE)

    def post(self, request, pk):
        offer = get_for_company_or_404(
            Offer.objects.select_related("latest_sent"), company=self.company, pk=pk
        )
        version = offer.latest_sent
        if version is None:
            raise Http404
        basket = request.basket
        if basket.pk is None:
            basket.save()
        try:
            result = services.offer_lines_to_basket(
                version=version,
                basket=basket,
                strategy=request.strategy,
                user=request.user,
            )
        except services.OfferError as exc:
            messages.error(request, str(exc))
            return redirect("contracts:offer_detail", pk=pk)
        if result.added:
            messages.success(
                request,
                ngettext(
                    "%(count)s line was put into your basket at the offer price.",
                    "%(count)s lines were put into your basket at the offer prices.",
                    len(result.added),
                )
                % {"count": len(result.added)},
            )
        if result.skipped:
            messages.warning(
                request,
                _("Not put into the basket (not orderable in the shop): %(lines)s")
                % {"lines": "; ".join(result.skipped)},
            )
        return redirect("basket:summary")


class OfferRequestView(PolicyRequiredMixin, View):
    """The company's requests for quotation and the form for a new one."""

    policy = Member(Capability.OFFER_ACCEPT)
    template_name = "contracts/request_list.html"

    def _render(self, request, form, status=200):
        basket = getattr(request, "basket", None)
        basket_lines = basket.num_lines if basket is not None and basket.pk else 0
        page = Paginator(
            selectors.offer_request_list(company=self.company), 25
        ).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "requests": page.object_list,
                "basket_lines": basket_lines,
            },
            status=status,
        )

    def get(self, request):
        initial = {"from_basket": request.GET.get("from") == "basket"}
        return self._render(request, OfferRequestForm(initial=initial))

    def post(self, request):
        form = OfferRequestForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        basket = request.basket if form.cleaned_data["from_basket"] else None
        try:
            services.offer_request_create(
                company=self.company,
                user=request.user,
                message=form.cleaned_data["message"],
                basket=basket,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self._render(request, form, status=400)
        messages.success(
            request, _("Your request has been sent. We will prepare an offer.")
        )
        return redirect("contracts:requests")
