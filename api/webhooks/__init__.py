"""Outbound webhooks: company admins register endpoints for business events
(partner_portal.events); each event becomes a signed delivery per subscribed
endpoint, sent by a task and retried with backoff (see delivery.py), to
public addresses only (urls_guard.py)."""
