"""The return window per product class."""

from django.db import transaction

from returns.models import (
    ReturnPolicy,
)


def return_policy_set(*, windows: dict[int, int | None]) -> None:
    """Set the return window of product classes (id -> days); None drops the
    class's own window so that the PORTAL_RETURN_WINDOW_DAYS default applies."""
    with transaction.atomic():
        for class_id, days in windows.items():
            if days is None:
                ReturnPolicy.objects.filter(product_class_id=class_id).delete()
            else:
                policy = ReturnPolicy(product_class_id=class_id, window_days=days)
                policy.full_clean(validate_unique=False)
                ReturnPolicy.objects.update_or_create(
                    product_class_id=class_id, defaults={"window_days": days}
                )
