"""A bare Django view: no apps, no middleware, no database. It is the measure
`make bench` gives every page's rate as a ratio of, served by the same
gunicorn as the portal in the same rounds.

Settings, URLconf and WSGI application in one module:
`DJANGO_SETTINGS_MODULE=bench.bare gunicorn bench.bare:application`.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-bare-view-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("", bare)]

# Only when served: importing the module elsewhere must not set Django up.
if os.environ.setdefault("DJANGO_SETTINGS_MODULE", __name__) == __name__:
    application = get_wsgi_application()
