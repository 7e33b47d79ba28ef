"""Editors keep the asset library in the Wagtail admin: assets and collections
as snippets, under one "Marketing assets" menu. Access follows the Django
model permissions the "Content editor" group gets in migration 0002."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from marketing_assets import services
from marketing_assets.forms import AssetAdminForm
from marketing_assets.models import Asset, AssetCollection


class AssetIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("collection")
            .annotate(
                download_count=Count("downloads", distinct=True),
                company_count=Count("downloads__company", distinct=True),
            )
        )


class AssetViewSet(SnippetViewSet):
    model = Asset
    icon = "doc-full"
    menu_label = _("Assets")
    index_view_class = AssetIndexView
    list_display = [
        "title",
        "kind",
        "collection",
        "audience",
        "valid_until",
        Column("download_count", label=_("Downloads"), sort_key="download_count"),
        Column("company_count", label=_("Companies"), sort_key="company_count"),
    ]
    list_filter = ["kind", "audience", "collection", "co_brandable", "is_featured"]
    search_fields = ["title", "description"]
    list_per_page = 50
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("collection")]),
            FieldPanel("tags"),
            FieldPanel("file"),
            FieldPanel("thumbnail"),
            MultiFieldPanel(
                [
                    FieldPanel("audience"),
                    FieldRowPanel(
                        [FieldPanel("valid_from"), FieldPanel("valid_until")]
                    ),
                    FieldPanel("is_featured"),
                    FieldPanel("co_brandable"),
                ],
                heading=_("Who sees it, and when"),
            ),
        ],
        base_form_class=AssetAdminForm,
    )


class AssetCollectionViewSet(SnippetViewSet):
    model = AssetCollection
    icon = "folder-open-inverse"
    menu_label = _("Collections")
    list_display = ["name", "ordering"]
    search_fields = ["name", "description"]
    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("ordering")]


class MarketingAssetsGroup(SnippetViewSetGroup):
    items = (AssetViewSet, AssetCollectionViewSet)
    menu_icon = "doc-full"
    menu_label = _("Marketing assets")
    menu_name = "marketing-assets"
    menu_order = 250


register_snippet(MarketingAssetsGroup)


@hooks.register("after_delete_snippet")
def discard_files_of_deleted_assets(request, instances):
    services.asset_files_discard(
        names=[
            name
            for instance in instances
            if isinstance(instance, Asset)
            for name in (instance.file.name, instance.thumbnail.name)
        ]
    )
