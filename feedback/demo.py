"""Demo feedback: a few entries of each kind in the queue, sent and handled
through the services as members, a visitor and the support team would."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from feedback import services
from feedback.models import Feedback

Kind, Status = Feedback.Kind, Feedback.Status

# key, sender email (None: a visitor), company slug, kind, page, message,
# visitor's email, status, staff note
ENTRIES = [
    (
        "demo-feedback-1",
        "buyer@acme.example",
        "acme",
        Kind.SUGGESTION,
        "/portal/orders/",
        "Could the order history remember my last filter?",
        "",
        Status.NEW,
        "",
    ),
    (
        "demo-feedback-2",
        "partner@northwind.example",
        "northwind",
        Kind.PRAISE,
        "/portal/assets/",
        "The co-branded flyers saved us a week of work. Thank you!",
        "",
        Status.DONE,
        "Passed on to the marketing team.",
    ),
    (
        "demo-feedback-3",
        None,
        None,
        Kind.COMPLAINT,
        "/news/",
        "The news page loads slowly on my phone.",
        "visitor@example.com",
        Status.IN_REVIEW,
        "Checking image sizes on the news list.",
    ),
    (
        "demo-feedback-4",
        "admin@acme.example",
        "acme",
        Kind.COMPLAINT,
        "/portal/returns/",
        "I could not find where to print the return label.",
        "",
        Status.NEW,
        "",
    ),
]


def load(*, stdout, companies):
    User = get_user_model()
    support = User.objects.filter(email="support@portal.example").first()
    created = 0
    for key, email, slug, kind, page, message, visitor_email, status, note in ENTRIES:
        if Feedback.objects.filter(submission_key=key).exists():
            continue
        user = User.objects.get(email=email) if email else AnonymousUser()
        entry = services.feedback_create(
            kind=kind,
            message=message,
            page_url=page,
            user=user,
            company=companies[slug] if slug else None,
            email=visitor_email,
            language="en",
            submission_key=key,
            client_ip="",
            limited=False,
        )
        if status != Status.NEW and support is not None:
            services.feedback_status_change(
                feedback=entry, actor=support, status=status, note=note
            )
        created += 1
    stdout.write(f"Feedback: {created} entries added.")
