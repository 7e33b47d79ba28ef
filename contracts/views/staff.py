"""Sales staff pages: the queue of offer requests, offers of every company,
the offer editor (draft terms and lines), preview and send (contracts are in
staff_contracts.py). Staff see across companies through the staff selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_class

from contracts import selectors, services
from contracts.forms import (
    OfferCreateForm,
    OfferHeaderForm,
    OfferLineFormSet,
)
from contracts.models import Offer, OfferRequest, OfferVersion
from contracts.views.offers import pdf_pending_response
from partner_portal.access import PolicyRequiredMixin
from partner_portal.files import (
    INLINE,
    PDF,
    private_content_response,
    private_file_response,
)
from partner_portal.models import Company
from partner_portal.policy import SALES

Selector = get_class("partner.strategy", "Selector")


class SalesRequiredMixin(PolicyRequiredMixin):
    policy = SALES


def _strategy(company):
    return Selector().strategy(company=company)


class StaffRequestQueueView(SalesRequiredMixin, View):
    template_name = "contracts/staff/request_queue.html"

    def get(self, request):
        status = request.GET.get("status", OfferRequest.Status.OPEN)
        if status not in OfferRequest.Status.values and status != "all":
            status = OfferRequest.Status.OPEN
        queue = selectors.staff_offer_request_queue(
            status=None if status == "all" else status
        )
        page = Paginator(queue, 25).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "requests": page.object_list,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "status": status,
                "statuses": OfferRequest.Status.choices,
            },
        )


class StaffRequestCloseView(SalesRequiredMixin, View):
    def post(self, request, pk):
        offer_request = selectors.staff_offer_request_get(pk=pk)
        services.offer_request_close(offer_request=offer_request)
        messages.success(request, _("The request is closed."))
        return redirect("contracts:staff_requests")


class StaffOfferListView(SalesRequiredMixin, View):
    template_name = "contracts/staff/offer_list.html"

    def get(self, request):
        company = None
        if request.GET.get("company", "").isdigit():
            company = Company.objects.filter(pk=request.GET["company"]).first()
        status = request.GET.get("status", "")
        if status not in Offer.Status.values:
            status = ""
        search = request.GET.get("q", "").strip()[:100]
        offers = selectors.staff_offer_list(
            company=company, status=status or None, search=search
        )
        page = Paginator(offers, 25).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "offers": page.object_list,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "company": company,
                "companies": Company.objects.filter(is_active=True),
                "status": status,
                "statuses": Offer.Status.choices,
                "q": search,
            },
        )


class StaffOfferCreateView(SalesRequiredMixin, View):
    template_name = "contracts/staff/offer_create.html"

    def _request(self, request):
        value = request.GET.get("request") or request.POST.get("request") or ""
        return (
            selectors.staff_offer_request_get(pk=int(value))
            if value.isdigit()
            else None
        )

    def get(self, request):
        offer_request = self._request(request)
        initial = {}
        if offer_request:
            initial = {
                "company": offer_request.company,
                "language": offer_request.language,
                "title": _("Offer for %(company)s")
                % {"company": offer_request.company},
            }
        return render(
            request,
            self.template_name,
            {"form": OfferCreateForm(initial=initial), "offer_request": offer_request},
        )

    def post(self, request):
        offer_request = self._request(request)
        form = OfferCreateForm(request.POST)
        if form.is_valid():
            company = form.cleaned_data["company"]
            try:
                offer = services.offer_create(
                    company=company,
                    user=request.user,
                    title=form.cleaned_data["title"],
                    language=form.cleaned_data["language"],
                    offer_request=offer_request,
                    strategy=_strategy(company),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Draft created."))
                return redirect("contracts:staff_offer_edit", pk=offer.pk)
        return render(
            request,
            self.template_name,
            {"form": form, "offer_request": offer_request},
            status=400,
        )


def _line_initial(lines):
    return [
        {
            "sku": line.sku,
            "description": line.description,
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "discount_percent": line.discount_percent,
            "tax_rate": line.tax_rate,
        }
        for line in lines
    ]


class StaffOfferEditView(SalesRequiredMixin, View):
    """The editor: the draft if there is one, else the latest version (saving
    then starts the next version)."""

    template_name = "contracts/staff/offer_edit.html"

    def _editable(self, offer):
        return offer.versions.order_by("-number").first()

    def _render(self, request, offer, version, header, formset, status=200):
        return render(
            request,
            self.template_name,
            {
                "offer": offer,
                "version": version,
                "header": header,
                "formset": formset,
                "versions": offer.versions.order_by("-number"),
                "events": offer.events.select_related("user", "version"),
                "is_final": offer.status in (Offer.Status.ACCEPTED, "declined"),
                "starts_new_version": version.status != OfferVersion.Status.DRAFT,
            },
            status=status,
        )

    def get(self, request, pk):
        offer = selectors.staff_offer_get(pk=pk)
        version = self._editable(offer)
        header = OfferHeaderForm(
            initial={
                "title": offer.title,
                "language": offer.language,
                "contact_person": offer.contact_person,
                "valid_until": version.valid_until,
                "cover_note": version.cover_note,
                "payment_terms": version.payment_terms,
                "delivery_terms": version.delivery_terms,
                "contract_months": version.contract_months,
                "notice_days": version.notice_days,
                "renewal_terms": version.renewal_terms,
            }
        )
        formset = OfferLineFormSet(
            initial=_line_initial(version.lines.all()),
            strategy=_strategy(offer.company),
            prefix="lines",
        )
        return self._render(request, offer, version, header, formset)

    def post(self, request, pk):
        offer = selectors.staff_offer_get(pk=pk)
        version = self._editable(offer)
        header = OfferHeaderForm(request.POST)
        formset = OfferLineFormSet(
            request.POST,
            initial=_line_initial(version.lines.all()),
            strategy=_strategy(offer.company),
            prefix="lines",
        )
        if header.is_valid() and formset.is_valid():
            try:
                draft = services.offer_draft_version(offer=offer, user=request.user)
                services.offer_draft_save(
                    version=draft,
                    user=request.user,
                    header=header.cleaned_data,
                    lines=formset.line_inputs(),
                )
            except services.OfferError as exc:
                messages.error(request, str(exc))
            except ValidationError as exc:
                header.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Version %(number)s saved as a draft.")
                    % {"number": draft.number},
                )
                return redirect("contracts:staff_offer_edit", pk=pk)
        return self._render(request, offer, version, header, formset, status=400)


class StaffOfferPreviewView(SalesRequiredMixin, View):
    """The draft as PDF, marked as a preview; nothing is stored."""

    def get(self, request, pk):
        offer = selectors.staff_offer_get(pk=pk)
        version = offer.versions.order_by("-number").first()
        try:
            pdf = services.offer_preview_pdf(version=version)
        except Exception as exc:  # WeasyPrint raises many kinds
            messages.error(
                request,
                _("The PDF could not be rendered: %(error)s") % {"error": exc},
            )
            return redirect("contracts:staff_offer_edit", pk=pk)
        return private_content_response(
            pdf,
            filename=f"{offer.number}-preview.pdf",
            content_type=PDF,
            disposition=INLINE,
        )


class StaffOfferSendView(SalesRequiredMixin, View):
    def post(self, request, pk):
        offer = selectors.staff_offer_get(pk=pk)
        version = offer.versions.order_by("-number").first()
        try:
            sent = services.offer_send(version=version, user=request.user)
        except services.OfferError as exc:
            messages.error(request, str(exc))
        else:
            text = (
                _(
                    "Version %(number)s was sent to %(company)s. Its PDF is being "
                    "prepared; the customer is told once it is ready."
                )
                if sent.pdf_pending
                else _("Version %(number)s was sent to %(company)s.")
            )
            messages.success(
                request, text % {"number": sent.number, "company": offer.company}
            )
        return redirect("contracts:staff_offer_edit", pk=pk)


class StaffOfferVersionPdfView(SalesRequiredMixin, View):
    def get(self, request, pk, number):
        offer = selectors.staff_offer_get(pk=pk)
        version = offer.versions.filter(number=number).first()
        if version is not None and version.pdf_pending:
            return pdf_pending_response(
                request, version, reverse("contracts:staff_offer_edit", args=[pk])
            )
        if version is None or not version.pdf:
            raise Http404
        return private_file_response(
            version.pdf,
            filename=f"{offer.number}-v{number}.pdf",
            content_type=PDF,
            disposition=INLINE,
        )
