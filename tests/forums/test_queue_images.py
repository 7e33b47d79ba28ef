"""The moderation queue shows the images attached to a waiting post, so the
moderator judges the whole post."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from forums.models import Post, PostImage
from tests.factories.forums import TopicFactory


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_queue_shows_a_waiting_posts_image(
    client, newcomer, moderator, open_category
):
    topic = TopicFactory(category=open_category)
    client.force_login(newcomer)
    client.post(
        reverse("forums:reply", args=[topic.pk]),
        {"body": "See the picture", "image": SimpleUploadedFile("a.png", _png())},
    )
    image = PostImage.objects.get()
    assert image.post.status == Post.Status.PENDING
    client.force_login(moderator)

    page = client.get(reverse("forums:queue")).content.decode()

    assert reverse("forums:image", args=[image.pk]) in page
    assert page.count('class="img-fluid rounded border mt-2 queue-image"') == 1
