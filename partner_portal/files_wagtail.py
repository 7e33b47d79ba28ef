"""Wagtail's document serve view hands its files to this backend
(SENDFILE_BACKEND in the settings), so documents leave through the portal's
one private-file response too: private, no-store, nosniff, and sent by the
web server when PORTAL_SENDFILE_BACKEND says so. Wagtail has already run the
audience check (cms/wagtail_hooks.py) and its collection restrictions, and
sets the disposition itself afterwards (PDFs inline, other files attached)."""

import os

from partner_portal.files import INLINE, private_file_response


def sendfile(request, filename, mimetype=None, **kwargs):
    return private_file_response(
        filename,
        filename=os.path.basename(filename),
        content_type=mimetype or "application/octet-stream",
        disposition=INLINE,
    )
