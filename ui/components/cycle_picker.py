"""The evaluation cycle (by year) a page shows, as a select box of the region's cycle years."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t


def show(years: list[int], *, key: str, default: int | None = None, names: dict[int, str] | None = None,
         where=st, width: int | str = "stretch") -> int | None:
    """One of `years` (newest first): `default` selected until the reader picks another, else the
    first. `names` words a year ("2025 (terbuka)"); `where` is the column or container to draw in."""
    if not years:
        return None
    index = years.index(default) if default in years else 0
    labels = names or {year: str(year) for year in years}
    return where.selectbox(t("picker.cycle"), years, index=index, format_func=labels.get, key=key, width=width)
