"""The accounts the load signs in with: seeded by loadtest.seed, used by the
Locust users (which import no Django, so this module imports none either)."""

PASSWORD = "portal-demo-2026"
DOMAIN = "loadtest.example"
ROLES = ("buyer", "procurement", "partner", "agent", "editor")
# The buyers' and procurement users' company, and the partners'.
CUSTOMER_SLUG = "loadtest-customer"
PARTNER_SLUG = "loadtest-partner"
# Each seeded buyer's shipped order, returned from one piece at a time.
RETURNABLE_QUANTITY = 5000
RETURN_SKU = "BOLT-M8-100"


def email(role: str, index: int) -> str:
    return f"lt-{role}-{index:03d}@{DOMAIN}"


def returnable_po_number(index: int) -> str:
    return f"PO-LT-RET-{index:03d}"
