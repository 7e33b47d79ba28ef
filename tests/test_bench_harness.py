"""`make bench`'s pure parts: reading wrk's output, the ratios to the bare view
and the goals printed beside them. Nothing here is timed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

from bench import report, wrk

# What wrk 4.1 (Debian) printed for a page that answered 404 every time.
WRK_404 = """\
Running 1s test @ http://127.0.0.1:18765/nope
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.48ms   14.51ms 104.84ms   93.18%
    Req/Sec   231.05    173.92   494.00     65.00%
  Latency Distribution
     50%    8.61ms
     75%   12.88ms
     90%   20.49ms
     99%   93.60ms
  461 requests in 1.00s, 234.10KB read
  Non-2xx or 3xx responses: 461
Requests/sec:    459.79
Transfer/sec:    233.49KB
"""

# A fast page (microseconds) whose slowest requests took seconds and timed out.
WRK_MIXED_UNITS = """\
Running 5s test @ http://127.0.0.1:8001/bench/bare/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   610.00us    1.20ms   1.99s    99.00%
    Req/Sec     3.51k   210.00     3.90k    71.00%
  Latency Distribution
     50%  800.00us
     75%    1.10ms
     90%    1.40ms
     99%    1.50s
  35012 requests in 5.00s, 6.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
Requests/sec:   7002.40
Transfer/sec:      1.22MB
"""


def test_parse_reads_rate_percentiles_and_non_2xx():
    result = wrk.parse(WRK_404)
    assert result.requests_per_s == 459.79
    assert result.requests == 461
    assert result.latency_ms == {50.0: 8.61, 75.0: 12.88, 90.0: 20.49, 99.0: 93.60}
    assert (result.p50_ms, result.p99_ms) == (8.61, 93.60)
    assert result.non_2xx_3xx == 461
    assert result.socket_errors == 0
    assert result.errors == 461


def test_parse_converts_units_and_counts_socket_errors():
    result = wrk.parse(WRK_MIXED_UNITS)
    assert result.requests_per_s == 7002.40
    assert result.p50_ms == pytest.approx(0.8)
    assert result.p99_ms == pytest.approx(1500.0)
    assert result.non_2xx_3xx == 0
    assert result.socket_errors == 5
    assert result.errors == 5


def test_parse_of_a_run_without_requests_fails():
    output = "unable to connect to 127.0.0.1:18765 Connection refused\n"
    with pytest.raises(wrk.WrkError, match="No request rate"):
        wrk.parse(output)


def test_a_run_in_which_no_request_finished_has_no_latency():
    output = """\
Running 2s test @ http://127.0.0.1:8001/portal/
  2 threads and 8 connections
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 2.00s, 0.00B read
  Socket errors: connect 0, read 0, write 0, timeout 8
Requests/sec:      0.00
Transfer/sec:       0.00B
"""
    result = wrk.parse(output)
    assert result.requests == 0
    assert result.p50_ms is None
    assert result.socket_errors == 8


def test_a_clean_run_has_no_errors():
    clean = WRK_404.replace("  Non-2xx or 3xx responses: 461\n", "")
    assert wrk.parse(clean).errors == 0


def test_command_sends_the_session_cookie_and_whole_seconds():
    args = wrk.command(
        "http://127.0.0.1:9/portal/",
        seconds=2.4,
        headers={"Cookie": "sessionid=abc"},
    )
    assert args == [
        "wrk",
        "-t2",
        "-c8",
        "-d2s",
        "--timeout=30s",
        "--latency",
        "-H",
        "Cookie: sessionid=abc",
        "http://127.0.0.1:9/portal/",
    ]
    assert "-H" not in wrk.command("http://127.0.0.1:9/", seconds=0.2)
    assert "-d1s" in wrk.command("http://127.0.0.1:9/", seconds=0.2)


def _page(goals, *, rates=(100.0, 50.0, 30.0), bares=(1000.0, 1000.0, 600.0)):
    page = report.PageFigures("start page", "buyer1@bench.example", goals)
    for rate, bare in zip(rates, bares, strict=True):
        page.add_round(
            rate=rate,
            bare_rate=bare,
            p50=10.0,
            p99=40.0,
            non_2xx_3xx=0,
            socket_errors=0,
        )
    return page


def test_ratio_is_the_median_of_each_rounds_own_ratio():
    page = _page((report.PAGE,))
    # 0.1, 0.05 and 0.05: not median(rates) / median(bares) (50 / 1000).
    assert page.ratio == pytest.approx(0.05)
    assert report.PageFigures("x", "y").ratio is None


def test_goals_are_marked_met_or_not():
    assert report.PAGE.met(0.05) is True
    assert report.PAGE.met(0.049) is False
    assert report.MIDDLEWARE_SIGNED_IN.met(0.29) is False
    assert report.LIST_QUERIES.met(20) is True
    assert report.LIST_QUERIES.met(21) is False
    # The 150 ms beside its bare view's 7,000 req/s.
    assert report.OFFER_PDF.text == "≤ 1,050 bare requests"
    assert report.OFFER_PDF.met(1050.0) is True
    assert report.OFFER_PDF.met(1050.1) is False
    assert report.PAGE.met(None) is None


def test_row_shows_figures_with_goals_and_errors():
    page = _page((report.PAGE, report.LIST_QUERIES), rates=(80.0,), bares=(1000.0,))
    assert report.row_cells(_page((), rates=(7.25,), bares=(1000.0,)))[2] == "7.2"
    page.queries = 21
    page.rendered_ms = 8.5
    assert report.row_cells(page) == [
        "start page",
        "buyer1@bench.example",
        "80",
        "10.0",
        "40.0",
        "21",
        "8.5",
        "0.080",
        "ratio ≥ 0.05 ✓; ≤ 20 queries ✗",
        "0 ✓",
    ]
    assert not page.all_met
    page.queries = 20
    assert page.all_met
    page.add_round(
        rate=80.0, bare_rate=1000.0, p50=None, p99=None, non_2xx_3xx=3, socket_errors=0
    )
    assert report.row_cells(page)[-1] == "3 ✗"
    assert not page.all_met
    page.add_round(
        rate=80.0, bare_rate=1000.0, p50=None, p99=None, non_2xx_3xx=0, socket_errors=2
    )
    assert report.row_cells(page)[-1] == "5 ✗ (2 socket errors or timeouts)"


def test_small_ratios_keep_their_digits():
    page = _page((report.MIDDLEWARE_SIGNED_IN,), rates=(3.0,), bares=(1000.0,))
    cells = report.row_cells(page)
    assert cells[7] == "0.0030"
    assert cells[8] == "ratio ≥ 0.3 ✗"


def test_a_page_that_did_not_answer_says_why():
    page = report.PageFigures("forum topic", "partner@northwind.example")
    page.failure = "HTTP 302 /accounts/login/"
    cells = report.row_cells(page)
    assert cells[2] == "HTTP 302 /accounts/login/"
    assert not page.all_met


def test_tables_line_up_and_markdown_escapes_pipes():
    rows = [["a|b", "anonymous", "1,234", "1.0", "2.0", "5", "3.5", "0.100", "", "0 ✓"]]
    text = report.text_table(rows).splitlines()
    assert text[0].startswith("page")
    assert text[2].startswith("a|b")
    # Figures end where their heading ends.
    assert text[0].index("req/s") == text[2].index("1,234")
    markdown = report.markdown_table(rows).splitlines()
    assert markdown[0] == (
        "| page | as | req/s | p50 ms | p99 ms | queries | rendered ms | ratio | goal "
        "| errors |"
    )
    assert markdown[1] == (
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
    )
    assert markdown[2].startswith("| a\\|b | anonymous | 1,234 |")


def test_offer_pdf_renders_count_in_requests_of_the_bare_view_run_before_them():
    offer = report.OfferPdfFigures("Offer PDF", report.OFFER_PDF)
    assert offer.text == "Offer PDF: not measured"
    assert offer.met is None
    # A slow round (its bare view slow alike) and a quick one: each render
    # is compared with its own round's bare view, not with the median rate.
    offer.add([400.0, 420.0], bare_rate=2000.0)
    offer.add([100.0], bare_rate=7000.0)
    assert offer.median_ms == 400.0
    # 800, 840 and 700 requests' time.
    assert offer.bare_requests == pytest.approx(800.0)
    assert offer.met is True
    assert offer.text == (
        "Offer PDF: median 400 ms over 3 renders between the load rounds, as long "
        "as the bare view takes for 800 requests (goal ≤ 1,050 bare requests ✓: "
        "issue #15's 150 ms beside its bare view's ~7,000 req/s; at the 2,000 "
        "req/s of the bare-view runs before the renders, 525 ms). Per round, "
        "median and bare view: 410 ms at 2,000 req/s, 100 ms at 7,000 req/s."
    )
    # The issue's own figure before the speed work: 187 ms at 7,000 req/s.
    before = report.OfferPdfFigures("Offer PDF", report.OFFER_PDF)
    before.add([187.0], bare_rate=7000.0)
    assert before.bare_requests == pytest.approx(1309.0)
    assert before.met is False
    assert "(goal ≤ 1,050 bare requests ✗:" in before.text


def test_timings_and_catalogue_reference():
    assert report.Timing("Invoice PDF", 49.0).text == "Invoice PDF: median 49 ms"
    lines = report.catalogue_lines(
        products=20, queries=30, median_ms=100.0, ratio=0.0057
    )
    assert "30 queries (1.5 per product" in lines[0]
    assert "≤ 20 queries ✗" in lines[0]
    assert "5.0 ms per product" in lines[0]
    assert "8 req/s beside the bare view's ~7,000" in lines[1]
    assert "(ratio 0.0011)" in lines[1]
    assert "~130 queries for 20 products" in lines[1]
    # 0.0057 / (8 / 7000) = 4.99: short of the goal.
    assert (
        lines[2]
        == "  The catalogue's ratio 0.0057 is 5.0x the sandbox's (goal ≥ 10x ✗)."
    )
    assert report.catalogue_lines(products=20, queries=12, median_ms=50.0, ratio=0.012)[
        2
    ].endswith("(goal ≥ 10x ✓).")
    assert (
        len(report.catalogue_lines(products=20, queries=12, median_ms=50.0, ratio=None))
        == 2
    )


def test_the_catalogue_goal_is_ten_times_the_sandboxs_ratio():
    assert report.CATALOGUE.text == "ratio ≥ 0.0114"
    assert report.CATALOGUE.met(0.0115) is True
    assert report.CATALOGUE.met(0.0046) is False


def test_bare_view_in_the_portal_exists_only_in_the_bench_urlconf():
    from config import bench_urls  # imports the portal's URLconf

    match = resolve("/bench/bare/", urlconf="config.bench_urls")
    assert match.func is bench_urls.bare
    try:
        portal_match = resolve("/bench/bare/", urlconf="config.urls")
    except Resolver404:
        portal_match = None
    # The portal's own URLs hand it to Wagtail's page tree at most.
    assert portal_match is None or portal_match.func is not bench_urls.bare


def test_bench_settings_are_production_without_https():
    """Read in a process of its own: the module sets environment defaults."""
    script = (
        "import django, json; from django.conf import settings; django.setup();"
        "from config.settings import production;"
        "print(json.dumps({'debug': settings.DEBUG,"
        " 'same_middleware': settings.MIDDLEWARE == production.MIDDLEWARE,"
        " 'ssl_redirect': settings.SECURE_SSL_REDIRECT,"
        " 'secure_cookie': settings.SESSION_COOKIE_SECURE,"
        " 'atomic': settings.DATABASES['default']['ATOMIC_REQUESTS'] =="
        "  production.DATABASES['default']['ATOMIC_REQUESTS'],"
        " 'database': str(settings.DATABASES['default']['NAME']),"
        " 'urlconf': settings.ROOT_URLCONF}))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["debug"] is False
    assert found["same_middleware"] is True
    assert found["atomic"] is True
    assert found["ssl_redirect"] is False
    assert found["secure_cookie"] is False
    assert found["database"].endswith("var/bench/bench.sqlite3")
    assert found["urlconf"] == "config.bench_urls"
