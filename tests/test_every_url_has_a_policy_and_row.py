"""Every named URL of the portal's own apps declares a policy and has a row in
an access matrix, whichever namespace it lives in (also an app that has no
matrix module yet). The portal's own views are those whose module lives in this
repository; Oscar's (also its thin forks in oscar_apps/), Wagtail's and
Django's are theirs to guard, and so are the views mounted in Wagtail's and
Django's admin sites (by their own permission rules).

That each row's answer agrees with the declared policy is checked on every
matrix request (tests/matrix.py, `check_access`)."""

import importlib
import sys
from pathlib import Path
from types import FunctionType

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.policy import PUBLIC, policy_of

REPO = Path(__file__).resolve().parents[1]
VENV = REPO / ".venv"
OSCAR_FORKS = REPO / "oscar_apps"
# URL prefixes of the admin sites, which check their own permissions.
ADMIN_SITES = ("cms-admin/", "django-admin/")


def _matrix_modules():
    for module_path in sorted(REPO.glob("tests/*/test_access_matrix.py")):
        yield importlib.import_module(
            f"tests.{module_path.parent.name}.test_access_matrix"
        )


def matrix_names() -> set[str]:
    """The URL names that have a row in any app's MATRIX."""
    return {row.name for module in _matrix_modules() for row in module.MATRIX}


def _view_module(callback) -> str:
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return view_class.__module__
    if isinstance(callback, FunctionType):
        return callback.__module__
    # A view object, e.g. a syndication Feed: its class says where it lives.
    return type(callback).__module__


def is_ours(callback) -> bool:
    """True when the view's module is a file of this repository."""
    module = sys.modules.get(_view_module(callback))
    filename = getattr(module, "__file__", None)
    if not filename:
        return False
    source = Path(filename).resolve()
    return (
        source.is_relative_to(REPO)
        and not source.is_relative_to(VENV)
        and not source.is_relative_to(OSCAR_FORKS)
    )


def named_views(patterns, namespace=""):
    """(full URL name, view) for every named URL below `patterns`."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and str(pattern.pattern) in ADMIN_SITES:
            continue
        if isinstance(pattern, URLResolver):
            child = namespace
            if pattern.namespace:
                child = f"{namespace}{pattern.namespace}:"
            yield from named_views(pattern.url_patterns, child)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def gaps(patterns, rows: set[str]):
    """(our named URLs whose view declares no policy, those without a row)."""
    ours = [(name, view) for name, view in named_views(patterns) if is_ours(view)]
    without_policy = sorted({name for name, view in ours if policy_of(view) is None})
    without_row = sorted({name for name, _view in ours} - rows)
    return without_policy, without_row


def test_every_url_of_our_apps_declares_a_policy_and_has_a_row(db):
    without_policy, without_row = gaps(get_resolver().url_patterns, matrix_names())

    assert without_policy == [], "views without a declared policy"
    assert without_row == [], "named URLs without a row in any MATRIX"


def test_the_walk_covers_every_app_namespace():
    names = {name for name, view in named_views(get_resolver().url_patterns)}
    namespaces = {name.rsplit(":", 1)[0] for name in names if ":" in name}

    assert {
        "partner_portal",
        "orders",
        "returns",
        "contracts",
        "marketing_assets",
        "forums",
        "cms",
    } <= namespaces


def test_oscar_wagtail_and_django_views_are_not_ours():
    views = dict(named_views(get_resolver().url_patterns))

    assert not is_ours(views["logout"])
    assert not is_ours(views["catalogue:index"])
    assert is_ours(views["healthz"])
    assert is_ours(views["cms:news_feed"])
    assert is_ours(views["returns:desk"])


# A new app with a new URL and no matrix module: the walk must notice it.


class _Closed(PolicyRequiredMixin, View):
    policy = PUBLIC

    def get(self, request):
        return HttpResponse("ok")


class _Undeclared(View):
    def get(self, request):
        return HttpResponse("ok")


_NEW_APP = (
    [
        path("open/", _Closed.as_view(), name="open"),
        path("undeclared/", _Undeclared.as_view(), name="undeclared"),
    ],
    "service_desk",
)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            set(),
            (
                ["service_desk:undeclared"],
                ["service_desk:open", "service_desk:undeclared"],
            ),
        ),
        (
            {"service_desk:open", "service_desk:undeclared"},
            (["service_desk:undeclared"], []),
        ),
    ],
    ids=["no-rows", "rows-but-no-policy"],
)
def test_a_new_namespace_without_policy_or_row_is_reported(rows, expected):
    patterns = [path("desk/", include(_NEW_APP))]

    assert gaps(patterns, rows) == expected


def test_a_new_namespace_with_policy_and_row_passes():
    patterns = [path("desk/", include(([_NEW_APP[0][0]], "service_desk")))]

    assert gaps(patterns, {"service_desk:open"}) == ([], [])
