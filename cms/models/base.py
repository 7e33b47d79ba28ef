"""What every portal page type shares: an audience, enforced when served."""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404

from partner_portal.audience import Audience, audience_field, may_see

# Audience levels nest in this order: each one sees what the ones before it see.
_LEVELS = list(Audience.values)


def stricter(first: str, second: str) -> str:
    """The narrower of two audiences."""
    return first if _LEVELS.index(first) >= _LEVELS.index(second) else second


def _concrete_subclasses(cls):
    for sub in cls.__subclasses__():
        if not sub._meta.abstract:
            yield sub
        yield from _concrete_subclasses(sub)


class AudiencePageMixin(models.Model):
    """A page visible to one audience (the portal's one rule in
    partner_portal.audience). A page is never visible to more people than its
    parent: saving narrows its audience to the parent's, and narrowing a page
    narrows its descendants, so that the stored audience of every page is the
    one that counts for serving, listings, search hits and tiles alike."""

    audience = models.CharField(**audience_field(default=Audience.EVERYONE))

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.audience = stricter(self.audience, self.parent_audience())
        result = super().save(*args, **kwargs)
        if self.pk and self.audience != Audience.EVERYONE:
            narrower = _LEVELS[_LEVELS.index(self.audience) :]
            for model in _concrete_subclasses(AudiencePageMixin):
                model.objects.descendant_of(self).exclude(audience__in=narrower).update(
                    audience=self.audience
                )
        return result

    def parent_audience(self) -> str:
        parent = self.get_parent() if self.path else None
        if parent is None:
            return Audience.EVERYONE
        return getattr(parent.specific_deferred, "audience", Audience.EVERYONE)

    def serve(self, request, *args, **kwargs):
        if not may_see(request, self.audience):
            if not request.user.is_authenticated:
                # Signing in may be all it takes.
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)
