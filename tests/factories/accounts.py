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
    """One of our own people: Django staff, no company."""

    email = factory.Sequence(lambda n: f"staff{n}@portal.example")
    is_staff = True
