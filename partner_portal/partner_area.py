"""Sections of the partner area: apps (news, marketing assets, trainings,
forums) register theirs here, like tiles on the start page.

    register_section(Section(key="news", title=_("Partner news"),
                             template="cms/partner_area/news.html",
                             context=lambda request: {...}, order=30))
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    context: Callable[..., dict]
    order: int = 100


_sections: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    _sections[section.key] = section
    return section


def sections_for(request) -> list[tuple[Section, dict]]:
    ordered = sorted(_sections.values(), key=lambda s: (s.order, s.key))
    return [(section, section.context(request)) for section in ordered]


register_section(
    Section(
        key="partnership",
        title=_("Your partnership"),
        template="partner_portal/partner_area/partnership.html",
        context=lambda request: {"company": request.company},
        order=10,
    )
)
