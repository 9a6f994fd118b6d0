"""Whether a file can be evidence (bukti dukung): accepted for what its bytes are, not for its name.

PDF, JPG, PNG, XLSX and DOCX are recognised by their content, and the name's extension must agree.
Then the file is opened the way a reviewer's computer would open it, and refused with the reason
when that would fail or do more than show a document: a PDF that cannot be read (an HTML page
saved as .pdf), is locked with a password, runs JavaScript or a program, or carries other files
inside it; an Office file with macros, ActiveX or OLE objects, or program files, or one that
would unpack to more than MAX_UNPACKED_BYTES (checked from the zip's directory, before anything
is unpacked); an image that cannot be decoded, or has more than MAX_IMAGE_PIXELS. Bytes after
the end of a valid PDF (padding some scanners add) are tolerated.
"""
from __future__ import annotations

import io
import logging
import os
import re
import warnings
import zipfile

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from indicators import settings, text

MAX_MB_SETTING = settings.EVIDENCE_MAX_MB
MAX_NAME_CHARS = 200
KINDS = {
    # kind: (content type, extensions the name may carry)
    "pdf": ("application/pdf", (".pdf",)),
    "jpg": ("image/jpeg", (".jpg", ".jpeg")),
    "png": ("image/png", (".png",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
}
ALLOWED_TEXT = "PDF, JPG, PNG, XLSX atau DOCX"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_PDF_OBJECTS = 200_000
MAX_IMAGE_PIXELS = 60_000_000
PROGRAM_PART = re.compile(r"\.(exe|dll|bat|cmd|com|js|jse|vbs|vbe|ps1|scr|msi|jar|hta|lnk|sh)$", re.IGNORECASE)
ACTIVE_PART = re.compile(r"(vbaproject|vbadata|/activex/|oleobject)", re.IGNORECASE)
SCRIPT_ACTIONS = {"/JavaScript": "JavaScript", "/Launch": "perintah menjalankan program",
                  "/ImportData": "perintah mengambil data dari luar", "/SubmitForm": "perintah mengirim isian ke luar"}

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about damaged files become our refusal


def max_bytes() -> int:
    return int(settings.positive_number(MAX_MB_SETTING, "megabita") * 1024 * 1024)


def detect_kind(content: bytes) -> str | None:
    """The kind of file the bytes are (a key of KINDS), or None."""
    if b"%PDF-" in content[:1024]:
        return "pdf"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
    return None


def file_problems(filename: str, content: bytes) -> list[str]:
    """Why this file cannot be evidence ([] = it can): name, size, kind and structure."""
    name = filename or ""
    if not name.strip():
        return ["Berkas tidak bernama; beri nama, misalnya laporan.pdf."]
    if "/" in name or "\\" in name or name.strip() in (".", "..") or re.match(r"^[A-Za-z]:", name):
        return [f"Nama berkas '{text.excerpt(name)}' memuat folder; kirim hanya nama berkasnya, misalnya laporan.pdf."]
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return ["Nama berkas memuat karakter kendali; ganti namanya dengan huruf, angka, titik atau tanda hubung."]
    if len(name) > MAX_NAME_CHARS:
        return [f"Nama berkas terlalu panjang ({len(name)} karakter); paling banyak {MAX_NAME_CHARS}."]
    limit = max_bytes()
    if len(content) == 0:
        return [f"Berkas '{name}' kosong (0 bita)."]
    if len(content) > limit:
        return [f"Berkas '{name}' berukuran {text.megabytes(len(content))}, melebihi batas {text.megabytes(limit)}. "
                "Perkecil berkasnya (misalnya pindai dengan resolusi lebih rendah) atau bagi menjadi beberapa berkas."]
    extension = os.path.splitext(name)[1].lower()
    expected = next((kind for kind, (_, extensions) in KINDS.items() if extension in extensions), None)
    if expected is None:
        return [f"Jenis berkas '{extension or name}' tidak diterima; unggah {ALLOWED_TEXT}."]
    kind = detect_kind(content)
    if kind is None and content.startswith(OLE_SIGNATURE) and expected in ("xlsx", "docx"):
        return [f"Berkas '{name}' dilindungi kata sandi atau berformat Office lama; simpan ulang tanpa kata sandi "
                f"sebagai {expected.upper()}."]
    if kind is None:
        return [_not_valid(name, expected)]
    if kind != expected:
        return [f"Berkas '{name}' bernama {expected.upper()} tetapi isinya {kind.upper()}; ganti ekstensi "
                "namanya sesuai isinya atau unggah berkas yang benar."]
    check = {"pdf": _pdf_problem, "jpg": _image_problem, "png": _image_problem,
             "xlsx": _office_problem, "docx": _office_problem}[kind]
    problem = check(name, content, kind)
    return [problem] if problem else []


def _not_valid(name: str, kind: str) -> str:
    return (f"Isi berkas '{name}' bukan {kind.upper()} yang sah (rusak, atau jenis lain yang diganti namanya); "
            f"unggah {ALLOWED_TEXT} yang asli.")


# ---------------------------------------------------------------------------------------- PDF

def _pdf_problem(name: str, content: bytes, kind: str) -> str | None:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            return (f"Berkas '{name}' dilindungi kata sandi; Gugus Tugas tidak dapat membukanya. Simpan ulang "
                    "tanpa kata sandi (misalnya Cetak > Simpan sebagai PDF), lalu unggah lagi.")
        if len(reader.pages) == 0:
            return f"Berkas '{name}' tidak memiliki halaman; unggah dokumen yang berisi."
        active = _active_pdf_content(reader.trailer)
    except RecursionError:
        active = "struktur yang terlalu dalam"
    except Exception:  # noqa: BLE001  (pypdf raises many kinds on a damaged file; each means it cannot be read)
        return _not_valid(name, kind)
    if active is None:
        return None
    return (f"Berkas '{name}' memuat {active}, yang dapat berjalan saat dibuka; bukti dukung hanya boleh berupa "
            "dokumen. Simpan ulang sebagai PDF biasa (misalnya Cetak > Simpan sebagai PDF), lalu unggah lagi.")


def _active_pdf_content(trailer) -> str | None:
    """What in the PDF would do more than show pages: a script, a program to launch, embedded
    files; None when there is nothing of the kind. Walks every object reachable from the trailer."""
    seen: set[tuple[int, int]] = set()
    pending = [trailer]
    visited = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return "terlalu banyak objek untuk diperiksa"
        if isinstance(item, DictionaryObject):
            action = item.get("/S")
            if action in SCRIPT_ACTIONS:
                return SCRIPT_ACTIONS[action]
            if "/JS" in item or "/JavaScript" in item:
                return "JavaScript"
            if "/EmbeddedFiles" in item or item.get("/Type") == "/EmbeddedFile" or "/EF" in item:
                return "berkas lain yang tersemat di dalamnya"
            pending.extend(value for key, value in item.items() if key not in ("/Parent", "/P"))
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return None


# ------------------------------------------------------------------------------------- Office

def _office_problem(name: str, content: bytes, kind: str) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                return (f"Berkas '{name}' bila dibuka menjadi lebih dari {text.megabytes(MAX_UNPACKED_BYTES)} atau "
                        f"lebih dari {MAX_MEMBERS} bagian; dokumen sewajarnya jauh lebih kecil. Periksa berkasnya, "
                        "atau simpan sebagai PDF.")
            content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
            # An XML part that declares a DOCTYPE can define entities (XXE, "billion laughs"); Office
            # never writes one. The parts' total size was bounded above.
            declares_doctype = any(b"<!doctype" in archive.read(m).lower() for m in members
                                   if m.filename.lower().endswith((".xml", ".rels", ".vml")))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        return _not_valid(name, kind)
    if "macroenabled" in content_types or "vbaproject" in content_types or \
            any("vbaproject" in m.filename.lower() for m in members):
        return (f"Berkas '{name}' memuat makro (VBA); simpan ulang sebagai "
                f"{'buku kerja Excel (.xlsx)' if kind == 'xlsx' else 'dokumen Word (.docx)'} tanpa makro, "
                "atau sebagai PDF.")
    if declares_doctype:
        return (f"Berkas '{name}' memuat deklarasi DOCTYPE XML yang tidak pernah ditulis Office; simpan ulang "
                "dokumennya dari Excel atau Word, atau sebagai PDF.")
    foreign = next((m.filename for m in members if PROGRAM_PART.search(m.filename) or ACTIVE_PART.search(m.filename)),
                   None)
    if foreign:
        return (f"Berkas '{name}' memuat bagian yang bukan dokumen ({text.excerpt(foreign)}); simpan ulang dokumennya "
                "tanpa objek tersemat, atau sebagai PDF.")
    return None


# ------------------------------------------------------------------------------------- images

def _image_problem(name: str, content: bytes, kind: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as picture:
                width, height = picture.size
                if width * height > MAX_IMAGE_PIXELS:
                    return _too_many_pixels(name, width, height)
                picture.load()  # decodes every pixel: a truncated or damaged image fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_many_pixels(name, 0, 0)
    except Exception:  # noqa: BLE001  (Pillow raises many kinds on a damaged image; each means it cannot be shown)
        return _not_valid(name, kind)
    return None


def _too_many_pixels(name: str, width: int, height: int) -> str:
    size = f" ({width} x {height} piksel)" if width else ""
    return (f"Gambar '{name}' terlalu besar{size}; perkecil resolusinya (paling banyak "
            f"{MAX_IMAGE_PIXELS // 1_000_000} juta piksel), lalu unggah lagi.")


