"""Wagtail's document serve view hands its files to this backend
(SENDFILE_BACKEND in the settings), so documents leave through the portal's
one private-file response too: private, no-store, nosniff, and sent by the
web server when PORTAL_SENDFILE_BACKEND says so. Wagtail has already run the
audience check (cms/wagtail_hooks.py) and its collection restrictions, and
sets the disposition itself afterwards (PDFs inline, other files attached).

On an object store Wagtail never calls the backend (there is no local path)
and would stream the file without the private headers: `object_store_response`
answers for it, from a serve hook that runs after every check."""

import os

from django.http import FileResponse, HttpResponse

from partner_portal.files import (
    ATTACHMENT,
    INLINE,
    has_local_paths,
    private_file_response,
)


def sendfile(request, filename, mimetype=None, **kwargs):
    return private_file_response(
        filename,
        filename=os.path.basename(filename),
        content_type=mimetype or "application/octet-stream",
        disposition=INLINE,
    )


class _StreamedDocument(FileResponse, HttpResponse):
    """A streamed file that Wagtail's serve hooks pass on: they return only
    instances of HttpResponse, which a FileResponse is not. Streaming comes
    first in the method order, so nothing reads the file into memory."""


def object_store_response(document):
    """The document streamed or redirected to a signed URL, or None when its
    storage is the local disk (Wagtail then calls `sendfile` above)."""
    if has_local_paths(document.file.storage):
        return None
    inline = document.content_disposition.startswith("inline")
    response = private_file_response(
        document.file,
        filename=document.filename,
        content_type=document.content_type or "application/octet-stream",
        disposition=INLINE if inline else ATTACHMENT,
    )
    # As Wagtail's own response: a document never runs code in the portal.
    response["Content-Security-Policy"] = "default-src 'none'"
    if response.streaming:
        response.__class__ = _StreamedDocument
    return response
