"""Django's MessageMiddleware, with the message storage made when a request
first uses it (adds, reads or lists messages) instead of on every request.

Django's middleware builds the fallback storage (a cookie and a session
storage) for each request and asks it to save after the response; for a
request that never touched it there is nothing to save. Here the storage is
a lazy object: untouched, it is never built and nothing is written; once
used, it is Django's storage as before.
"""

from django.contrib.messages.middleware import MessageMiddleware as DjangoMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class MessageMiddleware(DjangoMiddleware):
    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        storage = getattr(request, "_messages", None)
        if type(storage) is SimpleLazyObject and storage._wrapped is empty:
            return response
        return super().process_response(request, response)
