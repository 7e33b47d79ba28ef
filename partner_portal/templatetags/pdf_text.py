"""Bidirectional text in the PDFs. WeasyPrint ignores `unicode-bidi` and the
`dir` attribute on inline elements, so text that must keep its own direction
inside a line of the other direction is wrapped in Unicode isolates, which
Pango honours: an address or name typed in any script ("20457 Hamburg" in a
Persian document, a Persian company name in an English one), and numbers,
codes and amounts that always read left to right."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

FIRST_STRONG_ISOLATE = "\u2068"
LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@register.filter
def isolate(value):
    """`value` in the direction of its first letter, as dir="auto" would."""
    if value in (None, ""):
        return ""
    return mark_safe(
        FIRST_STRONG_ISOLATE + conditional_escape(value) + POP_DIRECTIONAL_ISOLATE
    )


@register.filter
def ltr(value):
    """`value` left to right whatever surrounds it (numbers, codes, IBANs)."""
    if value in (None, ""):
        return ""
    return mark_safe(
        LEFT_TO_RIGHT_ISOLATE + conditional_escape(value) + POP_DIRECTIONAL_ISOLATE
    )
