from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from marketing_assets import files, services
from marketing_assets.forms import AssetFilterForm, PartnerBrandForm
from marketing_assets.selectors import (
    asset_get,
    asset_list,
    brand_defaults,
    collection_list,
    download_counts_for_company,
    download_report,
    partner_brand_get,
    tag_list,
)
from partner_portal.access import PolicyRequiredMixin
from partner_portal.files import (
    ATTACHMENT,
    INLINE,
    PDF,
    private_content_response,
    private_file_response,
)
from partner_portal.permissions import Capability, StaffGroup, capabilities_for
from partner_portal.policy import PARTNER, STAFF, Member, Staff

PER_PAGE = 24


class LibraryAccessMixin(PolicyRequiredMixin):
    """Partners (members with the partner-area capability) and our own staff,
    who see every audience to check the material; customers get 403."""

    policy = PARTNER | STAFF


class PartnerAdminMixin(PolicyRequiredMixin):
    """The company admin of a partner company (brand, download counts)."""

    policy = Member(Capability.COMPANY_MANAGE) & PARTNER


class AssetListView(LibraryAccessMixin, View):
    template_name = "marketing_assets/asset_list.html"

    def get(self, request):
        collections = collection_list(request=request)
        form = AssetFilterForm(request.GET or None, collections=collections)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        assets = asset_list(request=request, filters=filters)
        page = Paginator(assets, PER_PAGE).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "collections": collections,
                "tags": tag_list(request=request),
                "assets": page.object_list,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "filtered": bool(filters and any(filters.values())),
                "may_see_report": Capability.COMPANY_MANAGE
                in capabilities_for(request.membership),
            },
        )


class AssetDetailView(LibraryAccessMixin, View):
    template_name = "marketing_assets/asset_detail.html"

    def get(self, request, pk):
        asset = asset_get(request=request, pk=pk)
        return render(request, self.template_name, {"asset": asset})


class AssetDownloadView(LibraryAccessMixin, View):
    """The file itself, only while the asset is visible to the user; each
    download by a partner is counted for their company."""

    def get(self, request, pk):
        asset = asset_get(request=request, pk=pk)
        try:
            handle = asset.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        services.asset_download_record(
            asset=asset, company=self.company, user=request.user
        )
        return private_file_response(
            handle,
            filename=services.asset_download_filename(asset),
            content_type=asset.content_type or "application/octet-stream",
            disposition=ATTACHMENT,
        )


class AssetThumbnailView(LibraryAccessMixin, View):
    def get(self, request, pk):
        asset = asset_get(request=request, pk=pk)
        if not asset.thumbnail:
            raise Http404
        try:
            handle = asset.thumbnail.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        content_type = files.sniff_image(handle, services.THUMBNAIL_FORMATS)
        if content_type is None:
            handle.close()
            raise Http404
        return private_file_response(
            handle,
            filename=f"{asset.pk}-thumbnail",
            content_type=content_type,
            disposition=INLINE,
        )


class FlyerDownloadView(LibraryAccessMixin, View):
    """The flyer template stamped with the requesting company's brand, made
    for this request only. Staff get it with a sample name."""

    def get(self, request, pk):
        asset = asset_get(request=request, pk=pk)
        if not asset.co_brandable:
            raise Http404
        try:
            pdf = services.flyer_render(
                asset=asset,
                company=self.company,
                sample_name=_("Your company name"),
            )
        except services.FlyerError as error:
            messages.error(request, str(error))
            return redirect("marketing_assets:detail", pk=asset.pk)
        services.asset_download_record(
            asset=asset, company=self.company, user=request.user, co_branded=True
        )
        suffix = f"-{self.company.slug}" if self.company else "-sample"
        return private_content_response(
            pdf,
            filename=services.asset_download_filename(asset, suffix=suffix),
            content_type=PDF,
            disposition=ATTACHMENT,
        )


class PartnerBrandEditView(PartnerAdminMixin, View):
    """The company admin keeps what their co-branded flyers show."""

    template_name = "marketing_assets/partnerbrand_form.html"

    def _render(self, request, form, brand, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "brand": brand, "company": self.company},
            status=status,
        )

    def get(self, request):
        brand = partner_brand_get(company=self.company)
        if brand is None:
            form = PartnerBrandForm(initial=brand_defaults(company=self.company))
        else:
            form = PartnerBrandForm(instance=brand)
        return self._render(request, form, brand)

    def post(self, request):
        brand = partner_brand_get(company=self.company)
        form = PartnerBrandForm(request.POST, request.FILES, instance=brand)
        if not form.is_valid():
            return self._render(request, form, brand)
        data = form.cleaned_data
        try:
            services.partner_brand_save(
                company=self.company,
                display_name=data["display_name"],
                address=data["address"],
                phone=data["phone"],
                email=data["email"],
                website=data["website"],
                logo=data.get("logo_upload") or None,
                remove_logo=data.get("remove_logo", False),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, form, brand)
        messages.success(request, _("Your flyer details are saved."))
        return redirect("marketing_assets:brand")


class PartnerBrandLogoView(PartnerAdminMixin, View):
    """The company's own logo, for the preview on the brand page."""

    def get(self, request):
        brand = partner_brand_get(company=self.company)
        if brand is None or not brand.logo:
            raise Http404
        try:
            handle = brand.logo.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        content_type = files.sniff_image(handle, files.LOGO_FORMATS)
        if content_type is None:
            handle.close()
            raise Http404
        return private_file_response(
            handle,
            filename=f"{self.company.slug}-logo",
            content_type=content_type,
            disposition=INLINE,
        )


class CompanyDownloadsView(PartnerAdminMixin, View):
    template_name = "marketing_assets/company_downloads.html"

    def get(self, request):
        rows = download_counts_for_company(company=self.company)
        return render(
            request,
            self.template_name,
            {"rows": rows, "company": self.company},
        )


class ReportAccessMixin(PolicyRequiredMixin):
    """Sales and the content editors (who work in the Wagtail admin and need
    not be Django staff) see downloads across companies."""

    policy = Staff(StaffGroup.SALES, StaffGroup.CONTENT_EDITOR)


class StaffDownloadReportView(ReportAccessMixin, View):
    template_name = "marketing_assets/staff_report.html"

    def get(self, request):
        page = Paginator(download_report(), 100).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "rows": page.object_list,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
            },
        )
