"""The one way the portal turns HTML into PDF (WeasyPrint).

Every PDF goes through `render_pdf`, whose URL fetcher serves only the
project's own static files, named in templates as `portal-static:<path>`:
no file://, no http(s), no data from other local paths, no redirects — for
images, stylesheets, @import, url() and <link rel=attachment> alike. User text
in the templates is escaped by Django as everywhere else.

Speed (issue #15): WeasyPrint's defaults redo work on every document that is
the same for all of them. What the portal does instead:
- one FontConfiguration per thread (Pango font maps are not thread-safe):
  a new one per document loaded fontconfig's configuration, copied the
  @font-face files again and started with cold Pango caches;
- a user-agent stylesheet whose document-wide pseudo-element rules
  (`::marker`, `::footnote-*`, `::note-*`) are narrowed to the elements that
  can have them, so WeasyPrint no longer computes six uncached pseudo-element
  styles for every element (about 85 % of its style computations for an
  offer). Lists keep their markers (`li`, `summary`); footnotes and notes
  need the class `footnote` or `note` (no portal document has them).
- HTML is parsed by partner_portal.pdf_html, which builds the same tree as
  WeasyPrint's HTML5 parser for the portal's plain templates in a fraction
  of its time, and hands anything else to that parser.
- partner_portal.pdf_speed keeps a text box's Pango layout from layout to
  drawing and a thread's font descriptions (WeasyPrint 70.0 only).
And the cyclic garbage collector waits until a document is done: a render
makes some hundred thousand objects, enough to start collections of the whole
process's heap in the middle of it (about a tenth of an offer's time).

A template's static CSS can live in a static file that its <head> links,
`<link rel="stylesheet" href="portal-static:<path>.css">`: such a file is
parsed and its selectors compiled once per process (again when the file
changes), not once per document. Its rules take the user origin of the CSS
cascade: above WeasyPrint's defaults, below any rule in the document's own
<style> elements (the fonts, a branding colour). It must not hold @font-face
rules (fonts belong to a thread's FontConfiguration: templates/pdf/fonts.html)."""

import gc
import mimetypes
import os
import threading
from pathlib import PurePosixPath

import cssselect2
import tinyhtml5
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from weasyprint import CSS, HTML, _find_base_url
from weasyprint.css.counters import CounterStyle
from weasyprint.html import UA, UA_FORM_STYLESHEET
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from partner_portal import pdf_html, pdf_speed
from partner_portal.issuer import issuer_details

SCHEME = "portal-static:"

pdf_speed.install()


class RefusedURL(ValueError):
    pass


def static_file(url: str) -> str:
    """The local path of the static file that a `portal-static:` URL names."""
    if not url.startswith(SCHEME):
        raise RefusedURL(f"refused: {url[:100]}")
    relative = url[len(SCHEME) :].lstrip("/").split("?")[0].split("#")[0]
    if not relative or ".." in PurePosixPath(relative).parts:
        raise RefusedURL("refused: not a static file path")
    found = finders.find(relative)
    if not found:
        raise RefusedURL(f"not a static file: {relative[:100]}")
    return found


class StaticOnlyURLFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=["portal-static"], allow_redirects=False)

    def fetch(self, url, headers=None):
        found = static_file(url)
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


_compiled: dict[tuple[str, int], CSS] = {}


def static_stylesheet(url: str) -> CSS | None:
    """The static file of the `portal-static:` URL `url` as a compiled
    stylesheet, made once per version of the file; None for a URL that
    StaticOnlyURLFetcher would refuse."""
    try:
        found = static_file(url)
    except RefusedURL:
        return None
    key = (found, os.stat(found).st_mtime_ns)
    sheet = _compiled.get(key)
    if sheet is None:
        with open(found, encoding="utf-8") as handle:
            source = handle.read()
        # Its @counter-style rules, if any, would go to a throwaway.
        sheet = _compiled[key] = CSS(
            string=source,
            base_url=url,
            url_fetcher=StaticOnlyURLFetcher(),
            counter_style=CounterStyle(),
        )
    return sheet


def _take_static_stylesheets(root) -> list[CSS]:
    """The compiled stylesheets the <head> of `root` links as portal-static
    files, their <link> elements removed (WeasyPrint would read them again)."""
    sheets = []
    head = root.find("head")
    for link in [] if head is None else head.findall("link"):
        href = link.get("href", "")
        if "stylesheet" not in link.get("rel", "").lower().split():
            continue
        if link.get("media", "all") != "all":
            continue
        sheet = static_stylesheet(href)
        if sheet is not None:
            sheets.append(sheet)
            head.remove(link)
    return sheets


class PortalHTML(HTML):
    def __init__(self, string: str, url_fetcher: URLFetcher):
        # What HTML.__init__ does for a string, with the quick parser first.
        root = pdf_html.parse(string)
        if root is None:
            root = tinyhtml5.parse(string, namespace_html_elements=False)
        self.stylesheets = _take_static_stylesheets(root)
        self.base_url = _find_base_url(root, None)
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
            root, content_language=None
        )
        self.etree_element = self.wrapper_element.etree_element

    def render(self, *args, **options):
        options["stylesheets"] = [
            *self.stylesheets,
            *(options.get("stylesheets") or []),
        ]
        return super().render(*args, **options)

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
