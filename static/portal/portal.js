/* Behaviour that templates ask for with data attributes. The
   Content-Security-Policy runs scripts from the portal's own static files
   only: no inline <script> blocks and no onclick=/onchange= attributes.

   <select data-autosubmit>      submits its form when the choice changes
                                 (the language switcher, sort orders).
   <button data-submit-once>     is disabled once its form is submitted, so a
                                 double click places one order, not two. */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      if (typeof field.form.requestSubmit === "function") {
        field.form.requestSubmit();
      } else {
        field.form.submit();
      }
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented) {
      return;
    }
    if (form.dataset.submitted === "yes") {
      event.preventDefault();
      return;
    }
    var buttons = form.querySelectorAll("[data-submit-once]");
    if (!buttons.length) {
      return;
    }
    form.dataset.submitted = "yes";
    // After this event: a button disabled now would leave the form data.
    window.setTimeout(function () {
      buttons.forEach(function (button) { button.disabled = true; });
    }, 0);
  });
})();
