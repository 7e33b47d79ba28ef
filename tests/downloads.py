"""Every download of the portal, by URL name, with the disposition it sends.

`assert_private_download` runs on every answer of every access-matrix request
(tests/matrix.py, `check_access`): so each download URL is requested by the
allowed persona of its app's world, and its headers are checked there. An
answer with a Content-Disposition from a URL not listed here fails too: a new
download must be added (and so go through partner_portal.files)."""

from partner_portal.files import ATTACHMENT, INLINE

DOWNLOADS = {
    "orders:invoice": ATTACHMENT,
    "orders:export": ATTACHMENT,
    "partner_portal:figures_export": ATTACHMENT,
    "support:kpis_export": ATTACHMENT,
    "support:attachment": ATTACHMENT,
    "returns:export": ATTACHMENT,
    "returns:label": ATTACHMENT,
    "returns:credit_note": ATTACHMENT,
    "returns:photo": INLINE,
    # Shown in the offer page's frame; ?download=1 asks for an attachment.
    "contracts:offer_pdf": INLINE,
    "contracts:certificate_pdf": INLINE,
    "contracts:document": ATTACHMENT,
    "contracts:staff_offer_preview": INLINE,
    "contracts:staff_offer_pdf": INLINE,
    "contracts:staff_document": ATTACHMENT,
    "marketing_assets:download": ATTACHMENT,
    "marketing_assets:thumbnail": INLINE,
    "marketing_assets:flyer": ATTACHMENT,
    "marketing_assets:brand_logo": INLINE,
    "forums:image": INLINE,
    "cms:course_certificate": ATTACHMENT,
    "cms:course_certificate_member": ATTACHMENT,
    "feedback:export": ATTACHMENT,
    "audit:export": ATTACHMENT,
    "audit:staff_export": ATTACHMENT,
}

PRIVATE = "private, no-store"


def assert_private_download(name, response):
    """A download answers with the private headers; nothing else claims to be
    a download; no answer may be kept by a shared cache."""
    cache = response.get("Cache-Control", "")
    assert "public" not in cache, f"{name} may be cached publicly: {cache}"
    if response.status_code != 200:
        return
    disposition = response.get("Content-Disposition")
    if name not in DOWNLOADS:
        assert disposition is None, f"{name} is a download missing from DOWNLOADS"
        return
    assert (cache, response["X-Content-Type-Options"]) == (PRIVATE, "nosniff"), name
    assert disposition is not None, name
    kind, _, filename = disposition.partition("; ")
    expected = DOWNLOADS[name]
    if "download=1" in response.wsgi_request.GET.urlencode():
        expected = ATTACHMENT
    assert kind == expected, f"{name}: {disposition}"
    assert filename.startswith(("filename=", "filename*=")), f"{name}: {disposition}"
