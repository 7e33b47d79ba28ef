"""Who issues the portal's documents: the legal details an invoice, credit
note, offer or certificate must name. Editors set them in Wagtail's Branding
settings; whatever is left empty there comes from the PORTAL_ISSUER_* settings
(environment variables)."""

from dataclasses import dataclass

from django.conf import settings

from partner_portal.models import Branding


@dataclass(frozen=True)
class Issuer:
    name: str
    address_lines: tuple[str, ...]
    vat_id: str
    register: str
    email: str
    bank_name: str
    iban: str
    bic: str
    payment_terms_days: int

    @property
    def iban_display(self) -> str:
        """The IBAN in groups of four, as it is printed and read out."""
        compact = self.iban.replace(" ", "").upper()
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))

    @property
    def one_line(self) -> str:
        """Name and address on one line, for the sender line above the
        recipient's address."""
        return " · ".join((self.name, *self.address_lines))


def issuer_details() -> Issuer:
    branding = Branding.load()
    address = [line.strip() for line in branding.issuer_address.splitlines()]
    address = [line for line in address if line] or [
        line.strip() for line in settings.PORTAL_ISSUER_ADDRESS if line.strip()
    ]
    terms = branding.payment_terms_days
    return Issuer(
        name=branding.issuer_name or settings.PORTAL_ISSUER_NAME,
        address_lines=tuple(address),
        vat_id=branding.issuer_vat_id or settings.PORTAL_ISSUER_VAT_ID,
        register=branding.issuer_register or settings.PORTAL_ISSUER_REGISTER,
        email=branding.issuer_email or settings.PORTAL_ISSUER_EMAIL,
        bank_name=branding.issuer_bank_name or settings.PORTAL_ISSUER_BANK_NAME,
        iban=branding.issuer_iban or settings.PORTAL_ISSUER_IBAN,
        bic=branding.issuer_bic or settings.PORTAL_ISSUER_BIC,
        payment_terms_days=(
            terms if terms is not None else settings.PORTAL_PAYMENT_TERMS_DAYS
        ),
    )
