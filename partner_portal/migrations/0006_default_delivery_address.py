from django.db import migrations, models


def first_delivery_address_becomes_default(apps, schema_editor):
    CompanyAddress = apps.get_model("partner_portal", "CompanyAddress")
    seen = set()
    for address in CompanyAddress.objects.filter(kind="delivery").order_by(
        "company_id", "pk"
    ):
        if address.company_id not in seen:
            seen.add(address.company_id)
            address.is_default_delivery = True
            address.save(update_fields=["is_default_delivery"])


class Migration(migrations.Migration):
    dependencies = [
        ("partner_portal", "0005_staff_change"),
    ]

    operations = [
        migrations.AddField(
            model_name="companyaddress",
            name="is_default_delivery",
            field=models.BooleanField(
                default=False, verbose_name="default delivery address"
            ),
        ),
        migrations.RunPython(
            first_delivery_address_becomes_default, migrations.RunPython.noop
        ),
        migrations.AddConstraint(
            model_name="companyaddress",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_default_delivery", True)),
                fields=("company",),
                name="company_one_default_delivery_address",
            ),
        ),
        migrations.AddConstraint(
            model_name="companyaddress",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("is_default_delivery", False),
                    ("kind", "delivery"),
                    _connector="OR",
                ),
                name="company_default_address_is_delivery",
            ),
        ),
    ]
