# Forked to give Oscar's Order the company, purchase-order number, cost centre and
# payment state of B2B ordering; everything else is Oscar's.
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractOrder

from partner_portal.scoping import CompanyOwnedQuerySet


class OrderQuerySet(CompanyOwnedQuerySet):
    pass


class Order(AbstractOrder):
    company = models.ForeignKey(
        "partner_portal.Company",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
    )
    purchase_order_number = models.CharField(
        _("purchase order number"), max_length=35, blank=True
    )
    cost_centre = models.CharField(_("cost centre"), max_length=35, blank=True)
    payment_method = models.CharField(
        _("payment method"),
        max_length=20,
        choices=[("account", _("On account")), ("card", _("Card"))],
        blank=True,
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    stripe_payment_intent = models.CharField(max_length=255, blank=True, db_index=True)

    objects = OrderQuerySet.as_manager()

    class Meta(AbstractOrder.Meta):
        # The order history lists a company's orders newest first.
        indexes = [
            models.Index(
                fields=["company", "-date_placed"], name="order_company_placed"
            ),
            models.Index(fields=["company", "status"], name="order_company_status"),
        ]


from oscar.apps.order.models import *  # noqa: E402,F403  the rest of Oscar's models
