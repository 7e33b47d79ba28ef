"""Page blocks: videos play from the link alone, with no request to the
provider while rendering."""

import pytest

from cms.blocks import video_embed_url
from partner_portal.audience import Audience
from tests.factories.cms import news_page, stream


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://example.com/video.mp4", None),
        ("javascript:alert(1)", None),
        ('https://www.youtube.com/watch?v=bad"id', None),
        ("", None),
    ],
)
def test_video_embed_address(url, embed):
    assert video_embed_url(url) == embed


def test_a_page_with_blocks_renders_without_network(client, home, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("rendering a page must not open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    page = news_page("Video news", audience=Audience.EVERYONE)
    page.body = stream(
        ("heading", "Watch"),
        ("paragraph", "<p>Some <b>text</b></p>"),
        ("video", {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Tour"}),
        ("video", {"url": "https://example.com/tour.mp4", "title": "Other"}),
        (
            "call_to_action",
            {"text": "Order now", "page": None, "url": "https://example.com/"},
        ),
    )
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'href="https://example.com/tour.mp4"' in html
    assert "Order now" in html
    assert "<b>text</b>" in html
