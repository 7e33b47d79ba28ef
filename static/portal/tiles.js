/* The start page's lazy tiles: each <div data-tile-src> holds a link to the
   tile's own page; with JavaScript the tile's body is fetched from that URL
   and replaces the link. On an error the link stays. */
(function () {
  "use strict";

  document.querySelectorAll("[data-tile-src]").forEach(function (box) {
    fetch(box.getAttribute("data-tile-src"), { credentials: "same-origin" })
      .then(function (response) {
        // A redirect (signed out meanwhile) would bring the login page.
        if (!response.ok || response.redirected) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (html) {
        box.innerHTML = html;
      })
      .catch(function () {
        box.querySelectorAll("[aria-hidden]").forEach(function (node) {
          node.remove();
        });
      })
      .finally(function () {
        box.removeAttribute("aria-busy");
      });
  });
})();
