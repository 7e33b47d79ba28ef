/* The card form of the pay page (orders/pay.html) with Stripe Elements. The
   settings come from the page as JSON (#stripe-config); the message for a
   Stripe.js that did not load from the form's data-load-error. */
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  var configElement = document.getElementById("stripe-config");
  if (!form || !configElement) {
    return;
  }
  var button = document.getElementById("pay-button");
  var errors = document.getElementById("card-errors");
  if (typeof window.Stripe !== "function") {
    errors.textContent = form.dataset.loadError;
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var stripe = window.Stripe(config.publishableKey);
  var card = stripe.elements({locale: "auto"}).create("card");
  card.mount("#card-element");
  card.on("ready", function () { button.disabled = false; });
  card.on("change", function (event) {
    errors.textContent = event.error ? event.error.message : "";
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (button.disabled) { return; }
    button.disabled = true;
    errors.textContent = "";
    stripe.confirmCardPayment(config.clientSecret, {payment_method: {card: card}})
      .then(function (result) {
        if (result.error) {
          errors.textContent = result.error.message;
          button.disabled = false;
          return;
        }
        // Paid or being paid: the pay page sends the buyer on to the order,
        // which shows the payment as pending until Stripe's webhook arrives.
        window.location.assign(config.returnUrl);
      });
  });
})();
