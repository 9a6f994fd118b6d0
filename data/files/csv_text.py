"""The text of an uploaded CSV as people save it from Excel in Indonesia: UTF-8 (with or
without BOM) or Windows-1252, separated by semicolons (Indonesian Excel), commas or tabs."""
from __future__ import annotations

SEPARATORS = (";", ",", "\t")


def decode_csv_text(data: bytes) -> tuple[str | None, str]:
    """The text and the encoding it was read with; None (and what was seen) when it is neither
    UTF-8 nor Windows-1252."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return None, "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, "unknown"


def guess_separator(header_line: str) -> str:
    """The separator the header line uses most (a semicolon when none is used more)."""
    return max(SEPARATORS, key=header_line.count)


# A cell beginning with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"); a leading apostrophe keeps it text, and shows as typed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value):
    """A text cell that a spreadsheet cannot read as a formula; numbers and empty cells unchanged."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    # A carriage return would end the row where the writer does not quote it: a line break instead.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def csv_of(frame) -> str:
    """The one way a table leaves the product as CSV: every text cell (and column name) through
    `inert_cell`, numbers as numbers."""
    import pandas as pd

    frame = pd.DataFrame(frame).copy()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(inert_cell)
    frame.columns = [inert_cell(column) for column in frame.columns]
    return frame.to_csv(index=False)
