"""The one way a workbook leaves the product: every cell a person's text reached is a string
cell, never a formula (openpyxl reads a value beginning with "=" as one), so a name or a note
such as =HYPERLINK(...) opens in Excel as the text that was typed."""
from __future__ import annotations

import io


def saved_workbook(book) -> bytes:
    """The workbook saved, after turning every formula cell back into the text it was given (the
    product writes no formulas of its own)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
