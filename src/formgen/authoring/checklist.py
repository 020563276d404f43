"""Writes the checklist's templates (joint order No. 102/57, Annex 2) from its wording.

The page follows the order's form: the annex reference, the title, the header
lines to fill in, the table of requirements with "meets" and "does not meet"
columns (its heading repeated on every page), and the signatures of the
officials and of the subject's head.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from ..forms.audit import SIGNATURE_LINE
from ..forms.wording import wording
from ..locale import Lang
from ..typesetting import hyphenate_kk
from .docx_build import (add_annex, cell_text, grid_table, keep_rows_whole, new_document, para, repeat_as_header,
                         save_deterministic, tabbed)
from .html_build import annex_html, escape, page_html

COLUMN_WIDTHS = (1.0, 10.0, 2.75, 2.75)
"""cm: number, requirement, meets, does not meet; 16.5 cm, the portrait text width."""

TABLE_SIZE, HEADING_SIZE = 12, 10  # pt: the requirements are long, the mark columns narrow; the page is at 14 pt

# (wording key of the label, template expression of the value) in the form's order
HEADER_LINES = (
    ("state_body", "state_body"),
    ("appointing_body", "appointing_body"),
    ("act", "act"),
    ("entity_name", "entity.name"),
    ("iin_bin", "entity.iin_bin"),
    ("address", "entity.address"),
)
CAPTIONED = "act"
"""The header line the form captions "No., date"."""


# -------------------------------------------------------------------- HTML

def _html_person(var: str, footer: dict) -> str:
    return (f'<div class="person"><p class="value">{{{{ {var}.name }}}}</p>'
            f'<p class="value caption">{escape(footer["name_caption"])}</p>'
            f'<p class="value signature"><span>{{{{ {var}.position }}}}</span><span class="sign">{SIGNATURE_LINE}</span></p>'
            f'<p class="value signature caption"><span>{escape(footer["position_caption"])}</span>'
            f'<span>{escape(footer["signature_caption"])}</span></p></div>')


def checklist_html(lang: Lang) -> str:
    w = wording(lang, "checklist")
    header = []
    for key, expr in HEADER_LINES:
        header.append(f'<p class="fill-line">{escape(w["header"][key])} <span class="fill">{{{{ {expr} }}}}</span></p>')
        if key == CAPTIONED:
            header.append(f'<p class="caption fill-caption">{escape(w["header"]["act_number_date"])}</p>')
    cols = w["columns"]
    widths = "".join(f'<col style="width:{100 * cm / sum(COLUMN_WIDTHS):.2f}%">' for cm in COLUMN_WIDTHS)
    table = (
        f'<table class="grid checklist"><colgroup>{widths}</colgroup><thead><tr>'
        + "".join(f"<th>{escape(hyphenate_kk(cols[k]) if lang == 'kk' else cols[k])}</th>"
                  for k in ("no", "requirement", "meets", "fails"))
        + "</tr></thead><tbody>{% for row in requirements %}"
        '<tr><td class="code">{{ row.no }}</td><td class="label">{{ row.text }}</td>'
        '<td class="num">{{ row.meets }}</td><td class="num">{{ row.fails }}</td></tr>'
        "{% endfor %}</tbody></table>"
    )
    f = w["footer"]
    return page_html(lang, w["title"], [
        annex_html(w["annex"]),
        f"<h1>{escape(w['title'])}</h1>",
        '<div class="checklist-header">' + "".join(header) + "</div>",
        table,
        '<div class="footer">',
        f'<p class="label">{escape(f["officials"])}</p>',
        "{% for person in officials %}" + _html_person("person", f) + "{% endfor %}",
        f'<p class="label">{escape(f["head"])}</p>',
        _html_person("head", f),
        "</div>",
    ])


# -------------------------------------------------------------------- DOCX

def _docx_person(doc, var: str, footer: dict) -> None:
    """A signatory's four lines, kept on one page."""
    para(doc, f"{{{{ {var}.name }}}}", indent=Cm(1.25), keep_with_next=True)
    para(doc, footer["name_caption"], indent=Cm(1.25), italic=True, size=10, keep_with_next=True)
    tabbed(doc, f"{{{{ {var}.position }}}}", SIGNATURE_LINE, indent=Cm(1.25), keep_with_next=True)
    tabbed(doc, footer["position_caption"], footer["signature_caption"], indent=Cm(1.25), size=10, italic=True)


def checklist_docx(lang: Lang) -> bytes:
    w = wording(lang, "checklist")
    doc = new_document(lang)
    add_annex(doc, w["annex"])
    para(doc, w["title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
    for key, expr in HEADER_LINES:
        p = para(doc, f"{w['header'][key]} ", before=6)
        p.add_run(f"{{{{ {expr} }}}}").underline = True
        if key == CAPTIONED:
            para(doc, w["header"]["act_number_date"], align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, size=10)
    para(doc, before=6)
    grid = grid_table(doc, 4, COLUMN_WIDTHS)
    head, loop, body, end = grid.rows
    for cell, key in zip(head.cells, ("no", "requirement", "meets", "fails")):
        cell_text(cell, w["columns"][key], HEADING_SIZE, bold=True, lang=lang)
    keep_rows_whole(grid)
    repeat_as_header(head)
    cell_text(loop.cells[0], "{%tr for row in requirements %}", TABLE_SIZE)
    cell_text(body.cells[0], "{{ row.no }}", TABLE_SIZE)
    cell_text(body.cells[1], "{{ row.text }}", TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
    cell_text(body.cells[2], "{{ row.meets }}", TABLE_SIZE)
    cell_text(body.cells[3], "{{ row.fails }}", TABLE_SIZE)
    cell_text(end.cells[0], "{%tr endfor %}", TABLE_SIZE)
    f = w["footer"]
    para(doc, f["officials"], before=12, keep_with_next=True)
    para(doc, "{%p for person in officials %}")
    _docx_person(doc, "person", f)
    para(doc, "{%p endfor %}")
    para(doc, f["head"], before=12, keep_with_next=True)
    _docx_person(doc, "head", f)
    return save_deterministic(doc)
