"""The one way typed text reaches the screen. Streamlit shows most strings as markdown (st.markdown,
st.caption, st.info and the other messages, headings, expander and tab labels, st.table cells), so
text a person typed (a unit's name, a note, a meeting's title, a service's message quoting a name)
goes through `plain` and is shown as written, never as markdown or HTML: a planted image or link
stays text. The product's own fixed strings come through `ui.i18n.t`, which passes every value it
fills in through `plain`; a string that is already safe is a `Markdown`, and `plain` leaves it as
it is. tests/unit/test_typed_text.py checks that every such call in ui/ and app_pages/ is given text
built from these.

Where Streamlit shows text as it is (a selectbox's or multiselect's option labels from format_func,
st.dataframe and st.data_editor cells and column names, chart titles, tooltips and alt text, a
download's file name, a text field's value, a placeholder), an escape would show its backslash:
there typed text goes in as it is, and the product's strings come through `ui.i18n.t_text`, which
fills in values unescaped. Radio, pills and segmented-control option labels, widget labels and
st.metric values are markdown."""

from __future__ import annotations

import re

import pandas as pd
from pandas.io.formats.style import Styler

_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]~$|&@]|<(?=[A-Za-z/!?])|:(?=[A-Za-z_/])|(?<=www)\.)", re.IGNORECASE)
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+=]+(?=\s|$)|#|>|\d+(?=[.)](?:\s|$)))")
# Characters that change how text around them reads without showing themselves: controls, and
# the bidirectional overrides and isolates (a name could otherwise show its letters reversed).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class Markdown(str):
    """A string that is safe to show as markdown: the product's own text, or typed text that went
    through `plain`."""

    __slots__ = ()


def plain(text: object) -> Markdown:
    """Every markdown (and HTML) character escaped, invisible controls shown as a mark, line breaks
    kept. Already-safe text (a `Markdown`) is returned as it is."""
    if isinstance(text, Markdown):
        return text
    if text is None:
        return Markdown("")
    lines = _INVISIBLE.sub("\N{REPLACEMENT CHARACTER}", str(text).replace("\r\n", "\n")).split("\n")
    escaped = [_MARKDOWN_LINE_START.sub(_escape_line_start, _MARKDOWN_INLINE.sub(r"\\\1", line)) for line in lines]
    return Markdown("  \n".join(escaped))


def markdown(text: str) -> Markdown:
    """Markdown the product wrote itself from fixed strings, `t(...)` and `plain(...)` pieces (the
    house test checks that the argument is built only from those)."""
    return Markdown(text)


def plain_frame(frame):
    """A data frame (or its Styler) for st.table, whose cells Streamlit shows as markdown: every
    text cell, label and index value escaped with `plain`."""
    if isinstance(frame, Styler):
        frame.data = plain_frame(frame.data)
        return frame
    if isinstance(frame, dict) and not any(isinstance(value, (list, tuple, pd.Series)) for value in frame.values()):
        return {plain(key): plain(value) if isinstance(value, str) else value for key, value in frame.items()}
    frame = pd.DataFrame(frame).copy()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = [plain(value) if isinstance(value, str) else value for value in frame[column]]
    frame.columns = [plain(column) if isinstance(column, str) else column for column in frame.columns]
    if not pd.api.types.is_numeric_dtype(frame.index):
        frame.index = [plain(value) if isinstance(value, str) else value for value in frame.index]
    return frame


def _escape_line_start(match: re.Match) -> str:
    """A list, heading or quote marker at the start of a line: "1. " -> "1\\. ", "- " -> "\\- "."""
    indent, marker = match.group(1), match.group(2)
    return f"{indent}{marker}\\" if marker[0].isdigit() else f"{indent}\\{marker}"
