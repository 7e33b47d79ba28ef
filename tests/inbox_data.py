"""Rows for the "my tasks" inbox tests, made in bulk and cheaply (no PDFs, no
mails): what each inbox source counts, for one company or our staff."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Page

from cms.models import CoursePage, NewsPage
from contracts.models import Offer, OfferVersion
from forums.models import Post
from orders.models import OrderApproval
from partner_portal.audience import Audience
from partner_portal.permissions import StaffGroup
from returns.models import ReturnRequest
from tests.factories import UserFactory
from tests.factories.cms import news_index, training_index
from tests.factories.forums import CategoryFactory, PostFactory, TopicFactory
from tests.factories.orders import DeliveryAddressFactory, order_place

Basket = get_model("basket", "Basket")


def pending_approvals(*, company, buyer, count, status=OrderApproval.Status.PENDING):
    address = DeliveryAddressFactory(company=company)
    return [
        OrderApproval.objects.create(
            company=company,
            basket=Basket.objects.create(owner=buyer),
            requested_by=buyer,
            status=status,
            total=Decimal("120.00"),
            budget_left=Decimal("20.00"),
            delivery_address=address,
            payment_method="account",
            purchase_order_number=f"PO-{company.slug}-{index}",
        )
        for index in range(count)
    ]


def sent_offers(*, company, sales, count, valid_days=30, status=Offer.Status.SENT):
    offers = []
    for index in range(count):
        offer = Offer.objects.create(
            company=company,
            number=f"OF-{company.slug}-{status}-{valid_days}-{index}",
            title=f"Offer {index}",
            created_by=sales,
            status=status,
        )
        version = OfferVersion.objects.create(
            offer=offer,
            number=1,
            status=OfferVersion.Status.SENT,
            valid_until=timezone.localdate() + timedelta(days=valid_days),
            sent_at=timezone.now(),
        )
        offer.latest_sent = version
        offer.save(update_fields=["latest_sent"])
        offers.append(offer)
    return offers


def returns_in(*, company, buyer, count, status, products, tag=""):
    """`count` returns of one delivered order in `status`."""
    order = order_place(user=buyer, company=company, lines=[(products[0], 1)])
    return [
        ReturnRequest.objects.create(
            company=company,
            number=f"R-{company.slug[:4]}{tag}{status[:3]}{index}",
            order=order,
            requested_by=buyer,
            status=status,
            reason=ReturnRequest.Reason.DAMAGED,
            submission_key=f"{tag}{status}-{index}",
        )
        for index in range(count)
    ]


def posts_waiting(*, count, category=None):
    category = category or CategoryFactory(slug="waiting", name="Waiting room")
    topic = TopicFactory(category=category, title="Needs a look")
    return [
        PostFactory(topic=topic, status=Post.Status.PENDING, approved_at=None)
        for _ in range(count)
    ]


def courses(*, count, audience=Audience.SIGNED_IN):
    index = training_index()
    return [
        index.add_child(
            instance=CoursePage(
                title=f"Course {number}", intro="About it", audience=audience
            )
        )
        for number in range(count)
    ]


def forum_moderator_user():
    user = UserFactory(email="moderator@portal.example")
    user.groups.add(Group.objects.get_or_create(name=StaffGroup.FORUM_MODERATOR)[0])
    return user


def content_approver_user():
    user = UserFactory(email="publisher@portal.example")
    user.groups.add(Group.objects.get(name=StaffGroup.CONTENT_EDITOR.value))
    user.groups.add(Group.objects.get(name="Content approver"))
    return user


def pages_in_review(*, count, editor):
    pages = []
    for number in range(count):
        page = news_index().add_child(
            instance=NewsPage(title=f"Draft news {number}", intro="Soon", live=False)
        )
        page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
        pages.append(Page.objects.get(pk=page.pk))
    return pages
