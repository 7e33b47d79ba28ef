"""Oscar's analytics receivers write three rows on every product page view
(the product's and the user's view counters and a UserProductView row), so a
GET of the shop's busiest page took SQLite's write lock. The portal does not
count product views: the dashboard's product report keeps basket additions
and purchases (those receivers stay), its view column stays at zero."""

from oscar.apps.analytics import receivers
from oscar.apps.catalogue.signals import product_viewed


def stop_counting_product_views() -> None:
    product_viewed.disconnect(receivers.receive_product_view)
