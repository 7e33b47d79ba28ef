import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

# Passes every password validator in settings; the test settings hash it fast.
DEFAULT_PASSWORD = "correct-horse-battery-staple-7"


class UserFactory(DjangoModelFactory):
    """A portal user: people log in with their email, which is also the username."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    username = factory.SelfAttribute("email")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    password = factory.django.Password(DEFAULT_PASSWORD)
    is_active = True


class StaffUserFactory(UserFactory):
    """One of our own people, no company: staff are the members of a staff
    group (partner_portal.policy), Support unless `staff_groups` says which.
    `is_staff` opens Oscar's dashboard, as for the demo's staff."""

    email = factory.Sequence(lambda n: f"staff{n}@portal.example")
    is_staff = True

    @factory.post_generation
    def staff_groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        from partner_portal.permissions import StaffGroup

        if not create:
            return
        for name in [StaffGroup.SUPPORT] if extracted is None else extracted:
            self.groups.add(Group.objects.get_or_create(name=name)[0])
