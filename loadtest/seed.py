"""The load's accounts, on top of the demo (`manage.py load_demo` first): a
customer company with buyers and procurement users, a gold distributor with
partner users, support agents and content editors, `per_role` of each (see
loadtest.accounts for their addresses and password).

Each buyer gets one shipped order of RETURNABLE_QUANTITY pieces to request
returns from, one piece at a time. Idempotent: everything is found by its
natural key (email, slug, purchase-order number) and created only when
missing, so a second run adds only what a larger `per_role` needs.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from oscar.core.loading import get_class, get_model

from loadtest import accounts
from orders.models import CompanyAccount
from orders.services import PAYMENT_ACCOUNT, checkout_place
from partner_portal.models import Company, CompanyAddress, Membership
from partner_portal.permissions import Role, StaffGroup

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

# The load orders far more than the demo's 500 pieces of stock per product.
STOCK = 10_000_000
CREDIT_LIMIT = Decimal("9999999999.00")

MEMBER_ROLES = {
    "buyer": (accounts.CUSTOMER_SLUG, Role.BUYER),
    "procurement": (accounts.CUSTOMER_SLUG, Role.PROCUREMENT),
    "partner": (accounts.PARTNER_SLUG, Role.PARTNER_USER),
}
# Staff role: (staff groups, Wagtail groups, is_staff).
STAFF_ROLES = {
    "agent": ([StaffGroup.SUPPORT.value], [], True),
    "editor": ([StaffGroup.CONTENT_EDITOR.value], ["Editors"], False),
}


def seed(*, per_role: int, stdout) -> None:
    """Create what is missing of the load's companies, accounts and
    returnable orders."""
    # One hash for every account: hashing a password takes the production
    # hasher about a second on a busy machine, and the load has hundreds.
    password = make_password(accounts.PASSWORD)
    with transaction.atomic():
        StockRecord.objects.update(num_in_stock=STOCK, num_allocated=0)
        companies = _companies()
        users = _accounts(per_role=per_role, companies=companies, password=password)
    # The seeded orders' invoices and mails are not what the load measures.
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):
        for index, user in enumerate(users["buyer"], start=1):
            _returnable_order(
                index=index, user=user, company=companies[accounts.CUSTOMER_SLUG]
            )
    stdout.write(
        f"Load test: {per_role} accounts per role "
        f"({', '.join(accounts.ROLES)}), password {accounts.PASSWORD}.\n"
    )


def _companies() -> dict[str, Company]:
    contact = get_user_model().objects.filter(email="sales@portal.example").first()
    companies = {}
    for slug, name, kind, tier, number in (
        (
            accounts.CUSTOMER_SLUG,
            "Loadtest Customer GmbH",
            Company.Kind.CUSTOMER,
            "",
            "CUST-9001",
        ),
        (
            accounts.PARTNER_SLUG,
            "Loadtest Distribution GmbH",
            Company.Kind.DISTRIBUTOR,
            "gold",
            "PART-9001",
        ),
    ):
        company, _created = Company.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "partner_tier": tier,
                "customer_number": number,
                "email": f"office@{slug}.example",
                "phone": "+49 40 7654321",
                "contact_person": contact,
            },
        )
        CompanyAddress.objects.get_or_create(
            company=company,
            kind=CompanyAddress.Kind.DELIVERY,
            label="Warehouse",
            defaults={
                "line1": "Lastweg 1",
                "postcode": "20095",
                "city": "Hamburg",
                "country": "DE",
                "is_default_delivery": True,
            },
        )
        CompanyAccount.objects.update_or_create(
            company=company, defaults={"credit_limit": CREDIT_LIMIT}
        )
        companies[slug] = company
    return companies


def _accounts(*, per_role, companies, password) -> dict[str, list]:
    User = get_user_model()
    users = {role: [] for role in accounts.ROLES}
    for role in accounts.ROLES:
        for index in range(1, per_role + 1):
            email = accounts.email(role, index)
            staff_groups, wagtail_groups, is_staff = STAFF_ROLES.get(
                role, ([], [], False)
            )
            user, _created = User.objects.get_or_create(
                email=email,
                defaults={
                    "username": email,
                    "first_name": role.capitalize(),
                    "last_name": f"{index:03d}",
                    "password": password,
                    "is_staff": is_staff,
                },
            )
            if role in MEMBER_ROLES:
                slug, member_role = MEMBER_ROLES[role]
                Membership.objects.get_or_create(
                    user=user, company=companies[slug], defaults={"role": member_role}
                )
            for name in staff_groups:
                user.groups.add(Group.objects.get_or_create(name=name)[0])
            user.groups.add(*Group.objects.filter(name__in=wagtail_groups))
            users[role].append(user)
    return users


def _returnable_order(*, index, user, company) -> None:
    po_number = accounts.returnable_po_number(index)
    if Order.objects.filter(purchase_order_number=po_number, user=user).exists():
        return
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user, company=company)
    record = StockRecord.objects.select_related("product").get(
        partner_sku=accounts.RETURN_SKU
    )
    basket.add_product(record.product, accounts.RETURNABLE_QUANTITY)
    address = CompanyAddress.objects.for_company(company).get(
        kind=CompanyAddress.Kind.DELIVERY, label="Warehouse"
    )
    result = checkout_place(
        basket=basket,
        user=user,
        company=company,
        address_id=address.pk,
        po_number=po_number,
        cost_centre="",
        payment_method=PAYMENT_ACCOUNT,
    )
    # As staff would move it on in the dashboard: shipped, so returnable.
    result.order.set_status("Processing")
    result.order.set_status("Shipped")
