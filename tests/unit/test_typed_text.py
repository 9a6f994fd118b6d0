"""Typed text is shown as written: every Streamlit call in ui/ and app_pages/ that shows its text as
markdown (messages, headings, captions, labels of expanders, tabs and widgets, st.table cells) is
given text built only from fixed strings, `t(...)` (which escapes what it fills in), `plain(...)`,
number and date formats (`fmt.*`), or `markdown(...)` (the author's word that the pieces inside are
such). Anything else (a variable, a service's message, a name read from the database) must go
through `plain` first. Read with ast; each failure names the file, line and call."""
from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pandas as pd

from ui.i18n import t, t_text
from ui.markup import Markdown, markdown, plain, plain_frame

ROOT = Path(__file__).resolve().parents[2]
MARKDOWN_CALLS = {
    "markdown", "write", "caption", "info", "warning", "error", "success", "toast", "exception", "title", "header",
    "subheader", "expander", "popover", "tabs", "metric", "badge", "button", "download_button", "link_button",
    "checkbox", "toggle", "radio", "selectbox", "multiselect", "pills", "segmented_control", "text_input",
    "text_area", "number_input", "date_input", "time_input", "file_uploader", "slider", "select_slider",
    "form_submit_button", "page_link", "table",
}
LABEL_ONLY = {"page_link"}  # its first argument is a page, its text the label
SAFE_BUILDERS = {"t", "plain", "plain_frame", "markdown"}
# Helpers returning only the product's own names (registries, formats).
FIXED_TEXT = {"role_name", "answer_status_name", "answer_type_name", "action_name", "cycle_status_name"}


class Scan:
    """One module's calls, with what its local names and functions hold: a variable is safe when
    every assignment to it in its function is; a module function when everything it returns is."""

    def __init__(self, source: str):
        self.tree = ast.parse(source)
        self.functions = {node.name: node for node in ast.walk(self.tree)
                          if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.scope_of: dict[ast.AST, ast.AST] = {}
        for scope in [self.tree, *self.functions.values()]:
            for child in ast.walk(scope):
                if child is not scope and (child not in self.scope_of or scope is not self.tree):
                    self.scope_of.setdefault(child, scope)
                    if scope is not self.tree:
                        self.scope_of[child] = scope
        self.known: dict[object, bool] = {}

    def _remember(self, key: object, decide) -> bool:
        if key not in self.known:
            self.known[key] = True  # a function calling itself: decided by its other returns
            self.known[key] = decide()
        return self.known[key]

    def is_safe(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(self.is_safe(part.value) for part in node.values if isinstance(part, ast.FormattedValue))
        if isinstance(node, ast.BinOp):
            return self.is_safe(node.left) and self.is_safe(node.right)
        if isinstance(node, ast.IfExp):
            return self.is_safe(node.body) and self.is_safe(node.orelse)
        if isinstance(node, ast.BoolOp):
            return all(self.is_safe(value) for value in node.values)
        if isinstance(node, (ast.List, ast.Tuple)):
            return all(self.is_safe(item) for item in node.elts)
        if isinstance(node, ast.Name):
            return self._name_is_safe(node)
        if isinstance(node, ast.Call):
            return self._call_is_safe(node)
        return False

    def _call_is_safe(self, node: ast.Call) -> bool:
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
        if name in SAFE_BUILDERS or name in FIXED_TEXT:
            return True
        if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name) and function.value.id == "fmt":
            return True
        if name == "join" and isinstance(function, ast.Attribute) and self.is_safe(function.value) and node.args:
            joined = node.args[0]
            return isinstance(joined, (ast.GeneratorExp, ast.ListComp)) and self.is_safe(joined.elt)
        if isinstance(function, ast.Name) and function.id in self.functions:
            definition = self.functions[function.id]
            returns = [node.value for node in ast.walk(definition) if isinstance(node, ast.Return) and node.value]
            return self._remember(definition, lambda: bool(returns) and all(self.is_safe(value) for value in returns))
        return False

    def _name_is_safe(self, node: ast.Name) -> bool:
        scope = self.scope_of.get(node, self.tree)
        return self._remember((scope, node.id), lambda: self._assigned_safely(scope, node.id))

    def _assigned_safely(self, scope: ast.AST, name: str) -> bool:
        values = []
        for child in ast.walk(scope):
            if isinstance(child, ast.Assign) and any(isinstance(target, ast.Name) and target.id == name
                                                     for target in child.targets):
                values.append(child.value)
            elif isinstance(child, (ast.AugAssign, ast.AnnAssign)) and getattr(child.target, "id", None) == name:
                values.append(child.value)
            elif isinstance(child, (ast.For, ast.comprehension, ast.With, ast.arg)) and name in {
                    getattr(target, "id", getattr(target, "arg", None)) for target in ast.walk(child)
                    if isinstance(target, (ast.Name, ast.arg)) and (not isinstance(child, ast.For)
                                                                   or target in ast.walk(child.target))}:
                if isinstance(child, ast.arg) or isinstance(child, (ast.For, ast.comprehension)):
                    return False
        return bool(values) and all(value is not None and self.is_safe(value) for value in values)


def is_safe(node: ast.AST) -> bool:
    return Scan("").is_safe(node)


def shown_as_markdown(source: str) -> list[tuple[int, str]]:
    """(line, call) of every markdown-showing call given text that is not built safely."""
    scan = Scan(source)
    found = []
    for node in ast.walk(scan.tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in MARKDOWN_CALLS):
            continue
        receiver = node.func.value
        if isinstance(receiver, ast.Name) and (receiver.id in ("markup", "log") or receiver.id.endswith("view")):
            continue  # markup.markdown(...) itself (checked where it is shown), a file, a view's own function
        if node.func.attr == "table" and not (isinstance(receiver, ast.Name) and receiver.id == "st"):
            continue
        first = [] if node.func.attr in LABEL_ONLY else node.args[:1]
        shown = [*first, *(keyword.value for keyword in node.keywords if keyword.arg in ("label", "body", "help"))]
        found += [(node.lineno, ast.unparse(node)[:100]) for text in shown if not scan.is_safe(text)]
    return sorted(set(found))


def test_the_scan_tells_safe_text_from_typed_text():
    source = (
        "st.markdown(f'**{t(\"a\")}** {plain(unit.name)}')\n"
        "st.caption(t('x', name=unit.name))\n"
        "st.tabs([t('a'), t('b')])\n"
        "st.markdown(unit.name)\n"
        "st.error(error.message)\n"
        "st.subheader(meeting.title)\n"
        "col.markdown(f'**{unit.name}**')\n"
        "label = f'**{unit.name}**'\n"
        "st.expander(label)\n"
        "st.expander(markdown(f'**{plain(unit.name)}** {fmt.number(3)}'))\n"
    )
    assert [line for line, _ in shown_as_markdown(source)] == [4, 5, 6, 7, 9]


def test_every_markdown_call_in_the_ui_gets_safe_text():
    offending = []
    for folder in ("ui", "app_pages"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            offending += [f"{path.relative_to(ROOT)}:{line}: {call}"
                          for line, call in shown_as_markdown(path.read_text(encoding="utf-8"))]
    offending += [f"pantau.py:{line}: {call}" for line, call in shown_as_markdown((ROOT / "pantau.py").read_text())]
    assert offending == [], "typed text shown as markdown (pass it through plain):\n" + "\n".join(offending)


PAYLOADS = [
    "![x](http://127.0.0.1:9/planted.png)", "[klik](http://127.0.0.1:9/)", "<img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://x\")", "# Judul", "- butir", "1. butir", ":red[merah] :material/home:", "$x^2$",
    "https://contoh.id www.contoh.id a@b.id", "`kode`", "**tebal** _miring_ ~coret~", "| a | b |",
]


def test_plain_keeps_every_character_and_escapes_every_marker():
    for payload in PAYLOADS:
        shown = plain(payload)
        assert isinstance(shown, Markdown)
        assert shown.replace("\\", "") == payload.replace("\\", "")
        assert plain(shown) is shown
    assert plain("Kota Kupang, 1.234,5 pada 10:30") == "Kota Kupang, 1.234,5 pada 10:30"
    assert plain("a\u202eb\x07c") == "a\ufffdb\ufffdc"


def test_t_escapes_what_it_fills_in_and_keeps_its_own_markdown():
    text = t("public.sentence", lang="id", region="[Kota](http://x)", predikat="Madya", year=2024,
             total="700", max="1000")
    assert "\\[Kota\\](http\\://x)" in text and "**Madya**" in text
    assert t("x", name=markdown("**tebal**")) == "x"


def test_t_text_fills_in_as_typed_for_literal_sinks_and_is_refused_at_a_markdown_sink():
    """Where Streamlit shows text as it is (a selectbox's option labels, dataframe cells, chart
    titles, file names, a field's value), t_text fills in the typed value without backslashes; its
    result is no `Markdown`, so the scan refuses it where text is read as markdown."""
    label = t_text("units.unit_option", lang="id", name="Dinas P&K_kota [1]", state="aktif")
    assert label == "Dinas P&K_kota [1] (aktif)" and not isinstance(label, Markdown)
    assert t("units.unit_option", lang="id", name="Dinas P&K_kota [1]", state="aktif") == (
        "Dinas P\\&K\\_kota \\[1\\] (aktif)")
    assert t_text("units.undo_option", lang="en", file="units_kupang.csv", batch="imp-1", count=2) == (
        "units_kupang.csv · imp-1 · 2 units")
    source = ("st.caption(t_text('units.unit_option', name=unit.name, state='aktif'))\n"
              "st.selectbox(t('units.unit'), codes, format_func={c: t_text('x', name=c) for c in codes}.get)\n")
    assert [line for line, _ in shown_as_markdown(source)] == [1]


def test_plain_frame_escapes_every_text_cell():
    frame = plain_frame({"Nama": ["![x](http://y)", "Dinkes"], "Skor": [1.5, 2.0]})
    assert list(frame["Nama"]) == ["!\\[x\\](http\\://y)", "Dinkes"]
    assert list(frame["Skor"]) == [1.5, 2.0]


def test_tables_and_workbooks_leave_only_through_their_one_way():
    """CSV through data/files/csv_text.csv_of, workbooks through data/files/xlsx_text.saved_workbook,
    PDF text never read as markdown or HTML."""
    rules = {".to_csv(": "csv_text.py", "book.save(": "xlsx_text.py", "markdown=True": None, "write_html(": None}
    offending = []
    for folder in ("app_pages", "ui", "data", "cli", "indicators"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            offending += [f"{path.relative_to(ROOT)}: {needle}" for needle, home in rules.items()
                          if needle in source and path.name != home]
    assert offending == []


def test_a_csv_cell_never_starts_a_formula():
    from data.files.csv_text import csv_of

    text = csv_of(pd.DataFrame({"=nama": ["=1+1", "+62", "-x", "@SUM(A1)", "\tx", "\rx", "Dinkes"], "n": range(7)}))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["'=nama", "n"]
    assert [row[0] for row in rows[1:]] == ["'=1+1", "'+62", "'-x", "'@SUM(A1)", "'\tx", "'\nx", "Dinkes"]
    assert [row[1] for row in rows[1:]] == [str(n) for n in range(7)]


def test_a_workbook_cell_is_never_a_formula():
    from openpyxl import Workbook, load_workbook

    from data.files.xlsx_text import saved_workbook

    book = Workbook()
    book.active.append(["=HYPERLINK(\"http://127.0.0.1:9\",\"klik\")", "Dinkes", 3])
    read = load_workbook(io.BytesIO(saved_workbook(book))).active
    assert [cell.data_type for cell in read[1]] == ["s", "s", "n"]
    assert read["A1"].value == "=HYPERLINK(\"http://127.0.0.1:9\",\"klik\")"
