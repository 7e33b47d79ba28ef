"""What the audit trail records: one code per kind of event, dotted
"<area>.<what happened>", with the label the trail's page shows."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    LOGIN = "auth.login", _("Signed in")
    LOGIN_FAILED = "auth.login_failed", _("Failed sign-in")
    LOGOUT = "auth.logout", _("Signed out")
    INVITATION_CREATED = "invitation.created", _("Colleague invited")
    INVITATION_REVOKED = "invitation.revoked", _("Invitation withdrawn")
    INVITATION_ACCEPTED = "invitation.accepted", _("Invitation accepted")
    MEMBER_ROLE_CHANGED = "member.role_changed", _("Role changed")
    MEMBER_DEACTIVATED = "member.deactivated", _("Colleague deactivated")
    MEMBER_REACTIVATED = "member.reactivated", _("Colleague reactivated")
    COMPANY_CHANGED_BY_STAFF = "company.staff_changed", _("Company changed by staff")
    API_KEY_CREATED = "api_key.created", _("API key created")
    API_KEY_REVOKED = "api_key.revoked", _("API key revoked")
    WEBHOOK_CREATED = "webhook.created", _("Webhook added")
    WEBHOOK_UPDATED = "webhook.updated", _("Webhook changed")
    WEBHOOK_SECRET_ROTATED = "webhook.secret_rotated", _("Webhook secret renewed")
    WEBHOOK_DELETED = "webhook.deleted", _("Webhook deleted")
    ORDER_APPROVED = "order.approved", _("Order approved")
    ORDER_REJECTED = "order.rejected", _("Order rejected")
    BUDGET_SET = "budget.set", _("Budget set")
    BUDGET_DELETED = "budget.deleted", _("Budget removed")
    PRICE_CHANGED = "price.changed", _("Company price changed")
    OFFER_SENT = "offer.sent", _("Offer sent")
    OFFER_ACCEPTED = "offer.accepted", _("Offer accepted")
    OFFER_DECLINED = "offer.declined", _("Offer declined")
    RETURN_APPROVED = "return.approved", _("Return approved")
    RETURN_REJECTED = "return.rejected", _("Return rejected")
    SUPPORT_APPROVED = "support.approved", _("Service request approved")
    SUPPORT_APPROVAL_REFUSED = (
        "support.approval_refused",
        _("Service request approval refused"),
    )
    FORUM_POST_REJECTED = "forum.post_rejected", _("Forum post rejected")
    FORUM_POST_HIDDEN = "forum.post_hidden", _("Forum post hidden")
    FORUM_MEMBER_SUSPENDED = "forum.member_suspended", _("Forum member suspended")
    FORUM_SUSPENSION_LIFTED = "forum.suspension_lifted", _("Forum suspension lifted")
