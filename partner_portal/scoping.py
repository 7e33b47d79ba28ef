"""The one scoping helper: every read of company-owned data starts here.

    Membership.objects.for_company(company)               # a queryset
    get_for_company_or_404(Invitation, company=company, pk=pk)

A company-owned model either inherits `CompanyOwnedModel` (a `company` foreign
key) or, when it reaches its company through another row (an order line through
its order), sets `company_path = "order__company"` on its QuerySet subclass.
Another company's object is simply not in the queryset, so it answers 404.
"""

from django.core.exceptions import (
    MultipleObjectsReturned,
    ObjectDoesNotExist,
    ValidationError,
)
from django.db import models
from django.http import Http404


class CompanyOwnedQuerySet(models.QuerySet):
    # The lookup from this model to its Company; subclasses may override it.
    company_path = "company"

    def for_company(self, company):
        """Only the rows of `company`; no rows at all for no company."""
        if company is None or getattr(company, "pk", None) is None:
            return self.none()
        return self.filter(**{self.company_path: company})


def for_company(model_or_queryset, *, company):
    """The queryset of `model_or_queryset` limited to `company`.

    Raises TypeError for a model that is not company-owned, so that a
    forgotten scope fails loudly in development rather than leaking data."""
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    if not isinstance(queryset, CompanyOwnedQuerySet):
        raise TypeError(f"{queryset.model.__name__} is not company-owned")
    return queryset.for_company(company)


def get_for_company_or_404(model_or_queryset, *, company, **lookups):
    """One object of `company`, or Http404, also when it belongs to another one."""
    try:
        return for_company(model_or_queryset, company=company).get(**lookups)
    except (
        ObjectDoesNotExist,
        MultipleObjectsReturned,
        ValidationError,
        ValueError,
    ) as exc:
        raise Http404 from exc
