"""My tasks: what waits for the user across modules, from the inbox registry
(partner_portal.inbox)."""

from django.shortcuts import render
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.inbox import sections_for
from partner_portal.policy import MEMBER_OR_STAFF

ITEMS_PER_SOURCE = 5


class TaskListView(PolicyRequiredMixin, View):
    """One section per source the user may act on, with its count, its first
    items and a link to the module's full list. Members see their company's
    tasks, staff their desks' and queues'."""

    policy = MEMBER_OR_STAFF

    def get(self, request):
        sections = sections_for(request, limit=ITEMS_PER_SOURCE)
        return render(
            request,
            "partner_portal/tasks.html",
            {
                "sections": sections,
                "waiting": [section for section in sections if section.count],
                "total": sum(section.count for section in sections),
            },
        )
