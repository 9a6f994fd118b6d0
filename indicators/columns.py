"""The header row of an imported table, checked the same way on every import route (units,
accounts, cases, the catalog spreadsheet, the entry workbook): each title is matched against the
columns the route knows (case, spaces, underscores and slashes do not matter); a title the route
does not know is refused naming the closest known column and the known ones, a required column
missing is refused, and so is a column given twice. Messages name the row and the column letter."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence

from indicators.text import excerpt

MAX_UNKNOWN_NAMED = 10   # a header of thousands of titles is refused naming the first ten


def column_key(value: object) -> str:
    """A header as compared: lower case, underscores as spaces, one space, no space around '/'."""
    text = " ".join(str(value if value is not None else "").replace("_", " ").split()).casefold()
    return re.sub(r"\s*/\s*", "/", text)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def closest_column(title: object, accepted: Mapping[str, Iterable[str]]) -> str | None:
    """The known column a misspelled title most likely meant ('singkatan' -> 'nama_singkat',
    'sumber' -> 'sumber_data'), or None when none is near."""
    key = column_key(title)
    if not key or len(key) > 100:
        return None
    names: dict[str, str] = {}
    for column, aliases in accepted.items():
        for name in (column, *aliases):
            names.setdefault(column_key(name), column)
            for word in re.split(r"[ /]", column_key(name)):
                if len(word) >= 4:
                    names.setdefault(word, column)
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.7)
    if close:
        return names[close[0]]
    near = [column for name, column in names.items()
            if len(key) >= 3 and name.startswith(key) or len(key) >= 4 and (key in name or name in key)]
    return near[0] if near else None


def check_header(cells: Sequence[object], accepted: Mapping[str, Iterable[str]], required: Iterable[str] = (),
                 line: int = 1) -> tuple[dict[str, int], list[str]]:
    """The position of every known column in the header row `cells` (column -> 0-based index) and
    the problems that refuse the file: an unknown title, a required column missing, a column twice.
    `accepted` maps each column's name to the other titles it may have."""
    by_title = {column_key(name): column for column, aliases in accepted.items() for name in (column, *aliases)}
    known = ", ".join(accepted)
    columns: dict[str, int] = {}
    problems: list[str] = []
    unknown = 0
    for index, title in enumerate(cells):
        key = column_key(title)
        if not key:
            continue
        where = f"Baris {line}, kolom {column_letter(index)}"
        column = by_title.get(key)
        if column is None:
            unknown += 1
            if unknown > MAX_UNKNOWN_NAMED:
                continue
            guess = closest_column(title, accepted)
            hint = f"; maksud Anda '{guess}'?" if guess else "."
            problems.append(f"{where}: kolom '{excerpt(str(title), 40)}' tidak dikenal{hint} "
                            f"Kolom yang dikenal: {known}.")
        elif column in columns:
            problems.append(f"{where}: kolom {column} sudah ada di kolom {column_letter(columns[column])}; "
                            "hapus salah satunya.")
        else:
            columns[column] = index
    if unknown > MAX_UNKNOWN_NAMED:
        problems.append(f"Baris {line}: {unknown - MAX_UNKNOWN_NAMED} judul kolom lain juga tidak dikenal.")
    problems += missing_columns(columns, required, accepted, line)
    return columns, problems


def missing_columns(columns: Mapping[str, int], required: Iterable[str], accepted: Mapping[str, Iterable[str]],
                    line: int = 1) -> list[str]:
    missing = [column for column in required if column not in columns]
    if not missing:
        return []
    return [f"Baris {line}: kolom wajib {', '.join(missing)} tidak ada. Baris {line} harus berisi judul kolom: "
            f"{', '.join(accepted)}."]
