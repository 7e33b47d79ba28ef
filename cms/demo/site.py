"""The landing page, help and footer pages and the news."""

from django.conf import settings
from wagtail.models import Page
from wagtail.models import Site as WagtailSite

from cms.demo.base import _child, _stream
from cms.demo.content import HELP_PAGES, NEWS, NEWS_CATEGORIES
from cms.models import (
    ContentPage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
)


def _home():
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        # Wagtail's migrations leave a "Welcome to your new Wagtail site!" page
        # at /home/; deleting it also deletes its Site, made anew below.
        for page in root.get_children().filter(slug="home"):
            page.delete()
        home = root.add_child(
            instance=HomePage(
                title="Welcome",
                slug="home",
                hero_title="Everything your business needs from us, in one place",
                hero_text=(
                    "Reorder in seconds, follow your orders, request returns, "
                    "read your contracts and find answers, at any hour."
                ),
            )
        )
    site = WagtailSite.objects.filter(is_default_site=True).first()
    if site is None:
        WagtailSite.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def _news(home):
    categories = {
        slug: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in NEWS_CATEGORIES
    }
    index = _child(
        home, NewsIndexPage, "news", title="News", intro="What is new at our company."
    )
    for slug, title, intro, date, audience, category_slugs in NEWS:
        if NewsPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = NewsPage(
            title=title,
            slug=slug,
            intro=intro,
            date=date,
            audience=audience,
            body=_stream(("paragraph", f"<p>{intro}</p>")),
        )
        page.categories = [categories[c] for c in category_slugs]
        index.add_child(instance=page)


def _help_pages(home):
    for slug, title, intro, body, in_footer in HELP_PAGES:
        _child(
            home,
            ContentPage,
            slug,
            title=title,
            intro=intro,
            show_in_footer=in_footer,
            body=_stream(("paragraph", body)),
        )
