from django.db import migrations


def move_counters(apps, schema_editor):
    """RMA and credit-note counters continue in the portal's one numbering
    service (partner_portal.Sequence), so no number is given twice."""
    NumberSequence = apps.get_model("returns", "NumberSequence")
    Sequence = apps.get_model("partner_portal", "Sequence")
    for old in NumberSequence.objects.all():
        sequence, _created = Sequence.objects.get_or_create(
            name=old.prefix, year=old.year
        )
        if sequence.last < old.last:
            sequence.last = old.last
            sequence.save(update_fields=["last"])


def move_counters_back(apps, schema_editor):
    NumberSequence = apps.get_model("returns", "NumberSequence")
    Sequence = apps.get_model("partner_portal", "Sequence")
    for sequence in Sequence.objects.filter(name__in=["RMA", "CN"]):
        NumberSequence.objects.update_or_create(
            prefix=sequence.name, year=sequence.year, defaults={"last": sequence.last}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("returns", "0001_initial"),
        ("partner_portal", "0003_preferences_and_sequences"),
    ]

    operations = [
        migrations.RunPython(move_counters, move_counters_back),
        migrations.DeleteModel(name="NumberSequence"),
    ]
