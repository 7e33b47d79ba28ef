/* <button data-copy-from="ID" data-copied-text="Copied"> copies the value of
   the field ID to the clipboard (the new API key's page) and says so on the
   button. A file of its own: the Content-Security-Policy runs no inline
   scripts. */
(function () {
  "use strict";

  function copied(button) {
    var label = button.textContent;
    button.textContent = button.dataset.copiedText || label;
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy-from]") : null;
    if (!button) {
      return;
    }
    var field = document.getElementById(button.dataset.copyFrom);
    if (!field) {
      return;
    }
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { copied(button); },
        function () { document.execCommand("copy"); copied(button); }
      );
    } else {
      document.execCommand("copy");
      copied(button);
    }
  });
})();
