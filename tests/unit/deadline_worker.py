"""One OPD operator's process on a deadline day, for tests/unit/services/test_deadline_day.py:

    python tests/unit/deadline_worker.py URL USERNAME SAVES CODE [CODE ...]

Threads, one per question code, each save its question SAVES times (0: until killed) with the
note "<code> <n>", reading the version first as the page does. Every acknowledged save prints a
line "saved <code> <n>" at once; any error prints "error <code> <kind>: <message>". Ends with
"done" when every thread finished."""
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("KLA_ARGON2_FAST", "1")

import pandas as pd

from data.db import make_engine
from data.services.accounts.auth import authenticate
from data.services.entry.answers import save_draft
from data.services.entry.sheet import entry_sheet
from indicators.answers import AnswerValue
from seed.kupang import DEMO_PASSWORD

PRINTING = threading.Lock()


def say(line: str) -> None:
    with PRINTING:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def stored_version(engine, user, code: str) -> int | None:
    rows = entry_sheet(engine, user).rows
    version = rows.loc[rows["question_code"] == code, "version"].iloc[0]
    return None if pd.isna(version) else int(version)


def save_over_and_over(engine, user, code: str, saves: int) -> None:
    number = 0
    while saves == 0 or number < saves:
        number += 1
        try:
            save_draft(engine, user, code, AnswerValue(bool_value=number % 2 == 0), f"{code} {number}",
                       stored_version(engine, user, code))
        except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
            say(f"error {code} {type(error).__name__}: {error}")
            return
        say(f"saved {code} {number}")


def main(url: str, username: str, saves: int, codes: list[str]) -> None:
    engine = make_engine(url)
    user = authenticate(engine, username, DEMO_PASSWORD)
    threads = [threading.Thread(target=save_over_and_over, args=(engine, user, code, saves)) for code in codes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    say("done")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:])
