"""The `<id:pk>` path converter for database ids in every urls.py.

Django's `<int:...>` takes any number of digits, and an id beyond 64 bits
makes SQLite raise OverflowError in some queries (a 500). Ids fit in 18
digits (BigAutoField stops at 19), so a longer one cannot name a row: the URL
does not match and the request answers 404. (0 matches: some code reverses a
URL with 0 as a placeholder; no row has it.)"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")
