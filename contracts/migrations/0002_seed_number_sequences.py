import re

from django.db import migrations

MODELS = [("contracts", "Offer"), ("contracts", "Contract")]
NAMES = {"OF", "CT", "PA"}
NUMBER = re.compile(r"^([A-Z]+)-(\d{4})-(\d+)$")


def seed_sequences(apps, schema_editor):
    """Numbers given before the sequences existed stay unique: each yearly
    sequence starts after the highest number already issued."""
    Sequence = apps.get_model("partner_portal", "Sequence")
    highest = {}
    for app_label, model_name in MODELS:
        model = apps.get_model(app_label, model_name)
        for number in model.objects.values_list("number", flat=True):
            match = NUMBER.match(number or "")
            if match and match.group(1) in NAMES:
                key = (match.group(1), int(match.group(2)))
                highest[key] = max(highest.get(key, 0), int(match.group(3)))
    for (name, year), last in highest.items():
        sequence, _created = Sequence.objects.get_or_create(name=name, year=year)
        if sequence.last < last:
            sequence.last = last
            sequence.save(update_fields=["last"])


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_initial"),
        ("partner_portal", "0003_preferences_and_sequences"),
    ]

    operations = [migrations.RunPython(seed_sequences, migrations.RunPython.noop)]
