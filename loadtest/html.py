"""Just enough HTML for the Locust users: the forms of a page with the values
a browser would send (hidden fields such as the CSRF token and submission
keys included), and the links. Standard library only: Locust's processes
import no Django."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    # Every option of each <select> and radio group, in page order.
    choices: dict[str, list[str]] = field(default_factory=dict)

    def choice(self, name: str) -> str:
        """The first non-empty option of a select or radio group."""
        return next(value for value in self.choices.get(name, []) if value)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None

    @property
    def _form(self) -> Form | None:
        return self.forms[-1] if self.forms else None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(
                Form(action=attrs.get("action", ""), method=attrs.get("method", "get"))
            )
            return
        form, name = self._form, attrs.get("name", "")
        if form is None:
            return
        if tag == "input" and name:
            self._input(form, name, attrs)
        elif tag == "select" and name:
            self._select, self._select_chosen = name, False
            form.choices[name] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            form.choices[self._select].append(value)
            if not self._select_chosen and (
                "selected" in attrs or self._select not in form.fields
            ):
                form.fields[self._select] = value
                self._select_chosen = "selected" in attrs
        elif tag == "textarea" and name:
            self._textarea = name
            form.fields[name] = ""

    def _input(self, form, name, attrs):
        kind = attrs.get("type", "text").lower()
        if kind in ("submit", "button", "image", "file", "reset"):
            return
        if kind in ("radio", "checkbox"):
            form.choices.setdefault(name, []).append(attrs.get("value", "on"))
            if "checked" in attrs:
                form.fields[name] = attrs.get("value", "on")
            return
        form.fields[name] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form.fields[self._textarea] += data


def forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form(html: str, action_pattern: str, page_path: str = "") -> Form | None:
    """The first POST form whose action (the page's path when it has none)
    matches the pattern, a regular expression searched in it."""
    for found in forms(html):
        action = found.action or page_path
        if found.method.lower() == "post" and re.search(action_pattern, action):
            return found
    return None


def links(html: str, pattern: str) -> list[str]:
    """Every distinct href matching the pattern (a regular expression that
    must match the whole path), in page order."""
    seen = []
    for href in re.findall(r'href="([^"#?]+)', html):
        if re.fullmatch(pattern, href) and href not in seen:
            seen.append(href)
    return seen
