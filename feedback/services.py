"""Writes: sending feedback and handling it in the staff queue."""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Feedback
from feedback.paths import local_path

# Anonymous visitors: entries per client address and hour. Members are known
# by their login and are not limited.
ANONYMOUS_PER_HOUR = 5
_WINDOW_SECONDS = 3600


class FeedbackError(Exception):
    """A rule was broken; the message says which, in the user's language."""


class FeedbackRateLimited(FeedbackError):
    pass


def _count_anonymous_attempt(client_ip: str) -> int:
    """This attempt's number within the address's current hour. `add` then
    `incr` is atomic in every cache backend, so parallel posts each get
    their own number."""
    key = f"feedback:anonymous:{client_ip}"
    cache.add(key, 0, _WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: a new hour begins.
        cache.add(key, 1, _WINDOW_SECONDS)
        return 1


def feedback_create(
    *,
    kind: str,
    message: str,
    page_url: str,
    user,
    company,
    email: str,
    language: str,
    submission_key: str,
    client_ip: str,
    limited: bool = True,
) -> Feedback:
    """A new entry in the feedback queue.

    Rules: a known kind and a non-empty message of at most 4000 characters;
    `page_url` is kept only when it is a path on this site (else blank);
    a signed-in sender's own address stands for them, so `email` is kept for
    visitors only. A second submit with the same `submission_key` returns the
    first entry and counts nothing. A visitor may send ANONYMOUS_PER_HOUR
    entries per address and hour; beyond that FeedbackRateLimited is raised
    and nothing is saved (`limited=False` only for the demo data, which is
    loaded again and again in one process). Raises ValidationError for
    invalid fields."""
    existing = Feedback.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    signed_in = user is not None and user.is_authenticated
    if (
        limited
        and not signed_in
        and _count_anonymous_attempt(client_ip) > ANONYMOUS_PER_HOUR
    ):
        raise FeedbackRateLimited(
            _(
                "You have sent a lot of feedback in the last hour. Please try "
                "again later."
            )
        )
    feedback = Feedback(
        kind=kind,
        message=message.strip(),
        page_url=local_path(page_url),
        user=user if signed_in else None,
        company=company if signed_in else None,
        email="" if signed_in else email.strip(),
        language=language,
        submission_key=submission_key,
    )
    feedback.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError:
        # The same form posted twice at once: the first one saved it.
        return Feedback.objects.get(submission_key=submission_key)
    return feedback


HANDLING_STATUSES = (Feedback.Status.IN_REVIEW, Feedback.Status.DONE)


def feedback_status_change(
    *, feedback: Feedback, actor, status: str, note: str
) -> Feedback:
    """Staff mark an entry in review or done, with a note for colleagues
    (which replaces the previous one); who did it and when is kept. An entry
    can go back from done to in review, never back to new. Raises
    FeedbackError for any other status."""
    if status not in HANDLING_STATUSES:
        raise FeedbackError(_("Choose in review or done."))
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
        feedback.status = status
        feedback.staff_note = note.strip()
        feedback.handled_by = actor
        feedback.handled_at = timezone.now()
        feedback.full_clean()
        feedback.save(
            update_fields=["status", "staff_note", "handled_by", "handled_at"]
        )
    return feedback
