from django import template

from partner_portal.audience import may_see

register = template.Library()


@register.simple_tag(takes_context=True)
def may_see_audience(context, audience):
    """Whether the current visitor may see content of this audience."""
    request = context.get("request")
    return request is not None and may_see(request, audience)
