"""PostgreSQL restarted while clients place orders, request returns and accept
offers through a live gunicorn: afterwards every order is whole (number,
lines, totals) or absent, every return has its lines, an offer is accepted
with its acceptance and contract or not at all, everything a client was told
it created is there, and the same gunicorn answers 200 again without being
restarted (persistent connections, CONN_HEALTH_CHECKS).

Needs the cluster of scripts/with-postgres.sh (its data directory lies in the
socket directory of DATABASE_URL); skips on SQLite and on other servers."""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from contracts.models import Acceptance, Contract, Offer
from loadtest.check import order_problem
from partner_portal.permissions import Role
from returns.models import ReturnRequest
from tests.factories import MembershipFactory
from tests.factories.contracts import offer_sent_create, sales_user_create
from tests.factories.orders import (
    CompanyAccountFactory,
    DeliveryAddressFactory,
    order_place,
    product_create,
)

Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.fault,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="restarts a PostgreSQL server"
    ),
    # gunicorn sees only committed rows. No serialized rollback: after an
    # earlier transactional test's flush, post_migrate has made the content
    # types again, and loading the serialized ones would collide with them.
    pytest.mark.django_db(transaction=True),
]
BASE_DIR = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 30
LOAD_BEFORE_RESTART = 2.0
LOAD_AFTER_RESTART = 4.0


def _socket_dir() -> str:
    """DATABASE_URL's ?host=<dir> lands in OPTIONS, not in HOST."""
    db = connection.settings_dict
    return db["HOST"] or db["OPTIONS"].get("host", "")


@pytest.fixture
def pg_ctl() -> tuple[list[str], Path]:
    """pg_ctl on the cluster of the test database, as the user owning it
    (scripts/with-postgres.sh gives it to portalci when run as root), and
    the server's log file."""
    data_dir = Path(_socket_dir() or "/nonexistent") / "data"
    if not (data_dir / "postmaster.pid").exists():
        pytest.skip("not the cluster of scripts/with-postgres.sh")
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parent.parent.name),
    )
    command = [str(versions[-1]), "-D", str(data_dir)]
    owner = data_dir.stat().st_uid
    if os.getuid() == 0 and owner != 0:
        import pwd

        command = ["runuser", "-u", pwd.getpwuid(owner).pw_name, "--", *command]
    return command, data_dir.parent / "server.log"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(pg_ctl):
    """gunicorn (2 sync workers, persistent database connections) on the
    test database; its base URL and process."""
    db = connection.settings_dict
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@/{db['NAME']}?host={_socket_dir()}",
        "DB_CONN_MAX_AGE": "600",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--timeout=60",
            "--graceful-timeout=2",
            "--log-level=warning",
            f"--chdir={BASE_DIR}",
        ],
        env=env,
        cwd=BASE_DIR,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base_url + "/healthz", deadline=time.monotonic() + 240)
        yield base_url, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_for(url: str, *, deadline: float) -> requests.Response:
    """The first 200 of `url` before the deadline."""
    last = None
    while time.monotonic() < deadline:
        try:
            last = requests.get(url, timeout=TIMEOUT, allow_redirects=False)
            if last.status_code == 200:
                return last
        except requests.RequestException as error:
            last = error
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer 200: {last!r}")


def _session(user) -> requests.Session:
    """A browser session of `user`: session cookie and a CSRF secret."""
    client = Client()
    client.force_login(user)
    http = requests.Session()
    http.cookies.set(
        settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    http.csrf = secrets.token_hex(16)
    http.cookies.set(settings.CSRF_COOKIE_NAME, http.csrf)
    return http


class Clients:
    """Threads repeating one action each until stopped; what the server said
    was created (the numbers in the redirects) is kept."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []
        self.created: dict[str, list[str]] = {"order": [], "return": [], "offer": []}
        self.statuses: list[int | str] = []
        self.accepted: set[int] = set()

    def post(self, http, path, data) -> str:
        """The redirect's path of a POST, or "" (an error, a refused form)."""
        try:
            response = http.post(
                self.base_url + path,
                data={**data, "csrfmiddlewaretoken": http.csrf},
                allow_redirects=False,
                timeout=TIMEOUT,
            )
        except requests.RequestException as error:
            self.statuses.append(type(error).__name__)
            return ""
        self.statuses.append(response.status_code)
        if response.status_code != 302:
            return ""
        return response.headers["Location"].removeprefix(self.base_url)

    def run(self, action, *args) -> None:
        def loop():
            while not self.stop.is_set():
                action(*args)

        thread = threading.Thread(target=loop)
        self.threads.append(thread)
        thread.start()

    def join(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=TIMEOUT + 5)

    # The actions -------------------------------------------------------

    def order(self, http, address_id):
        if not self.post(http, "/portal/orders/quick-order/", {"lines": "RST-1, 2"}):
            return
        placed = self.post(
            http,
            "/portal/orders/checkout/",
            {
                "address": address_id,
                "payment_method": "account",
                "purchase_order_number": secrets.token_hex(6),
                "cost_centre": "",
            },
        )
        if match := re.fullmatch(r"/portal/orders/([^/]+)/", placed):
            self.created["order"].append(match[1])

    def return_request(self, http, number, line_id):
        created = self.post(
            http,
            f"/portal/returns/new/{number}/",
            {
                f"qty_{line_id}": "1",
                "reason": ReturnRequest.Reason.DAMAGED,
                "comment": "Dented",
                "submission_key": secrets.token_hex(16),
            },
        )
        if match := re.fullmatch(r"/portal/returns/([^/]+)/", created):
            self.created["return"].append(match[1])

    def accept(self, http, offer_ids):
        waiting = [pk for pk in offer_ids if pk not in self.accepted]
        if not waiting:
            time.sleep(0.2)
            return
        answer = self.post(
            http,
            f"/portal/contracts/offers/{waiting[0]}/v1/accept/",
            {"typed_name": "Ada Admin", "terms": "on"},
        )
        if answer.endswith("/certificate/"):
            self.created["offer"].append(waiting[0])
            self.accepted.add(waiting[0])


def _restart(pg_ctl: list[str], log: Path) -> None:
    # The new server inherits pg_ctl's output: a log file, not a pipe that
    # would keep this call waiting for the server to end.
    subprocess.run(
        [*pg_ctl, "restart", "-m", "immediate", "-w", "-t", "60", "-l", str(log)],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_postgres_restart_leaves_whole_records_and_the_app_recovers(
    pg_ctl, server, company, buyer, company_admin
):
    # Given: Acme orders on account, has a shipped order to return from and
    # three sent offers for its admin to accept.
    pg_ctl, pg_log = pg_ctl
    base_url, process = server
    CompanyAccountFactory(company=company, credit_limit=Decimal("1000000"))
    address = DeliveryAddressFactory(company=company)
    product = product_create(title="Rivet", sku="RST-1", price="2.00", stock=100000)
    shipped = order_place(user=buyer, company=company, lines=[(product, 500)])
    shipped.set_status("Processing")
    shipped.set_status("Shipped")
    sales = sales_user_create(email="sales@portal.example")
    offers = [
        offer_sent_create(company=company, sales=sales, title=f"Offer {index}")
        for index in range(3)
    ]
    second_buyer = MembershipFactory(company=company, role=Role.BUYER).user
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_postmaster_start_time()")
        started_before = cursor.fetchone()[0]
    clients = Clients(base_url)

    # When: they place orders, request returns and accept offers while the
    # server is restarted with an immediate shutdown (open transactions lost).
    buyer_session = _session(buyer)
    return_line = (shipped.number, shipped.lines.get().pk)
    clients.run(clients.order, buyer_session, address.pk)
    clients.run(clients.order, _session(second_buyer), address.pk)
    clients.run(clients.return_request, _session(buyer), *return_line)
    clients.run(clients.accept, _session(company_admin), [o.pk for o in offers])
    try:
        time.sleep(LOAD_BEFORE_RESTART)
        _restart(pg_ctl, pg_log)
        time.sleep(LOAD_AFTER_RESTART)
    finally:
        clients.join()
    connection.close()

    # Then: the same gunicorn answers again, every worker of it.
    assert process.poll() is None
    _wait_for(base_url + "/healthz", deadline=time.monotonic() + 90)
    orders_page = _session(buyer)
    answers = [
        orders_page.get(base_url + "/portal/orders/", timeout=TIMEOUT).status_code
        for _ in range(6)
    ]
    assert answers == [200] * 6
    # ... and writes again: an order and a return go through.
    placed, returned = len(clients.created["order"]), len(clients.created["return"])
    clients.order(buyer_session, address.pk)
    clients.return_request(buyer_session, *return_line)
    assert len(clients.created["order"]) == placed + 1, clients.statuses[-2:]
    assert len(clients.created["return"]) == returned + 1, clients.statuses[-1:]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_postmaster_start_time()")
        assert cursor.fetchone()[0] > started_before

    # ... every order whole, and each one a client was told about is there.
    orders = Order.objects.exclude(pk=shipped.pk).prefetch_related("lines")
    assert {order.number: order_problem(order) for order in orders} == {
        order.number: "" for order in orders
    }
    assert set(clients.created["order"]) <= {order.number for order in orders}

    # ... every return has its lines, within what was shipped.
    returns = ReturnRequest.objects.prefetch_related("lines")
    assert all(return_request.lines.exists() for return_request in returns)
    returned = sum(line.quantity for r in returns for line in r.lines.all())
    assert returned == returns.count() <= 500
    assert set(clients.created["return"]) <= {r.number for r in returns}

    # ... an offer is accepted with its acceptance and contract, or not at all.
    for offer in Offer.objects.filter(pk__in=[offer.pk for offer in offers]):
        accepted = offer.status == Offer.Status.ACCEPTED
        assert Acceptance.objects.filter(version__offer=offer).exists() == accepted
        assert Contract.objects.filter(offer_version__offer=offer).exists() == accepted
    assert set(clients.created["offer"]) <= set(
        Offer.objects.filter(status=Offer.Status.ACCEPTED).values_list("pk", flat=True)
    )
