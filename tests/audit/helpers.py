from audit.models import AuditEntry


def entries(company=None, action=None):
    """The trail of `company` (the portal's for None), oldest first."""
    queryset = (
        AuditEntry.objects.filter(company__isnull=True)
        if company is None
        else AuditEntry.objects.for_company(company)
    )
    if action:
        queryset = queryset.filter(action=action)
    return list(queryset.order_by("seq"))


def summary(entry):
    return (
        entry.action,
        entry.actor_email,
        entry.ip,
        entry.object_type,
        entry.object_id,
    )
