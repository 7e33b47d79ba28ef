from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views import View
from django.views.generic import TemplateView

from partner_portal.access import PolicyRequiredMixin
from partner_portal.forms import TileActionForm
from partner_portal.models import TilePreference
from partner_portal.page_cache import page_cached
from partner_portal.policy import MEMBER_OR_STAFF, SIGNED_IN
from partner_portal.services import tile_preference_save
from partner_portal.tiles import TileContext, arrange, tiles_available


class StartView(PolicyRequiredMixin, View):
    """The start page for every logged-in user: the tiles their role may see,
    arranged as they chose. Members, staff, or a page saying whom to contact."""

    policy = MEMBER_OR_STAFF

    def _arranged(self, request):
        """(every tile the user may see, the shown ones in their order, the
        hidden ones)."""
        available = tiles_available(request)
        preference = TilePreference.objects.filter(user=request.user).first()
        shown, hidden = arrange(
            available,
            order=preference.order if preference else [],
            hidden=preference.hidden if preference else [],
        )
        return available, shown, hidden

    @page_cached
    def get(self, request):
        _available, shown, hidden = self._arranged(request)
        # Lazy tiles are listed without their context (tiles.js fetches it).
        rendered = [(tile, TileContext(tile, request)) for tile in shown]
        return render(
            request,
            "partner_portal/start.html",
            {
                "tiles": rendered,
                "hidden_tiles": hidden,
                "customising": request.GET.get("customise") == "1",
            },
        )

    def post(self, request):
        form = TileActionForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest()
        available, shown, hidden = self._arranged(request)
        known = {tile.key for tile in available}
        order = [tile.key for tile in shown] + [tile.key for tile in hidden]
        hidden_keys = [tile.key for tile in hidden]
        action, key = form.cleaned_data["action"], form.cleaned_data["tile"]
        if action == "reset":
            order, hidden_keys = [], []
        elif key in known:
            if action == "hide" and key not in hidden_keys:
                hidden_keys.append(key)
            elif action == "show" and key in hidden_keys:
                hidden_keys.remove(key)
            elif action in ("up", "down"):
                visible = [k for k in order if k not in hidden_keys]
                index = visible.index(key) if key in visible else -1
                swap = index - 1 if action == "up" else index + 1
                if index >= 0 and 0 <= swap < len(visible):
                    visible[index], visible[swap] = visible[swap], visible[index]
                order = visible + hidden_keys
        tile_preference_save(
            user=request.user, order=order, hidden=hidden_keys, known=known
        )
        return redirect(f"{request.path}?customise=1")


class TileView(PolicyRequiredMixin, View):
    """One start-page tile: with ?body=1 its body alone (what tiles.js puts
    into the start page), else a page with the tile (without JavaScript). A
    tile the user may not see is not there."""

    policy = MEMBER_OR_STAFF

    @page_cached
    def get(self, request, key):
        tile = next((t for t in tiles_available(request) if t.key == key), None)
        if tile is None:
            raise Http404
        context = TileContext(tile, request)
        if request.GET.get("body") == "1":
            # Without the page frame's context processors: the body is all.
            return HttpResponse(render_to_string(tile.template, {"c": context}))
        return render(
            request, "partner_portal/tile_page.html", {"tile": tile, "c": context}
        )


class NoCompanyView(PolicyRequiredMixin, TemplateView):
    """A logged-in user without an active company: whom to contact, not an error."""

    policy = SIGNED_IN

    template_name = "partner_portal/no_company.html"

    def get(self, request, *args, **kwargs):
        if request.membership is not None:
            return redirect("partner_portal:start")
        return super().get(request, *args, **kwargs)
