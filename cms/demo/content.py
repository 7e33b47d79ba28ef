"""Texts of the help pages, news and the quiz."""

from partner_portal.audience import Audience

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


QUIZ = [
    ("How many lessons does this course have?", ["Two", "Three", "Five"], 1),
    (
        "Where do partners find co-branded flyers?",
        ["In the partner area", "In the shop basket", "In the invoice PDF"],
        0,
    ),
    ("Who sees a gold-only page?", ["Every customer", "Gold partners", "Visitors"], 1),
]
