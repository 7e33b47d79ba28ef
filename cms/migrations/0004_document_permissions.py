"""Wagtail checks document permissions on wagtaildocs.Document even with a
custom document model: give the content groups those (0003 granted the
portal document model's own, which Wagtail never asks for)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Content editor", "Content approver"]
ACTIONS = ["add", "change", "choose"]


def grant(apps, schema_editor):
    config = apps.get_app_config("wagtaildocs")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    collection = Collection.objects.filter(depth=1).first()
    if collection is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtaildocs",
        codename__in=[f"{action}_document" for action in ACTIONS],
    )
    for group in Group.objects.filter(name__in=GROUPS):
        GroupCollectionPermission.objects.filter(
            group=group, permission__content_type__app_label="cms"
        ).delete()
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_content_roles_and_workflow"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
