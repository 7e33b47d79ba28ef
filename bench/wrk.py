"""Running Debian's `wrk` and reading what it prints (`--latency`)."""

import re
import shutil
import subprocess
from dataclasses import dataclass

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_PERCENTILE = re.compile(r"^\s*(\d+(?:\.\d+)?)%\s+(\d+(?:\.\d+)?)(us|ms|s|m|h)\s*$")
_RATE = re.compile(r"^Requests/sec:\s+(\d+(?:\.\d+)?)\s*$")
_TOTAL = re.compile(r"^\s*(\d+) requests in ")
_NON_2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(\d+)\s*$")
_SOCKET = re.compile(
    r"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)\s*$"
)


class WrkError(Exception):
    """wrk failed or printed something without a request rate."""


@dataclass(frozen=True)
class WrkResult:
    requests_per_s: float
    requests: int
    # Latency percentiles in milliseconds, by percent (50.0, 75.0, 90.0, 99.0).
    latency_ms: dict[float, float]
    non_2xx_3xx: int = 0
    socket_errors: int = 0

    @property
    def p50_ms(self) -> float | None:
        return self.latency_ms.get(50.0)

    @property
    def p99_ms(self) -> float | None:
        return self.latency_ms.get(99.0)

    @property
    def errors(self) -> int:
        """Responses that were not 2xx/3xx, and connections that failed or
        timed out (wrk's timeout is 2 s)."""
        return self.non_2xx_3xx + self.socket_errors


def parse(output: str) -> WrkResult:
    """The figures of one `wrk --latency` run from its standard output."""
    rate = total = None
    latency: dict[float, float] = {}
    non_2xx = socket_errors = 0
    in_distribution = False
    for line in output.splitlines():
        if line.strip() == "Latency Distribution":
            in_distribution = True
            continue
        if in_distribution:
            found = _PERCENTILE.match(line)
            if found:
                value, unit = float(found.group(2)), found.group(3)
                latency[float(found.group(1))] = value * _UNITS_MS[unit]
                continue
            in_distribution = False
        if found := _RATE.match(line):
            rate = float(found.group(1))
        elif found := _TOTAL.match(line):
            total = int(found.group(1))
        elif found := _NON_2XX.match(line):
            non_2xx = int(found.group(1))
        elif found := _SOCKET.match(line):
            socket_errors = sum(int(n) for n in found.groups())
    if rate is None or total is None:
        raise WrkError(f"No request rate in wrk's output:\n{output}")
    if total == 0:
        # wrk prints a distribution of zeros when no request finished.
        latency = {}
    return WrkResult(
        requests_per_s=rate,
        requests=total,
        latency_ms=latency,
        non_2xx_3xx=non_2xx,
        socket_errors=socket_errors,
    )


def command(
    url: str,
    *,
    seconds: float,
    threads: int = 2,
    connections: int = 8,
    timeout: float = 30,
    headers: dict[str, str] | None = None,
) -> list[str]:
    """wrk's arguments. Its own timeout (2 s) would count a slow answer on a
    busy machine as a failed one: a request fails only after `timeout`."""
    args = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={max(1, round(timeout))}s",
        "--latency",
    ]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    return [*args, url]


def run(url: str, **options) -> WrkResult:
    """Load `url` for `seconds` and answer what wrk measured."""
    if shutil.which("wrk") is None:
        raise WrkError("wrk is not installed (make system-deps installs it).")
    args = command(url, **options)
    done = subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=options["seconds"] + options.get("timeout", 30) + 60,
    )
    if done.returncode != 0:
        raise WrkError(f"{' '.join(args)} failed: {done.stderr or done.stdout}")
    return parse(done.stdout)
