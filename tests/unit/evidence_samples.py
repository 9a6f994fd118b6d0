"""Evidence files for the tests, made in code (no binary file in the repository): real PDFs, images,
workbooks and documents, and the bad files an evidence check must refuse (each the way someone
met it: an HTML page saved as .pdf, an encrypted or scripted PDF, a macro workbook renamed .xlsx,
a zip carrying a program, a zip bomb, a truncated image)."""
from __future__ import annotations

import io
import zipfile
from functools import cache

from fpdf import FPDF
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


@cache
def pdf(title: str = "Peraturan Daerah tentang Kota Layak Anak") -> bytes:
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text=title)
    return bytes(document.output())


PDF = pdf()


def _rewritten(change) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    return _rewritten(lambda writer: writer.encrypt("rahasia", algorithm="AES-128"))


def scripted_pdf() -> bytes:
    """A PDF whose OpenAction runs JavaScript when opened."""
    def run_on_open(writer: PdfWriter) -> None:
        writer.root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('halo');")})
    return _rewritten(run_on_open)


def pdf_with_attachment() -> bytes:
    return _rewritten(lambda writer: writer.add_attachment("program.exe", b"MZ\x90\x00 bukan dokumen"))


HTML_AS_PDF = b"<html><body><h1>Perda KLA</h1><p>lihat lampiran</p></body></html>\n"[:61]


def image(kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(buffer, format=kind)
    return buffer.getvalue()


PNG = image("PNG")
JPG = image("JPEG")


def xlsx() -> bytes:
    book = Workbook()
    book.active["A1"] = "Data anak"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    return buffer.getvalue()


def _with_member(content: bytes, name: str, data: bytes, content_types: str | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "[Content_Types].xml" and content_types:
                payload = payload.replace(b"</Types>", content_types.encode() + b"</Types>")
            archive.writestr(item, payload)
        archive.writestr(name, data)
    return buffer.getvalue()


def macro_workbook() -> bytes:
    """A macro-enabled workbook (.xlsm) renamed .xlsx."""
    return _with_member(xlsx(), "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro",
                        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')


def workbook_with_program() -> bytes:
    return _with_member(xlsx(), "xl/media/evil.exe", b"MZ\x90\x00 program")


def workbook_declaring_entities() -> bytes:
    """A workbook whose custom part declares an XML entity (XXE)."""
    return _with_member(xlsx(), "customXml/item1.xml",
                        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')


def zip_bomb_workbook() -> bytes:
    """A workbook that claims to unpack to 200 MB of zeros (about 200 KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(200):
                member.write(chunk)
    return buffer.getvalue()
