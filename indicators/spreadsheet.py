"""A catalog from a spreadsheet with one row per question.

Sheet "pertanyaan" (or the first sheet), a header row, then one row per question. Columns
(Indonesian names; the English names in brackets work too):
  kode_grup [group_code], nama_grup [group_name], maks_grup [group_max],
  kode_indikator [indicator_code], nama_indikator [indicator_name], maks_indikator [indicator_max],
  kode_pertanyaan [question_code], pertanyaan [prompt], tipe_jawaban [answer_type],
  maks_poin [max_points], sumber_data [data_source] (names separated by , or ;),
  kecamatan [every_kecamatan] and desa_kelurahan [every_desa_kelurahan] (ya/tidak),
  pertanyaan_unit [unit_prompt] (the yes/no question every kecamatan or desa/kelurahan answers;
  needed on a row flagged kecamatan or desa_kelurahan),
  optional: pertanyaan_en [prompt_en], bantuan [help], bukti [evidence],
  opsi [options] ("lengkap=1; sebagian=0,5; belum=0"), aturan [rule] ("linear", "linear:90",
  "inverse:0-30", "bands:0=0;50=0,5;80=1"; for a count the bands alone: "1=0,5;3=1").
Optional sheet "katalog": rows of key and value: versi, judul, total_poin, and the predikat bounds
pratama, madya, nindya, utama, kla. Without it the version is the file name and the national
bounds (500 inclusive, 600, 700, 800, 900) apply.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError, ParserCreate

from indicators.columns import check_header
from indicators.errors import CatalogError, Problem
from indicators.text import excerpt

COLUMNS = {
    "kode_grup": "group_code", "nama_grup": "group_name", "maks_grup": "group_max",
    "kode_indikator": "indicator_code", "nama_indikator": "indicator_name", "maks_indikator": "indicator_max",
    "kode_pertanyaan": "question_code", "pertanyaan": "prompt", "pertanyaan_en": "prompt_en",
    "tipe_jawaban": "answer_type", "maks_poin": "max_points", "sumber_data": "data_source",
    "kecamatan": "every_kecamatan", "desa_kelurahan": "every_desa_kelurahan", "pertanyaan_unit": "unit_prompt",
    "bantuan": "help", "bukti": "evidence", "opsi": "options", "aturan": "rule",
}
REQUIRED = ("group_code", "indicator_code", "question_code", "prompt", "answer_type", "max_points")
INDONESIAN = {english: indonesian for indonesian, english in COLUMNS.items()}
ACCEPTED_COLUMNS = {indonesian: (english,) for indonesian, english in COLUMNS.items()}
"""Each column by its Indonesian title, with the English one it may have instead."""
ANSWER_TYPE_NAMES = {
    "ya/tidak": "yes_no", "ya_tidak": "yes_no", "yes_no": "yes_no", "pilihan": "choice", "choice": "choice",
    "bertingkat": "graded", "graded": "graded",
    "persentase": "percentage", "percentage": "percentage", "jumlah": "count", "count": "count",
}
NATIONAL_PREDIKAT = [("pratama", "Pratama", 500, True), ("madya", "Madya", 600, False),
                     ("nindya", "Nindya", 700, False), ("utama", "Utama", 800, False), ("kla", "KLA", 900, False)]
MAX_ROWS = 5000


def _key(header) -> str:
    return re.sub(r"[^a-z_]", "", str(header or "").strip().lower().replace(" ", "_").replace("/", "_"))


def _decimal(text) -> float | str:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    raw = str(text).strip().replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return str(text).strip()


def qualified_question_code(indicator_code: object, question_code: object) -> str:
    """The official spreadsheet numbers questions within their indicator ("1", "2a"); the catalog
    names them with the indicator in front ("1.1", "1.2a", "21A.1"). A code that already holds a
    dot is taken as it is."""
    indicator = str(indicator_code or "").strip()
    code = str(question_code or "").strip()
    if isinstance(question_code, float) and question_code.is_integer():
        code = str(int(question_code))
    if not code or "." in code or not indicator:
        return code
    return f"{indicator}.{code}"


def slug(name: str) -> str:
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", name.lower())).strip("_")


def _open(path: Path):
    """The catalog workbook, after the checks every uploaded workbook gets (open_workbook)."""
    try:
        return open_workbook(path.read_bytes())
    except WorkbookRefused as refused:
        raise CatalogError([Problem(path.name, refused.message)]) from None


def catalog_dict_from_xlsx(path: str | Path, source_aliases: dict[str, str] | None = None) -> dict:
    """Read the spreadsheet into the catalog mapping; each question keeps its row as `_row`."""
    path = Path(path)
    book = _open(path)
    sheet = book["pertanyaan"] if "pertanyaan" in book.sheetnames else book[book.sheetnames[0]]
    rows = sheet.iter_rows(values_only=False)
    header_cells = next(rows, None)
    if header_cells is None:
        raise CatalogError([Problem(path.name, "lembar pertanyaan kosong")])
    found, header_problems = check_header([_key(cell.value) or cell.value for cell in header_cells], ACCEPTED_COLUMNS,
                                          [INDONESIAN[name] for name in REQUIRED])
    if header_problems:
        raise CatalogError([Problem(path.name, message) for message in header_problems])
    columns = {COLUMNS[name]: index for name, index in found.items()}

    aliases = {slug(k): v for k, v in (source_aliases or {}).items()}
    problems: list[Problem] = []
    groups: dict[str, dict] = {}
    indicators: dict[str, dict] = {}
    data_sources: dict[str, dict] = {}
    for row_number, cells in enumerate(rows, start=2):
        if row_number > MAX_ROWS + 1:
            problems.append(Problem(path.name, f"terlalu banyak baris: paling banyak {MAX_ROWS} pertanyaan"))
            break
        values = {}
        for name, index in columns.items():
            cell = cells[index] if index < len(cells) else None
            if cell is not None and getattr(cell, "data_type", None) == "f":
                problems.append(Problem(f"{path.name}, baris {row_number}",
                                        f"kolom {name} berisi rumus; isikan nilainya saja"))
            values[name] = cell.value if cell is not None else None
        if all(v in (None, "") for v in values.values()):
            continue
        where = f"{path.name}, baris {row_number}"
        group_code = str(values.get("group_code") or "").strip()
        indicator_code = str(values.get("indicator_code") or "").strip()
        group = groups.setdefault(group_code, {
            "code": group_code, "name": {"id": str(values.get("group_name") or group_code)},
            "max_points": _decimal(values["group_max"]) if values.get("group_max") is not None else None,
            "indicators": [],
        })
        if values.get("group_max") is not None and _decimal(values["group_max"]) != group["max_points"]:
            problems.append(Problem(where, f"maks_grup untuk grup {group_code} berbeda dengan baris sebelumnya"))
        indicator = indicators.get(indicator_code)
        if indicator is None:
            indicator = {"code": indicator_code, "name": {"id": str(values.get("indicator_name") or indicator_code)},
                         "max_points": (_decimal(values["indicator_max"])
                                        if values.get("indicator_max") is not None else None),
                         "questions": [], "_row": row_number}
            indicators[indicator_code] = indicator
            group["indicators"].append(indicator)
        elif values.get("indicator_max") is not None and _decimal(values["indicator_max"]) != indicator["max_points"]:
            problems.append(Problem(where, f"maks_indikator untuk indikator {indicator_code} "
                                           "berbeda dengan baris sebelumnya"))
        indicator["questions"].append(_question(values, row_number, where, problems, aliases, data_sources))
    book.close()
    if problems:
        raise CatalogError(problems)
    for group in groups.values():
        if group["max_points"] is None:
            group["max_points"] = sum(float(i["max_points"] or 0) for i in group["indicators"])
        for indicator in group["indicators"]:
            if indicator["max_points"] is None:
                indicator["max_points"] = sum(float(q["max_points"] or 0) for q in indicator["questions"]
                                              if isinstance(q["max_points"], float))
    doc: dict[str, Any] = {"version": path.stem, "title": {"id": path.stem}, "source": path.name,
           "predikat": [{"code": c, "name": n, "above": a, "inclusive": i} for c, n, a, i in NATIONAL_PREDIKAT],
           "data_sources": data_sources, "groups": list(groups.values())}
    doc["total_points"] = sum(float(g["max_points"]) for g in doc["groups"] if isinstance(g["max_points"], float))
    if "katalog" in book.sheetnames:
        _apply_settings(_open(path)["katalog"], doc, path.name)
    return doc


def _question(values: dict, row: int, where: str, problems: list[Problem], aliases: dict,
              data_sources: dict) -> dict:
    kind_text = str(values.get("answer_type") or "").strip().lower()
    kind = ANSWER_TYPE_NAMES.get(kind_text, kind_text)
    answer: dict = {"type": kind}
    rule_text = str(values.get("rule") or "").strip().lower()
    if kind in ("choice", "graded"):
        options = []
        for part in re.split(r";|\n", str(values.get("options") or "")):
            if not part.strip():
                continue
            code, _, share = part.partition("=")
            options.append({"code": slug(code) or code.strip(), "label": {"id": code.strip()},
                            "share": _decimal(share) if share.strip() else None})
        if kind == "choice":
            answer["options"] = options
        elif options:  # a graded answer without options in its row has the default levels
            answer["levels"] = options
    elif kind == "percentage":
        name, _, params = rule_text.partition(":")
        answer["rule"] = name or "linear"
        if name == "linear" and params:
            answer["target"] = _decimal(params)
        elif name == "inverse":
            best, _, worst = params.partition("-")
            answer["best"], answer["worst"] = _decimal(best or 0), _decimal(worst or 100)
        elif name == "bands":
            answer["bands"] = _bands(params)
    elif kind == "count":
        answer["bands"] = _bands(rule_text.partition(":")[2] if ":" in rule_text else rule_text)
    sources = []
    for name in re.split(r"[;,\n]", str(values.get("data_source") or "")):
        if name.strip():
            short = aliases.get(slug(name), slug(name))
            data_sources.setdefault(short, {"name": name.strip(), "aliases": [name.strip()]})
            if short not in sources:
                sources.append(short)
    every_kecamatan = _yes(values.get("every_kecamatan"))
    every_desa = _yes(values.get("every_desa_kelurahan"))
    question = {
        "code": qualified_question_code(values.get("indicator_code"), values.get("question_code")),
        "prompt": {"id": str(values.get("prompt") or "").strip(), "en": str(values.get("prompt_en") or "").strip()},
        "help": {"id": str(values.get("help") or "").strip()},
        "max_points": _decimal(values.get("max_points")) if values.get("max_points") is not None else None,
        "answer": answer,
        "data_sources": sources,
        "answered_by": "every_desa_kelurahan" if every_desa else "every_kecamatan" if every_kecamatan else "city",
        "evidence_required": bool(str(values.get("evidence") or "").strip()),
        "_row": row,
    }
    if question["answered_by"] != "city":
        question["derivation"] = "share_yes"
        if str(values.get("unit_prompt") or "").strip():
            question["unit_prompt"] = {"id": str(values["unit_prompt"]).strip()}
    if question["evidence_required"]:
        question["evidence"] = {"id": str(values["evidence"]).strip()}
    return question


def _bands(text: str) -> list[dict]:
    bands = []
    for part in text.split(";"):
        if part.strip():
            low, _, share = part.partition("=")
            bands.append({"min": _decimal(low), "share": _decimal(share) if share.strip() else None})
    return bands


def _yes(value) -> bool:
    return str(value or "").strip().lower() in ("ya", "y", "yes", "true", "1", "x")


def _apply_settings(sheet, doc: dict, name: str) -> None:
    settings = {}
    for key, value, *_ in sheet.iter_rows(values_only=True):
        if key is not None:
            settings[_key(key)] = value
    if settings.get("versi"):
        doc["version"] = str(settings["versi"]).strip()
    if settings.get("judul"):
        doc["title"] = {"id": str(settings["judul"]).strip()}
    if settings.get("total_poin") is not None:
        doc["total_points"] = _decimal(settings["total_poin"])
    for band in doc["predikat"]:
        if settings.get(band["code"]) is not None:
            band["above"] = _decimal(settings[band["code"]])


# --- Checks shared by every uploaded workbook (catalogs and the OPD entry template) ---

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_WORKBOOK_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_SHEET_CELLS = 500_000
MAX_CELL_TEXT = 32_767  # Excel's own limit for the characters of one cell
_XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_THOUSANDS_ID = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?")


class WorkbookRefused(ValueError):
    """An uploaded file that cannot be read as an .xlsx workbook; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def workbook_file_problem(data: bytes, max_bytes: int = MAX_WORKBOOK_BYTES) -> str | None:
    """Why `data` is not a readable .xlsx file (Indonesian), or None. Looks at the bytes only:
    the name of a file says nothing about what it is."""
    if not data:
        return "File kosong. Pilih file Excel (.xlsx) yang berisi data."
    if len(data) > max_bytes:
        size = f"{len(data) / 1024 / 1024:.1f}".replace(".", ",")
        return f"File terlalu besar ({size} MB); paling besar {max_bytes / 1024 / 1024:.0f} MB."
    if data.startswith(OLE_SIGNATURE):
        # Excel saves a password-protected (encrypted) .xlsx as an OLE compound file holding an
        # "EncryptedPackage" stream; an old .xls is an OLE compound file too.
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            return ("File terkunci dengan kata sandi (terenkripsi), sehingga isinya tidak dapat dibaca. "
                    "Buka file di Excel, hapus kata sandinya (File > Info > Proteksi Buku Kerja > "
                    "Enkripsi dengan Kata Sandi, kosongkan), simpan, lalu unggah lagi.")
        return ("File ini berformat Excel lama (.xls). Buka di Excel dan simpan sebagai "
                "Buku Kerja Excel (.xlsx), lalu unggah lagi.")
    if not data.startswith(b"PK"):
        return "File ini bukan file Excel (.xlsx). Unggah templat yang diunduh dari Pantau KLA."
    try:
        with zipfile.ZipFile(_bytes_io(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:  # from the directory, before anything is unpacked
                return "Isi file Excel terlalu besar untuk dibaca. Unggah hanya templat yang diunduh dari Pantau KLA."
            if archive.testzip() is not None:
                return "File Excel rusak (isi arsipnya tidak utuh). Simpan ulang file di Excel lalu unggah lagi."
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, RuntimeError):
        return ("File Excel rusak atau terpotong sehingga tidak dapat dibuka. "
                "Simpan ulang file di Excel lalu unggah lagi.")
    if not all(part in names for part in _XLSX_PARTS):
        return ("File ini bukan buku kerja Excel (.xlsx), meskipun berbentuk arsip ZIP "
                "(mungkin dokumen Word atau lainnya).")
    if unpacked > MAX_UNPACKED_BYTES:
        return "Isi file Excel terlalu besar untuk dibaca. Unggah hanya templat yang diunduh dari Pantau KLA."
    return None


class SheetTooLong(WorkbookRefused):
    def __init__(self, sheet: str, max_rows: int):
        super().__init__(f"Lembar '{sheet}' berisi lebih dari {max_rows} baris; file tidak dibaca lebih lanjut.")
        self.sheet = sheet
        self.max_rows = max_rows


def open_workbook(data: bytes, max_bytes: int = MAX_WORKBOOK_BYTES, max_rows: int | None = None):
    """The workbook in `data`, opened read-only (rows are streamed, never all loaded at once),
    with formulas kept as formulas so that they can be refused. Raises WorkbookRefused, or
    SheetTooLong when a sheet has more than `max_rows` rows (checked, with the cells and the length
    of each text, before openpyxl opens it: shape_problem)."""
    from openpyxl import load_workbook

    problem = workbook_file_problem(data, max_bytes)
    if problem:
        raise WorkbookRefused(problem)
    too_big = shape_problem(data, max_rows)
    if too_big is not None:
        raise too_big
    try:
        return load_workbook(_bytes_io(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds on a damaged package)
        raise WorkbookRefused("File Excel rusak sehingga tidak dapat dibaca "
                              f"({type(exc).__name__}). Simpan ulang file di Excel lalu unggah lagi.") from None


def shape_problem(data: bytes, max_rows: int | None = None, max_cells: int = MAX_SHEET_CELLS,
                  max_text: int = MAX_CELL_TEXT) -> WorkbookRefused | None:
    """Why the workbook's sheets are too big to read (SheetTooLong past `max_rows` rows, else a
    WorkbookRefused for too many cells, a text longer than Excel allows in a cell, or a document
    type declaration), or None. Streams each worksheet's and the shared strings' XML through expat
    in small pieces and stops at the first limit passed, so that neither a sheet of millions of
    cells nor a cell of millions of characters is ever held in memory; openpyxl, when a sheet has
    no size record, reads the whole sheet just to size it."""
    with zipfile.ZipFile(_bytes_io(data)) as archive:
        parts = _worksheet_parts(archive)
        if "xl/sharedStrings.xml" in archive.namelist():
            parts.append(("teks bersama (sharedStrings)", "xl/sharedStrings.xml"))
        for name, part in parts:
            counter = _SheetCounter(name, max_rows, max_cells, max_text)
            try:
                with archive.open(part) as stream:
                    while chunk := stream.read(64 * 1024):
                        counter.parser.Parse(chunk, False)
                    counter.parser.Parse(b"", True)
            except _TooBig as too_big:
                return too_big.refusal
            except (ExpatError, KeyError, zipfile.BadZipFile, EOFError):
                continue  # a damaged part is reported when openpyxl reads it
    return None


class _TooBig(Exception):
    def __init__(self, refusal: WorkbookRefused):
        super().__init__(refusal.message)
        self.refusal = refusal


class _SheetCounter:
    """Counts one sheet's rows and cells and the length of each text as expat reads them."""

    def __init__(self, sheet: str, max_rows: int | None, max_cells: int, max_text: int):
        self.sheet, self.max_rows, self.max_cells, self.max_text = sheet, max_rows, max_cells, max_text
        self.rows = self.cells = self.text = 0
        self.in_text = False
        self.parser = ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.characters
        self.parser.StartDoctypeDeclHandler = self.doctype

    def start(self, tag: str, attributes: dict) -> None:
        local = tag.rsplit(":", 1)[-1]
        if local == "row":
            self.rows += 1
            if self.max_rows is not None and self.rows > self.max_rows:
                raise _TooBig(SheetTooLong(self.sheet, self.max_rows))
        elif local == "c":
            self.cells += 1
            if self.cells > self.max_cells:
                raise _TooBig(WorkbookRefused(
                    f"Lembar '{self.sheet}' berisi lebih dari {self.max_cells:,} sel".replace(",", ".")
                    + "; file tidak dibaca lebih lanjut. Unggah hanya templat yang diunduh dari Pantau KLA."))
        elif local in ("t", "v", "f"):
            self.in_text, self.text = True, 0

    def end(self, tag: str) -> None:
        self.in_text = False

    def characters(self, text: str) -> None:
        if self.in_text:
            self.text += len(text)
            if self.text > self.max_text:
                raise _TooBig(WorkbookRefused(
                    f"Lembar '{self.sheet}' memuat sel berisi lebih dari {self.max_text:,} karakter".replace(",", ".")
                    + " (batas Excel sendiri); file tidak dibaca lebih lanjut. Periksa isi file lalu unggah lagi."))

    def doctype(self, *args) -> None:
        raise _TooBig(WorkbookRefused("File Excel memuat deklarasi DOCTYPE yang tidak pernah dibuat Excel; "
                                      "file tidak dibaca. Simpan ulang file di Excel lalu unggah lagi."))


def _worksheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, path of its XML part) for every worksheet of the workbook."""
    from xml.etree.ElementTree import ParseError, fromstring

    try:
        workbook = fromstring(archive.read("xl/workbook.xml"))
        relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ParseError):
        return []
    targets = {r.get("Id"): r.get("Target", "") for r in relations if r.tag.endswith("}Relationship")}
    parts = []
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        relation = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(relation, "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if path in archive.namelist():
            parts.append((sheet.get("name", path), path))
    return parts


def is_formula(cell) -> bool:
    return getattr(cell, "data_type", None) == "f"


def cell_number(value) -> float:
    """A number from a cell: a numeric cell, or text in Indonesian style ("12", "12,5", "1.234",
    "1.234,5"; a lone dot with other than three digits after it, "12.5", is a decimal point too).
    Raises ValueError with an Indonesian message otherwise."""
    import datetime as _dt
    import math

    if isinstance(value, bool):
        raise ValueError(f"harus berupa angka, bukan {'TRUE' if value else 'FALSE'}")
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time, _dt.timedelta)):
        raise ValueError("berisi tanggal atau jam; isikan angka (ubah format sel menjadi Angka)")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if _THOUSANDS_ID.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
        elif _PLAIN_NUMBER.fullmatch(text):
            text = text.replace(",", ".")
        else:
            raise ValueError(f"'{excerpt(value)}' bukan angka")
        number = float(text)
    if not math.isfinite(number):
        raise ValueError("harus berupa angka yang wajar (bukan NaN atau tak hingga)")
    return number


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)
