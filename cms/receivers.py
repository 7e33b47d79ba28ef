"""Wagtail's page-move signal: a moved page takes on its new parent's
audience (a signal, not the admin's after_move_page hook, so that moves made
in code obey the rule too)."""

from wagtail.models import Page
from wagtail.signals import post_page_move


def narrow_moved_page(sender, instance, **kwargs):
    from cms.models import AudiencePageMixin

    page = Page.objects.get(pk=instance.pk).specific
    if isinstance(page, AudiencePageMixin):
        # save() narrows the page to its parent's audience and its subpages
        # to the page's.
        page.save(update_fields=["audience"])


def connect():
    post_page_move.connect(narrow_moved_page, dispatch_uid="cms.narrow_moved_page")
