"""/healthz tells load balancers and monitoring whether the database answers."""

from django.db import OperationalError

from partner_portal.views import health


def test_healthz_reports_ok_with_the_database(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_needs_no_login(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


class _BrokenConnection:
    def cursor(self):
        raise OperationalError("unable to open database file")


def test_healthz_reports_503_when_the_database_fails(client, db, monkeypatch):
    monkeypatch.setattr(health, "connection", _BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "unable to open database file",
    }
