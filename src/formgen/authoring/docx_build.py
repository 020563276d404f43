"""Building blocks of the generated Word templates: an A4 page set in Times
New Roman 14 pt, paragraphs and tables typeset as the PDF is (no-break spaces,
Kazakh soft hyphens as Word's optional hyphens, a label kept with what follows
it, rows that do not split), and a save that gives the same bytes every time."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..locale import LANGUAGE_TAGS, Lang
from ..typesetting import SOFT_HYPHEN, hyphenate_kk, tie

FONT = "Times New Roman"
TEXT_WIDTH = Cm(16.5)  # portrait A4 less the 30 mm and 15 mm margins
LANDSCAPE_TEXT_WIDTH = Cm(26.2)  # landscape A4 less the 20 mm and 15 mm margins
ANNEX_INDENT = Cm(9)  # the annex reference sits in the right part of the page
LANDSCAPE_ANNEX_INDENT = Cm(17)


_AFTER_SUPPRESS_AUTO_HYPHENS = (
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
"""What follows w:suppressAutoHyphens in a paragraph's properties (the schema's order, which Word keeps to)."""


def _hyphenation(paragraph_properties, on: bool) -> None:
    flag = OxmlElement("w:suppressAutoHyphens")
    if on:
        flag.set(qn("w:val"), "0")
    paragraph_properties.insert_element_before(flag, *_AFTER_SUPPRESS_AUTO_HYPHENS)


def new_document(lang: Lang, landscape: bool = False) -> Document:
    """An empty A4 document set in Times New Roman 14 pt, single-spaced, in lang's language, so that
    Word and LibreOffice check its spelling in that language; words are hyphenated in table cells only
    (cell_text), as the PDF hyphenates them: long Russian and English words in narrow columns break
    with a hyphen, titles and running text do not (Kazakh has no dictionary there; its cells carry
    soft hyphens)."""
    doc = Document()
    doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(
        qn("w:lang")).set(qn("w:val"), LANGUAGE_TAGS[lang])
    doc.settings.element.find(qn("w:defaultTabStop")).addnext(OxmlElement("w:autoHyphenation"))
    _hyphenation(doc.styles["Normal"].element.get_or_add_pPr(), on=False)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin, section.right_margin = (Cm(2), Cm(1.5)) if landscape else (Cm(3), Cm(1.5))
    section.top_margin = section.bottom_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    return doc


def para(doc, text: str = "", *, align=None, bold: bool = False, italic: bool = False,
          size: int | None = None, indent=None, before: int = 0, keep_with_next: bool = False):
    """A paragraph of text; keep_with_next: on the same page as the next paragraph (a label and its value,
    a heading and its table, the lines of a signature block)."""
    p = doc.add_paragraph()
    if text:
        run = p.add_run(tie(text))
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if indent is not None:
        p.paragraph_format.left_indent = indent
    if before:
        p.paragraph_format.space_before = Pt(before)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    return p


def add_annex(doc, lines: list[str], indent=ANNEX_INDENT) -> None:
    """The annex reference ("Annex 2 to the Rules …"), centred in the right part of the page."""
    for line in lines:
        para(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, indent=indent)


def tabbed(doc, left: str, right: str, **style):
    """left, and right against the right margin of a portrait page: a number and a date, a name or
    position and its signature line, or their captions."""
    p = para(doc, f"{left}\t{right}", **style)
    p.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    return p


def grid_table(doc, rows: int, widths_cm: list[float] | tuple[float, ...]):
    """A centred table with every border, its columns fixed at widths_cm.

    The widths go into the table grid and every cell, which is what Word and
    LibreOffice lay a table out by."""
    grid = doc.add_table(rows=rows, cols=len(widths_cm))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, widths_cm):
        column.width = Cm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    return grid


def cell_text(cell, text: str, size: int, bold: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER,
              lang: str | None = None) -> None:
    """Text in a table cell, centred unless told otherwise; Kazakh words get optional hyphens at their
    syllables (Word has no Kazakh hyphenation)."""
    p = cell.paragraphs[0]
    p.alignment = align
    _hyphenation(p._p.get_or_add_pPr(), on=True)
    run = p.add_run()
    text = tie(text)
    pieces = hyphenate_kk(text).split(SOFT_HYPHEN) if lang == "kk" else [text]
    for i, piece in enumerate(pieces):
        if i:
            run._r.append(OxmlElement("w:softHyphen"))
        run._r.add_t(piece)
    run.font.size = Pt(size)
    run.bold = bold or None


def _row_flag(row, name: str, first: bool = False) -> None:
    """Set a row property; first: ahead of the others, where the schema puts w:cantSplit."""
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    tr_pr = row._tr.get_or_add_trPr()
    if first:
        tr_pr.insert(0, flag)
    else:
        tr_pr.append(flag)


def repeat_as_header(row) -> None:
    """Word repeats this row at the top of every page the table runs onto."""
    _row_flag(row, "w:tblHeader")


def keep_rows_whole(table) -> None:
    """No row of the table is split across two pages."""
    for row in table.rows:
        _row_flag(row, "w:cantSplit", first=True)


def save_deterministic(doc) -> bytes:
    """The document's bytes with fixed properties and zip timestamps, so a rebuild changes nothing."""
    props = doc.core_properties
    props.author = props.last_modified_by = "formgen"
    props.created = props.modified = dt.datetime(2024, 6, 25)
    props.revision = 1
    saved = io.BytesIO()
    doc.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(zipfile.ZipInfo(name, date_time=(2024, 6, 25, 0, 0, 0)), src.read(name),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
