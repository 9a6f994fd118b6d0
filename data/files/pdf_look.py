"""The look of every PDF the task force takes to a meeting (the evaluation report, the Rakor agenda
and its minutes) and of the login slips the secretariat hands out: A4 in DejaVu Sans (Indonesian
text, dashes, arrows), a blue band on the cover, blue headings, tables with a blue heading row and
light row fills, slips with dashed cut lines, and a footer with the title, the date it was made
and the page number. Built with fpdf2; reads no database."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from data.errors import DomainError
from indicators import settings
from indicators import text as fmt

FONT_DIR_SETTING = settings.PDF_FONT_DIR
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu",)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
BLUE, INK, MUTED = (31, 95, 153), (27, 39, 51), (90, 100, 110)


def font_files() -> dict[str, Path]:
    """The DejaVu Sans TTF files (Indonesian text, dashes, arrows): from KLA_PDF_FONT_DIR or
    Debian's fonts-dejavu-core."""
    folders = [settings.text(FONT_DIR_SETTING)] if settings.text(FONT_DIR_SETTING) else list(FONT_DIRS)
    for folder in folders:
        files = {style: Path(folder) / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    raise DomainError("Huruf DejaVu Sans untuk laporan PDF tidak ditemukan (dicari di "
                      f"{', '.join(folders)}). Pasang paket fonts-dejavu-core atau isi {FONT_DIR_SETTING}.")


class MeetingDocument:
    """One PDF in the house look; `pdf` is the fpdf2 document for what the helpers do not cover."""

    def __init__(self, title: str, generated_at: datetime):
        from fpdf import FPDF
        from fpdf.fonts import FontFace

        class Document(FPDF):
            def footer(self):
                self.set_y(-12)
                self.set_font("DejaVu", size=8)
                self.set_text_color(*MUTED)
                self.cell(0, 6, f"{title} · dibuat {fmt.long_date(generated_at)}", align="L")
                self.set_x(self.l_margin)
                self.cell(0, 6, f"Halaman {self.page_no()} dari {{nb}}", align="R")

        self._font_face = FontFace
        self.pdf = pdf = Document(orientation="portrait", unit="mm", format="A4")
        pdf.set_title(title)
        pdf.set_author("Pantau KLA")
        pdf.set_creator("Pantau KLA")
        pdf.set_lang("id")
        for style, path in font_files().items():
            pdf.add_font("DejaVu", style=style, fname=str(path))
        pdf.set_auto_page_break(auto=True, margin=16)
        pdf.set_margins(18, 18, 18)
        self._heading_style = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BLUE)

    def cover_page(self, kicker: str = "PANTAU KLA · GUGUS TUGAS KABUPATEN/KOTA LAYAK ANAK") -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_fill_color(*BLUE)
        pdf.rect(0, 0, 210, 8, style="F")
        pdf.set_fill_color(255, 255, 255)  # tables fill their rows from the current colour
        pdf.ln(28)
        self.paragraph(kicker, 10, "B", MUTED)
        self.pdf.ln(4)

    def page(self) -> None:
        self.pdf.add_page()

    def heading(self, text: str, size: int = 15) -> None:
        pdf = self.pdf
        pdf.set_font("DejaVu", "B", size)
        pdf.set_text_color(*BLUE)
        pdf.multi_cell(0, 8, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(1)

    def paragraph(self, text: str, size: float = 10, style: str = "", color=INK, height: float = 5.5) -> None:
        pdf = self.pdf
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)

    def note(self, text: str) -> None:
        """A muted line that says what a table holds."""
        self.paragraph(text, 9.5, "", MUTED)

    def facts(self, pairs: list[tuple[str, str]], label_width: float = 55) -> None:
        pdf = self.pdf
        for label, value in pairs:
            pdf.set_font("DejaVu", "B", 10)
            pdf.cell(label_width, 6.5, label)
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 6.5, value, align="L", new_x="LMARGIN", new_y="NEXT")

    def table(self, columns: list[tuple[str, float, str]], rows: list[list[str]], size: float = 8.5,
              bold_last: bool = False, padding: float = 1.2) -> None:
        """columns: (heading, width in mm, LEFT|RIGHT); rows of cell texts."""
        pdf = self.pdf
        pdf.set_font("DejaVu", size=size)
        with pdf.table(col_widths=[w for _, w, _ in columns], text_align=[a for _, _, a in columns],
                       headings_style=self._heading_style, line_height=size * 0.5, padding=padding,
                       borders_layout="HORIZONTAL_LINES", cell_fill_color=(242, 246, 250),
                       cell_fill_mode="ROWS", first_row_as_headings=True) as built:
            built.row([name for name, _, _ in columns])
            for index, values in enumerate(rows):
                emphasis = self._font_face(emphasis="BOLD") if bold_last and index == len(rows) - 1 else None
                built.row([str(v) for v in values], style=emphasis)

    def output(self) -> bytes:
        return bytes(self.pdf.output())

    def cut_slips(self, slips: list[Slip], columns: int = 2, rows: int = 4) -> None:
        """Slips to cut apart, `columns` x `rows` on each A4 page, with dashed cut lines between
        them: each a blue kicker, a bold title, label/value lines (values in a larger bold face)
        and numbered steps."""
        pdf = self.pdf
        pdf.set_auto_page_break(auto=False)
        left, top, bottom = 10.0, 10.0, 16.0
        width, height = (210 - 2 * left) / columns, (297 - top - bottom) / rows
        per_page = columns * rows
        for index, slip in enumerate(slips):
            if index % per_page == 0:
                pdf.add_page()
                self._cut_lines(left, top, width, height, columns, rows)
            column, row = index % columns, (index % per_page) // columns
            self._slip(slip, left + column * width + 5, top + row * height + 4, width - 10)
        pdf.set_auto_page_break(auto=True, margin=16)

    def _cut_lines(self, left: float, top: float, width: float, height: float, columns: int, rows: int) -> None:
        pdf = self.pdf
        pdf.set_draw_color(*MUTED)
        pdf.set_line_width(0.2)
        pdf.set_dash_pattern(dash=2, gap=1.5)
        for row in range(rows + 1):
            pdf.line(left, top + row * height, left + columns * width, top + row * height)
        for column in range(columns + 1):
            pdf.line(left + column * width, top, left + column * width, top + rows * height)
        pdf.set_dash_pattern()
        pdf.set_font("DejaVu", size=6.5)
        pdf.set_text_color(*MUTED)
        pdf.set_xy(left, top - 4)
        pdf.cell(columns * width, 3.5, "✂ gunting di garis putus-putus", align="R")
        pdf.set_text_color(*INK)

    def _slip(self, slip: Slip, x: float, y: float, width: float) -> None:
        pdf = self.pdf
        pdf.set_xy(x, y)
        pdf.set_font("DejaVu", "B", 7)
        pdf.set_text_color(*BLUE)
        pdf.cell(width, 3.5, slip.kicker, new_x="LEFT", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 9.5)
        pdf.set_text_color(*INK)
        pdf.multi_cell(width, 4.2, slip.title, align="L", new_x="LEFT", new_y="NEXT", max_line_height=4.2)
        pdf.ln(1)
        for label, value in slip.lines:
            pdf.set_x(x)
            pdf.set_font("DejaVu", "", 7.5)
            pdf.set_text_color(*MUTED)
            pdf.cell(24, 5, label)
            pdf.set_font("DejaVu", "B", 9.5)
            pdf.set_text_color(*INK)
            pdf.multi_cell(width - 24, 5, value, align="L", new_x="LEFT", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font("DejaVu", "", 7)
        for number, step in enumerate(slip.steps, start=1):
            pdf.set_x(x)
            pdf.multi_cell(width, 3.3, f"{number}. {step}", align="L", new_x="LEFT", new_y="NEXT")


@dataclass(frozen=True)
class Slip:
    """One slip of MeetingDocument.cut_slips: a kicker, a title, label/value lines, numbered steps."""
    kicker: str
    title: str
    lines: tuple[tuple[str, str], ...]
    steps: tuple[str, ...]
