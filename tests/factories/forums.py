"""Factories for the forums. Topics come with their opening post; posts are
visible and approved unless told otherwise."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from forums import markup
from forums.models import Category, Post, Topic
from partner_portal.permissions import StaffGroup
from tests.factories.accounts import StaffUserFactory, UserFactory


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    audience = "signed_in"


class TopicFactory(DjangoModelFactory):
    """A topic with a visible opening post by its author (`body=` sets its text)."""

    class Meta:
        model = Topic
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def body(self, create, extracted, **kwargs):
        if create:
            PostFactory(topic=self, author=self.author, body=extracted or "Opening")


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Reply number {n}")
    html = factory.LazyAttribute(lambda post: markup.render(post.body))
    status = Post.Status.VISIBLE
    approved_at = factory.LazyFunction(timezone.now)


def forum_moderator(**kwargs):
    """One of our staff in the Forum moderator group."""
    user = StaffUserFactory(is_staff=False, **kwargs)
    user.groups.add(Group.objects.get_or_create(name=StaffGroup.FORUM_MODERATOR)[0])
    return user


def make_trusted(user, *, count=10):
    """Give `user` `count` approved posts (long ago), so that their next posts
    are neither queued as a new member's nor limited as one."""
    long_ago = timezone.now() - timedelta(days=30)
    topic = TopicFactory(author=user, category=CategoryFactory(slug="archive"))
    Post.objects.filter(topic=topic).update(created_at=long_ago)
    for _ in range(count - 1):
        PostFactory(topic=topic, author=user, created_at=long_ago)
    return user
