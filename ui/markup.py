"""Text typed by people (notes, return reasons, file names, prompts) made safe to show inside
st.markdown: it is shown as written, never as markdown or HTML."""

from __future__ import annotations

import re

_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]<>~$|&]|:(?=\w))")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(#|\+|-|=|\d+(?=[.)]))")


def plain(text: object) -> str:
    """Every markdown (and HTML) character escaped, line breaks kept."""
    lines = str(text or "").replace("\r\n", "\n").split("\n")
    escaped = [_MARKDOWN_LINE_START.sub(_escape_line_start, _MARKDOWN_INLINE.sub(r"\\\1", line)) for line in lines]
    return "  \n".join(escaped)


def _escape_line_start(match: re.Match) -> str:
    """A list, heading or rule marker at the start of a line: "1." -> "1\\.", "- " -> "\\- "."""
    indent, marker = match.group(1), match.group(2)
    return f"{indent}{marker}\\" if marker[0].isdigit() else f"{indent}\\{marker}"
