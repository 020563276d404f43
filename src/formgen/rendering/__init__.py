"""Rendering: a form's context through its template into DOCX (docxtpl), HTML
and PDF (Jinja and WeasyPrint) or XLSX (openpyxl), every template in one
sandboxed Jinja environment; and writing the results without partial files.
"""

from .document import FORMATS, Format, render_document

__all__ = ["FORMATS", "Format", "render_document"]
