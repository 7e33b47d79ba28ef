"""Demo pages: landing page, footer pages and news (called by `load_demo`)."""

from django.conf import settings
from wagtail.models import Page
from wagtail.models import Site as WagtailSite

from cms.models import ContentPage, HomePage, NewsIndexPage, NewsPage


def load(*, stdout, companies):
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
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

    for slug, title, intro in (
        ("help", "Help", "How to order, return goods and find answers in the portal."),
        ("imprint", "Imprint", "Who runs this portal."),
        ("terms", "Terms of use", "The rules for using the portal."),
    ):
        if not ContentPage.objects.filter(slug=slug).exists():
            home.add_child(
                instance=ContentPage(
                    title=title, slug=slug, intro=intro, show_in_footer=True
                )
            )
    news_index = NewsIndexPage.objects.first()
    if news_index is None:
        news_index = home.add_child(
            instance=NewsIndexPage(
                title="News", slug="news", intro="What is new at our company."
            )
        )
    for slug, title, intro, date in (
        (
            "new-portal",
            "Our new customer and partner portal",
            "Order, track and return in one place: a tour of the new portal.",
            "2026-11-02",
        ),
        (
            "winter-hours",
            "Delivery times over the holidays",
            "Orders placed by 18 December arrive before Christmas.",
            "2026-11-12",
        ),
        (
            "safety-range",
            "New safety equipment range",
            "Helmets, gloves and glasses from our new supplier, now in the shop.",
            "2026-11-20",
        ),
    ):
        if not NewsPage.objects.filter(slug=slug).exists():
            news_index.add_child(
                instance=NewsPage(title=title, slug=slug, intro=intro, date=date)
            )
    stdout.write("Pages: landing page, help pages and news are ready.")
