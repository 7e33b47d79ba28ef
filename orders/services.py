"""Writes of B2B ordering: checkout with budgets and credit, approvals, quick
order and reorder. Oscar does the order bookkeeping (OrderCreator); these
services decide whether an order may be placed and with what."""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from orders.models import OrderApproval, OrderApprovalEvent
from orders.selectors import budget_spent, budgets_for, open_credit
from partner_portal.models import CompanyAddress, Membership
from partner_portal.permissions import Capability, Role, capabilities_for

Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
StockRecord = get_model("partner", "StockRecord")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Free = get_class("shipping.methods", "Free")
Selector = get_class("partner.strategy", "Selector")

MAX_QUANTITY = 9999
PAYMENT_ACCOUNT, PAYMENT_CARD = "account", "card"


class CheckoutError(Exception):
    """The order cannot be placed; the message says why, for the buyer."""


def stripe_enabled() -> bool:
    return bool(
        settings.PORTAL_STRIPE_SECRET_KEY and settings.PORTAL_STRIPE_PUBLISHABLE_KEY
    )


def payment_methods() -> list[tuple[str, str]]:
    methods = [(PAYMENT_ACCOUNT, _("On account (invoice)"))]
    if stripe_enabled():
        methods.append((PAYMENT_CARD, _("Card")))
    return methods


@dataclass
class CheckoutResult:
    order: object | None = None
    approval: OrderApproval | None = None
    repeated: bool = False


def _shipping_address(address: CompanyAddress, user) -> object:
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2=address.country.upper(),
        defaults={
            "printable_name": address.country.upper(),
            "name": address.country.upper(),
        },
    )
    return ShippingAddress.objects.create(
        first_name=user.first_name,
        last_name=f"{user.last_name} ({address.company.name})".strip(),
        line1=address.line1,
        line2=address.line2,
        line4=address.city,
        postcode=address.postcode,
        country=country,
    )


@dataclass
class BasketTotals:
    """What an order of the basket costs, worked out once and used both to
    check credit and budget and to place the order."""

    shipping_method: object
    shipping_charge: object
    total: object

    @property
    def gross(self) -> Decimal:
        return self.total.incl_tax


def _totals(basket) -> BasketTotals:
    shipping_method = Free()
    shipping_charge = shipping_method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    return BasketTotals(shipping_method, shipping_charge, total)


def _place(
    *, basket, totals, user, company, address, po_number, cost_centre, payment_method
):
    order = OrderCreator().place_order(
        basket=basket,
        total=totals.total,
        shipping_method=totals.shipping_method,
        shipping_charge=totals.shipping_charge,
        user=user,
        shipping_address=_shipping_address(address, user),
        company=company,
        purchase_order_number=po_number,
        cost_centre=cost_centre,
        payment_method=payment_method,
    )
    basket.submit()
    order_id = order.pk
    transaction.on_commit(lambda: _after_order_placed(order_id))
    return order


def _after_order_placed(order_id: int) -> None:
    from orders.tasks import order_placed_task

    order_placed_task.enqueue(order_id=order_id)


def _check_lines_available(basket) -> None:
    for line in basket.all_lines():
        info = line.purchase_info
        allowed, reason = info.availability.is_purchase_permitted(line.quantity)
        if not allowed:
            raise CheckoutError(
                _("%(product)s cannot be ordered: %(reason)s")
                % {"product": line.product.get_title(), "reason": reason}
            )


def _check_credit(*, company, total: Decimal) -> None:
    limit, available = open_credit(company=company)
    if total > available:
        raise CheckoutError(
            _(
                "This order (%(total)s) exceeds your company's open credit for "
                "orders on account (%(available)s of %(limit)s). Pay by card, or ask "
                "us to raise the limit."
            )
            % {
                "total": total,
                "available": max(available, Decimal("0")),
                "limit": limit,
            }
        )


@transaction.atomic
def checkout_place(
    *,
    basket,
    user,
    company,
    address_id,
    po_number: str,
    cost_centre: str,
    payment_method: str,
) -> CheckoutResult:
    """Place the basket as an order of `company`, or hold it for approval.

    Rules: the delivery address must be the company's; every line must be
    orderable; orders on account must fit the open credit; an order that would
    take the buyer past their monthly budget is not placed but waits for an
    approver (the basket is frozen). The basket row is locked, so a double
    click or a second tab gives back the first result instead of a second
    order; the budget row is locked too, so two orders at the same moment
    cannot both slip under it. Raises CheckoutError with the reason."""
    basket = Basket.objects.select_for_update().get(pk=basket.pk)
    if basket.status != Basket.OPEN:
        order = Order.objects.for_company(company).filter(basket_id=basket.pk).first()
        approval = (
            OrderApproval.objects.for_company(company).filter(basket=basket).first()
        )
        if order or approval:
            return CheckoutResult(order=order, approval=approval, repeated=True)
        raise CheckoutError(_("This basket has already been submitted."))
    basket.strategy = Selector().strategy(user=user, company=company)
    if basket.is_empty:
        raise CheckoutError(_("Your basket is empty."))
    address = (
        CompanyAddress.objects.for_company(company)
        .filter(pk=address_id, kind=CompanyAddress.Kind.DELIVERY)
        .select_related("company")
        .first()
    )
    if address is None:
        raise CheckoutError(
            _("Please choose one of your company's delivery addresses.")
        )
    if payment_method not in dict(payment_methods()):
        raise CheckoutError(_("Please choose a payment method."))
    _check_lines_available(basket)
    totals = _totals(basket)
    total = totals.gross
    if payment_method == PAYMENT_ACCOUNT:
        _check_credit(company=company, total=total)

    budgets = budgets_for(company=company, buyer=user, cost_centre=cost_centre)
    if budgets:
        budgets = list(
            type(budgets[0])
            .objects.select_for_update()
            .filter(pk__in=[b.pk for b in budgets])
        )
        left = min(
            b.monthly_amount - budget_spent(company=company, budget=b) for b in budgets
        )
        if total > left:
            basket.freeze()
            approval = OrderApproval.objects.create(
                company=company,
                basket=basket,
                requested_by=user,
                total=total,
                currency=basket.currency,
                budget_left=left,
                purchase_order_number=po_number,
                cost_centre=cost_centre,
                delivery_address=address,
                payment_method=payment_method,
            )
            OrderApprovalEvent.objects.create(
                approval=approval, status=approval.status, user=user
            )
            approval_id = approval.pk
            transaction.on_commit(lambda: _notify_approvers(approval_id))
            return CheckoutResult(approval=approval)

    order = _place(
        basket=basket,
        totals=totals,
        user=user,
        company=company,
        address=address,
        po_number=po_number,
        cost_centre=cost_centre,
        payment_method=payment_method,
    )
    return CheckoutResult(order=order)


class ApprovalError(Exception):
    """The approval cannot be decided; the message says why."""


@transaction.atomic
def approval_decide(
    *, approval: OrderApproval, user, membership, approve: bool, comment: str = ""
) -> OrderApproval:
    """Approve (place the order) or reject (give the basket back) once.

    Only approvers may decide, never on their own order; the approval row is
    locked so that two approvers at once place one order. Raises ApprovalError."""
    approval = OrderApproval.objects.select_for_update().get(pk=approval.pk)
    if Capability.ORDER_APPROVE not in capabilities_for(membership) or (
        membership.company_id != approval.company_id
    ):
        raise ApprovalError(_("You may not approve orders."))
    if approval.requested_by_id == user.pk:
        raise ApprovalError(_("You cannot approve or reject your own order."))
    if approval.status != OrderApproval.Status.PENDING:
        raise ApprovalError(
            _("This order was already %(status)s.")
            % {"status": approval.get_status_display().lower()}
        )
    if not approve and not comment.strip():
        raise ApprovalError(_("Please say why you reject the order."))
    basket = Basket.objects.select_for_update().get(pk=approval.basket_id)
    buyer = approval.requested_by
    if approve:
        basket.strategy = Selector().strategy(user=buyer, company=approval.company)
        basket.thaw()
        totals = _totals(basket)
        try:
            _check_lines_available(basket)
            if approval.payment_method == PAYMENT_ACCOUNT:
                _check_credit(company=approval.company, total=totals.gross)
        except CheckoutError as error:
            raise ApprovalError(str(error)) from error
        approval.order = _place(
            basket=basket,
            totals=totals,
            user=buyer,
            company=approval.company,
            address=approval.delivery_address,
            po_number=approval.purchase_order_number,
            cost_centre=approval.cost_centre,
            payment_method=approval.payment_method,
        )
        approval.status = OrderApproval.Status.APPROVED
    else:
        # The buyer gets the basket back to change it (Oscar merges it with
        # any basket they opened meanwhile).
        basket.thaw()
        approval.status = OrderApproval.Status.REJECTED
    approval.decided_at = timezone.now()
    approval.decided_by = user
    approval.comment = comment.strip()
    approval.save()
    OrderApprovalEvent.objects.create(
        approval=approval, status=approval.status, user=user, comment=approval.comment
    )
    approval_id = approval.pk
    transaction.on_commit(lambda: _notify_buyer(approval_id))
    return approval


def _mail(*, to: list[str], subject: str, template: str, context: dict) -> None:
    if to:
        send_mail(
            subject=subject,
            message=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=to,
        )


def _notify_approvers(approval_id: int) -> None:
    approval = OrderApproval.objects.select_related("company", "requested_by").get(
        pk=approval_id
    )
    approvers = (
        Membership.objects.for_company(approval.company)
        .filter(is_active=True, role__in=[Role.APPROVER, Role.COMPANY_ADMIN])
        .exclude(user=approval.requested_by)
        .values_list("user__email", flat=True)
    )
    with translation.override(settings.LANGUAGE_CODE):
        _mail(
            to=list(approvers),
            subject=_("An order waits for your approval"),
            template="orders/email/approval_requested.txt",
            context={"approval": approval, "base_url": settings.WAGTAILADMIN_BASE_URL},
        )


def _notify_buyer(approval_id: int) -> None:
    approval = OrderApproval.objects.select_related("requested_by", "order").get(
        pk=approval_id
    )
    with translation.override(settings.LANGUAGE_CODE):
        _mail(
            to=[approval.requested_by.email],
            subject=_("Your order was %(status)s")
            % {"status": approval.get_status_display().lower()},
            template="orders/email/approval_decided.txt",
            context={"approval": approval, "base_url": settings.WAGTAILADMIN_BASE_URL},
        )


# Quick order


@dataclass
class QuickOrderLine:
    raw: str
    sku: str = ""
    quantity: int | None = None
    error: str = ""
    product: object | None = None


@dataclass
class QuickOrderResult:
    added: list[QuickOrderLine] = field(default_factory=list)
    invalid: list[QuickOrderLine] = field(default_factory=list)

    @property
    def invalid_text(self) -> str:
        return "\n".join(line.raw for line in self.invalid)


_SEPARATORS = re.compile(r"\s*[,;\t]\s*|\s+")
MAX_QUICK_ORDER_LINES = 500


def quick_order_parse(text: str) -> list[QuickOrderLine]:
    """`SKU, quantity` per line (comma, semicolon, tab or spaces between; a
    missing quantity means 1). Blank lines are skipped."""
    lines = []
    for raw in text.splitlines():
        raw = raw.strip()
        if not raw:
            continue
        parts = [part for part in _SEPARATORS.split(raw, maxsplit=1) if part.strip()]
        sku = parts[0].strip().strip('"') if parts else ""
        quantity_text = parts[1].strip().strip('"') if len(parts) > 1 else "1"
        line = QuickOrderLine(raw=raw[:200], sku=sku[:64])
        try:
            quantity = int(quantity_text)
        except ValueError:
            line.error = _("“%(value)s” is not a whole number.") % {
                "value": quantity_text[:20]
            }
        else:
            if quantity < 1:
                line.error = _("The quantity must be at least 1.")
            elif quantity > MAX_QUANTITY:
                line.error = _("At most %(max)s pieces per line.") % {
                    "max": MAX_QUANTITY
                }
            else:
                line.quantity = quantity
        lines.append(line)
    return lines


def quick_order_parse_csv(data: bytes) -> list[QuickOrderLine]:
    """The same lines from an uploaded CSV file (UTF-8 or Latin-1; a header
    row such as `sku,quantity` is skipped)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    rows = csv.reader(
        io.StringIO(text), delimiter=";" if text.count(";") > text.count(",") else ","
    )
    plain = []
    first = True
    for row in rows:
        cells = [cell.strip() for cell in row if cell.strip()]
        if not cells:
            continue
        header = first and cells[0].lower() in ("sku", "article", "artikel", "item")
        first = False
        if not header:
            plain.append(", ".join(cells[:2]))
    return quick_order_parse("\n".join(plain))


def quick_order_add(
    *, basket, lines: list[QuickOrderLine], strategy
) -> QuickOrderResult:
    """Put the valid lines into the basket; the others come back with the
    reason (unknown SKU, not orderable, bad quantity). Looks up all SKUs in
    one query."""
    if len(lines) > MAX_QUICK_ORDER_LINES:
        raise ValidationError(
            _("At most %(max)s lines at a time.") % {"max": MAX_QUICK_ORDER_LINES}
        )
    skus = {line.sku.lower() for line in lines if line.sku and not line.error}
    records = {}
    if skus:
        query = StockRecord.objects.select_related(
            "product", "product__parent", "product__product_class"
        )
        matches = query.filter(partner_sku__in=[line.sku for line in lines if line.sku])
        for record in matches:
            records[record.partner_sku.lower()] = record
        missing = skus - set(records)
        if missing:
            # A second, case-insensitive look only for the SKUs typed differently.
            any_case = Q()
            for sku in missing:
                any_case |= Q(partner_sku__iexact=sku)
            for record in query.filter(any_case):
                records.setdefault(record.partner_sku.lower(), record)
    result = QuickOrderResult()
    to_add = []
    for line in lines:
        if not line.error:
            record = records.get(line.sku.lower())
            if record is None:
                line.error = _("Unknown article number “%(sku)s”.") % {"sku": line.sku}
            elif not record.product.is_public:
                line.error = _("%(sku)s is not available.") % {"sku": line.sku}
            else:
                info = strategy.fetch_for_product(record.product, stockrecord=record)
                allowed, reason = info.availability.is_purchase_permitted(line.quantity)
                if not allowed:
                    line.error = str(reason)
                else:
                    line.product = record.product
                    to_add.append((record.product, info, line.quantity))
        if line.error:
            result.invalid.append(line)
        else:
            result.added.append(line)
    basket_add_many(basket=basket, items=to_add)
    return result


# Reorder


@dataclass
class PriceChange:
    title: str
    old: Decimal
    new: Decimal


@dataclass
class ReorderResult:
    added: list = field(default_factory=list)
    unavailable: list = field(default_factory=list)
    price_changes: list[PriceChange] = field(default_factory=list)


def reorder(
    *, order, basket, strategy, line_ids: list[int] | None = None
) -> ReorderResult:
    """Put an order's lines (all, or the chosen ones) into the basket again.
    Products no longer sold are listed, and changed unit prices are shown old
    against new."""
    result = ReorderResult()
    lines = order.lines.select_related("product__product_class").prefetch_related(
        "product__stockrecords"
    )
    to_add = []
    if line_ids is not None:
        lines = lines.filter(pk__in=line_ids)
    for line in lines:
        product = line.product
        if product is None or not product.is_public:
            result.unavailable.append(line.title)
            continue
        info = strategy.fetch_for_product(product)
        allowed, _reason = info.availability.is_purchase_permitted(line.quantity)
        if not allowed:
            result.unavailable.append(line.title)
            continue
        to_add.append((product, info, line.quantity))
        result.added.append(line.title)
        new = info.price.excl_tax if info.price.exists else None
        if new is not None and new != line.unit_price_excl_tax:
            result.price_changes.append(
                PriceChange(title=line.title, old=line.unit_price_excl_tax, new=new)
            )
    basket_add_many(basket=basket, items=to_add)
    return result


def basket_add_many(*, basket, items: list[tuple]) -> None:
    """Add (product, purchase info, quantity) items to the basket in a fixed
    number of queries, whatever their number: what Oscar's `add_product` does
    per line (same currency, merge with an existing line of the same product
    and stock record, keep the price for audit), done once for all lines."""
    if not items:
        return
    if not basket.id:
        basket.save()
    currency = basket.currency
    existing = {line.line_reference: line for line in basket.lines.all()}
    changed, new = {}, {}
    for product, info, quantity in items:
        price, record = info.price, info.stockrecord
        if currency and price.currency != currency:
            raise ValidationError(
                _("All lines of a basket must be in %(currency)s.")
                % {"currency": currency}
            )
        reference = basket._create_line_reference(product, record, [])
        if reference in existing:
            line = existing[reference]
            line.quantity += quantity
            changed[line.pk] = line
        elif reference in new:
            new[reference].quantity += quantity
        else:
            new[reference] = BasketLine(
                basket=basket,
                line_reference=reference,
                product=product,
                stockrecord=record,
                quantity=quantity,
                price_excl_tax=price.excl_tax,
                price_currency=price.currency,
                price_incl_tax=price.incl_tax if price.is_tax_known else None,
                tax_code=price.tax_code,
            )
    if changed:
        BasketLine.objects.bulk_update(changed.values(), ["quantity"])
    if new:
        BasketLine.objects.bulk_create(new.values())
    basket.reset_offer_applications()


# Budgets


def budget_set(*, company, buyer_id: int, cost_centre: str, monthly_amount: Decimal):
    """Create or change a buyer's monthly budget (per cost centre, or for all
    with an empty one). The buyer must be an active member of the company."""
    from orders.models import Budget

    membership = (
        Membership.objects.for_company(company)
        .filter(user_id=buyer_id, is_active=True)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise ValidationError(_("Choose a colleague of your company."))
    budget, _created = Budget.objects.update_or_create(
        company=company,
        buyer=membership.user,
        cost_centre=cost_centre.strip(),
        defaults={"monthly_amount": monthly_amount},
    )
    budget.full_clean()
    return budget


def budget_delete(*, budget) -> None:
    budget.delete()
