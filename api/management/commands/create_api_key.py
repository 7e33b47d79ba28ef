"""Issue a staff (ERP) API key from the command line and print it once:

    manage.py create_api_key --staff --name "ERP" --created-by admin@portal.example

A staff key reaches every company and acts as the superuser who created it, so
only a superuser may be named. Company keys are issued by the company's admins
in the portal (API & integrations)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api.models import ApiKey
from partner_portal.permissions import ApiResource


class Command(BaseCommand):
    help = "Issue a staff (ERP) API key and print it once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--staff",
            action="store_true",
            help="A staff key, reaching every company (the only kind made here).",
        )
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--created-by",
            required=True,
            metavar="EMAIL",
            help="The superuser the key acts as.",
        )
        parser.add_argument(
            "--access", choices=ApiKey.Access.values, default=ApiKey.Access.WRITE
        )
        parser.add_argument(
            "--resource",
            action="append",
            choices=ApiResource.values,
            dest="resources",
            help="Repeat for each resource; every resource when left out.",
        )
        parser.add_argument("--rate-per-minute", type=int, default=0)

    def handle(self, *args, **options):
        if not options["staff"]:
            raise CommandError(
                "Only staff keys are made here (--staff); company admins create "
                "their company's keys in the portal."
            )
        name = options["name"].strip()
        if not name:
            raise CommandError("--name must not be empty.")
        if options["rate_per_minute"] < 0:
            raise CommandError("--rate-per-minute must not be negative.")
        email = options["created_by"]
        user = (
            get_user_model()
            .objects.filter(email__iexact=email, is_active=True)
            .order_by("pk")
            .first()
        )
        if user is None:
            raise CommandError(f"No active user with the email {email}.")
        if not user.is_superuser:
            raise CommandError(
                f"{email} is not a superuser; only a superuser may own a staff key."
            )
        key, plaintext = ApiKey.issue(
            company=None,
            name=name,
            access=options["access"],
            resources=options["resources"] or ApiResource.values,
            created_by=user,
            rate_per_minute=options["rate_per_minute"],
        )
        self.stderr.write(
            f"Staff key '{key.name}' ({key.masked}, {key.access}: "
            f"{', '.join(key.resources)}) issued. Copy it now: it is not shown again."
        )
        self.stdout.write(plaintext)
