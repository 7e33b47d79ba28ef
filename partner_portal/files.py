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

On an object store (AWS_STORAGE_BUCKET_NAME, config/settings/storage.py) the
view streams the object, or with PORTAL_PRIVATE_FILE_REDIRECT answers 302 to
a signed URL that lives PORTAL_PRIVATE_URL_EXPIRY seconds and makes the store
send the same Content-Type and Content-Disposition. Never an unsigned URL.
"""

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db.models.fields.files import FieldFile
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.functional import LazyObject, empty
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


class _PrivateStorage(LazyObject):
    # Lazy like Django's default_storage: FileFields keep the storage they
    # were built with, so a test that changes STORAGES reaches them too.
    def _setup(self):
        self._wrapped = storages["private"]


_private_storage = _PrivateStorage()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty


def private_storage():
    """The storage for every private file: outside MEDIA_ROOT, no URL (on an
    object store: signed URLs only)."""
    return _private_storage


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


def has_local_paths(storage) -> bool:
    """Whether the storage keeps files on this server's disk (not S3)."""
    try:
        storage.path("probe")
    except NotImplementedError:
        return False
    return True


def _private_name(file_or_path) -> str | None:
    """The file's name inside the private storage, or None if it lies
    elsewhere (then only Python can send it)."""
    if not has_local_paths(private_storage()):
        return None
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
    if isinstance(file_or_path, FieldFile) and not has_local_paths(
        file_or_path.storage
    ):
        response = _object_response(
            file_or_path,
            filename=filename,
            content_type=content_type,
            disposition=disposition,
        )
        return _protect(response, filename=filename, disposition=disposition)
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


def _object_response(file, *, filename, content_type, disposition):
    """A file on the object store: streamed, or a signed redirect."""
    storage = file.storage
    if settings.PORTAL_PRIVATE_FILE_REDIRECT and getattr(
        storage, "querystring_auth", False
    ):
        file.close()
        if not storage.exists(file.name):
            raise Http404
        header = content_disposition_header(
            disposition == ATTACHMENT, safe_filename(filename)
        )
        url = storage.url(
            file.name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": header,
                "ResponseCacheControl": "private, no-store",
            },
            expire=settings.PORTAL_PRIVATE_URL_EXPIRY,
        )
        return HttpResponseRedirect(url)
    return FileResponse(_open(file), content_type=content_type)


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
