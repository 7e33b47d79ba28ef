from django.db import migrations

STAFF_GROUPS = ["Sales", "Support", "Returns desk", "Content editor", "Forum moderator"]


def create_staff_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in STAFF_GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("partner_portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_staff_groups, migrations.RunPython.noop)]
