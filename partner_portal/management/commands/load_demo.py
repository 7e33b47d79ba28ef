"""Build the demo: companies, people and a small catalogue, then each app's own
demo data (pages, orders, ...) from its `demo.py`.

Idempotent: every object is found by its natural key (email, customer number,
slug, SKU) and created only when missing, so running it twice changes nothing.
"""

from decimal import Decimal
from importlib import import_module
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.sites.models import Site as DjangoSite
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import module_has_submodule
from wagtail.models import Locale

from partner_portal.management.product_images import product_image_ensure
from partner_portal.models import Branding, Company, CompanyAddress, Membership
from partner_portal.permissions import Role, StaffGroup

DEMO_PASSWORD = "portal-demo-2026"

COMPANIES = [
    # slug, name, kind, tier, customer number, (postcode, city, country)
    (
        "acme",
        "Acme Industrial GmbH",
        Company.Kind.CUSTOMER,
        "",
        "CUST-1001",
        ("20095", "Hamburg", "DE"),
    ),
    (
        "globex",
        "Globex Corporation",
        Company.Kind.CUSTOMER,
        "",
        "CUST-1002",
        ("28013", "Madrid", "ES"),
    ),
    (
        "northwind",
        "Northwind Traders",
        Company.Kind.DISTRIBUTOR,
        "gold",
        "PART-2001",
        ("80331", "Munich", "DE"),
    ),
    (
        "contoso",
        "Contoso Franchise",
        Company.Kind.FRANCHISEE,
        "silver",
        "PART-2002",
        ("1010", "Vienna", "AT"),
    ),
]

MEMBERS = [
    # email, first, last, company slug, role
    ("admin@acme.example", "Ada", "Admin", "acme", Role.COMPANY_ADMIN),
    ("buyer@acme.example", "Bruno", "Buyer", "acme", Role.BUYER),
    ("approver@acme.example", "Alma", "Approver", "acme", Role.APPROVER),
    ("procurement@acme.example", "Petra", "Procurement", "acme", Role.PROCUREMENT),
    ("buyer@globex.example", "Gina", "Globex", "globex", Role.BUYER),
    ("partner@northwind.example", "Nils", "Northwind", "northwind", Role.COMPANY_ADMIN),
    ("franchise@contoso.example", "Clara", "Contoso", "contoso", Role.COMPANY_ADMIN),
]

STAFF = [
    # email, first, last, staff groups, is_staff (Oscar dashboard), wagtail groups
    ("sales@portal.example", "Sam", "Sales", [StaffGroup.SALES], True, []),
    ("support@portal.example", "Sue", "Support", [StaffGroup.SUPPORT], True, []),
    ("returns@portal.example", "Rita", "Returns", [StaffGroup.RETURNS_DESK], True, []),
    (
        "editor@portal.example",
        "Eddie",
        "Editor",
        [StaffGroup.CONTENT_EDITOR],
        False,
        ["Editors"],
    ),
    (
        "moderator@portal.example",
        "Mo",
        "Moderator",
        [StaffGroup.FORUM_MODERATOR],
        False,
        [],
    ),
]

PRODUCTS = [
    # sku, title, price, category (under "Industrial supplies")
    ("BOLT-M8-100", "Hex bolt M8 × 40, box of 100", "18.90", "Fasteners"),
    ("NUT-M8-100", "Hex nut M8, box of 100", "9.50", "Fasteners"),
    ("GLOVE-L-10", "Work gloves size L, pack of 10", "24.00", "Safety"),
    ("DRILL-500", "Cordless drill 18 V", "149.00", "Tools"),
    ("TAPE-50", "Packing tape 50 mm, 6 rolls", "12.40", "Packaging"),
    ("HELMET-W", "Safety helmet, white", "19.80", "Safety"),
]


class Command(BaseCommand):
    help = "Create or update the demo companies, users, pages and products."

    def handle(self, *args, **options):
        # The demo's workflow mails (approvals, returns, forum subscriptions)
        # would flood the console of `make run`: they go nowhere while it loads.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            logins = self._load()
        self._print_logins(logins)

    @transaction.atomic
    def _load(self):
        self._sites()
        staff = self._staff()
        companies = self._companies(contact=staff["sales@portal.example"])
        self._members(companies)
        self._superuser()
        self._catalogue()
        # Each app adds its demo in `<app>/demo.py`: load(*, stdout, companies),
        # and the logins it creates in LOGINS: [(email, who), ...].
        logins = []
        for app_config in apps.get_app_configs():
            if module_has_submodule(app_config.module, "demo"):
                demo = import_module(f"{app_config.name}.demo")
                demo.load(stdout=self.stdout, companies=companies)
                logins += getattr(demo, "LOGINS", [])
        return logins

    def _user(self, email, first, last, **extra):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "username": email,
                "first_name": first,
                "last_name": last,
                **extra,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    def _sites(self):
        DjangoSite.objects.update_or_create(
            pk=settings.SITE_ID,
            defaults={
                "domain": urlsplit(settings.PORTAL_BASE_URL).netloc,
                "name": settings.OSCAR_SHOP_NAME,
            },
        )
        for code, _label in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)
        Branding.load()

    def _staff(self):
        users = {}
        dashboard_perm = Permission.objects.filter(codename="access_admin").first()
        for email, first, last, groups, is_staff, wagtail_groups in STAFF:
            user = self._user(email, first, last, is_staff=is_staff)
            for group in groups:
                user.groups.add(Group.objects.get_or_create(name=group.value)[0])
            for name in wagtail_groups:
                group = Group.objects.filter(name=name).first()
                if group:
                    user.groups.add(group)
            users[email] = user
        editors = Group.objects.get(name=StaffGroup.CONTENT_EDITOR.value)
        if dashboard_perm:
            # Content editors reach the Wagtail admin through their staff group too.
            editors.permissions.add(dashboard_perm)
        # ... and edit the portal's branding in Wagtail's settings.
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="partner_portal", codename="change_branding"
            )
        )
        # Sales keeps companies and their addresses (Django admin).
        Group.objects.get(name=StaffGroup.SALES.value).permissions.add(
            *Permission.objects.filter(
                content_type__app_label="partner_portal",
                content_type__model__in=["company", "companyaddress", "membership"],
            )
        )
        return users

    def _companies(self, *, contact):
        companies = {}
        for slug, name, kind, tier, number, (postcode, city, country) in COMPANIES:
            company, _created = Company.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": kind,
                    "partner_tier": tier,
                    "customer_number": number,
                    "email": f"office@{slug}.example",
                    "phone": "+49 40 1234567",
                    "contact_person": contact,
                },
            )
            for kind_, label, line1 in (
                (CompanyAddress.Kind.BILLING, "Head office", "Hauptstraße 1"),
                (CompanyAddress.Kind.DELIVERY, "Warehouse", "Lagerweg 7"),
                (CompanyAddress.Kind.DELIVERY, "Branch office", "Marktplatz 3"),
            ):
                CompanyAddress.objects.get_or_create(
                    company=company,
                    kind=kind_,
                    label=label,
                    defaults={
                        "line1": line1,
                        "postcode": postcode,
                        "city": city,
                        "country": country,
                        "is_default_delivery": label == "Warehouse",
                    },
                )
            companies[slug] = company
        return companies

    def _members(self, companies):
        for email, first, last, slug, role in MEMBERS:
            user = self._user(email, first, last)
            Membership.objects.get_or_create(
                user=user, company=companies[slug], defaults={"role": role}
            )

    def _superuser(self):
        user = self._user("root@portal.example", "Root", "Admin", is_staff=True)
        if not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])

    def _catalogue(self):
        from oscar.apps.catalogue.categories import create_from_breadcrumbs
        from oscar.core.loading import get_model

        ProductClass = get_model("catalogue", "ProductClass")
        Product = get_model("catalogue", "Product")
        ProductCategory = get_model("catalogue", "ProductCategory")
        Partner = get_model("partner", "Partner")
        StockRecord = get_model("partner", "StockRecord")

        product_class, _created = ProductClass.objects.get_or_create(
            slug="standard",
            defaults={
                "name": "Standard",
                "requires_shipping": True,
                "track_stock": True,
            },
        )
        warehouse, _created = Partner.objects.get_or_create(
            code="main-warehouse", defaults={"name": "Main warehouse"}
        )
        Country = get_model("address", "Country")
        # Checkout offers these as delivery countries.
        for code, code3, numeric, name in (
            ("DE", "DEU", "276", "Germany"),
            ("AT", "AUT", "040", "Austria"),
            ("CH", "CHE", "756", "Switzerland"),
            ("ES", "ESP", "724", "Spain"),
            ("FR", "FRA", "250", "France"),
            ("NL", "NLD", "528", "Netherlands"),
        ):
            Country.objects.get_or_create(
                iso_3166_1_a2=code,
                defaults={
                    "iso_3166_1_a3": code3,
                    "iso_3166_1_numeric": numeric,
                    "printable_name": name,
                    "name": name,
                    "is_shipping_country": True,
                },
            )
        category = create_from_breadcrumbs("Industrial supplies")
        for sku, title, price, sub in PRODUCTS:
            record = StockRecord.objects.filter(
                partner=warehouse, partner_sku=sku
            ).first()
            if record:
                product = record.product
            else:
                product = Product.objects.create(
                    title=title, product_class=product_class, structure="standalone"
                )
                ProductCategory.objects.create(product=product, category=category)
                StockRecord.objects.create(
                    product=product,
                    partner=warehouse,
                    partner_sku=sku,
                    price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                    price=Decimal(price),
                    num_in_stock=500,
                )
            ProductCategory.objects.get_or_create(
                product=product,
                category=create_from_breadcrumbs(f"Industrial supplies > {sub}"),
            )
            product_image_ensure(product=product, sku=sku, category=sub)

    def _print_logins(self, app_logins):
        """Every demo login, the apps' own (LOGINS in their demo modules)
        included, as a table."""
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"All demo users have the password: {DEMO_PASSWORD}")
        rows = [
            (email, f"{slug} · {role.label}") for email, _f, _l, slug, role in MEMBERS
        ]
        rows += [
            (email, "staff · " + ", ".join(str(g.label) for g in groups))
            for email, _f, _l, groups, _s, _w in STAFF
        ]
        rows += app_logins
        rows.append(("root@portal.example", "superuser"))
        width = max(len(email) for email, _what in rows)
        self.stdout.write(f"  {'Login':<{width}}  Who")
        self.stdout.write(f"  {'-' * width}  {'-' * 40}")
        for email, what in rows:
            self.stdout.write(f"  {email:<{width}}  {what}")
