"""Wagtail's page signals: a moved page takes on its new parent's audience (a
signal, not the admin's after_move_page hook, so that moves made in code obey
the rule too), and any change to pages, view restrictions or sites makes the
cached page frame (help menu, footer) stale."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from partner_portal.frame_cache import frame_cache_clear


def narrow_moved_page(sender, instance, **kwargs):
    from cms.models import AudiencePageMixin

    page = Page.objects.get(pk=instance.pk).specific
    if isinstance(page, AudiencePageMixin):
        # save() narrows the page to its parent's audience and its subpages
        # to the page's.
        page.save(update_fields=["audience"])


def frame_changed(sender, instance=None, **kwargs):
    # post_save and post_delete name the concrete page class as the sender,
    # so the receivers listen to every model and pick pages here.
    if isinstance(instance, Page | PageViewRestriction | Site):
        frame_cache_clear()


def connect():
    post_page_move.connect(narrow_moved_page, dispatch_uid="cms.narrow_moved_page")
    post_save.connect(frame_changed, dispatch_uid="cms.frame_saved")
    post_delete.connect(frame_changed, dispatch_uid="cms.frame_deleted")
    # Publishing and unpublishing save the page too; descendants unpublished
    # along with a page may be updated in bulk, so these are listened to as well.
    page_published.connect(frame_cache_clear, dispatch_uid="cms.frame_published")
    page_unpublished.connect(frame_cache_clear, dispatch_uid="cms.frame_unpublished")
    post_page_move.connect(frame_cache_clear, dispatch_uid="cms.frame_moved")
