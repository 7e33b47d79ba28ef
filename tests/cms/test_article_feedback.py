"""'Was this helpful?': one answer per person and article, changeable; views
counted; editors see it all in the Wagtail admin report."""

import pytest
from django.urls import reverse

from cms.models import ArticleFeedback, ArticleStats
from partner_portal.audience import Audience
from partner_portal.permissions import StaffGroup
from tests.factories import UserFactory
from tests.factories.cms import article_page
from tests.helpers import messages_of, snapshot


@pytest.fixture
def article(home):
    return article_page("Reset your password")


def _feedback_url(article):
    return reverse("cms:article_feedback", kwargs={"pk": article.pk})


def test_a_reader_answers_and_then_changes_the_answer(client, article, buyer):
    client.force_login(buyer)

    first = client.post(
        _feedback_url(article), {"helpful": "no", "comment": "Too short"}
    )
    client.post(_feedback_url(article), {"helpful": "yes", "comment": ""})

    assert first.url == article.url + "#feedback"
    assert messages_of(first) == ["Thank you for your feedback."]
    feedback = ArticleFeedback.objects.get()
    assert (feedback.user, feedback.helpful, feedback.comment) == (buyer, True, "")


def test_the_article_shows_the_readers_own_answer(client, article, buyer):
    client.force_login(buyer)
    client.post(_feedback_url(article), {"helpful": "no", "comment": "Add pictures"})

    response = client.get(article.url)

    assert response.context["my_feedback"].comment == "Add pictures"
    assert 'id="helpful-no" checked' in response.content.decode()


def test_an_answer_without_yes_or_no_keeps_the_comment_and_saves_nothing(
    client, article, buyer
):
    client.force_login(buyer)

    response = client.post(_feedback_url(article), {"comment": "Half an answer"})
    page = client.get(article.url)

    assert messages_of(response) == ["Please answer yes or no."]
    assert not ArticleFeedback.objects.exists()
    assert "Half an answer" in page.content.decode()


def test_visitors_are_asked_to_log_in(client, article):
    response = client.post(_feedback_url(article), {"helpful": "yes"})

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not ArticleFeedback.objects.exists()


def test_nobody_rates_an_article_they_may_not_open(client, home, buyer):
    gold = article_page("Gold bonus", audience=Audience.GOLD)
    client.force_login(buyer)
    before = snapshot(ArticleFeedback)

    response = client.post(_feedback_url(gold), {"helpful": "yes"})

    assert response.status_code == 404
    assert snapshot(ArticleFeedback) == before


def test_views_are_counted_only_for_readers_who_may_open_it(client, home, buyer):
    public = article_page("Public")
    gold = article_page("Gold", audience=Audience.GOLD)
    client.get(public.url)
    client.get(public.url)
    client.force_login(buyer)
    client.get(gold.url)

    assert ArticleStats.objects.get(article=public).views == 2
    assert not ArticleStats.objects.filter(article=gold).exists()


def test_editors_see_views_helpfulness_and_searches_without_hits(
    client, article, buyer
):
    from django.contrib.auth.models import Group

    ArticleFeedback.objects.create(
        article=article, user=buyer, helpful=False, comment="Needs screenshots"
    )
    client.get(article.url)
    client.get(article.get_parent().get_parent().url, {"q": "warranty claim"})
    editor = UserFactory(email="editor@portal.example")
    editor.groups.add(Group.objects.get(name=StaffGroup.CONTENT_EDITOR.value))
    client.force_login(editor)

    response = client.get(reverse("cms_knowledge_report"))

    assert response.status_code == 200
    row = next(a for a in response.context["articles"] if a.pk == article.pk)
    assert (row.view_count, row.helpful_yes, row.helpful_no) == (1, 0, 1)
    assert [m.query for m in response.context["misses"]] == ["warranty claim"]
    assert "Needs screenshots" in response.content.decode()


def test_the_report_is_for_content_staff_only(client, home):
    from django.contrib.auth.models import Group

    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=StaffGroup.FORUM_MODERATOR.value))
    client.force_login(moderator)

    response = client.get(reverse("cms_knowledge_report"))

    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("language", "direction"), [("fa", "rtl"), ("de", "ltr"), ("en", "ltr")]
)
def test_the_feedback_form_follows_the_interface_direction(
    client, article, buyer, language, direction
):
    client.force_login(buyer)

    html = client.get(article.url, HTTP_ACCEPT_LANGUAGE=language).text

    assert f'id="feedback" lang="{language}" dir="{direction}"' in html, (
        "the English article's direction must not decide the form's"
    )
