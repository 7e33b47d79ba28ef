"""The "Content editor" staff group keeps the asset library in the Wagtail
admin: it may open the admin and add, change, delete and view assets and
collections, and view download records."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Content editor"
GRANTS = [
    ("asset", ["add", "change", "delete", "view"]),
    ("assetcollection", ["add", "change", "delete", "view"]),
    ("assetdownload", ["view"]),
]


def grant(apps, schema_editor):
    # Permissions are normally made after migrating; this needs them now.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _created = Group.objects.get_or_create(name=EDITOR)
    codenames = [f"{action}_{model}" for model, actions in GRANTS for action in actions]
    editor.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="marketing_assets", codename__in=codenames
        )
    )
    editor.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name=EDITOR).first()
    if editor is not None:
        editor.permissions.remove(
            *Permission.objects.filter(content_type__app_label="marketing_assets")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("marketing_assets", "0001_initial"),
        ("partner_portal", "0002_staff_groups"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
