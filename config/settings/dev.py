from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
PORTAL_SERVE_MEDIA = env.bool("PORTAL_SERVE_MEDIA", default=True)

# Demo issuer details, so that the demo's invoices look like real ones; a real
# installation sets its own in Branding or PORTAL_ISSUER_* (base.py).
PORTAL_ISSUER_VAT_ID = env("PORTAL_ISSUER_VAT_ID", default="DE123456789")
PORTAL_ISSUER_REGISTER = env(
    "PORTAL_ISSUER_REGISTER", default="Amtsgericht Hamburg HRB 123456"
)
PORTAL_ISSUER_EMAIL = env("PORTAL_ISSUER_EMAIL", default="billing@portal.example")
PORTAL_ISSUER_BANK_NAME = env("PORTAL_ISSUER_BANK_NAME", default="Demo Bank Hamburg")
PORTAL_ISSUER_IBAN = env("PORTAL_ISSUER_IBAN", default="DE89370400440532013000")
PORTAL_ISSUER_BIC = env("PORTAL_ISSUER_BIC", default="COBADEFFXXX")
