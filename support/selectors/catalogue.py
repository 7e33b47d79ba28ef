"""Reads of the catalogue and of the suggestions shown while a member types
a problem: only what the one audience rule lets the member see."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from wagtail.models import Locale

from cms.lookup import cms_model
from cms.selectors import article_search, search_terms
from forums.selectors import Viewer, post_search
from partner_portal.audience import audience_q
from partner_portal.permissions import capabilities_for
from support.models import Department, Service, ServiceField

SUGGESTION_LIMIT = 5


def _services_for(request):
    held = {str(cap) for cap in capabilities_for(getattr(request, "membership", None))}
    return (
        Service.objects.active()
        .filter(audience_q(request))
        .filter(Q(capability="") | Q(capability__in=held))
    )


@dataclass
class DepartmentGroup:
    department: Department
    services: list = field(default_factory=list)


def catalogue(*, request) -> list[DepartmentGroup]:
    """The departments with the services the member may request, in order;
    departments without such a service are left out. Two queries."""
    groups: dict[int, DepartmentGroup] = {}
    for service in (
        _services_for(request)
        .select_related("department")
        .order_by("department__order", "department__name", "order", "name")
    ):
        group = groups.setdefault(
            service.department_id, DepartmentGroup(service.department)
        )
        group.services.append(service)
    return list(groups.values())


def service_get(*, request, slug: str) -> Service:
    """An active service the member may request, with its form fields, or 404."""
    service = (
        _services_for(request)
        .select_related("department", "team")
        .prefetch_related(
            Prefetch("fields", queryset=ServiceField.objects.order_by("order", "pk"))
        )
        .filter(slug=slug)
        .first()
    )
    if service is None:
        raise Http404
    return service


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "article" or "topic"
    title: str
    url: str


def _knowledge_index(request):
    index_model = cms_model("KnowledgeIndexPage")
    indexes = index_model.objects.live().filter(audience_q(request))
    return (
        indexes.filter(locale=Locale.get_active()).first()
        or indexes.order_by("path").first()
    )


def suggestions(*, request, query: str) -> list[Suggestion]:
    """Knowledge articles and solved forum topics the member may see that
    match the words of `query`, articles first, at most SUGGESTION_LIMIT of
    each."""
    terms = [term for term in search_terms(query) if len(term) >= 3]
    if not terms:
        return []
    found = []
    index = _knowledge_index(request)
    if index is not None:
        for hit in article_search(
            request=request, index=index, query=" ".join(terms), limit=SUGGESTION_LIMIT
        ):
            found.append(
                Suggestion("article", hit.page.title, hit.page.get_url(request))
            )
    title_q = Q()
    for term in terms:
        title_q |= Q(topic__title__icontains=term)
    topics = (
        post_search(viewer=Viewer.of(request), query="")
        .filter(title_q, topic__solution__isnull=False)
        .order_by()
        .values_list("topic_id", "topic__title")
        .distinct()[:SUGGESTION_LIMIT]
    )
    for topic_id, title in topics:
        found.append(
            Suggestion("topic", title, reverse("forums:topic", kwargs={"pk": topic_id}))
        )
    return found


def desk_service_list():
    """Every service, active or not, by department, with its team and the
    number of its form fields (for Support staff). One query."""
    return (
        Service.objects.select_related("department", "team")
        .annotate(field_count=Count("fields"))
        .order_by("department__order", "department__name", "order", "name")
    )


def desk_service_get(*, slug: str) -> Service:
    """Any service by its slug, active or not (for Support staff), or 404."""
    service = Service.objects.filter(slug=slug).first()
    if service is None:
        raise Http404
    return service
