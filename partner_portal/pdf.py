"""The one way the portal turns HTML into PDF (WeasyPrint).

Every PDF goes through `render_pdf`, whose URL fetcher serves only the
project's own static files, named in templates as `portal-static:<path>`:
no file://, no http(s), no data from other local paths, no redirects — for
images, stylesheets, @import, url() and <link rel=attachment> alike. User text
in the templates is escaped by Django as everywhere else."""

import mimetypes
from pathlib import PurePosixPath

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from partner_portal.issuer import issuer_details

SCHEME = "portal-static:"


class RefusedURL(ValueError):
    pass


class StaticOnlyURLFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=["portal-static"], allow_redirects=False)

    def fetch(self, url, headers=None):
        if not url.startswith(SCHEME):
            raise RefusedURL(f"refused: {url[:100]}")
        relative = url[len(SCHEME) :].lstrip("/").split("?")[0].split("#")[0]
        if not relative or ".." in PurePosixPath(relative).parts:
            raise RefusedURL("refused: not a static file path")
        found = finders.find(relative)
        if not found:
            raise RefusedURL(f"not a static file: {relative[:100]}")
        with open(found, "rb") as handle:
            body = handle.read()
        mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime_type})


def render_pdf(template_name: str, context: dict) -> bytes:
    """`template_name` rendered to PDF. Every template gets `issuer` (the legal
    details of who issues the document) and the fonts of templates/pdf/fonts.html
    (Persian and Chinese included) when it includes that file."""
    # Lazy: a template that prints no issuer reads no settings row.
    context = {"issuer": SimpleLazyObject(issuer_details), **context}
    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=StaticOnlyURLFetcher()).write_pdf()
