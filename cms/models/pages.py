"""The landing page, plain (help, footer) pages and news."""

from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.blocks import BodyBlock
from cms.models.base import AudiencePageMixin

AUDIENCE_SEARCH_FIELDS = [index.FilterField("audience")]


class HomePage(AudiencePageMixin, Page):
    """The public landing page."""

    hero_title = models.CharField(_("headline"), max_length=200)
    hero_text = models.TextField(_("text below the headline"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, "hero_title", "hero_text", "body"]
    subpage_types = [
        "cms.ContentPage",
        "cms.NewsIndexPage",
        "cms.TrainingIndexPage",
        "cms.KnowledgeIndexPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("landing page")

    def save(self, *args, **kwargs):
        # The landing page is for everyone: it is where visitors log in.
        self.audience = "everyone"
        return super().save(*args, **kwargs)

    def route(self, request, path_components):
        """Wagtail routes through the landing page of the active language; a
        page not (yet) translated falls back to the default language, so that
        switching language never turns a link into a 404."""
        try:
            return super().route(request, path_components)
        except Http404:
            if self.locale.language_code == settings.LANGUAGE_CODE:
                raise
            default = self.get_translation_or_none(
                Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
            )
            if default is None:
                raise
            return default.specific.route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import news_latest

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = news_latest(request=request, limit=3)
        return context


class ContentPage(AudiencePageMixin, Page):
    """Help, imprint, terms and other plain pages (also linked in the footer)."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    show_in_footer = models.BooleanField(_("link in the footer"), default=False)

    content_panels = [*Page.content_panels, "audience", "intro", "body"]
    promote_panels = [*Page.promote_panels, FieldPanel("show_in_footer")]
    search_fields = [
        *Page.search_fields,
        *AUDIENCE_SEARCH_FIELDS,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("content page")


@register_snippet
class NewsCategory(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = ["name", "slug"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name


class NewsIndexPage(AudiencePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "audience", "intro"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news list")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from cms.selectors import news_categories, news_list

        context = super().get_context(request, *args, **kwargs)
        categories = news_categories()
        current = next(
            (c for c in categories if c.slug == request.GET.get("category")), None
        )
        items = news_list(request=request, index=self, category=current)
        context["categories"] = categories
        context["current_category"] = current
        context["news_page"] = Paginator(items, 10).get_page(request.GET.get("page"))
        if request.user.is_authenticated:
            from cms.feeds import news_feed_url

            context["feed_url"] = news_feed_url(
                user=request.user, company=getattr(request, "company", None)
            )
        return context


class NewsPage(AudiencePageMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), max_length=400)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    categories = ParentalManyToManyField(
        NewsCategory, blank=True, related_name="news", verbose_name=_("categories")
    )

    content_panels = [
        *Page.content_panels,
        "audience",
        "date",
        "intro",
        "body",
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *Page.search_fields,
        *AUDIENCE_SEARCH_FIELDS,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
