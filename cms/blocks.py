"""The one block library every page type uses."""

import re
from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^[0-9]{3,12}$")


def video_embed_url(url: str) -> str | None:
    """The privacy-friendly player address for a YouTube or Vimeo link, or None.

    Worked out from the address alone: rendering a page never asks the provider
    (no oEmbed request), so pages render offline and tell no third party who
    reads them until the reader starts the video."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        if segments[:1] == ["watch"]:
            video_id = (parse_qs(parts.query).get("v") or [None])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live"):
            video_id = segments[1]
        if video_id and _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host == "youtu.be" and segments:
        if _YOUTUBE_ID.match(segments[0]):
            return f"https://www.youtube-nocookie.com/embed/{segments[0]}"
    elif host in ("vimeo.com", "player.vimeo.com") and segments:
        video_id = segments[-1]
        if _VIMEO_ID.match(video_id):
            return f"https://player.vimeo.com/video/{video_id}?dnt=1"
    return None


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"
        label = _("Call to action")


class VideoBlock(blocks.StructBlock):
    """A video by its address: YouTube and Vimeo play in the page, other
    addresses become a link."""

    url = blocks.URLBlock(
        label=_("Video address"),
        help_text=_("A YouTube or Vimeo link plays in the page; others are linked."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"
        label = _("Video")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"] = video_embed_url(value.get("url"))
        return context


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Empty: the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/download.html"
        label = _("Download")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="cms/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Text"))
    image = ImageBlock(label=_("Image"))
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    download = DownloadBlock()

    class Meta:
        template = "cms/blocks/body.html"


class QuizAnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        label = _("Answer")


class QuizQuestionBlock(blocks.StructBlock):
    """One question, answered by picking one answer; exactly one is correct."""

    question = blocks.CharBlock(label=_("Question"), max_length=500)
    answers = blocks.ListBlock(QuizAnswerBlock(), min_num=2, label=_("Answers"))

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        from django.core.exceptions import ValidationError

        value = super().clean(value)
        if sum(1 for answer in value["answers"] if answer["correct"]) != 1:
            raise ValidationError(_("Mark exactly one answer as correct."))
        return value


class QuizBlock(blocks.StreamBlock):
    question = QuizQuestionBlock()
