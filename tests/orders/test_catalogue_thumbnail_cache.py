"""The catalogue's card thumbnails come from the cache after the first page:
sorl-thumbnail is asked once per picture, and a new picture (a new file name)
gets its own thumbnail."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from oscar_apps.search import views


@pytest.fixture
def thumbnailer(monkeypatch):
    calls = []

    class Thumbnailer:
        def generate_thumbnail(self, source, **options):
            calls.append((source.name, options))
            return SimpleNamespace(
                url=f"/media/cache/{source.name}", width=300, height=225
            )

    monkeypatch.setattr(views, "get_thumbnailer", Thumbnailer)
    cache.clear()
    yield calls
    cache.clear()


def image(name):
    return SimpleNamespace(original=SimpleNamespace(name=name))


def test_a_thumbnail_is_made_once_then_read_from_the_cache(thumbnailer):
    first = views.card_thumbnails([image("a.jpg"), image("b.jpg")])
    again = views.card_thumbnails([image("a.jpg"), image("b.jpg")])

    assert (
        first
        == again
        == {
            "a.jpg": views.Thumbnail("/media/cache/a.jpg", 300, 225),
            "b.jpg": views.Thumbnail("/media/cache/b.jpg", 300, 225),
        }
    )
    assert thumbnailer == [
        ("a.jpg", {"size": "300x300", "upscale": False}),
        ("b.jpg", {"size": "300x300", "upscale": False}),
    ]


def test_a_new_picture_gets_its_own_thumbnail(thumbnailer):
    views.card_thumbnails([image("a.jpg")])

    found = views.card_thumbnails([image("a_x1y2.jpg")])

    assert found == {"a_x1y2.jpg": views.Thumbnail("/media/cache/a_x1y2.jpg", 300, 225)}
    assert [name for name, _options in thumbnailer] == ["a.jpg", "a_x1y2.jpg"]


def test_a_broken_picture_leaves_its_card_without_one(monkeypatch, thumbnailer):
    class Broken:
        def generate_thumbnail(self, source, **options):
            raise OSError("cannot read")

    monkeypatch.setattr(views, "get_thumbnailer", Broken)

    assert views.card_thumbnails([image("broken.jpg")]) == {}
    assert cache.get(views._thumbnail_key("broken.jpg")) is None
