"""Consumer features that do not belong in an invitation-only B2B shop are
off: product reviews (Oscar published anonymous ones at once) and wish lists
answer 404, and should reviews return only members write them, moderated."""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def test_reviews_are_off_and_would_be_moderated():
    assert "reviews" in settings.OSCAR_HIDDEN_FEATURES
    assert settings.OSCAR_ALLOW_ANON_REVIEWS is False
    assert settings.OSCAR_MODERATE_REVIEWS is True


def test_review_urls_are_gone(client, buyer, bolts):
    # Given a buyer
    client.force_login(buyer)

    # Then Oscar's review pages have no URL ...
    with pytest.raises(NoReverseMatch):
        reverse(
            "catalogue:reviews-add",
            kwargs={"product_slug": bolts.slug, "product_pk": bolts.pk},
        )
    # ... and their old address is not found
    url = f"/shop/catalogue/{bolts.slug}_{bolts.pk}/reviews/add/"
    response = client.post(url, {"title": "Great", "score": 5, "body": "Spam"})
    assert response.status_code == 404
    assert not bolts.reviews.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/shop/accounts/wishlists/",
        "/shop/accounts/wishlists/create/",
        "/shop/wishlists/abc123/",
    ],
)
def test_wish_lists_are_not_found(client, buyer, path):
    # Given a buyer
    client.force_login(buyer)

    # When they open a wish-list page
    response = client.get(path)

    # Then there is none
    assert response.status_code == 404


def test_product_page_offers_no_wish_list(client, buyer, bolts):
    # Given a buyer on a product page
    client.force_login(buyer)
    html = client.get(bolts.get_absolute_url()).content.decode()

    # Then no wish-list button and no review link is offered
    assert "wishlist" not in html
    assert "/reviews/" not in html
