"""The page frame's navigation bar, kept between pages
(partner_portal.frame_fragments): base.html writes `{% portal_navbar %}`
where it included includes/navbar.html."""

from django import template
from django.utils.safestring import mark_safe

from partner_portal import frame_fragments

register = template.Library()

NAVBAR_TEMPLATE = "includes/navbar.html"


@register.simple_tag(takes_context=True)
def portal_navbar(context):
    navbar = context.template.engine.get_template(NAVBAR_TEMPLATE)

    def render(next_address):
        with context.push(navbar_next=next_address):
            return navbar.render(context)

    # The template escaped what it shows; the address is escaped where it is
    # put into the kept HTML.
    return mark_safe(frame_fragments.navbar(context.get("request"), render))  # noqa: S308
