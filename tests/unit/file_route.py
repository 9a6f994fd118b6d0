"""Sends one file through one of the app's file routes in a process of its own, for the bomb
tests (tests/unit/services/test_file_bombs.py) and bench/bench_file_bombs.py:

    python tests/unit/file_route.py ROUTES FILE DATABASE_URL [MEMORY_LIMIT_MB]

ROUTES: comma-separated, of units, entries, accounts, catalog (xlsx) and cases (csv). With MEMORY_LIMIT_MB the
process may grow by at most that much beyond what it holds once everything is imported (its
address space is limited: a route that tried to hold more fails with MemoryError). Prints one
line of JSON per route: outcome ("refused", "accepted" or the exception's name), the message, the
seconds and the peak resident memory growth in MB so far."""
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("KLA_ARGON2_FAST", "1")

from data.db import make_engine
from data.errors import DomainError
from data.services.accounts.account_import import import_accounts
from data.services.accounts.auth import authenticate
from data.services.cases.records import import_cases
from data.services.catalog.catalog_admin import import_catalog
from data.services.entry.entry_workbook import import_entries
from data.services.units.unit_import import import_units
from indicators.errors import CatalogError
from seed.kupang import DEMO_PASSWORD


def send(route: str, path: Path, engine):
    data = path.read_bytes()
    if route == "units":
        return import_units(engine, authenticate(engine, "sekretariat", DEMO_PASSWORD), data, path.name, False)
    if route == "entries":
        result = import_entries(engine, authenticate(engine, "opd.dp3a", DEMO_PASSWORD), data)
        if result.problems:
            raise DomainError("; ".join(result.problems))
        return result
    if route == "accounts":
        return import_accounts(engine, authenticate(engine, "sekretariat", DEMO_PASSWORD), data, path.name, False)
    if route == "catalog":
        return import_catalog(engine, authenticate(engine, "admin", DEMO_PASSWORD), path, 2030)
    if route == "cases":
        return import_cases(engine, authenticate(engine, "sekretariat", DEMO_PASSWORD), "53.71", data, True)
    raise SystemExit(f"unknown route {route}")


def main() -> None:
    routes, path, url = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    engine = make_engine(url)
    authenticate(engine, "admin", DEMO_PASSWORD)  # connections and caches warm before measuring
    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if len(sys.argv) > 4:
        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
        limit = size + int(sys.argv[4]) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    for route in routes.split(","):
        started = time.perf_counter()
        try:
            send(route, path, engine)
            outcome, message = "accepted", ""
        except (DomainError, CatalogError) as refused:
            outcome, message = "refused", str(refused)
        except BaseException as error:  # noqa: BLE001 - reported: the test fails on it
            outcome, message = type(error).__name__, str(error)[:300]
        seconds = time.perf_counter() - started
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_rss) / 1024
        print(json.dumps({"route": route, "outcome": outcome, "message": message[:2000],
                          "message_chars": len(message), "seconds": round(seconds, 2),
                          "rss_growth_mb": round(grown, 1)}), flush=True)

if __name__ == "__main__":
    main()
