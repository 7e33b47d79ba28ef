"""Input serializers that refuse what they do not know: a misspelt field is an
error, not silently ignored."""

from django.utils.translation import gettext as _
from rest_framework import serializers


class _RejectUnknownFields:
    def to_internal_value(self, data):
        if isinstance(data, dict):
            writable = {
                name for name, field in self.fields.items() if not field.read_only
            }
            unknown = sorted(str(name) for name in data if name not in writable)
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Unknown field.")] for name in unknown}
                )
        return super().to_internal_value(data)


class StrictSerializer(_RejectUnknownFields, serializers.Serializer):
    pass


class StrictModelSerializer(_RejectUnknownFields, serializers.ModelSerializer):
    pass
