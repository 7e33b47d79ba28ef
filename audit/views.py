"""The audit trail's pages: a company admin reads and exports their
company's trail; our superusers read every company's."""

import csv
import datetime
import json

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from audit.forms import AuditFilterForm, StaffAuditFilterForm
from audit.selectors import EXPORT_LIMIT, audit_entry_list, staff_audit_entry_list
from partner_portal.access import PolicyRequiredMixin
from partner_portal.exports import csv_safe
from partner_portal.files import ATTACHMENT, CSV, private_content_response
from partner_portal.permissions import Capability
from partner_portal.policy import Member, Rule

PAGE_SIZE = 50

# The trail of every company holds sign-in addresses and business decisions:
# superusers only, not every staff group.
AUDIT_STAFF = Rule(lambda request: request.user.is_superuser, name="superuser")
AUDIT_COMPANY = Member(Capability.AUDIT_VIEW)


NB_HYPHEN = "\u2011"


def details(data: dict) -> str:
    """An entry's data as one line for people ("role: buyer → approver")."""
    parts = []
    for key, value in sorted((data or {}).items()):
        if isinstance(value, dict):
            value = "; ".join(
                f"{field}: {_pair(change)}" for field, change in value.items()
            )
        elif isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        if value in ("", None):
            continue
        parts.append(f"{key}: {_short(str(value))}")
    return " · ".join(parts)


def _short(text: str) -> str:
    # A hash or URL is one long word that would push a phone's page sideways;
    # the page shows its start, the CSV export all of it. Hyphens become
    # non-breaking, so a number such as CT-2026-00001 stays on one line.
    return " ".join(
        f"{word[:16]}…" if len(word) > 32 else word.replace("-", NB_HYPHEN)
        for word in text.split(" ")
    )


def _pair(change) -> str:
    if isinstance(change, list) and len(change) == 2:
        return f"{change[0] or '–'} → {change[1] or '–'}"
    return str(change)


class _TrailView(PolicyRequiredMixin, View):
    form_class = AuditFilterForm
    staff = False

    def entries(self, form):
        if self.staff:
            return staff_audit_entry_list(**form.filters())
        return audit_entry_list(company=self.company, **form.filters())

    def form(self, request):
        return self.form_class(request.GET or None)


class _ListView(_TrailView):
    url_name = "audit:list"
    export_url_name = "audit:export"

    def get(self, request):
        form = self.form(request)
        page = Paginator(self.entries(form), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        for entry in page.object_list:
            entry.details = details(entry.data)
        return render(
            request,
            "audit/entry_list.html",
            {
                "form": form,
                "entries": page.object_list,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "staff": self.staff,
                "url_name": self.url_name,
                "export_url_name": self.export_url_name,
            },
            status=400 if form.is_bound and not form.is_valid() else 200,
        )


class _ExportView(_TrailView):
    """The filtered trail as CSV (at most EXPORT_LIMIT rows), with each
    entry's number and hashes so that the file can be checked too."""

    def get(self, request):
        entries = self.entries(self.form(request))[:EXPORT_LIMIT]
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = private_content_response(
            filename=f"audit-trail-{stamp}.csv",
            content_type=CSV,
            disposition=ATTACHMENT,
        )
        response.write("\ufeff")  # so that Excel reads UTF-8
        writer = csv.writer(response)
        headings = [
            _("Number"),
            _("Time (UTC)"),
            _("Actor"),
            _("IP address"),
            _("Action"),
            _("Object type"),
            _("Object id"),
            _("Object"),
            _("Details"),
            _("Previous hash"),
            _("Hash"),
        ]
        if self.staff:
            headings.insert(0, _("Company"))
        writer.writerow(headings)
        for entry in entries.iterator(chunk_size=2000):
            row = [
                entry.seq,
                entry.created_at.astimezone(datetime.UTC).isoformat(),
                entry.actor_email,
                entry.ip,
                entry.action,
                entry.object_type,
                entry.object_id,
                entry.object_repr,
                json.dumps(entry.data, sort_keys=True, ensure_ascii=False),
                entry.prev_hash,
                entry.hash,
            ]
            if self.staff:
                row.insert(0, entry.company.name if entry.company else "")
            writer.writerow([csv_safe(value) for value in row])
        return response


class AuditEntryListView(_ListView):
    policy = AUDIT_COMPANY


class AuditEntryExportView(_ExportView):
    policy = AUDIT_COMPANY


class StaffAuditEntryListView(_ListView):
    policy = AUDIT_STAFF
    form_class = StaffAuditFilterForm
    staff = True
    url_name = "audit:staff_list"
    export_url_name = "audit:staff_export"


class StaffAuditEntryExportView(_ExportView):
    policy = AUDIT_STAFF
    form_class = StaffAuditFilterForm
    staff = True
