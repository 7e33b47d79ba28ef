from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from orders.payments import (
    PaymentError,
    WebhookError,
    payment_intent_create,
    webhook_handle,
)
from orders.selectors import order_get
from orders.services import PAYMENT_CARD, stripe_enabled
from partner_portal.access import PolicyRequiredMixin
from partner_portal.permissions import Capability
from partner_portal.policy import PUBLIC, Member

# PaymentIntent states in which Stripe has the money or is collecting it: the
# page then waits for the webhook instead of asking for the card again.
INTENT_DONE = {"succeeded", "processing", "requires_capture"}


# Not inside the request's transaction: the page waits for Stripe, and on
# SQLite an open transaction holds the database's write lock all that time.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
# Stripe.js and its card frames (PCI DSS SAQ A), on this page only.
@method_decorator(
    csp_update(
        {
            "script-src": ["https://js.stripe.com"],
            "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
            "connect-src": ["https://api.stripe.com"],
        }
    ),
    name="dispatch",
)
class OrderPayView(PolicyRequiredMixin, View):
    """Card payment of a placed order with Stripe Elements. The order counts
    as paid when Stripe's webhook says so, not when this page does."""

    policy = Member(Capability.ORDER_VIEW_OWN)
    template_name = "orders/pay.html"

    def get(self, request, number):
        if not stripe_enabled():
            raise Http404
        order = order_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )
        if order.payment_method != PAYMENT_CARD:
            raise Http404
        if order.paid_at:
            messages.info(
                request,
                _("Order %(number)s is paid.") % {"number": order.number},
            )
            return redirect("orders:detail", number=order.number)
        context = {"order": order, "error": "", "stripe_config": None}
        status = 200
        try:
            intent = payment_intent_create(order=order)
        except PaymentError as error:
            context["error"] = str(error)
            status = 502
        else:
            if intent.status in INTENT_DONE:
                # Back from Stripe (or a reload after paying): the order page
                # shows the payment as pending until the webhook marks it paid.
                messages.info(
                    request,
                    _(
                        "Payment pending: Stripe has your card payment for order "
                        "%(number)s and is confirming it. The order shows as paid "
                        "in a moment."
                    )
                    % {"number": order.number},
                )
                return redirect("orders:detail", number=order.number)
            context["stripe_config"] = {
                "publishableKey": settings.PORTAL_STRIPE_PUBLISHABLE_KEY,
                "clientSecret": intent.client_secret,
                "returnUrl": request.path,
            }
        response = render(request, self.template_name, context, status=status)
        # The page carries the intent's client secret: never keep it in a cache.
        add_never_cache_headers(response)
        return response


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class StripeWebhookView(PolicyRequiredMixin, View):
    """Stripe's webhook endpoint: no login, no CSRF token; the signature of
    the body is the proof that Stripe sent it. 400 for requests that are not
    genuine events (Stripe then retries), 200 for everything else, including
    duplicates and event types the portal does not handle. The service keeps
    its own transaction, so the request needs none."""

    policy = PUBLIC
    http_method_names = ["post"]

    def post(self, request):
        try:
            outcome = webhook_handle(
                payload=request.body,
                sig_header=request.headers.get("Stripe-Signature", ""),
            )
        except WebhookError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain")
        return HttpResponse(outcome.value, content_type="text/plain")
