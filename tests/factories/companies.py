from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from partner_portal.models import Company, CompanyAddress, Invitation, Membership
from partner_portal.permissions import Role
from tests.factories.accounts import UserFactory


class CompanyFactory(DjangoModelFactory):
    """A customer company; `distributor=True` or `franchisee=True` for partners."""

    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n} GmbH")
    slug = factory.Sequence(lambda n: f"company-{n}")
    kind = Company.Kind.CUSTOMER
    partner_tier = ""
    customer_number = factory.Sequence(lambda n: f"CUST-{n:05d}")
    email = factory.LazyAttribute(lambda company: f"office@{company.slug}.example")

    class Params:
        distributor = factory.Trait(
            kind=Company.Kind.DISTRIBUTOR,
            partner_tier=Company.Tier.GOLD,
            customer_number=factory.Sequence(lambda n: f"PART-{n:05d}"),
        )
        franchisee = factory.Trait(
            kind=Company.Kind.FRANCHISEE,
            partner_tier=Company.Tier.SILVER,
            customer_number=factory.Sequence(lambda n: f"PART-{n:05d}"),
        )


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    role = Role.BUYER
    is_active = True


class CompanyAddressFactory(DjangoModelFactory):
    class Meta:
        model = CompanyAddress

    company = factory.SubFactory(CompanyFactory)
    kind = CompanyAddress.Kind.BILLING
    label = "Head office"
    line1 = "Hauptstraße 1"
    postcode = "20095"
    city = "Hamburg"
    country = "DE"


class InvitationFactory(DjangoModelFactory):
    """An open invitation; `expired`, `accepted` or `revoked=True` for used ones."""

    class Meta:
        model = Invitation

    company = factory.SubFactory(CompanyFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    role = Role.BUYER
    invited_by = None
    expires_at = factory.LazyFunction(Invitation.default_expiry)

    class Params:
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
        )
        accepted = factory.Trait(accepted_at=factory.LazyFunction(timezone.now))
        revoked = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))
