"""Wagtail page types; the only app that defines Page models."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock


class HomePage(Page):
    """The public landing page."""

    hero_title = models.CharField(_("headline"), max_length=200)
    hero_text = models.TextField(_("text below the headline"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, "hero_title", "hero_text", "body"]
    subpage_types = ["cms.ContentPage", "cms.NewsIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("landing page")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import news_latest

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = news_latest(limit=3)
        return context


class ContentPage(Page):
    """Help, imprint, terms and other plain pages (also linked in the footer)."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    show_in_footer = models.BooleanField(_("link in the footer"), default=False)

    content_panels = [*Page.content_panels, "intro", "body"]
    promote_panels = [*Page.promote_panels, FieldPanel("show_in_footer")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("content page")


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news list")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        items = NewsPage.objects.child_of(self).live().order_by("-date", "-pk")
        context["news_page"] = Paginator(items, 10).get_page(request.GET.get("page"))
        return context


class NewsPage(Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), max_length=400)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, "date", "intro", "body"]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
