"""Small .xlsx files that cost much to read, made in code for the tests and the bench: a header
cell of millions of characters, a row of millions of cells, a document type declaration. Each is
a real workbook (openpyxl's own parts) whose first sheet or shared strings are swapped for the
crafted XML, written in pieces so that making them stays cheap."""
import io
import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
SHEET_START = ('<?xml version="1.0" encoding="UTF-8"?><worksheet '
               'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_END = "</sheetData></worksheet>"


def _base() -> bytes:
    book = Workbook()
    book.active["A1"] = "judul"
    book.active["B1"] = "kolom"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _swapped(parts: dict[str, object]) -> bytes:
    """The base workbook with the named parts replaced (bytes, or an iterable of str pieces)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_base())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename in parts:
                continue
            target.writestr(item, source.read(item.filename))
        for name, content in parts.items():
            with target.open(name, "w") as stream:
                if isinstance(content, bytes):
                    stream.write(content)
                else:
                    for piece in content:
                        stream.write(piece.encode())
    return out.getvalue()


def huge_header_cell(characters: int = 180_000_000) -> bytes:
    """A1 holds `characters` letters (inline string), the size the unit import once quoted whole."""
    def pieces():
        yield SHEET_START + '<row r="1"><c r="A1" t="inlineStr"><is><t>'
        chunk = "x" * 1_000_000
        for _ in range(characters // len(chunk)):
            yield chunk
        yield "</t></is></c></row>" + SHEET_END
    return _swapped({SHEET: pieces()})


def huge_shared_string(characters: int = 180_000_000) -> bytes:
    """The shared strings hold one text of `characters` letters, used by A1."""
    def strings():
        yield ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
               'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
        chunk = "y" * 1_000_000
        for _ in range(characters // len(chunk)):
            yield chunk
        yield "</t></si></sst>"
    sheet = SHEET_START + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_END
    return _swapped({STRINGS: strings(), SHEET: sheet.encode()})


def wide_row(cells: int = 3_000_000) -> bytes:
    """One row of `cells` numeric cells."""
    def pieces():
        yield SHEET_START + '<row r="1">'
        for start in range(0, cells, 10_000):
            yield "<c><v>1</v></c>" * min(10_000, cells - start)
        yield "</row>" + SHEET_END
    return _swapped({SHEET: pieces()})


def entity_expansion() -> bytes:
    """A sheet declaring nested entities (the "billion laughs")."""
    laughs = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    sheet = ('<?xml version="1.0"?><!DOCTYPE worksheet [' + laughs + ']>'
             + SHEET_START.split("?>", 1)[1] + '<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>'
             + SHEET_END)
    return _swapped({SHEET: sheet.encode()})
