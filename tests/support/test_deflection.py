"""While the member types the subject of a problem, matching knowledge
articles and solved forum topics they may see are suggested; "this solved my
problem" counts a deflection and makes no request."""

from django.urls import reverse

from forums.models import Category, Post, Topic
from partner_portal.audience import Audience
from support.models import Deflection, SupportRequest


def _topic(title, *, audience=Audience.SIGNED_IN, solved=True, author):
    category, _created = Category.objects.get_or_create(
        slug=f"cat-{audience}",
        defaults={"name": f"Cat {audience}", "audience": audience},
    )
    topic = Topic.objects.create(category=category, title=title, author=author)
    post = Post.objects.create(topic=topic, author=author, body="Turn it off and on.")
    if solved:
        topic.solution = post
        topic.save()
    return topic


def test_suggestions_are_solved_topics_the_member_may_see(client, buyer, company_admin):
    solved = _topic("Printer shows paper jam", author=company_admin)
    _topic("Printer driver question", solved=False, author=company_admin)
    _topic("Printer for partners", audience=Audience.PARTNERS, author=company_admin)
    client.force_login(buyer)

    data = client.get(reverse("support:suggest"), {"q": "printer jam"}).json()

    assert data["results"] == [
        {
            "kind": "topic",
            "kind_label": "Solved forum topic",
            "title": "Printer shows paper jam",
            "url": f"/portal/forums/t/{solved.pk}/",
        }
    ]


def test_short_words_suggest_nothing(client, buyer, company_admin):
    _topic("Printer shows paper jam", author=company_admin)
    client.force_login(buyer)

    data = client.get(reverse("support:suggest"), {"q": "pr"}).json()

    assert data["results"] == []


def test_this_solved_my_problem_counts_a_deflection_and_makes_no_request(
    client, company, buyer
):
    client.force_login(buyer)

    response = client.post(
        reverse("support:deflected"),
        {
            "query": "printer jam",
            "target_url": "/portal/forums/t/1/",
            "target_title": "Printer shows paper jam",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("support:catalogue")
    deflection = Deflection.objects.get()
    assert (deflection.company, deflection.user, deflection.query) == (
        company,
        buyer,
        "printer jam",
    )
    assert SupportRequest.objects.count() == 0


def test_an_outside_address_is_not_recorded(client, buyer):
    client.force_login(buyer)

    client.post(
        reverse("support:deflected"),
        {"query": "x", "target_url": "//evil.example/", "target_title": "x"},
    )

    assert Deflection.objects.count() == 0


def test_suggestions_include_knowledge_articles_by_audience(client, buyer):
    from tests.factories.cms import article_page, knowledge_category

    category = knowledge_category("Printing")
    article_page("Clearing a printer jam", category=category)
    partners = knowledge_category("Partner printing", audience=Audience.PARTNERS)
    article_page("Partner printer jam", category=partners, audience=Audience.PARTNERS)
    client.force_login(buyer)

    data = client.get(reverse("support:suggest"), {"q": "printer jam"}).json()

    assert [(r["kind"], r["title"]) for r in data["results"]] == [
        ("article", "Clearing a printer jam")
    ]
    assert data["results"][0]["url"].endswith("/clearing-a-printer-jam/")


def test_the_report_page_shows_suggestions_without_scripts(
    client, buyer, company_admin
):
    _topic("Printer shows paper jam", author=company_admin)
    client.force_login(buyer)

    response = client.get(reverse("support:report"), {"subject": "printer jam"})

    assert [s.title for s in response.context["suggestions"]] == [
        "Printer shows paper jam"
    ]
    assert b"This solved my problem" in response.content
