"""Writes of the forums: posting with its anti-spam and moderation rules,
editing, flagging, moderator actions (each logged), solutions, subscriptions
with mail on replies, read markers and moderator nominations.

Services raise ValidationError with a message for the member (the view shows
it and keeps the typed text) and PermissionDenied for actions the user may
not take at all. Callers have already checked that the user may see the
category (selectors answer 404 otherwise).
"""

from forums.services.members import solution_mark, subscription_toggle, topic_mark_read
from forums.services.moderation import (
    TOPIC_ACTIONS,
    category_moderator_nominate,
    category_moderator_remove,
    member_suspend,
    post_approve,
    post_flag,
    post_hide,
    post_reject,
    suspension_lift,
    topic_moderate,
    topic_move,
)
from forums.services.posting import (
    MAX_BODY,
    blocked_words_in,
    post_create,
    post_edit,
    post_editable,
    topic_create,
)

__all__ = [
    "MAX_BODY",
    "TOPIC_ACTIONS",
    "blocked_words_in",
    "category_moderator_nominate",
    "category_moderator_remove",
    "member_suspend",
    "post_approve",
    "post_create",
    "post_edit",
    "post_editable",
    "post_flag",
    "post_hide",
    "post_reject",
    "solution_mark",
    "subscription_toggle",
    "suspension_lift",
    "topic_create",
    "topic_mark_read",
    "topic_moderate",
    "topic_move",
]
