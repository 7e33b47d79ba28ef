"""Card payments through Stripe: a PaymentIntent per order paid by card, and
the webhook that marks the order paid.

The buyer's browser confirms the card with Stripe's own JavaScript (card data
never reaches the portal); the order counts as paid only when Stripe tells us
so through a signed webhook event, not when the browser says it went well."""

import json
import logging
import time
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from orders.models import StripeEvent
from orders.services import PAYMENT_CARD, stripe_enabled

Order = get_model("order", "Order")
logger = logging.getLogger(__name__)

# Stripe counts these currencies in whole units, all others in 1/100.
# https://docs.stripe.com/currencies#zero-decimal
ZERO_DECIMAL_CURRENCIES = frozenset(
    "bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split()
)
STRIPE_TIMEOUT_SECONDS = 20
EVENT_PAYMENT_INTENT_SUCCEEDED = "payment_intent.succeeded"
WEBHOOK_CLOCK_SKEW_SECONDS = 60


class PaymentError(Exception):
    """No card payment can be started for the order; the message says why,
    for the buyer."""


class WebhookError(Exception):
    """The request is not a genuine, fresh Stripe event: missing, bad or stale
    signature, or a body that is not an event."""


class WebhookOutcome(StrEnum):
    PAID = "paid"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    ALREADY_PAID = "already_paid"
    UNKNOWN_ORDER = "unknown_order"
    AMOUNT_MISMATCH = "amount_mismatch"


def stripe_client() -> stripe.StripeClient:
    """A client with the portal's secret key; PORTAL_STRIPE_API_BASE (a local
    fake of the Stripe API, for tests) replaces api.stripe.com when set."""
    base_addresses = (
        {"api": settings.PORTAL_STRIPE_API_BASE}
        if settings.PORTAL_STRIPE_API_BASE
        else None
    )
    return stripe.StripeClient(
        settings.PORTAL_STRIPE_SECRET_KEY,
        base_addresses=base_addresses,
        # requests comes with Wagtail; unlike the fallback clients it takes a
        # timeout, so a slow Stripe cannot hold a worker for 80 s.
        http_client=stripe.RequestsClient(timeout=STRIPE_TIMEOUT_SECONDS),
    )


def amount_minor_units(amount: Decimal, currency: str) -> int:
    """`amount` in the smallest unit Stripe counts for `currency` (cents for
    EUR: 12.34 -> 1234)."""
    factor = 1 if currency.lower() in ZERO_DECIMAL_CURRENCIES else 100
    return int((Decimal(amount) * factor).quantize(Decimal(1), ROUND_HALF_UP))


def _idempotency_key(order) -> str:
    return f"portal-order-{order.number}-payment-intent"


def payment_intent_create(*, order):
    """The Stripe PaymentIntent that pays `order`, created at the first call
    and reused after that (its id is kept on the order).

    Rules: Stripe must be configured; the order must be an unpaid card order
    with a positive total. The intent is for the order's gross total in the
    order's currency, card only, with the order number and company id as
    metadata. Creation carries an idempotency key derived from the order
    number, so a retry, a reload or a second tab at the same moment get the
    same intent instead of a second one. Returns Stripe's PaymentIntent (with
    its `client_secret` for the browser). Raises PaymentError when the order
    cannot be paid by card or Stripe does not answer as expected."""
    if not stripe_enabled():
        raise PaymentError(_("Card payments are not available."))
    if order.payment_method != PAYMENT_CARD:
        raise PaymentError(_("This order is not paid by card."))
    if order.paid_at:
        raise PaymentError(_("This order is already paid."))
    currency = (order.currency or settings.OSCAR_DEFAULT_CURRENCY).lower()
    amount = amount_minor_units(order.total_incl_tax, currency)
    if amount <= 0:
        raise PaymentError(_("There is nothing to pay for this order."))

    client = stripe_client()
    try:
        if order.stripe_payment_intent:
            intent = client.v1.payment_intents.retrieve(order.stripe_payment_intent)
        else:
            intent = client.v1.payment_intents.create(
                params={
                    "amount": amount,
                    "currency": currency,
                    "payment_method_types": ["card"],
                    "metadata": {
                        "order_number": order.number,
                        "company_id": str(order.company_id or ""),
                    },
                },
                options={"idempotency_key": _idempotency_key(order)},
            )
    except stripe.StripeError as error:
        logger.warning(
            "Stripe PaymentIntent for order %s failed: %r", order.number, error
        )
        raise PaymentError(
            _(
                "The card payment service is not available right now. Please "
                "try again in a few minutes, or contact us."
            )
        ) from error
    if intent.status == "canceled":
        raise PaymentError(
            _("The card payment of this order was cancelled. Please contact us.")
        )
    if not order.stripe_payment_intent:
        # Only fills an empty field: two requests at once got the same intent
        # (same idempotency key), so neither overwrites anything different.
        Order.objects.filter(pk=order.pk, stripe_payment_intent="").update(
            stripe_payment_intent=intent.id
        )
        order.stripe_payment_intent = intent.id
    return intent


def webhook_handle(*, payload: bytes, sig_header: str) -> WebhookOutcome:
    """Handle one webhook request from Stripe.

    Rules: the body must carry a valid Stripe-Signature made with
    PORTAL_STRIPE_WEBHOOK_SECRET within Stripe's tolerance (five minutes) and
    not dated in the future, and be an event object, else WebhookError. Each
    event is handled at most once: its id is recorded in StripeEvent in the
    same transaction as its effect, so Stripe's retries, duplicates and
    replays of a recorded event are no-ops (DUPLICATE), also when two copies
    arrive at the same moment. `payment_intent.succeeded`
    marks the order with that PaymentIntent paid (paid_at = now) once: an
    order that is already paid keeps its paid_at; an intent whose amount or
    currency differs from the order's is logged and does not mark it paid.
    Other event types are acknowledged and ignored (IGNORED). Returns what
    happened. Raises WebhookError for requests that are not genuine events."""
    secret = settings.PORTAL_STRIPE_WEBHOOK_SECRET
    if not secret:
        raise WebhookError("Stripe webhooks are not configured (no webhook secret).")
    event = _verified_event(payload, sig_header, secret)
    event_id, event_type = event["id"], event["type"]
    if event_type != EVENT_PAYMENT_INTENT_SUCCEEDED:
        return WebhookOutcome.IGNORED

    intent = event["data"]["object"]
    intent_id = intent.get("id")
    if not isinstance(intent_id, str) or not intent_id.startswith("pi_"):
        # Never look orders up by an empty id: that would match all orders
        # without an intent.
        raise WebhookError("The event carries no PaymentIntent.")

    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeEvent.objects.create(event_id=event_id, event_type=event_type)
        except IntegrityError:
            return WebhookOutcome.DUPLICATE
        order = (
            Order.objects.select_for_update()
            .filter(stripe_payment_intent=intent_id)
            .first()
        )
        if order is None:
            logger.warning(
                "Stripe event %s: no order has PaymentIntent %s", event_id, intent_id
            )
            return WebhookOutcome.UNKNOWN_ORDER
        if order.paid_at is not None:
            return WebhookOutcome.ALREADY_PAID
        currency = (order.currency or settings.OSCAR_DEFAULT_CURRENCY).lower()
        expected = amount_minor_units(order.total_incl_tax, currency)
        if (
            intent.get("amount") != expected
            or str(intent.get("currency", "")).lower() != currency
        ):
            logger.error(
                "Stripe event %s: PaymentIntent %s is for %s %s, order %s for %s %s;"
                " not marked paid",
                event_id,
                intent_id,
                intent.get("amount"),
                intent.get("currency"),
                order.number,
                expected,
                currency,
            )
            return WebhookOutcome.AMOUNT_MISMATCH
        order.paid_at = timezone.now()
        order.save(update_fields=["paid_at"])
    logger.info("Order %s paid by card (Stripe event %s)", order.number, event_id)
    return WebhookOutcome.PAID


def _verified_event(payload: bytes, sig_header: str, secret: str) -> dict:
    """The event in `payload` once its signature is checked: made with
    `secret`, at most five minutes old and not from the future (beyond a
    minute of clock difference; Stripe's library only refuses old ones, so a
    signature dated ahead would stay replayable for that long). The body must
    be an event object with an id, a type and a data object. Raises
    WebhookError otherwise."""
    try:
        stripe.WebhookSignature.verify_header(
            payload, sig_header, secret, stripe.Webhook.DEFAULT_TOLERANCE
        )
    except stripe.SignatureVerificationError as error:
        raise WebhookError(f"Invalid Stripe signature: {error}") from error
    except UnicodeDecodeError as error:
        raise WebhookError("The body is not a Stripe event.") from error
    # The header parsed above, so it carries one valid `t=`.
    timestamp = next(
        int(value)
        for key, _sep, value in (item.partition("=") for item in sig_header.split(","))
        if key.strip() == "t"
    )
    if timestamp > time.time() + WEBHOOK_CLOCK_SKEW_SECONDS:
        raise WebhookError("Invalid Stripe signature: the timestamp is in the future.")
    try:
        event = json.loads(payload)
    except ValueError as error:
        raise WebhookError("The body is not a Stripe event.") from error
    if not (
        isinstance(event, dict)
        and event.get("object") == "event"
        and isinstance(event.get("id"), str)
        and event["id"]
        and isinstance(event.get("type"), str)
        and isinstance(event.get("data"), dict)
        and isinstance(event["data"].get("object"), dict)
    ):
        raise WebhookError("The body is not a Stripe event.")
    return event


def refund_create(*, order, amount: Decimal, idempotency_key: str, metadata: dict):
    """Refund `amount` (gross, in the order's currency) of the order's card
    payment through Stripe; returns the refund's id.

    Rules: the order was paid by card through a PaymentIntent; the amount is
    positive and at most what Stripe still holds of the payment (Stripe checks
    that). The idempotency key makes a retry return the first refund instead
    of refunding twice. Raises PaymentError with a message for staff when
    Stripe is not configured or refuses."""
    if not stripe_enabled():
        raise PaymentError(_("Card payments are not available."))
    if order.payment_method != PAYMENT_CARD or not order.stripe_payment_intent:
        raise PaymentError(_("This order was not paid by card."))
    currency = (order.currency or settings.OSCAR_DEFAULT_CURRENCY).lower()
    minor = amount_minor_units(amount, currency)
    if minor <= 0:
        raise PaymentError(_("There is nothing to refund."))
    try:
        refund = stripe_client().v1.refunds.create(
            params={
                "payment_intent": order.stripe_payment_intent,
                "amount": minor,
                "metadata": {"order_number": order.number, **metadata},
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as error:
        logger.warning("Stripe refund for order %s failed: %r", order.number, error)
        raise PaymentError(
            _("Stripe did not accept the refund: %(message)s")
            % {"message": getattr(error, "user_message", None) or str(error)}
        ) from error
    if refund.status == "failed":
        raise PaymentError(_("Stripe could not make the refund."))
    return refund.id
