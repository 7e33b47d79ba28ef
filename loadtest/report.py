"""The load test's report (var/loadtest/report.md) from Locust's CSV files:
requests per second, median and p95 latency per page, errors, and what the
check found of the created orders, returns and requests."""

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PageRow:
    name: str
    requests: int
    failures: int
    rps: float
    median_ms: float
    p95_ms: float


@dataclass
class Failure:
    method: str
    name: str
    error: str
    occurrences: int


def _number(text: str) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def read_stats(prefix: Path) -> tuple[list[PageRow], PageRow | None]:
    """Locust's per-page rows and its "Aggregated" total row."""
    path = Path(f"{prefix}_stats.csv")
    rows, total = [], None
    if not path.exists():
        return rows, total
    with path.open(newline="") as handle:
        for item in csv.DictReader(handle):
            row = PageRow(
                name=f"{item['Type']} {item['Name']}".strip(),
                requests=int(_number(item["Request Count"])),
                failures=int(_number(item["Failure Count"])),
                rps=_number(item["Requests/s"]),
                median_ms=_number(item["50%"]),
                p95_ms=_number(item["95%"]),
            )
            if item["Name"] == "Aggregated":
                total = row
            else:
                rows.append(row)
    return rows, total


def read_failures(prefix: Path) -> list[Failure]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return [
            Failure(
                method=item["Method"],
                name=item["Name"],
                error=item["Error"],
                occurrences=int(_number(item["Occurrences"])),
            )
            for item in csv.DictReader(handle)
        ]


def render(
    *,
    settings: dict[str, str],
    rows: list[PageRow],
    total: PageRow | None,
    failures: list[Failure],
    server_errors: int,
    created: dict[str, int],
    problems: list[str],
    passed: bool,
) -> str:
    lines = ["# Load test", ""]
    lines += [f"- {label}: {value}" for label, value in settings.items()]
    lines.append("")
    if total:
        errors = sum(failure.occurrences for failure in failures)
        lines += [
            f"**{total.requests} requests, {total.rps:.1f} requests per second, "
            f"median {total.median_ms:.0f} ms, p95 {total.p95_ms:.0f} ms, "
            f"{errors} errors ({server_errors} answered 5xx).**",
            "",
        ]
    lines += [
        "| Page | Requests | Errors | Req/s | Median ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in sorted(rows, key=lambda row: -row.requests):
        lines.append(
            f"| `{row.name}` | {row.requests} | {row.failures} | {row.rps:.2f} "
            f"| {row.median_ms:.0f} | {row.p95_ms:.0f} |"
        )
    lines += ["", "## Created by the load, found afterwards", ""]
    for kind, count in sorted(created.items()):
        lines.append(f"- {kind}: {count}")
    if not created:
        lines.append("- nothing was created")
    lines += [f"- NOT FOUND OR INCOMPLETE: {problem}" for problem in problems]
    if failures:
        lines += ["", "## Errors", ""]
        lines += [
            f"- {failure.occurrences} × {failure.method} `{failure.name}`: "
            f"{failure.error}"
            for failure in failures
        ]
    lines += ["", f"**Result: {'PASSED' if passed else 'FAILED'}**", ""]
    return "\n".join(lines)
