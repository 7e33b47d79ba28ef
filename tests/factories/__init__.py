"""factory_boy factories for the tenancy layer; other apps add theirs beside these
and reuse `oscar.test.factories` for Oscar's objects."""

from tests.factories.accounts import DEFAULT_PASSWORD, StaffUserFactory, UserFactory
from tests.factories.companies import (
    CompanyAddressFactory,
    CompanyFactory,
    InvitationFactory,
    MembershipFactory,
)

__all__ = [
    "DEFAULT_PASSWORD",
    "CompanyAddressFactory",
    "CompanyFactory",
    "InvitationFactory",
    "MembershipFactory",
    "StaffUserFactory",
    "UserFactory",
]
