"""Names typed by people (of people, companies, products) keep their own
direction inside a sentence of the page's language: a Persian company name in
an English heading, "Acme GmbH" in a Persian one. The filter is for names that
sit inside a translated sentence ({% blocktranslate with name=...|bdi %}), where
wrapping the placeholder in the message itself would change its msgid."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bdi(value):
    """`value`, escaped, in a <bdi dir="auto">; nothing for an empty value."""
    if value in (None, ""):
        return ""
    return format_html('<bdi dir="auto">{}</bdi>', value)
