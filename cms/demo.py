"""Demo content (called by `load_demo`): landing page, help and footer pages,
news in categories for several audiences, two courses (one with a quiz), a
knowledge base of about twenty articles in English with German translations,
and the content approver `publisher@portal.example`.

Idempotent: pages are found by slug below their parent, translations by
locale, documents by title, people by email."""

import io
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from wagtail.models import Locale, Page
from wagtail.models import Site as WagtailSite

from cms.models import (
    ArticlePage,
    ContentPage,
    CoursePage,
    HomePage,
    KnowledgeCategoryPage,
    KnowledgeIndexPage,
    LessonPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    PortalDocument,
    TrainingIndexPage,
)
from cms.wagtail_hooks import CONTENT_APPROVER
from partner_portal.audience import Audience
from partner_portal.permissions import StaffGroup

DEMO_PASSWORD = "portal-demo-2026"
PUBLISHER = "publisher@portal.example"


def _stream(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _child(parent, model, slug, **fields):
    """The child page of `parent` with this slug, created (and published) when
    missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    return parent.add_child(instance=model(slug=slug, **fields))


def _pdf(title, lines):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    for number, line in enumerate(lines):
        pdf.drawString(72, 740 - 18 * number, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _document(title, filename, lines, audience):
    document = PortalDocument.objects.filter(title=title).first()
    if document is None:
        document = PortalDocument(title=title, audience=audience)
        document.file.save(filename, ContentFile(_pdf(title, lines)), save=False)
        # What the admin's upload form would fill in: size, type and hash.
        document._set_document_file_metadata()
        document.save()
    return document


def _publisher(stdout):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=PUBLISHER,
        defaults={
            "username": PUBLISHER,
            "first_name": "Paula",
            "last_name": "Publisher",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(
        Group.objects.get_or_create(name=StaffGroup.CONTENT_EDITOR.value)[0],
        Group.objects.get_or_create(name=CONTENT_APPROVER)[0],
    )
    return user


def _home():
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        # Wagtail's migrations leave a "Welcome to your new Wagtail site!" page
        # at /home/; deleting it also deletes its Site, made anew below.
        for page in root.get_children().filter(slug="home"):
            page.delete()
        home = root.add_child(
            instance=HomePage(
                title="Welcome",
                slug="home",
                hero_title="Everything your business needs from us, in one place",
                hero_text=(
                    "Reorder in seconds, follow your orders, request returns, "
                    "read your contracts and find answers, at any hour."
                ),
            )
        )
    site = WagtailSite.objects.filter(is_default_site=True).first()
    if site is None:
        WagtailSite.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


HELP_PAGES = [
    # slug, title, intro, body, in footer
    (
        "help",
        "Help",
        "How to order, return goods and find answers in the portal.",
        "<p>Start on your start page: it shows your open orders, news and "
        "trainings. Search the knowledge base for step-by-step answers, or "
        "write to our support team.</p>",
        True,
    ),
    (
        "imprint",
        "Imprint",
        "Who runs this portal.",
        "<p>Partner Portal GmbH, Lagerstraße 5, 20457 Hamburg, Germany.</p>",
        True,
    ),
    (
        "terms",
        "Terms of use",
        "The rules for using the portal.",
        "<p>Use the portal for your company's business with us only.</p>",
        True,
    ),
]

NEWS_CATEGORIES = [
    ("Products", "products"),
    ("Service", "service"),
    ("Partner programme", "partner-programme"),
]

NEWS = [
    # slug, title, intro, date, audience, categories
    (
        "new-portal",
        "Our new customer and partner portal",
        "Order, track and return in one place: a tour of the new portal.",
        "2026-11-02",
        Audience.EVERYONE,
        ["service"],
    ),
    (
        "winter-hours",
        "Delivery times over the holidays",
        "Orders placed by 18 December arrive before Christmas.",
        "2026-11-12",
        Audience.SIGNED_IN,
        ["service"],
    ),
    (
        "safety-range",
        "New safety equipment range",
        "Helmets, gloves and glasses from our new supplier, now in the shop.",
        "2026-11-20",
        Audience.SIGNED_IN,
        ["products"],
    ),
    (
        "partner-campaign",
        "Spring campaign for partners",
        "Brochures and co-branded flyers for the spring campaign are ready.",
        "2026-11-18",
        Audience.PARTNERS,
        ["partner-programme"],
    ),
    (
        "silver-training-days",
        "Training days for silver and gold partners",
        "Two days of product training in Hamburg in February.",
        "2026-11-15",
        Audience.SILVER,
        ["partner-programme"],
    ),
    (
        "gold-bonus",
        "Gold partners: higher volume bonus in 2027",
        "The volume bonus for gold partners rises to 4 % from January.",
        "2026-11-21",
        Audience.GOLD,
        ["partner-programme"],
    ),
]


def _news(home):
    categories = {
        slug: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in NEWS_CATEGORIES
    }
    index = _child(
        home, NewsIndexPage, "news", title="News", intro="What is new at our company."
    )
    for slug, title, intro, date, audience, category_slugs in NEWS:
        if NewsPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = NewsPage(
            title=title,
            slug=slug,
            intro=intro,
            date=date,
            audience=audience,
            body=_stream(("paragraph", f"<p>{intro}</p>")),
        )
        page.categories = [categories[c] for c in category_slugs]
        index.add_child(instance=page)


QUIZ = [
    ("How many lessons does this course have?", ["Two", "Three", "Five"], 1),
    (
        "Where do partners find co-branded flyers?",
        ["In the partner area", "In the shop basket", "In the invoice PDF"],
        0,
    ),
    ("Who sees a gold-only page?", ["Every customer", "Gold partners", "Visitors"], 1),
]


def _trainings(home):
    index = _child(
        home,
        TrainingIndexPage,
        "trainings",
        title="Trainings",
        intro="Short courses about our products and the partner programme.",
        audience=Audience.SIGNED_IN,
    )
    material = _document(
        "Partner programme checklist",
        "partner-checklist.pdf",
        [
            "1. Read the partner terms.",
            "2. Order the campaign material.",
            "3. Register your sales team for the trainings.",
        ],
        Audience.PARTNERS,
    )
    partner_course = _child(
        index,
        CoursePage,
        "partner-programme",
        title="The partner programme",
        intro="What partners get, how tiers work and where to find material.",
        audience=Audience.PARTNERS,
        pass_mark=66,
        quiz=_stream(
            *[
                (
                    "question",
                    {
                        "question": question,
                        "answers": [
                            {"text": text, "correct": number == right}
                            for number, text in enumerate(answers)
                        ],
                    },
                )
                for question, answers, right in QUIZ
            ]
        ),
    )
    for slug, title, minutes, body in (
        (
            "welcome",
            "Welcome to the programme",
            5,
            _stream(
                (
                    "paragraph",
                    "<p>As a partner you resell our range with "
                    "partner prices, campaign material and trainings.</p>",
                ),
                (
                    "video",
                    {
                        "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                        "title": "The programme in three minutes",
                    },
                ),
            ),
        ),
        (
            "tiers",
            "Partner tiers",
            10,
            _stream(
                (
                    "paragraph",
                    "<p>Partners start without a tier; silver and gold "
                    "partners see more material and get higher bonuses.</p>",
                ),
            ),
        ),
        (
            "material",
            "Campaign material",
            10,
            _stream(
                ("paragraph", "<p>Download the checklist and keep it at hand.</p>"),
                ("download", {"document": material.pk, "title": ""}),
            ),
        ),
    ):
        _child(
            partner_course,
            LessonPage,
            slug,
            title=title,
            duration_minutes=minutes,
            body=body,
            audience=Audience.PARTNERS,
        )
    safety_course = _child(
        index,
        CoursePage,
        "safety-basics",
        title="Safety equipment basics",
        intro="Choosing helmets, gloves and glasses for your team.",
        audience=Audience.SIGNED_IN,
    )
    for slug, title, body in (
        (
            "helmets",
            "Helmets",
            "<p>Replace a helmet after every heavy impact and "
            "at the latest after five years.</p>",
        ),
        (
            "gloves",
            "Gloves",
            "<p>Pick the glove by the risk: cut, heat or "
            "chemicals. Size matters for grip.</p>",
        ),
    ):
        _child(
            safety_course,
            LessonPage,
            slug,
            title=title,
            duration_minutes=8,
            body=_stream(("paragraph", body)),
            audience=Audience.SIGNED_IN,
        )


# category slug, English title, German title, audience
KB_CATEGORIES = [
    ("ordering", "Ordering", "Bestellen", Audience.EVERYONE),
    (
        "returns-delivery",
        "Returns and delivery",
        "Rücksendung und Lieferung",
        Audience.EVERYONE,
    ),
    ("partners", "Partner programme", "Partnerprogramm", Audience.PARTNERS),
]

# category, slug, kind, English (title, summary, body), German or None, audience
KB_ARTICLES = [
    (
        "ordering",
        "quick-order",
        "article",
        (
            "Quick order by article number",
            "Type article numbers and quantities to fill the basket in seconds.",
            "Open Quick order, type or paste article "
            "numbers with quantities, one per line, and add them all to the basket.",
        ),
        (
            "Schnellbestellung per Artikelnummer",
            "Artikelnummern und Mengen eingeben und den Warenkorb in Sekunden füllen.",
            "Öffnen Sie die "
            "Schnellbestellung und geben Sie Artikelnummern mit Mengen ein.",
        ),
        Audience.EVERYONE,
    ),
    (
        "ordering",
        "reorder",
        "article",
        (
            "Reorder a previous order",
            "Repeat an earlier order with one click.",
            "Open the order in your order history and choose Reorder.",
        ),
        (
            "Eine frühere Bestellung wiederholen",
            "Eine frühere Bestellung mit einem Klick wiederholen.",
            "Öffnen Sie die Bestellung in Ihrer "
            "Bestellhistorie und wählen Sie Erneut bestellen.",
        ),
        Audience.EVERYONE,
    ),
    (
        "ordering",
        "order-approval",
        "article",
        (
            "Orders that need approval",
            "Orders above your limit wait for an approver in your company.",
            "Your company admin sets budgets; orders "
            "above them go to an approver, who approves or rejects them.",
        ),
        (
            "Bestellungen mit Freigabe",
            "Bestellungen über Ihrem Limit warten auf eine Freigabe.",
            "Ihr Firmenadministrator legt Budgets fest; "
            "Bestellungen darüber gehen an einen Freigeber.",
        ),
        Audience.SIGNED_IN,
    ),
    (
        "ordering",
        "invoice-download",
        "faq",
        (
            "Where do I find my invoices?",
            "In your order history: every invoiced order has an invoice PDF.",
            "Invoices are PDFs attached to the order.",
        ),
        (
            "Wo finde ich meine Rechnungen?",
            "In Ihrer Bestellhistorie: jede "
            "berechnete Bestellung hat eine Rechnung als PDF.",
            "Rechnungen sind PDF-Dateien an der Bestellung.",
        ),
        Audience.SIGNED_IN,
    ),
    (
        "ordering",
        "payment-terms",
        "faq",
        (
            "Which payment terms do we have?",
            "Your payment terms are printed on every invoice.",
            "Pay by invoice within your terms or by card.",
        ),
        None,
        Audience.SIGNED_IN,
    ),
    (
        "ordering",
        "cost-centres",
        "article",
        (
            "Cost centres and purchase order numbers",
            "Add your PO number and cost centre at checkout.",
            "Both appear on the order and on the invoice.",
        ),
        None,
        Audience.SIGNED_IN,
    ),
    (
        "ordering",
        "prices",
        "faq",
        (
            "Are prices net or gross?",
            "Prices are net; VAT is added at checkout.",
            "Your company's own prices are shown once you are logged in.",
        ),
        (
            "Sind die Preise netto oder brutto?",
            "Die Preise sind netto; die Mehrwertsteuer kommt an der Kasse hinzu.",
            "Ihre Firmenpreise sehen Sie nach der Anmeldung.",
        ),
        Audience.EVERYONE,
    ),
    (
        "ordering",
        "password-reset",
        "faq",
        (
            "I forgot my password",
            "Use 'Forgot your password?' on the login page.",
            "We send a reset link to your email address; it is valid for a day.",
        ),
        (
            "Ich habe mein Passwort vergessen",
            "Nutzen Sie „Passwort vergessen?“ auf der Anmeldeseite.",
            "Wir senden Ihnen einen Link zum Zurücksetzen.",
        ),
        Audience.EVERYONE,
    ),
    (
        "returns-delivery",
        "request-return",
        "article",
        (
            "Request a return",
            "Returns are requested from the order within the return window.",
            "Pick the lines, give a reason and print the label.",
        ),
        (
            "Eine Rücksendung anmelden",
            "Rücksendungen melden Sie an der "
            "Bestellung innerhalb der Rückgabefrist an.",
            "Wählen Sie die "
            "Positionen, nennen Sie einen Grund und drucken Sie das Etikett.",
        ),
        Audience.SIGNED_IN,
    ),
    (
        "returns-delivery",
        "return-window",
        "faq",
        (
            "How long can I return goods?",
            "Usually 30 days after delivery.",
            "Some product classes have their own window.",
        ),
        None,
        Audience.SIGNED_IN,
    ),
    (
        "returns-delivery",
        "delivery-times",
        "faq",
        (
            "How long does delivery take?",
            "Two to three working days within Germany and Austria.",
            "Orders placed before 2 pm leave the same day.",
        ),
        (
            "Wie lange dauert die Lieferung?",
            "Zwei bis drei Werktage innerhalb Deutschlands und Österreichs.",
            "Bestellungen vor 14 Uhr verlassen das Lager am selben Tag.",
        ),
        Audience.EVERYONE,
    ),
    (
        "returns-delivery",
        "damaged-goods",
        "article",
        (
            "Damaged goods on arrival",
            "Note the damage on the delivery note and request a return with photos.",
            "We replace damaged goods at no cost.",
        ),
        None,
        Audience.SIGNED_IN,
    ),
    (
        "returns-delivery",
        "delivery-addresses",
        "article",
        (
            "Delivery addresses",
            "Your company admin keeps the delivery addresses.",
            "Pick one at checkout.",
        ),
        None,
        Audience.SIGNED_IN,
    ),
    (
        "returns-delivery",
        "track-shipment",
        "faq",
        (
            "Where is my shipment?",
            "The order page shows the status and the tracking number once shipped.",
            "Follow the tracking link.",
        ),
        None,
        Audience.SIGNED_IN,
    ),
    (
        "partners",
        "partner-tiers",
        "article",
        (
            "Partner tiers explained",
            "Silver and gold partners get more material and higher bonuses.",
            "Tiers are reviewed every year by sales volume.",
        ),
        (
            "Partnerstufen erklärt",
            "Silber- und Gold-Partner erhalten mehr Material und höhere Boni.",
            "Die Stufen werden jährlich überprüft.",
        ),
        Audience.PARTNERS,
    ),
    (
        "partners",
        "cobranded-flyers",
        "article",
        (
            "Co-branded flyers",
            "Download flyers with your company name and logo.",
            "Your logo comes from your company profile.",
        ),
        None,
        Audience.PARTNERS,
    ),
    (
        "partners",
        "campaign-material",
        "faq",
        (
            "Where is the campaign material?",
            "In the partner area's asset library.",
            "Expired campaign material is removed automatically.",
        ),
        None,
        Audience.PARTNERS,
    ),
    (
        "partners",
        "silver-training-days",
        "article",
        (
            "Training days for silver partners",
            "Two days of product training each year.",
            "Register your team in the trainings section.",
        ),
        None,
        Audience.SILVER,
    ),
    (
        "partners",
        "gold-bonus",
        "article",
        (
            "The gold volume bonus",
            "Gold partners earn a volume bonus on yearly sales.",
            "The bonus is credited in January.",
        ),
        None,
        Audience.GOLD,
    ),
    (
        "partners",
        "partner-support",
        "faq",
        (
            "Who is my contact person?",
            "Your contact person is shown on your start page.",
            "Write to them directly or use the support email.",
        ),
        None,
        Audience.PARTNERS,
    ),
]


def _publish_translation(page, locale, **fields):
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    translated = translated.specific
    if translated.live and all(
        getattr(translated, name) == value
        for name, value in fields.items()
        if name != "body"
    ):
        return translated
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def _knowledge(home):
    index = _child(
        home,
        KnowledgeIndexPage,
        "knowledge",
        title="Knowledge base",
        intro="Answers to common questions about ordering, delivery and "
        "the partner programme.",
    )
    categories = {}
    for slug, title, _german, audience in KB_CATEGORIES:
        categories[slug] = _child(
            index, KnowledgeCategoryPage, slug, title=title, audience=audience
        )
    articles = {}
    for category, slug, kind, english, _german, audience in KB_ARTICLES:
        title, summary, body = english
        articles[slug] = _child(
            categories[category],
            ArticlePage,
            slug,
            title=title,
            kind=kind,
            summary=summary,
            audience=audience,
            body=_stream(("paragraph", f"<p>{body}</p>")),
        )
    for first, second in (
        ("quick-order", "reorder"),
        ("request-return", "damaged-goods"),
        ("partner-tiers", "gold-bonus"),
    ):
        if not articles[first].related_articles.filter(pk=articles[second].pk):
            articles[first].related_articles.add(articles[second])
            articles[first].save()

    german = Locale.objects.filter(language_code="de").first()
    if german is None:
        return 0
    _publish_translation(
        home,
        german,
        title="Willkommen",
        hero_title="Alles, was Ihr Unternehmen von uns braucht, an einem Ort",
        hero_text="Nachbestellen in Sekunden, Bestellungen verfolgen, "
        "Rücksendungen anmelden und Antworten finden, zu jeder Zeit.",
    )
    _publish_translation(
        index, german, title="Wissensdatenbank", intro="Antworten auf häufige Fragen."
    )
    for slug, _title, german_title, _audience in KB_CATEGORIES:
        _publish_translation(categories[slug], german, title=german_title)
    count = 0
    for _category, slug, _kind, _english, translation, _audience in KB_ARTICLES:
        if translation is None:
            continue
        title, summary, body = translation
        _publish_translation(
            articles[slug],
            german,
            title=title,
            summary=summary,
            body=_stream(("paragraph", f"<p>{body}</p>")),
        )
        count += 1
    return count


def _help_pages(home):
    for slug, title, intro, body, in_footer in HELP_PAGES:
        _child(
            home,
            ContentPage,
            slug,
            title=title,
            intro=intro,
            show_in_footer=in_footer,
            body=_stream(("paragraph", body)),
        )


def load(*, stdout, companies):
    _publisher(stdout)
    home = _home()
    _help_pages(home)
    _news(home)
    _trainings(home)
    translated = _knowledge(home)
    stdout.write(
        "Pages: landing page, help pages, news, trainings and knowledge base "
        f"({len(KB_ARTICLES)} articles, {translated} in German) are ready."
    )
    stdout.write(f"  {PUBLISHER:<28} staff · Content editor, Content approver")
