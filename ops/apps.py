from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: the scheduler of periodic jobs (run_scheduler) and the
    recovery of work whose task worker died."""

    name = "ops"
    verbose_name = _("Operations")
