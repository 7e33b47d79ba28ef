"""The content parts of the page frame, cached per audience and language
(partner_portal.frame_cache): every page shows them, and they change only when
editors publish."""

from django.utils import translation

from partner_portal.audience import audiences_for
from partner_portal.frame_cache import frame_cached


def _parts(request) -> tuple[str, ...]:
    # Page URLs depend on the site the request came in on.
    return (
        ",".join(sorted(audiences_for(request))),
        translation.get_language(),
        request.get_host(),
    )


def help_links_cached(request) -> list[tuple[str, str]]:
    from cms.selectors import help_links

    return frame_cached("help", _parts(request), lambda: help_links(request=request))


def footer_pages_cached(request):
    from cms.selectors import footer_pages

    return frame_cached(
        "footer", _parts(request), lambda: footer_pages(request=request)
    )
