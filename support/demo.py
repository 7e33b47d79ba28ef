"""Demo of the service desk: departments, teams with the Berlin office's
calendar (Monday to Friday, 08:00–17:00, German public holidays of 2026), the
SLA targets, a catalogue of twelve services in five departments, and requests
of Acme and Northwind in every status, some within their SLA and some past it.
Requests are made through the services and then dated back, so their SLA
deadlines are the real ones of their (earlier) creation."""

from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partner_portal.audience import Audience
from support import sla
from support.models import (
    Approval,
    BusinessCalendar,
    Department,
    Event,
    Holiday,
    Message,
    Priority,
    Service,
    ServiceField,
    SlaTarget,
    Status,
    SupportRequest,
    Team,
)
from support.services import request_create

User = get_user_model()
AGENT = "support@portal.example"

HOLIDAYS_2026 = [
    (date(2026, 1, 1), "Neujahr"),
    (date(2026, 4, 3), "Karfreitag"),
    (date(2026, 4, 6), "Ostermontag"),
    (date(2026, 5, 1), "Tag der Arbeit"),
    (date(2026, 5, 14), "Christi Himmelfahrt"),
    (date(2026, 5, 25), "Pfingstmontag"),
    (date(2026, 10, 3), "Tag der Deutschen Einheit"),
    (date(2026, 12, 25), "1. Weihnachtstag"),
    (date(2026, 12, 26), "2. Weihnachtstag"),
]
TARGETS = {
    Priority.URGENT: (60, 480),
    Priority.HIGH: (240, 1440),
    Priority.NORMAL: (480, 2880),
    Priority.LOW: (960, 4800),
}
DEPARTMENTS = [
    ("it", "IT"),
    ("sales", "Sales"),
    ("logistics", "Logistics"),
    ("finance", "Finance"),
    ("partners", "Partner management"),
]
TEAMS = [
    ("service-desk", "Service desk"),
    ("it", "IT support"),
    ("sales-support", "Sales support"),
    ("logistics", "Logistics"),
    ("finance", "Accounts"),
    ("partner-management", "Partner management"),
]
# department, team, slug, name, icon, description, extra, fields
# fields: (label, kind, required, help text, choices, future only)
SERVICES = [
    ("it", "it", "new-laptop", "New laptop", "laptop",
     "A configured laptop for a new or current colleague.", {},
     [("Model", "choice", True, "", "Standard\nDeveloper\nDesign", False),
      ("Needed by", "date", True, "Allow five working days.", "", True),
      ("Quantity", "number", True, "", "", False),
      ("Cost centre", "text", False, "As on your purchase orders.", "", False)]),
    ("it", "it", "software-licence", "Software licence", "key",
     "Licences for software we resell or host for you.",
     {"requires_approval": True},
     [("Software", "text", True, "", "", False),
      ("Seats", "number", True, "", "", False),
      ("Why it is needed", "long_text", False, "", "", False)]),
    ("it", "service-desk", "portal-access", "Portal access for a colleague",
     "person-add", "Access for someone your company admin cannot invite.", {},
     [("Name", "text", True, "", "", False),
      ("Starts on", "date", False, "", "", True)]),
    ("it", "service-desk", "shop-login", "Login or password problem", "shield",
     "You or a colleague cannot sign in.", {"default_priority": Priority.HIGH},
     [("Screenshot", "file", False, "JPEG, PNG or PDF, up to 10 MB.", "", False)]),
    ("sales", "sales-support", "quote-request", "Quote for a large order",
     "document", "Volume prices for orders above the shop's quantities.", {},
     [("Articles and quantities", "long_text", True, "One per line.", "", False),
      ("Delivery wanted by", "date", False, "", "", True),
      ("Specification", "file", False, "", "", False)]),
    ("sales", "sales-support", "product-question", "Product question", "cart",
     "Technical data, compatibility, availability.", {},
     [("SKU", "text", False, "", "", False)]),
    ("logistics", "logistics", "delivery-problem", "Delivery problem", "truck",
     "Missing, damaged or late deliveries.", {"default_priority": Priority.HIGH},
     [("Delivery note number", "text", True, "", "", False),
      ("Problem", "choice", True, "", "Missing parcel\nDamaged goods\nLate", False),
      ("Photo", "file", False, "", "", False)]),
    ("logistics", "logistics", "pickup", "Pick-up of returned goods", "box",
     "We collect pallets and large returns.", {},
     [("Pick-up date", "date", True, "", "", True),
      ("Pallets", "number", True, "", "", False)]),
    ("finance", "finance", "invoice-question", "Invoice question", "receipt",
     "Amounts, VAT, credit notes.", {},
     [("Invoice number", "text", True, "", "", False)]),
    ("finance", "finance", "payment-terms", "Payment terms and credit limit",
     "chart", "Ask for other payment terms or a higher credit limit.", {},
     [("Wanted credit limit (EUR)", "number", False, "", "", False)]),
    ("partners", "partner-management", "co-marketing", "Co-marketing budget",
     "handshake", "Funds for fairs, ads and events with our brands.",
     {"audience": Audience.PARTNERS},
     [("Campaign starts", "date", True, "", "", True),
      ("Amount (EUR)", "number", True, "", "", False),
      ("Plan", "long_text", True, "", "", False)]),
    ("partners", "partner-management", "certification", "Partner certification",
     "tools", "Certify your technicians for service work.",
     {"audience": Audience.PARTNERS}, []),
]  # fmt: skip


def _catalogue(agent):
    calendar, _created = BusinessCalendar.objects.get_or_create(
        name="Berlin office",
        defaults={"work_start": time(8), "work_end": time(17)},
    )
    for day, name in HOLIDAYS_2026:
        Holiday.objects.get_or_create(
            calendar=calendar, date=day, defaults={"name": name}
        )
    for priority, (first, resolution) in TARGETS.items():
        SlaTarget.objects.get_or_create(
            priority=priority,
            defaults={
                "first_response_minutes": first,
                "resolution_minutes": resolution,
            },
        )
    departments = {
        slug: Department.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )[0]
        for order, (slug, name) in enumerate(DEPARTMENTS)
    }
    teams = {}
    for slug, name in TEAMS:
        teams[slug] = Team.objects.get_or_create(
            slug=slug, defaults={"name": name, "calendar": calendar}
        )[0]
        teams[slug].members.add(agent)
    for order, row in enumerate(SERVICES):
        department, team, slug, name, icon, description, extra, fields = row
        service, created = Service.objects.get_or_create(
            slug=slug,
            defaults={
                "department": departments[department],
                "team": teams[team],
                "name": name,
                "icon": icon,
                "description": description,
                "order": order,
                **extra,
            },
        )
        if created:
            for position, (
                label,
                kind,
                required,
                help_text,
                choices,
                future,
            ) in enumerate(fields):
                ServiceField.objects.create(
                    service=service,
                    label=label,
                    kind=kind,
                    required=required,
                    help_text=help_text,
                    choices=choices,
                    future_only=future,
                    order=position,
                )


# key, company, requester, service, subject, priority, status, hours ago,
# conversation [(hours after creation, "agent"/"customer", text, internal)],
# resolved after hours, rating
REQUESTS = [
    ("acme-new", "acme", "buyer@acme.example", "new-laptop",
     "Laptop for our new buyer", None, Status.NEW, 1, [], None, None),
    ("acme-approval", "acme", "buyer@acme.example", "software-licence",
     "CAD licence for the design team", None, Status.NEW, 3, [], None, None),
    ("acme-late", "acme", "buyer@acme.example", None,
     "Cannot sign in to the shop on my phone", Priority.HIGH,
     Status.IN_PROGRESS, 24 * 8,
     [(24 * 4, "agent", "Sorry for the wait. Which browser do you use?", False),
      (24 * 4 + 2, "customer", "Safari on an iPhone 13.", False),
      (24 * 4 + 3, "agent", "Known Safari cookie issue, see ticket DEV-88.", True)],
     None, None),
    ("acme-waiting", "acme", "approver@acme.example", "delivery-problem",
     "Parcel 3 of 4 missing", None, Status.WAITING, 30,
     [(2, "agent", "The carrier shows four parcels delivered. Could you check "
       "with your goods receipt once more?", False),
      (2.5, "agent", "Carrier claim opened, number CL-2291.", True)],
     None, None),
    ("acme-resolved", "acme", "buyer@acme.example", "invoice-question",
     "Invoice shows the wrong VAT rate", None, Status.RESOLVED, 24 * 3,
     [(1, "agent", "You are right: a credit note and a corrected invoice are "
       "on their way.", False),
      (3, "customer", "Thank you!", False)],
     4, (5, "Quick and friendly.")),
    ("acme-closed", "acme", "admin@acme.example", "quote-request",
     "Quote for 500 safety helmets", None, Status.CLOSED, 24 * 30,
     [(24 * 5, "agent", "Our quote is attached to your offers page.", False)],
     24 * 20, (3, "Good price, but it took long.")),
    ("nw-progress", "northwind", "partner@northwind.example", "co-marketing",
     "Trade fair stand at LogiMAT", None, Status.IN_PROGRESS, 20,
     [(1, "agent", "We can fund up to 40 %. Please send the stand plan.", False)],
     None, None),
    ("nw-resolved", "northwind", "partner@northwind.example", None,
     "Training certificate not shown", Priority.NORMAL, Status.RESOLVED, 24 * 6,
     [(2, "agent", "Fixed: the certificate is in your training page now.", False)],
     6, (4, "")),
    ("nw-breached", "northwind", "partner@northwind.example", "pickup",
     "Pick up the returned pallets", Priority.URGENT, Status.NEW, 24 * 5,
     [], None, None),
    ("nw-waiting", "northwind", "partner@northwind.example", "portal-access",
     "Access for our new technician", None, Status.WAITING, 24 * 2,
     [(3, "agent", "Which email address should the invitation go to?", False)],
     None, None),
    ("nw-closed", "northwind", "partner@northwind.example", "product-question",
     "Is the helmet EN 397 certified?", None, Status.CLOSED, 24 * 12,
     [(2, "agent", "Yes, EN 397 and EN 50365.", False)], 3, None),
]  # fmt: skip


def _request(row, companies, agent, now):
    (key, company_slug, email, service_slug, subject, priority, status, hours,
     talk, resolved_after, rating) = row  # fmt: skip
    company = companies[company_slug]
    key = f"demo-{key}"
    if SupportRequest.objects.for_company(company).filter(submission_key=key):
        return False
    requester = User.objects.get(email=email)
    service = Service.objects.get(slug=service_slug) if service_slug else None
    answers = {}
    if service is not None:
        answers = {
            field.label: {"date": "2026-12-14", "number": "2", "file": ""}.get(
                field.kind, field.choice_list[0] if field.choice_list else subject
            )
            for field in service.fields.all()
            if field.required
        }
    support_request = request_create(
        company=company,
        user=requester,
        service=service,
        subject=subject,
        description="",
        answers=answers,
        submission_key=key,
    )
    created = now - timedelta(hours=hours)
    SupportRequest.objects.filter(pk=support_request.pk).update(created_at=created)
    Event.objects.filter(request=support_request).update(created_at=created)
    support_request.created_at = created
    if priority:
        support_request.priority = priority
    support_request.assignee = agent if status != Status.NEW else None
    first_response = None
    for after, who, body, internal in talk:
        moment = created + timedelta(hours=after)
        message = Message.objects.create(
            request=support_request,
            author=agent if who == "agent" else requester,
            body=body,
            internal=internal,
        )
        Message.objects.filter(pk=message.pk).update(created_at=moment)
        if who == "agent" and not internal and first_response is None:
            first_response = moment
        if status == Status.WAITING and who == "agent" and not internal:
            support_request.waiting_since = moment
    support_request.first_response_at = first_response
    if support_request.approval != Approval.PENDING:
        # request_create set the deadlines from today; these requests were
        # made earlier, so their clocks start at the backdated creation.
        support_request.first_response_due = support_request.resolution_due = None
        support_request.first_response_due, support_request.resolution_due = (
            sla.deadlines(support_request, created)
        )
    if resolved_after is not None:
        support_request.resolved_at = created + timedelta(hours=resolved_after)
    if status == Status.CLOSED:
        support_request.closed_at = (support_request.resolved_at or now) + timedelta(
            days=2
        )
    if rating:
        support_request.rating, support_request.rating_comment = rating
    support_request.status = status
    support_request.save()
    if status != Status.NEW:
        event = Event.objects.create(
            request=support_request,
            kind=Event.Kind.STATUS,
            actor=agent,
            old=Status.NEW,
            new=status,
        )
        changed = (
            support_request.closed_at
            or support_request.resolved_at
            or support_request.waiting_since
            or first_response
            or created + timedelta(hours=1)
        )
        Event.objects.filter(pk=event.pk).update(created_at=min(changed, now))
    return True


def load(*, stdout, companies):
    agent = User.objects.get(email=AGENT)
    with transaction.atomic():
        _catalogue(agent)
        now = timezone.now()
        made = sum(_request(row, companies, agent, now) for row in REQUESTS)
    stdout.write(
        f"Service desk: {Service.objects.count()} services, {made} demo requests made."
    )
