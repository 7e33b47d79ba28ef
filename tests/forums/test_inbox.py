"""Forum posts awaiting moderation: the count of the moderation queue of the
categories this moderator looks after; nobody else gets the section."""

from forums.models import CategoryModerator
from tests.factories.forums import CategoryFactory
from tests.inbox_data import posts_waiting

TASKS = "/portal/tasks/"
QUEUE = "/portal/forums/moderation/"


def _count(client, user):
    client.force_login(user)
    sections = client.get(TASKS).context["sections"]
    return next((s.count for s in sections if s.source.key == "forums.queue"), None)


def _queue_total(client, user):
    client.force_login(user)
    return client.get(QUEUE).context["page_obj"].paginator.count


def test_the_count_agrees_with_the_moderation_queue(client, moderator, buyer):
    posts_waiting(count=3)
    posts_waiting(count=2, category=CategoryFactory(slug="other", name="Other"))

    assert _count(client, moderator) == 5
    assert _queue_total(client, moderator) == 5
    assert _count(client, buyer) is None


def test_a_category_moderator_counts_only_their_categories(
    client, company, company_admin, buyer
):
    mine = CategoryFactory(slug="mine", name="Mine")
    posts_waiting(count=2, category=mine)
    posts_waiting(count=3, category=CategoryFactory(slug="theirs", name="Theirs"))
    CategoryModerator.objects.create(category=mine, user=buyer, company=company)

    assert _count(client, buyer) == 2
    assert _queue_total(client, buyer) == 2
