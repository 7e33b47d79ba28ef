"""Documents (downloads in pages, lesson material): private files with an
audience, served only through Wagtail's serve view and our check in
cms/wagtail_hooks.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

from partner_portal.audience import audience_field
from partner_portal.files import private_storage


class PortalDocument(AbstractDocument):
    file = models.FileField(
        storage=private_storage, upload_to="documents", verbose_name=_("file")
    )
    audience = models.CharField(**audience_field())

    admin_form_fields = (*Document.admin_form_fields, "audience")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_portaldocument", "Can choose document")]
