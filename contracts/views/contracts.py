"""Customer pages of contracts and partner agreements: list by state,
detail with documents and contact person, document download, renewal."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from contracts import selectors, services
from contracts.models import Contract
from partner_portal.access import PolicyRequiredMixin
from partner_portal.files import ATTACHMENT, PDF, private_file_response
from partner_portal.permissions import Capability, capabilities_for
from partner_portal.policy import Member

STATES = [
    (Contract.State.ACTIVE, Contract.State.ACTIVE.label),
    (Contract.State.EXPIRING, Contract.State.EXPIRING.label),
    (Contract.State.ENDED, Contract.State.ENDED.label),
    (Contract.State.UPCOMING, Contract.State.UPCOMING.label),
]


class ContractListView(PolicyRequiredMixin, View):
    policy = Member(Capability.CONTRACT_VIEW)
    template_name = "contracts/contract_list.html"

    def get(self, request):
        state = request.GET.get("state", Contract.State.ACTIVE)
        if state not in dict(STATES):
            state = Contract.State.ACTIVE
        contracts = selectors.contract_list(company=self.company, state=state)
        page = Paginator(contracts, 25).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "state": state,
                "states": STATES,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "contracts": page.object_list,
                "agreements": [c for c in page.object_list if c.kind != "contract"],
                "customer_contracts": [
                    c for c in page.object_list if c.kind == "contract"
                ],
                "is_partner": self.company.is_partner,
            },
        )


class ContractDetailView(PolicyRequiredMixin, View):
    policy = Member(Capability.CONTRACT_VIEW)
    template_name = "contracts/contract_detail.html"

    def get(self, request, pk):
        contract = selectors.contract_get(company=self.company, pk=pk)
        caps = capabilities_for(request.membership)
        version = contract.offer_version
        return render(
            request,
            self.template_name,
            {
                "contract": contract,
                "version": version,
                "offer": version.offer if version else None,
                "documents": contract.documents.all(),
                "can_renew": Capability.OFFER_ACCEPT in caps,
                "can_order": Capability.ORDER_PLACE in caps and version is not None,
                "renewal": contract.renewal_requests.exclude(status="closed").first(),
            },
        )


class ContractDocumentView(PolicyRequiredMixin, View):
    policy = Member(Capability.CONTRACT_VIEW)

    def get(self, request, pk, document_pk):
        document = selectors.contract_document_get(
            company=self.company, contract_pk=pk, pk=document_pk
        )
        return private_file_response(
            document.file,
            filename=f"{document.contract.number}-{document.pk}.pdf",
            content_type=PDF,
            disposition=ATTACHMENT,
        )


class ContractRenewalView(PolicyRequiredMixin, View):
    """ "Request renewal": a new offer request for the contract."""

    policy = Member(Capability.OFFER_ACCEPT)

    def post(self, request, pk):
        contract = selectors.contract_get(company=self.company, pk=pk)
        services.contract_renewal_request(contract=contract, user=request.user)
        messages.success(
            request,
            _("We have your renewal request for %(number)s and will send an offer.")
            % {"number": contract.number},
        )
        return redirect("contracts:contract_detail", pk=pk)
