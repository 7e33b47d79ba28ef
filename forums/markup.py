"""Markdown to safe HTML for forum posts.

Two layers, because either alone has failed in other projects: markdown-it
renders with raw HTML switched off (typed tags come out as text), and nh3
(the Rust `ammonia` sanitiser) then keeps only a small set of tags and
attributes, only http, https and mailto links, and marks every link
`rel="nofollow ugc noopener"`. Images in Markdown are not allowed: they would
load from any server on every reader's screen; pictures are attachments.
"""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
# What counts as "a link" for the moderation rule about new members.
LINK_PATTERN = re.compile(r"(https?://|www\.|mailto:|<a\s)", re.IGNORECASE)

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable(["table", "strikethrough"])
    .disable(["image"])
)


def _shift_headings(html: str) -> str:
    # A post's headings sit below the topic's h1 and the post's own h2.
    return re.sub(
        r"<(/?)h([12])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 2}>", html
    )


def render(source: str) -> str:
    """The post's Markdown as sanitised HTML, safe to insert into a page."""
    html = _shift_headings(_markdown.render(source))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def has_link(source: str) -> bool:
    return bool(LINK_PATTERN.search(source)) or "<a " in render(source)


def quote(source: str, author_name: str) -> str:
    """A Markdown quote of a post, to start a reply with."""
    lines = source.strip().splitlines() or [""]
    return f"**{author_name}:**\n\n" + "\n".join(f"> {line}" for line in lines) + "\n\n"


def plain_text(html: str) -> str:
    """The rendered post as one line of plain text, for search snippets: no
    Markdown signs, no tags, entities decoded (the template escapes again)."""
    from html import unescape

    from django.utils.html import strip_tags

    return " ".join(unescape(strip_tags(html)).split())
