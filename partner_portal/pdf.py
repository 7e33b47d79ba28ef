"""The one way the portal turns HTML into PDF (WeasyPrint).

Every PDF goes through `render_pdf`, whose URL fetcher serves only the
project's own static files, named in templates as `portal-static:<path>`:
no file://, no http(s), no data from other local paths, no redirects — for
images, stylesheets, @import, url() and <link rel=attachment> alike. User text
in the templates is escaped by Django as everywhere else.

Speed (issue #15): WeasyPrint's defaults redo work on every document that is
the same for all of them. Two things are kept instead:
- one FontConfiguration per thread (Pango font maps are not thread-safe):
  a new one per document loaded fontconfig's configuration, copied the
  @font-face files again and started with cold Pango caches;
- a user-agent stylesheet whose document-wide pseudo-element rules
  (`::marker`, `::footnote-*`, `::note-*`) are narrowed to the elements that
  can have them, so WeasyPrint no longer computes six uncached pseudo-element
  styles for every element (about 85 % of its style computations for an
  offer). Lists keep their markers (`li`, `summary`); footnotes and notes
  need the class `footnote` or `note` (no portal document has them).
And the cyclic garbage collector waits until a document is done: a render
makes some hundred thousand objects, enough to start collections of the whole
process's heap in the middle of it (about a tenth of an offer's time)."""

import gc
import mimetypes
import threading
from pathlib import PurePosixPath

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.html import UA, UA_FORM_STYLESHEET
from weasyprint.text.fonts import FontConfiguration
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


_NARROWED = {
    "::marker": "li::marker, summary::marker",
    "::footnote-call": ".footnote::footnote-call",
    "::footnote-marker": ".footnote::footnote-marker",
    "::note-call": ".note::note-call",
    "::note-marker": ".note::note-marker",
    "::note-callback": ".note::note-callback",
}


def _user_agent_css() -> str:
    css = UA
    for rule, narrowed in _NARROWED.items():
        start = f"\n{rule} {{"
        if css.count(start) != 1:
            # Another WeasyPrint: its stylesheet as shipped, only slower.
            return UA
        css = css.replace(start, f"\n{narrowed} {{")
    return css


# The UA's @counter-style rules are already in WeasyPrint's own counter
# styles (each document starts from a copy of those), so they are read into a
# throwaway here.
USER_AGENT_STYLESHEET = CSS(string=_user_agent_css(), counter_style=CounterStyle())


class PortalHTML(HTML):
    def _ua_stylesheets(self, forms=False):
        if forms:
            return [USER_AGENT_STYLESHEET, UA_FORM_STYLESHEET]
        return [USER_AGENT_STYLESHEET]


_local = threading.local()


def font_configuration() -> FontConfiguration:
    """This thread's FontConfiguration, made once: @font-face files are
    registered once (WeasyPrint skips a rule it has seen) and Pango's font
    caches stay warm from one document to the next."""
    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config


def html_to_pdf(html: str) -> bytes:
    collecting = gc.isenabled()
    gc.disable()
    try:
        return PortalHTML(string=html, url_fetcher=StaticOnlyURLFetcher()).write_pdf(
            font_config=font_configuration()
        )
    finally:
        if collecting:
            gc.enable()


def render_pdf(template_name: str, context: dict) -> bytes:
    """`template_name` rendered to PDF. Every template gets `issuer` (the legal
    details of who issues the document) and the fonts of templates/pdf/fonts.html
    (Persian and Chinese included) when it includes that file."""
    # Lazy: a template that prints no issuer reads no settings row.
    context = {"issuer": SimpleLazyObject(issuer_details), **context}
    return html_to_pdf(render_to_string(template_name, context))
