"""Texts of the knowledge base: categories and articles, in English and
German."""

from partner_portal.audience import Audience

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
