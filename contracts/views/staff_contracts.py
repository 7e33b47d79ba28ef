"""Sales staff pages for contracts of every company and their documents.
Staff see across companies through the staff selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from contracts import selectors, services
from contracts.forms import (
    ContractForm,
    DocumentForm,
)
from contracts.views.staff import SalesRequiredMixin
from partner_portal.files import (
    ATTACHMENT,
    PDF,
    private_file_response,
)


class StaffContractListView(SalesRequiredMixin, View):
    template_name = "contracts/staff/contract_list.html"

    def get(self, request):
        page = Paginator(selectors.staff_contract_list(), 25).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            self.template_name,
            {
                "contracts": page.object_list,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "form": ContractForm(),
            },
        )

    def post(self, request):
        form = ContractForm(request.POST)
        if form.is_valid():
            try:
                contract = services.contract_create(**form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Contract %(number)s created.") % {"number": contract.number},
                )
                return redirect("contracts:staff_contract_detail", pk=contract.pk)
        page = Paginator(selectors.staff_contract_list(), 25).get_page(1)
        return render(
            request,
            self.template_name,
            {"contracts": page.object_list, "page_obj": page, "form": form},
            status=400,
        )


class StaffContractDetailView(SalesRequiredMixin, View):
    template_name = "contracts/staff/contract_detail.html"

    def _render(self, request, contract, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "contract": contract,
                "documents": contract.documents.all(),
                "form": form,
            },
            status=status,
        )

    def get(self, request, pk):
        contract = selectors.staff_contract_get(pk=pk)
        return self._render(request, contract, DocumentForm())

    def post(self, request, pk):
        contract = selectors.staff_contract_get(pk=pk)
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.contract_document_add(
                    contract=contract,
                    user=request.user,
                    title=form.cleaned_data["title"],
                    uploaded_file=form.cleaned_data["file"],
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                messages.success(request, _("Document added."))
                return redirect("contracts:staff_contract_detail", pk=pk)
        return self._render(request, contract, form, status=400)


class StaffContractDocumentView(SalesRequiredMixin, View):
    def get(self, request, pk, document_pk):
        contract = selectors.staff_contract_get(pk=pk)
        document = contract.documents.filter(pk=document_pk).first()
        if document is None:
            raise Http404
        return private_file_response(
            document.file,
            filename=f"{contract.number}-{document.pk}.pdf",
            content_type=PDF,
            disposition=ATTACHMENT,
        )
