"""Firing requests at a live server at the same moment: each client has its
own thread and its own HTTP connection (and so its own database connection in
the server); a barrier releases them together. Clients are logged-in browser
sessions (a session cookie and a CSRF token) or API keys."""

import secrets
import threading
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.test import Client

from api.models import ApiKey
from partner_portal.permissions import ApiResource

TIMEOUT = 120


@dataclass
class Answer:
    status: int
    location: str = ""
    body: str = ""
    json: dict | list | None = field(default=None, repr=False)


def fire(calls) -> list[Answer]:
    """Run every callable in `calls` in its own thread, all released at once
    by a barrier; their answers in the order of `calls`."""
    start = threading.Barrier(len(calls))
    answers: list[Answer | BaseException | None] = [None] * len(calls)

    def run(index, call):
        start.wait()
        try:
            answers[index] = call()
        except BaseException as error:  # noqa: BLE001 - reported below
            answers[index] = error

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    failures = [answer for answer in answers if not isinstance(answer, Answer)]
    assert not failures, failures
    return answers


def _answer(response) -> Answer:
    try:
        payload = response.json()
    except ValueError:
        payload = None
    return Answer(
        status=response.status_code,
        location=response.headers.get("Location", ""),
        body=response.text,
        json=payload,
    )


class Browser:
    """A logged-in browser session of `user` against `base_url`: its own
    session and CSRF cookie, redirects not followed (the answer is the
    redirect)."""

    def __init__(self, base_url: str, user):
        client = Client()
        client.force_login(user)
        self.base_url = base_url
        self.csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret
        self.http = requests.Session()
        self.http.cookies.set(
            settings.SESSION_COOKIE_NAME,
            client.cookies[settings.SESSION_COOKIE_NAME].value,
        )
        self.http.cookies.set(settings.CSRF_COOKIE_NAME, self.csrf)

    def post(self, path: str, data: dict) -> Answer:
        response = self.http.post(
            self.base_url + path,
            data={**data, "csrfmiddlewaretoken": self.csrf},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        return _answer(response)


class ApiClient:
    """An API key of `user`'s company that acts as them (every resource)."""

    def __init__(self, base_url: str, user, *, company):
        _key, self.plaintext = ApiKey.issue(
            company=company,
            name=f"ERP {secrets.token_hex(3)}",
            access="write",
            resources=list(ApiResource.values),
            created_by=user,
        )
        self.base_url = base_url

    def post(self, path: str, body: dict, *, idempotency_key: str = "") -> Answer:
        # No shared requests.Session: one key may be used by several threads.
        headers = {"Authorization": f"Bearer {self.plaintext}"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        response = requests.post(
            self.base_url + path,
            json=body,
            headers=headers,
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        return _answer(response)


def statuses(answers: list[Answer]) -> list[int]:
    return sorted(answer.status for answer in answers)
