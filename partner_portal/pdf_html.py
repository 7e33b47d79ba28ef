"""A quick HTML parser for the portal's own PDF templates.

WeasyPrint parses HTML with tinyhtml5, a complete HTML5 parser in pure Python
that takes about a twentieth of an offer's rendering time. The portal's PDF
templates are plain, well-nested HTML, for which the standard library's
tokenizer (`html.parser`) and a stack build the very same element tree in a
fraction of that time.

`parse` accepts only what it can build exactly as an HTML5 parser would: a
document that starts with `<!DOCTYPE html>`, has explicit `<html>`, `<head>`
and `<body>`, closes every element it opens in order, and uses only the
elements below, each where HTML5 puts it without repairs (the one repair made
is the `<tbody>` that HTML5 adds around rows written straight into a
`<table>`). For anything else it returns None and the caller uses the full
parser: a misnested tag, foreign text in a table, a comment, an element not
listed (forms, scripts, SVG, <pre>)."""

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

VOID = frozenset({"area", "br", "col", "hr", "img", "link", "meta", "wbr"})
HEAD = frozenset({"meta", "title", "style", "link"})
# Elements that may appear inside a paragraph (it does not end before them).
PHRASING = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn",
        "em", "i", "img", "kbd", "mark", "q", "s", "samp", "small", "span",
        "strong", "sub", "sup", "time", "u", "var", "wbr",
    }
)  # fmt: skip
FLOW = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "section", "table",
        "ul",
    }
)  # fmt: skip
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Table parts and list items: the only parents HTML5 leaves them in.
PARENTS = {
    "caption": {"table"},
    "colgroup": {"table"},
    "col": {"colgroup"},
    "thead": {"table"},
    "tbody": {"table"},
    "tfoot": {"table"},
    "tr": {"thead", "tbody", "tfoot"},
    "td": {"tr"},
    "th": {"tr"},
    "li": {"ul", "ol"},
    "dt": {"dl"},
    "dd": {"dl"},
}
# Inside these only the parts above may start, and only blank text.
TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "colgroup"})
# Elements that close a paragraph, a heading or a list item of their own kind
# in HTML5 when nested.
SELF_CLOSING_NESTED = frozenset({"a", "li", "dt", "dd", "p"}) | HEADINGS
BLANK = re.compile(r"[ \t\n\f\r]*\Z")


class Unsupported(Exception):
    pass


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = None
        self.stack: list[ElementTree.Element] = []
        self.implied: set[int] = set()  # ids of the <tbody> elements we added
        self.doctype = False
        self.body_done = False
        self.last_closed = None

    # -- elements --
    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            raise Unsupported(f"<{tag}/>")
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag, attrs, *, self_closing):
        if self.body_done:
            raise Unsupported("element after </body>")
        if not self.stack:
            if tag != "html" or self.root is not None or not self.doctype:
                raise Unsupported("no <!DOCTYPE html><html>")
            self.root = self._element(tag, attrs)
            self.stack.append(self.root)
            return
        parent = self.stack[-1]
        names = [element.tag for element in self.stack]
        if parent.tag == "html":
            expected = "head" if len(parent) == 0 else "body"
            if tag != expected or len(parent) > 1:
                raise Unsupported(f"<{tag}> in <html>")
        elif "body" not in names:
            if parent.tag != "head" or tag not in HEAD:
                raise Unsupported(f"<{tag}> in <head>")
        elif tag not in PHRASING and tag not in FLOW and tag not in PARENTS:
            raise Unsupported(f"<{tag}>")
        if tag == "tr" and parent.tag == "table":
            tbody = self._element("tbody", [])
            parent.append(tbody)
            self.implied.add(id(tbody))
            self.stack.append(tbody)
            parent = tbody
        allowed = PARENTS.get(tag)
        if allowed is not None and parent.tag not in allowed:
            raise Unsupported(f"<{tag}> in <{parent.tag}>")
        if parent.tag in TABLE_PARTS and allowed is None:
            raise Unsupported(f"<{tag}> in <{parent.tag}>")
        if "p" in names and tag not in PHRASING:
            raise Unsupported(f"<{tag}> in <p>")
        if tag in SELF_CLOSING_NESTED and (
            tag in names or (tag in HEADINGS and HEADINGS.intersection(names))
        ):
            raise Unsupported(f"<{tag}> in <{tag}>")
        element = self._element(tag, attrs)
        parent.append(element)
        if tag not in VOID:
            self.stack.append(element)
        else:
            self.last_closed = element

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            raise Unsupported(f"</{tag}>")
        top = self.stack[-1]
        if tag == "table" and id(top) in self.implied:
            self.stack.pop()
            top = self.stack[-1]
        if top.tag != tag:
            raise Unsupported(f"</{tag}> closes <{top.tag}>")
        self.stack.pop()
        self.last_closed = top
        if tag == "body":
            self.body_done = True

    @staticmethod
    def _element(tag, attrs):
        attributes = {}
        for name, value in attrs:
            attributes.setdefault(name, "" if value is None else value)
        return ElementTree.Element(tag, attributes)

    # -- text --
    def handle_data(self, data):
        if not data:
            return
        blank = BLANK.match(data) is not None
        if not self.stack:
            # Before <html>: dropped when blank; after </html>: HTML5 moves
            # blank text into <body>.
            if not blank:
                raise Unsupported("text outside <html>")
            if self.body_done:
                self._append_text(self._body(), data)
            return
        parent = self.stack[-1]
        if self.body_done:
            # Between </body> and </html>: into <body> as well.
            if not blank:
                raise Unsupported("text after </body>")
            self._append_text(self._body(), data)
            return
        if not blank and (parent.tag in TABLE_PARTS or parent.tag in ("html", "head")):
            raise Unsupported(f"text in <{parent.tag}>")
        if parent.tag == "html" and len(parent) == 0:
            return  # HTML5 drops blank text before <head>.
        self._append_text(parent, data)

    def _body(self):
        return self.root.find("body")

    @staticmethod
    def _append_text(parent, data):
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + data
        else:
            parent.text = (parent.text or "") + data

    # -- the rest --
    def handle_decl(self, decl):
        if decl.lower() != "doctype html" or self.doctype or self.root is not None:
            raise Unsupported(f"<!{decl}>")
        self.doctype = True

    def handle_comment(self, data):
        raise Unsupported("comment")

    def handle_pi(self, data):
        raise Unsupported("processing instruction")

    def unknown_decl(self, data):
        raise Unsupported("declaration")


def parse(html: str):
    """The root <html> element of `html`, as an HTML5 parser would build it,
    or None when `html` is not the plain kind this parser takes."""
    if "\x00" in html:
        return None
    # HTML5 reads every line break as a line feed.
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    builder = _Builder()
    try:
        builder.feed(html)
        builder.close()
    except Unsupported:
        return None
    if builder.root is None or builder.stack or not builder.body_done:
        return None
    return builder.root
