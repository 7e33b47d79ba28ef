"""The live conversation: support.js asks for the messages after the last
one it shows, every few seconds while the page is open. Customers get public
messages only; the service desk's agents get internal notes as well."""

from django.http import JsonResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View

from support.selectors import conversation
from support.views.customer import AgentOrMemberMixin


def _author_name(user):
    return user.get_full_name() or user.email


def message_json(message, *, viewer, number) -> dict:
    return {
        "id": message.pk,
        "author": _author_name(message.author),
        "body": message.body,
        "internal": message.internal,
        "mine": message.author_id == viewer.pk,
        "created_at": message.created_at.isoformat(),
        "when": formats.date_format(
            timezone.localtime(message.created_at), "SHORT_DATETIME_FORMAT"
        ),
        "attachments": [
            {
                "name": attachment.filename,
                "url": reverse(
                    "support:attachment",
                    kwargs={"number": number, "pk": attachment.pk},
                ),
            }
            for attachment in message.attachments.all()
        ],
    }


class MessagesView(AgentOrMemberMixin, View):
    def get(self, request, number):
        support_request = self.support_request(request, number)
        try:
            after = max(0, int(request.GET.get("after", "0")))
        except ValueError:
            after = 0
        found = conversation(
            support_request=support_request, internal=self.agent, after=after
        )[:200]
        return JsonResponse(
            {
                "status": support_request.status,
                "status_label": support_request.get_status_display(),
                "internal_label": _("Internal note"),
                "messages": [
                    message_json(
                        message, viewer=request.user, number=support_request.number
                    )
                    for message in found
                ],
            }
        )
