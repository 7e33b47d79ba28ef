"""Staff groups get the permissions their work in Oscar's dashboard and the
Django admin needs. Oscar 4's dashboard asks for model permissions (e.g.
order.view_order), not just is_staff. Run after every migrate, idempotently."""

from django.contrib.auth.models import Group, Permission

from partner_portal.permissions import StaffGroup

GRANTS = {
    # Order handling: status changes, shipping events, notes.
    StaffGroup.SALES: {
        "order": None,
        "catalogue": None,
        "partner": None,
        "orders": None,
    },
    StaffGroup.SUPPORT: {"order": None},
    StaffGroup.RETURNS_DESK: {"order": None},
}


def grant_staff_permissions(sender, **kwargs):
    if sender.label not in ("order", "orders", "catalogue", "partner"):
        return
    for group_name, apps in GRANTS.items():
        group = Group.objects.filter(name=group_name.value).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=apps)
        )
