"""API key authentication: `Authorization: Bearer pp_<prefix>_<secret>`."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from api.models import ApiKey


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the key as 'Authorization: Bearer <key>'.")
            )
        try:
            plaintext = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(
                _("This API key is not valid.")
            ) from error
        key = ApiKey.find(plaintext)
        if key is None:
            raise exceptions.AuthenticationFailed(_("This API key is not valid."))
        if key.is_revoked:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked."))
        user = key.created_by
        if not user.is_active:
            raise exceptions.AuthenticationFailed(
                _("The person who created this API key is no longer active.")
            )
        if key.is_staff_key:
            if not user.is_superuser:
                raise exceptions.AuthenticationFailed(
                    _("A staff API key must belong to a superuser.")
                )
        elif key.acting_membership is None:
            raise exceptions.AuthenticationFailed(
                _(
                    "The person who created this API key is no longer an active "
                    "member of the company."
                )
            )
        key.touch()
        return user, key

    def authenticate_header(self, request):
        return self.keyword
