"""What `make bench` requests, as whom, on the bench database: the pages of
issue #15's table, found in the data that bench_orders, bench_contracts and
load_demo seed. Needs Django set up (config.settings.bench)."""

import html
import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from bench.report import CATALOGUE, LIST_QUERIES, MIDDLEWARE_SIGNED_IN, PAGE, Goal
from forums.models import Topic
from partner_portal.models import Company

Order = get_model("order", "Order")

ANONYMOUS = "anonymous"
# bench_orders' company with 10,000 orders, and its people.
BUYER = "buyer1@bench.example"
PROCUREMENT = "procurement@bench.example"
# bench_contracts' company with 1,000 offers.
OFFERS_ADMIN = "admin@bench-offers.example"
# load_demo's people: a partner, the buyer whose company has the demo's
# returns, and the service desk's agent.
PARTNER = "partner@northwind.example"
RETURNS_BUYER = "buyer@acme.example"
SUPPORT_AGENT = "support@portal.example"
# How the table names them.
ROLES = {
    ANONYMOUS: "anonymous",
    BUYER: "buyer",
    PROCUREMENT: "procurement",
    PARTNER: "partner",
    RETURNS_BUYER: "buyer (demo)",
    OFFERS_ADMIN: "company admin",
    SUPPORT_AGENT: "support staff",
}


@dataclass
class Page:
    label: str
    who: str
    path: str
    goals: tuple[Goal, ...] = ()

    @property
    def role(self) -> str:
        return ROLES.get(self.who, self.who)

    @property
    def signed_in(self) -> bool:
        return self.who != ANONYMOUS


def data_ensure(stdout) -> None:
    """The demo (returns, forum, service desk, partner, CMS pages) is loaded
    once; bench_orders and bench_contracts must have seeded their data."""
    for slug, command in (
        ("bench", "bench_orders"),
        ("bench-offers", "bench_contracts"),
    ):
        if not Company.objects.filter(slug=slug).exists():
            raise CommandError(
                f"No company '{slug}' in the bench database: run `manage.py "
                f"{command}` first (make bench does)."
            )
    if not get_user_model().objects.filter(email=RETURNS_BUYER).exists():
        stdout.write("Loading the demo data into the bench database (once) ...")
        call_command("load_demo", stdout=stdout)


def clients(emails) -> dict[str, Client]:
    """A signed-in test client for each email; its session cookie is the one
    wrk sends (the session lives in the database the servers share)."""
    found = {}
    User = get_user_model()
    for email in emails:
        client = Client()
        if email != ANONYMOUS:
            user = User.objects.filter(email=email).first()
            if user is None:
                raise CommandError(f"No user {email} in the bench database.")
            client.force_login(user)
        found[email] = client
    return found


def session_cookie(client: Client) -> str:
    """The Cookie header a browser of this person sends: the session and the
    CSRF cookie (without the latter no page is taken from the page cache)."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if not cookie:
        return ""
    sent = [f"{settings.SESSION_COOKIE_NAME}={cookie.value}"]
    csrf = client.cookies.get(settings.CSRF_COOKIE_NAME)
    if csrf:
        sent.append(f"{settings.CSRF_COOKIE_NAME}={csrf.value}")
    return "; ".join(sent)


def _first_answering(client: Client, paths) -> str:
    """The first of `paths` that answers 200 to `client` (some demo objects
    are for another audience or company)."""
    tried = []
    for path in paths:
        if client.get(path).status_code == 200:
            return path
        tried.append(path)
    raise CommandError(f"None of these answered 200: {', '.join(tried) or '(none)'}")


def _cms(model_name: str):
    return apps.get_model("cms", model_name).objects.live()


def _newest_order_path() -> str:
    company = Company.objects.get(slug="bench")
    number = (
        Order.objects.for_company(company)
        .order_by("-date_placed")
        .values_list("number", flat=True)
        .first()
    )
    return reverse("orders:detail", args=[number])


def _forum_topic_paths() -> list[str]:
    topics = Topic.objects.annotate(posts_count=Count("posts")).order_by(
        "-posts_count", "pk"
    )
    return [
        reverse("forums:topic", args=[pk])
        for pk in topics.values_list("pk", flat=True)[:10]
    ]


def _knowledge_search_paths() -> list[str]:
    index = _cms("KnowledgeIndexPage").first()
    if index is None:
        return []
    words = []
    for title in _cms("ArticlePage").values_list("title", flat=True)[:5]:
        words.append(max(title.split(), key=len).strip(".,:?!"))
    return [f"{index.url}?q={word}" for word in words]


def _news_paths() -> list[str]:
    return [
        page.url for page in _cms("NewsPage").order_by("-first_published_at", "pk")[:10]
    ]


_LAZY_TILE = re.compile(r'data-tile-src="([^"]+)"')


def tile_pages(clients_by_email: dict[str, Client], whos) -> list[Page]:
    """The start page's lazy tiles (what tiles.js fetches after the page,
    `/portal/tiles/<key>/?body=1`), each tile once, as the first of `whos`
    whose start page shows it: they are part of what a start page costs."""
    found, seen = [], set()
    start = reverse("partner_portal:start")
    for who in whos:
        response = clients_by_email[who].get(start)
        if response.status_code != 200:
            raise CommandError(f"The start page answered {response.status_code}.")
        for src in _LAZY_TILE.findall(response.content.decode()):
            path = html.unescape(src)
            key = path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
            if key not in seen:
                seen.add(key)
                found.append(Page(f"start page tile {key}", who, path, (PAGE,)))
    return found


def pages(clients_by_email: dict[str, Client]) -> list[Page]:
    """Issue #15's pages, in its table's order."""
    list_page = (PAGE, LIST_QUERIES)

    def find(who, paths):
        return _first_answering(clients_by_email[who], paths)

    return [
        Page("bare view in the portal's middleware", ANONYMOUS, "/bench/bare/"),
        Page(
            "bare view in the portal's middleware",
            BUYER,
            "/bench/bare/",
            (MIDDLEWARE_SIGNED_IN,),
        ),
        Page("/healthz", ANONYMOUS, reverse("healthz")),
        Page("catalogue", BUYER, reverse("catalogue:index"), (CATALOGUE, LIST_QUERIES)),
        Page("start page", BUYER, reverse("partner_portal:start"), (PAGE,)),
        Page("start page", PROCUREMENT, reverse("partner_portal:start"), (PAGE,)),
        Page("start page", PARTNER, reverse("partner_portal:start"), (PAGE,)),
        *tile_pages(clients_by_email, (BUYER, PROCUREMENT, PARTNER)),
        Page(
            "order history (10,000 orders)",
            PROCUREMENT,
            reverse("orders:list"),
            list_page,
        ),
        Page("order detail", PROCUREMENT, _newest_order_path(), (PAGE,)),
        Page("returns list", RETURNS_BUYER, reverse("returns:list"), list_page),
        Page(
            "offers list (1,000 offers)",
            OFFERS_ADMIN,
            reverse("contracts:offers"),
            list_page,
        ),
        Page("forum topic", PARTNER, find(PARTNER, _forum_topic_paths()), (PAGE,)),
        Page("support queue", SUPPORT_AGENT, reverse("support:queue"), list_page),
        Page("knowledge search", BUYER, find(BUYER, _knowledge_search_paths())),
        Page("news page", BUYER, find(BUYER, _news_paths())),
        Page("landing page", ANONYMOUS, "/"),
    ]


def emails() -> list[str]:
    return list(ROLES)
