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
