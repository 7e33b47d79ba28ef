"""Knowledge base: categories of articles and FAQs, ratings, views, misses."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import AudiencePageMixin


class KnowledgeIndexPage(AudiencePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "audience", "intro"]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.KnowledgeCategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from cms.selectors import article_search, knowledge_categories
        from cms.services import search_miss_record

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "")
        context["categories"] = knowledge_categories(request=request, index=self)
        context["query"] = query[:200]
        if query.strip():
            hits = article_search(request=request, index=self, query=query)
            if not hits:
                # The language the user searched in, not the page's locale (an
                # untranslated knowledge base serves the English page).
                search_miss_record(query=query, language_code=get_language())
            context["results"] = Paginator(hits, 10).get_page(request.GET.get("page"))
            context["searched"] = True
        return context


class KnowledgeCategoryPage(AudiencePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "audience", "intro"]
    parent_page_types = ["cms.KnowledgeIndexPage"]
    subpage_types = ["cms.ArticlePage"]

    class Meta:
        verbose_name = _("knowledge category")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import article_list

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = article_list(request=request, category=self)
        return context


class ArticlePage(AudiencePageMixin, Page):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        FAQ = "faq", _("Frequently asked question")

    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("For an FAQ: the short answer."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    related_articles = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("related articles")
    )

    content_panels = [
        *Page.content_panels,
        "audience",
        "kind",
        "summary",
        "body",
        FieldPanel("related_articles", widget=forms.SelectMultiple),
    ]
    search_fields = [
        *Page.search_fields,
        index.FilterField("audience"),
        index.FilterField("kind"),
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.KnowledgeCategoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge article")

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.status_code == 200 and request.method == "GET":
            from cms.services import article_view_record

            article_view_record(article=self)
        return response

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import article_feedback_of, article_related

        context = super().get_context(request, *args, **kwargs)
        context["related"] = article_related(request=request, article=self)
        context["my_feedback"] = article_feedback_of(user=request.user, article=self)
        session = getattr(request, "session", None)
        if session is not None and "cms_feedback_comment" in session:
            # What the reader typed before an incomplete answer: not lost.
            context["feedback_comment"] = session.pop("cms_feedback_comment")
        return context


class ArticleFeedback(models.Model):
    """ "Was this helpful?": one answer per person and article, which they may
    change."""

    article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="feedback"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], name="one_feedback_per_article"
            )
        ]

    def __str__(self):
        return f"{self.article_id} · {self.user_id} · {self.helpful}"


class ArticleStats(models.Model):
    """View counts live beside the page, not on it: a view must not make a
    page revision or touch the search index."""

    article = models.OneToOneField(
        ArticlePage, on_delete=models.CASCADE, primary_key=True, related_name="stats"
    )
    views = models.PositiveIntegerField(default=0)


class SearchMiss(models.Model):
    """A knowledge-base search that found nothing: what editors should write."""

    query = models.CharField(max_length=200)
    language_code = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=1)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-count", "-last_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["query", "language_code"], name="search_miss_once"
            )
        ]

    def __str__(self):
        return self.query
