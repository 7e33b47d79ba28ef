"""After the load: is everything the Locust users say they created in the
database, whole? They write one JSON object per line into the created file:
{"kind": "order" | "return" | "support" | "reply" | "post", "number": ...,
"token": ...} (a reply's or post's token is a word only its text holds)."""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from oscar.core.loading import get_model

from forums.models import Post
from returns.models import ReturnRequest
from support.models import Message, SupportRequest

Order = get_model("order", "Order")

KINDS = ("order", "return", "support", "reply", "post")


@dataclass
class CheckResult:
    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def order_problem(order) -> str:
    """What is wrong with a placed order (empty when it is whole): a number,
    lines, and totals that add up to the lines plus shipping."""
    lines = list(order.lines.all())
    if not order.number:
        return "has no number"
    if not lines:
        return "has no lines"
    net = sum((line.line_price_excl_tax for line in lines), 0)
    if order.total_excl_tax != net + order.shipping_excl_tax:
        return f"total {order.total_excl_tax} is not its lines' {net}"
    if order.total_incl_tax < order.total_excl_tax:
        return "gross total below the net total"
    return ""


def _problem(record: dict) -> str:
    kind, number = record["kind"], record.get("number", "")
    if kind == "order":
        order = Order.objects.filter(number=number).first()
        if order is None:
            return "missing"
        return order_problem(order)
    if kind == "return":
        found = ReturnRequest.objects.filter(number=number).first()
        if found is None:
            return "missing"
        return "" if found.lines.exists() else "has no lines"
    if kind == "support":
        exists = SupportRequest.objects.filter(number=number).exists()
        return "" if exists else "missing"
    if kind == "reply":
        exists = Message.objects.filter(
            request__number=number, body__contains=record["token"]
        ).exists()
        return "" if exists else "missing"
    if kind == "post":
        exists = Post.objects.filter(body__contains=record["token"]).exists()
        return "" if exists else "missing"
    return f"unknown kind {kind!r}"


def check_created(path: Path) -> CheckResult:
    result = CheckResult()
    if not path.exists():
        return result
    for text in path.read_text().splitlines():
        if not text.strip():
            continue
        record = json.loads(text)
        result.counts[record["kind"]] += 1
        problem = _problem(record)
        if problem:
            label = record.get("number") or record.get("token")
            result.problems.append(f"{record['kind']} {label}: {problem}")
    return result
