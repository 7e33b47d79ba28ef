"""`make bench`'s load test: the portal (config.settings.bench) and a bare
Django view (bench.bare) under gunicorn with the same workers on loopback,
driven in turn by wrk (round 1: bare, page A, bare, page B, ..., bare, offer
PDF renders in process), each page's rate as a ratio of the bare view's in
the same round and each offer render's time in bare-view requests; the SQL
queries and the invoice PDF in process, and the table with issue #15's goals.

Run as `python -m bench` (Django set up with config.settings.bench)."""

import argparse
import math
import os
import signal
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from django.db import connection
from django.utils import timezone

from bench import inprocess, report, servers, wrk
from bench.pages import (
    ANONYMOUS,
    ROLES,
    Page,
    clients,
    data_ensure,
    emails,
    pages,
    session_cookie,
)
from partner_portal.management.bench import production_like

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"
LOCKED = "database is locked"


def write(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=5, help="per wrk run")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2, help="wrk -t")
    parser.add_argument("--connections", type=int, default=8, help="wrk -c")
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds before wrk gives up"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--renders", type=int, default=10, help="per PDF")
    parser.add_argument(
        "--only", default="", help="measure only pages whose label contains this"
    )
    parser.add_argument("--report", type=Path, default=BENCH_DIR / "report.md")
    return parser.parse_args(argv)


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP end the run like Ctrl-C does, through the ExitStack
    that stops the servers; so does SIGINT where the shell started the run
    with it ignored (in the background)."""

    def stop(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)


def prepare(options) -> tuple[list[Page], dict, dict[str, report.PageFigures], dict]:
    """The pages, their session cookies and SQL queries, the catalogue's
    in-process figures and the offer's render (warmed up), before any server
    runs."""
    with production_like():
        data_ensure(sys.stdout)
        by_email = clients(emails())
        chosen = [p for p in pages(by_email) if options.only in p.label]
        figures = {}
        for page in chosen:
            figures[id(page)] = report.PageFigures(page.label, page.role, page.goals)
            client = by_email[page.who]
            figures[id(page)].queries = inprocess.queries(client, page.path)
            figures[id(page)].rendered_ms = inprocess.rendered_ms(
                client, page.path, times=options.renders
            )
        # After the pages were rendered: the CSRF cookie is set by then.
        cookies = {email: session_cookie(client) for email, client in by_email.items()}
        catalogue = next((p for p in chosen if p.label == "catalogue"), None)
        extra = {}
        if catalogue:
            extra["catalogue"] = (
                catalogue,
                *inprocess.catalogue(by_email[catalogue.who], catalogue.path, times=10),
            )
        # The first render in a process loads the fonts.
        extra["offer_pdf"] = inprocess.offer_pdf()
        extra["offer_pdf"]()
    # The servers write to the same SQLite file: no connection left open here.
    connection.close()
    return chosen, cookies, figures, extra


def _headers(page: Page, cookies) -> dict[str, str]:
    cookie = cookies.get(page.who, "")
    return {"Cookie": cookie} if page.signed_in and cookie else {}


def load(
    options, chosen, cookies, figures, offer_pdf
) -> tuple[float | None, int, int, int, report.OfferPdfFigures]:
    """The interleaved rounds; answers the bare view's median rate and errors,
    how often the portal's log says the database was locked, in how many
    page runs no request finished, and the offer PDF's renders (at the end
    of each round, right after a run of the bare view)."""
    offer = report.OfferPdfFigures("Offer PDF (2 pages, 30 lines)", report.OFFER_PDF)
    # Timed renders per round, after an untimed one: the bench process sat
    # idle through the wrk runs, and its first render after them is a cold
    # start, as a page's first requests would be (those are warmed up below).
    renders = max(4, math.ceil(options.renders / options.rounds))
    bare_rates, bare_errors, empty = [], 0, 0
    with ExitStack() as stack:
        portal = servers.start(
            "portal",
            "config.wsgi:application",
            settings="config.settings.bench",
            log_path=BENCH_DIR / "gunicorn-portal.log",
            workers=options.workers,
            ready_path="/healthz",
        )
        stack.callback(portal.stop)
        bare = servers.start(
            "bare view",
            "bench.bare:application",
            settings="bench.bare",
            log_path=BENCH_DIR / "gunicorn-bare.log",
            workers=options.workers,
        )
        stack.callback(bare.stop)
        write(f"Portal at {portal.base_url}, bare view at {bare.base_url}.")
        measured = []
        for page in chosen:
            url = portal.url(page.path)
            # Also warms both workers up (templates, URL resolvers, caches).
            for _ in range(2 * options.workers + 2):
                status, location = servers.fetch(url, headers=_headers(page, cookies))
            if status != 200:
                figures[id(page)].failure = f"HTTP {status} {location}".strip()
                write(f"  {page.label} as {page.who}: {figures[id(page)].failure}")
            else:
                measured.append(page)
        load_options = {
            "seconds": options.seconds,
            "threads": options.threads,
            "connections": options.connections,
            "timeout": options.timeout,
        }
        for number in range(1, options.rounds + 1):
            started = time.monotonic()
            for page in measured:
                base = wrk.run(bare.url("/"), **load_options)
                result = wrk.run(
                    portal.url(page.path),
                    headers=_headers(page, cookies),
                    **load_options,
                )
                bare_rates.append(base.requests_per_s)
                figures[id(page)].add_round(
                    rate=result.requests_per_s,
                    bare_rate=base.requests_per_s,
                    p50=result.p50_ms,
                    p99=result.p99_ms,
                    non_2xx_3xx=result.non_2xx_3xx,
                    socket_errors=result.socket_errors,
                )
                bare_errors += base.errors
                empty += result.requests == 0
            base = wrk.run(bare.url("/"), **load_options)
            bare_rates.append(base.requests_per_s)
            bare_errors += base.errors
            with production_like():
                offer.add(
                    inprocess.timed_ms(offer_pdf, times=renders, warmup=1),
                    bare_rate=base.requests_per_s,
                )
            connection.close()
            write(
                f"Round {number}/{options.rounds}: {len(measured)} pages in "
                f"{time.monotonic() - started:.0f} s."
            )
        locked = sum(LOCKED in line for line in portal.log_text().splitlines())
    return report.median(bare_rates), bare_errors, locked, empty, offer


def invoice_pdf(options) -> report.Timing:
    with production_like():
        lines, invoice = inprocess.invoice_pdf_ms(times=options.renders)
    return report.Timing(f"Invoice PDF ({lines} lines)", invoice)


def summary(options, figures, *, bare, locked, empty, extra, offer, invoice):
    """The report's lines before and after the table."""
    cores = os.cpu_count()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    head = [
        f"make bench, {timezone.now():%Y-%m-%d %H:%M} UTC: {options.rounds} "
        f"round(s) of {options.seconds:g} s per page and per bare-view run, "
        f"wrk -t{options.threads} -c{options.connections}, gunicorn with "
        f"{options.workers} sync workers on loopback, {connection.vendor}, DEBUG "
        f"off; {cores} cores, load average {load}.",
        f"Bare Django view (no middleware, no database): "
        f"{report.number(bare[0])} req/s (median of its runs), {bare[1]} errors. "
        "Ratio: the page's rate over the bare view's in the same round "
        "(median of the rounds).",
        "Signed in as: "
        + ", ".join(
            f"{role} = {email}"
            for email, role in ROLES.items()
            if role != email and email != ANONYMOUS
        )
        + ".",
    ]
    errors = sum(f.errors for f in figures)
    failed = [f for f in figures if f.failure]
    tail = [
        f"Errors (non-2xx/3xx responses, socket errors): {errors} "
        f"{report.mark(errors == 0)}; pages that did not answer 200: "
        f'{len(failed)} {report.mark(not failed)}; lines with "{LOCKED}" in the '
        f"portal's log: {locked} {report.mark(locked == 0)}.",
    ]
    if empty:
        tail.append(
            f"In {empty} page run(s) no request finished {report.NO}: a rate of 0 "
            "says nothing there; run longer (BENCH_SECONDS)."
        )
    if "catalogue" in extra:
        page, products, median_ms = extra["catalogue"]
        catalogue = next(f for f in figures if f.label == page.label)
        tail += report.catalogue_lines(
            products=products,
            queries=catalogue.queries,
            median_ms=median_ms,
            ratio=catalogue.ratio,
        )
    tail += [offer.text, invoice.text]
    met = all(f.all_met for f in figures) and locked == 0 and offer.met is True
    tail.append(f"Every goal met: {report.mark(met)}")
    return head, tail


def main(argv=None) -> int:
    options = arguments(argv)
    _stop_on_signals()
    chosen, cookies, figures_by_page, extra = prepare(options)
    write(f"Measuring {len(chosen)} pages: {options.rounds} rounds ...")
    *bare, locked, empty, offer = load(
        options, chosen, cookies, figures_by_page, extra["offer_pdf"]
    )
    invoice = invoice_pdf(options)
    figures = [figures_by_page[id(page)] for page in chosen]
    head, tail = summary(
        options,
        figures,
        bare=bare,
        locked=locked,
        empty=empty,
        extra=extra,
        offer=offer,
        invoice=invoice,
    )
    rows = [report.row_cells(f) for f in figures]
    write()
    write("\n".join(head))
    write()
    write(report.text_table(rows))
    write()
    write("\n".join(tail))
    options.report.parent.mkdir(parents=True, exist_ok=True)
    options.report.write_text(
        "\n\n".join(
            [
                "\n".join(head),
                report.markdown_table(rows),
                "\n".join(f"- {line.strip()}" for line in tail),
            ]
        )
        + "\n"
    )
    write(f"\nWritten to {options.report}.")
    return 0
