"""The service catalogue and who works it: departments, services with their
request forms, teams with their business calendar, and the SLA targets."""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_portal.audience import audience_field


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


class Department(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class BusinessCalendar(models.Model):
    """Working days and hours of a team; SLA clocks run only inside them."""

    name = models.CharField(_("name"), max_length=100)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Berlin")
    work_start = models.TimeField(_("work starts"), default="08:00")
    work_end = models.TimeField(_("work ends"), default="17:00")
    # Weekday numbers as Python counts them: Monday is 0.
    working_days = models.CharField(
        _("working days"),
        max_length=20,
        default="0,1,2,3,4",
        help_text=_("Weekday numbers separated by commas, Monday = 0."),
    )

    class Meta:
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @cached_property
    def holiday_dates(self) -> set:
        return set(self.holidays.values_list("date", flat=True))


class Holiday(models.Model):
    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("calendar"),
        on_delete=models.CASCADE,
        related_name="holidays",
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"], name="support_holiday_once"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.name}"


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("calendar"),
        on_delete=models.PROTECT,
        related_name="teams",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="support_teams",
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SlaTarget(models.Model):
    """Targets per priority, in business minutes of the team's calendar."""

    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, unique=True
    )
    first_response_minutes = models.PositiveIntegerField(
        _("first response (business minutes)")
    )
    resolution_minutes = models.PositiveIntegerField(_("resolution (business minutes)"))

    class Meta:
        verbose_name = _("SLA target")
        verbose_name_plural = _("SLA targets")
        ordering = ["resolution_minutes"]

    def __str__(self):
        return self.get_priority_display()


# The icons in static/portal/icons/support/ (name without ".svg").
ICONS = (
    "box",
    "cart",
    "chart",
    "document",
    "handshake",
    "help",
    "key",
    "laptop",
    "person-add",
    "receipt",
    "shield",
    "tools",
    "truck",
)
DEFAULT_ICON = "help"


class ServiceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Service(models.Model):
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    # A name from the portal's own icon set (ICONS); others show DEFAULT_ICON.
    icon = models.CharField(_("icon"), max_length=40, blank=True)
    audience = models.CharField(**audience_field())
    # A Capability value; empty: every member may request the service.
    capability = models.CharField(_("capability needed"), max_length=40, blank=True)
    requires_approval = models.BooleanField(
        _("requires the company's approval"), default=False
    )
    default_priority = models.CharField(
        _("default priority"),
        max_length=10,
        choices=Priority.choices,
        default=Priority.NORMAL,
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["department__order", "order", "name"]

    def __str__(self):
        return self.name

    @property
    def icon_file(self) -> str:
        icon = self.icon if self.icon in ICONS else DEFAULT_ICON
        return f"portal/icons/support/{icon}.svg"


class ServiceField(models.Model):
    """One field of a service's request form, defined by staff without code."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        LONG_TEXT = "long_text", _("Long text")
        CHOICE = "choice", _("Choice")
        DATE = "date", _("Date")
        NUMBER = "number", _("Number")
        FILE = "file", _("File")

    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="fields",
    )
    label = models.CharField(_("label"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    choices = models.TextField(_("choices (one per line)"), blank=True)
    future_only = models.BooleanField(_("only future dates"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("service field")
        verbose_name_plural = _("service fields")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
