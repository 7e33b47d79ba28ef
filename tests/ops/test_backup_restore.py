"""`manage.py backup` and a restore into a fresh database and fresh storage:
every order, document, offer, forum post and audit entry comes back, every
audit chain still verifies, every file is byte for byte the same. A restore
refuses a database that is not empty and a backup whose files do not match
their manifest. Runs on SQLite (a new file) and on PostgreSQL (a new
database), with local folders or S3 as the storages."""

from contextlib import contextmanager
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connections
from oscar.core.loading import get_model
from wagtail.models import Collection

from audit.actions import Action
from audit.models import AuditEntry
from audit.services import record
from audit.verify import verify_chains
from cms.models import PortalDocument
from contracts.models import ContractDocument, Offer, OfferVersion
from forums.models import Post
from orders.models import Invoice
from partner_portal.backup import (
    MANIFEST,
    BackupError,
    backup_restore,
    data_storages,
    database_tables,
)
from tests.factories.cms import document
from tests.factories.contracts import line, offer_sent_create, sales_user_create
from tests.factories.forums import TopicFactory
from tests.factories.orders import CompanyAccountFactory, order_place

Order = get_model("order", "Order")

pytestmark = [
    # pg_dump reads only what is committed.
    pytest.mark.django_db(transaction=True),
]
LOGO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def _relocated(storage, where: str):
    """`storage` moved to a place of its own for this test (a folder, or a
    key prefix in the bucket), so that the backup holds only this test's
    files; the undo."""
    saved = dict(storage.__dict__)
    if isinstance(storage, FileSystemStorage):
        storage._location = where
        for cached in ("base_location", "location"):
            storage.__dict__.pop(cached, None)
    else:
        storage.location = where.strip("/").replace("/", "-")

    def undo():
        storage.__dict__.clear()
        storage.__dict__.update(saved)

    return undo


def _fresh(alias, storage, where: str):
    """A new, empty storage of the same kind (and bucket) as `storage`."""
    if isinstance(storage, FileSystemStorage):
        return FileSystemStorage(location=where)
    options = settings.STORAGES[alias].get("OPTIONS", {})
    return type(storage)(**{**options, "location": where.strip("/").replace("/", "-")})


@pytest.fixture
def source_storages(tmp_path):
    """The configured data storages, and the storage of every private file
    field, emptied for this test."""
    instances = dict(data_storages())
    for field in (
        Invoice._meta.get_field("pdf"),
        OfferVersion._meta.get_field("pdf"),
        PortalDocument._meta.get_field("file"),
    ):
        if all(field.storage is not known for known in instances.values()):
            instances[f"{field.model.__name__}.{field.name}"] = field.storage
    undos = [
        _relocated(storage, str(tmp_path / "source" / alias))
        for alias, storage in instances.items()
    ]
    yield data_storages()
    for undo in undos:
        undo()


@pytest.fixture
def fresh_database(tmp_path):
    """Settings of a new, empty database next to the test database."""
    connection = connections["default"]
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        yield settings_dict
        return
    name = f"{settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name
    yield settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _connected_to(settings_dict):
    """The default connection points at another database for a while."""
    connection = connections["default"]
    saved = connection.settings_dict
    connection.close()
    connection.settings_dict = settings_dict
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict = saved


def _contents():
    """What the restored database must hold, as comparable values."""
    return {
        "orders": sorted(Order.objects.values_list("number", "total_incl_tax")),
        "invoices": sorted(
            Invoice.objects.values_list("order__number", "number", "pdf", "sha256")
        ),
        "offers": sorted(
            OfferVersion.objects.values_list("offer__number", "number", "pdf", "sha256")
        ),
        "documents": sorted(PortalDocument.objects.values_list("title", "file")),
        "posts": sorted(Post.objects.values_list("topic__title", "body")),
        "audit": sorted(
            AuditEntry.objects.values_list("chain__key", "seq", "action", "hash")
        ),
    }


def _files(storage_map) -> dict:
    """alias -> {name: bytes} of every file, read through the storage API."""
    result = {}
    for alias, storage in storage_map.items():
        names = []
        pending = [""]
        while pending:
            folder = pending.pop()
            try:
                folders, files = storage.listdir(folder)
            except FileNotFoundError:
                continue
            prefix = f"{folder}/" if folder else ""
            names += [prefix + name for name in files]
            pending += [prefix + sub for sub in folders]
        contents = {}
        for name in names:
            with storage.open(name, "rb") as stream:
                contents[name] = stream.read()
        result[alias] = contents
    return result


@pytest.fixture
def demo_world(source_storages, company, company_admin, buyer, bolts):
    """An order with its invoice PDF, a sent offer with its PDF, a private
    document, a forum topic, a public file and audit entries."""
    if Collection.get_first_root_node() is None:
        # Gone when an earlier transactional test flushed the database.
        Collection.add_root(name="Root")
    CompanyAccountFactory(company=company, credit_limit=Decimal("10000"))
    order = order_place(user=buyer, company=company, lines=[(bolts, 3)])
    offer = offer_sent_create(
        company=company,
        sales=sales_user_create(email="sales@portal.example"),
        lines=[line("Hex bolts", product=bolts, sku="BOLT-M8-100", quantity=50)],
    )
    document("Price list 2027", content=b"%PDF-1.4\n% price list\n" * 50)
    TopicFactory(title="Torque for M8 bolts?", author=buyer, body="Which torque?")
    source_storages["default"].save("branding/acme-logo.png", ContentFile(LOGO))
    record(Action.BUDGET_SET, company=company, actor=company_admin, obj=order)
    record(Action.OFFER_SENT, company=company, obj=offer, data={"version": 1})
    record(Action.LOGIN, company=None, actor=buyer)
    assert Invoice.objects.filter(order=order).exclude(pdf="").exists()
    yield
    for invoice in Invoice.objects.all():
        invoice.pdf.delete(save=False)
    for version in OfferVersion.objects.exclude(pdf=""):
        version.pdf.delete(save=False)
    for item in ContractDocument.objects.all():
        item.file.delete(save=False)


def test_a_backup_restores_into_a_fresh_database_and_storage(
    demo_world, source_storages, fresh_database, tmp_path
):
    # Given the portal's data and files, backed up by the command,
    before = _contents()
    files_before = _files(source_storages)
    assert [len(before[kind]) for kind in ("orders", "offers", "documents")] == [
        1,
        1,
        1,
    ]
    assert len(before["posts"]) == 1
    assert len(before["audit"]) >= 3
    call_command("backup", "--dir", str(tmp_path / "backups"), stdout=StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    fresh = {
        alias: _fresh(alias, storage, str(tmp_path / "restored" / alias))
        for alias, storage in source_storages.items()
    }

    # when it is restored into a new database and new storages,
    backup_restore(folder=folder, settings_dict=fresh_database, storages=fresh)

    # then every row and every file is there, and every audit chain verifies.
    with _connected_to(fresh_database):
        assert _contents() == before
        assert verify_chains() == []
        assert Offer.objects.count() == 1
    assert _files(fresh) == files_before
    assert files_before["default"]["branding/acme-logo.png"] == LOGO
    assert len(files_before["private"]) >= 3


def test_a_restore_refuses_a_database_that_is_not_empty(
    demo_world, source_storages, tmp_path
):
    # Given a backup and the portal's own (full) database,
    call_command("backup", "--dir", str(tmp_path / "backups"), stdout=StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    before = _contents()

    # when it is restored over it without --force,
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(folder), stdout=StringIO())

    # then nothing changed.
    assert _contents() == before


def test_a_restore_refuses_a_backup_whose_file_was_changed(
    demo_world, source_storages, fresh_database, tmp_path
):
    # Given a backup in which one private file was altered afterwards,
    call_command("backup", "--dir", str(tmp_path / "backups"), stdout=StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    assert (folder / MANIFEST).is_file()
    pdf = next((folder / "media" / "private").rglob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes() + b"tampered")
    fresh = {
        alias: _fresh(alias, storage, str(tmp_path / "restored" / alias))
        for alias, storage in source_storages.items()
    }

    # when it is restored,
    with pytest.raises(BackupError, match="does not match its SHA-256"):
        backup_restore(folder=folder, settings_dict=fresh_database, storages=fresh)

    # then nothing was written: no table, no file.
    assert database_tables(fresh_database) == []
    assert _files(fresh) == {alias: {} for alias in fresh}
