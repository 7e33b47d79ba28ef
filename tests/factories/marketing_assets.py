"""Marketing assets for tests: files drawn on the spot (ReportLab PDFs,
Pillow images) and assets made through the service, so every test asset has
passed the same content check an editor's upload does."""

from io import BytesIO

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from marketing_assets import services
from marketing_assets.models import Asset, AssetCollection
from partner_portal.audience import Audience


class AssetCollectionFactory(DjangoModelFactory):
    class Meta:
        model = AssetCollection
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Collection {n}")
    ordering = 100


def pdf_bytes(*lines: str, pagesize=A4, pages: int = 1) -> bytes:
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=pagesize)
    for _page in range(pages):
        y = pagesize[1] - 100
        for line in lines or ("Test document",):
            pdf.setFont("Helvetica", 16)
            pdf.drawString(72, y, line)
            y -= 24
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_bytes(fmt="PNG", size=(60, 40), colour=(200, 30, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def asset_create(
    *,
    title="Spring brochure",
    kind=Asset.Kind.BROCHURE,
    audience=Audience.PARTNERS,
    collection=None,
    data=None,
    filename=None,
    **kwargs,
) -> Asset:
    if data is None:
        if kind in (Asset.Kind.LOGO, Asset.Kind.IMAGE):
            data = image_bytes()
        elif kind == Asset.Kind.VIDEO:
            data = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
        else:
            data = pdf_bytes(title)
    if filename is None:
        extension = {
            Asset.Kind.LOGO: "png",
            Asset.Kind.IMAGE: "png",
            Asset.Kind.VIDEO: "mp4",
        }.get(kind, "pdf")
        filename = f"asset.{extension}"
    return services.asset_create(
        title=title,
        kind=kind,
        collection=collection or AssetCollectionFactory(),
        upload=ContentFile(data, name=filename),
        filename=filename,
        audience=audience,
        **kwargs,
    )
