"""A product page is a read: Oscar's analytics no longer count its views
(three rows written per view), while basket additions are still counted."""

from oscar.apps.basket.signals import basket_addition
from oscar.core.loading import get_model

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")
UserProductView = get_model("analytics", "UserProductView")


def test_viewing_a_product_writes_no_analytics(client, buyer, bolts):
    client.force_login(buyer)

    response = client.get(bolts.get_absolute_url())

    assert response.status_code == 200
    assert ProductRecord.objects.count() == 0
    assert UserRecord.objects.count() == 0
    assert UserProductView.objects.count() == 0


def test_basket_additions_are_still_counted(buyer, bolts):
    basket_addition.send(sender=None, product=bolts, user=buyer, request=None)

    assert ProductRecord.objects.get(product=bolts).num_basket_additions == 1
    assert UserRecord.objects.get(user=buyer).num_basket_additions == 1
