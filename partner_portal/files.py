"""Private files: the storage they live in and the one response that hands
them out.

Invoices, labels, credit notes, offers, contracts, photos, assets, documents
and exports are never under a public URL. A view checks company and
capability, then answers with `private_file_response` (a stored file) or
`private_content_response` (bytes made for this request). Both send
`Cache-Control: private, no-store` (a shared proxy or the browser's disk cache
must not keep another company's invoice), `nosniff`, and a deliberate inline
or attachment disposition with a filename that cannot break the header.

With PORTAL_SENDFILE_BACKEND = "nginx" (X-Accel-Redirect below
PORTAL_SENDFILE_URL_PREFIX) or "xsendfile" (X-Sendfile with the absolute path)
the web server sends the bytes of stored files, so large assets don't hold a
Python worker; "none" streams them from Python.
"""

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import storages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

INLINE = "inline"
ATTACHMENT = "attachment"
DISPOSITIONS = (INLINE, ATTACHMENT)

SENDFILE_NONE = "none"
SENDFILE_NGINX = "nginx"
SENDFILE_XSENDFILE = "xsendfile"
SENDFILE_BACKENDS = (SENDFILE_NONE, SENDFILE_NGINX, SENDFILE_XSENDFILE)

# Path separators, quotes and control characters (a newline would end the
# header) never reach Content-Disposition.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def private_storage():
    """The storage for every private file: outside MEDIA_ROOT, no URL."""
    return storages["private"]


def safe_filename(filename, *, default="download") -> str:
    """A filename fit for Content-Disposition: no directories, quotes or
    control characters, at most 150 characters, never empty."""
    name = unicodedata.normalize("NFC", str(filename or ""))
    name = _UNSAFE.sub("-", name).strip(" .-")
    if len(name) > 150:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = f"{stem[: 149 - len(extension)]}.{extension}"
        else:
            name = name[:150]
    return name or default


def _protect(response, *, filename, disposition):
    if disposition not in DISPOSITIONS:
        raise ValueError(f"disposition must be one of {DISPOSITIONS}")
    response["Content-Disposition"] = content_disposition_header(
        disposition == ATTACHMENT, safe_filename(filename)
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _private_name(file_or_path) -> str | None:
    """The file's name inside the private storage, or None if it lies
    elsewhere (then only Python can send it)."""
    if isinstance(file_or_path, FieldFile):
        try:
            file_or_path = file_or_path.path
        except NotImplementedError:  # a storage without local paths
            return None
    if not isinstance(file_or_path, str | Path):
        return None
    root = Path(private_storage().location).resolve()
    path = Path(file_or_path).resolve()
    if not path.is_relative_to(root):
        return None
    return path.relative_to(root).as_posix()


def _sendfile_response(name, content_type):
    backend = settings.PORTAL_SENDFILE_BACKEND
    storage = private_storage()
    if not storage.exists(name):
        raise Http404
    response = HttpResponse(content_type=content_type)
    if backend == SENDFILE_NGINX:
        prefix = settings.PORTAL_SENDFILE_URL_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{quote(name)}"
    else:
        response["X-Sendfile"] = storage.path(name)
    return response


def private_file_response(
    file_or_path, *, filename, content_type, disposition=INLINE
) -> HttpResponse:
    """A stored private file as the response, with the headers above.

    `file_or_path` is a FileField's file (open or not) or a path. A missing
    file answers 404; `disposition` must be "inline" or "attachment"
    (ValueError otherwise)."""
    if disposition not in DISPOSITIONS:
        raise ValueError(f"disposition must be one of {DISPOSITIONS}")
    if not file_or_path:
        raise Http404
    name = None
    if settings.PORTAL_SENDFILE_BACKEND != SENDFILE_NONE:
        name = _private_name(file_or_path)
    if name is not None:
        if isinstance(file_or_path, FieldFile):
            file_or_path.close()
        response = _sendfile_response(name, content_type)
    else:
        response = FileResponse(_open(file_or_path), content_type=content_type)
    return _protect(response, filename=filename, disposition=disposition)


def _open(file_or_path):
    try:
        if isinstance(file_or_path, str | Path):
            return open(file_or_path, "rb")  # FileResponse closes it
        if isinstance(file_or_path, FieldFile):
            if file_or_path.closed:
                return file_or_path.open("rb")
            file_or_path.seek(0)
            return file_or_path
    except FileNotFoundError as error:
        raise Http404 from error
    return file_or_path


def private_content_response(
    content=b"", *, filename, content_type, disposition=ATTACHMENT
) -> HttpResponse:
    """Bytes made for this request (a rendered PDF, a CSV or Excel export) as
    the response, with the same headers as a stored file. The response is
    file-like: a csv writer or a workbook may write into it."""
    response = HttpResponse(content, content_type=content_type)
    return _protect(response, filename=filename, disposition=disposition)
