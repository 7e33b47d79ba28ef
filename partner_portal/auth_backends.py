"""The portal's authentication backends: Oscar's login by email address and
Django's by username, each reading the signed-in user of every request from
the cache (partner_portal.auth_cache) instead of the database. Django still
checks the session's password hash against that row, which the cache renews
on every change of the user."""

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from oscar.apps.customer.auth_backends import EmailBackend as OscarEmailBackend

from partner_portal.auth_cache import cached_user


class CachedUserMixin:
    def get_user(self, user_id):
        user = cached_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class EmailBackend(CachedUserMixin, OscarEmailBackend):
    pass


class ModelBackend(CachedUserMixin, DjangoModelBackend):
    pass
