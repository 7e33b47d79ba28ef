"""Who may use the forums: signed-in members of a company and our own staff
(partner_portal.policy). Which categories they see is the audience rule's
answer (selectors)."""

from django.utils.functional import cached_property

from forums.selectors import Viewer
from partner_portal.access import PolicyRequiredMixin
from partner_portal.policy import FORUM_MODERATION, FORUM_SUSPENSION, MEMBER_OR_STAFF


class ForumMixin(PolicyRequiredMixin):
    policy = MEMBER_OR_STAFF

    @cached_property
    def viewer(self):
        return Viewer.of(self.request)


class ModeratorMixin(ForumMixin):
    """Forum moderators of our staff and nominated category moderators."""

    policy = FORUM_MODERATION


class GlobalModeratorMixin(ForumMixin):
    policy = FORUM_SUSPENSION
