/* The shop's start-up. Oscar's layout runs an inline script with each page's
   `onbodyload` block; the Content-Security-Policy allows no inline script, so
   each part of Oscar's ui.js starts when its markup is on the page. */
jQuery(function ($) {
  "use strict";
  if (document.getElementById("basket_formset")) {
    oscar.basket.init({basketURL: document.body.dataset.basketUrl || document.URL});
  }
  if (document.querySelector(".facet_checkbox")) {
    oscar.search.initFacetWidgets();
  }
  if ($('a[data-behaviours~="archive"], a[data-behaviours~="delete"]').length) {
    oscar.notifications.init();
  }
  oscar.init();
});
