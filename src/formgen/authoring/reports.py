"""Writes the templates of the quarterly reports from their layout and wording.

The tables' headings (two-level where the law has them) are printed from the
wording; their rows come from the context, since subtypes and service
providers vary from report to report.  HTML and DOCX are built from one
description of each table, so both formats show the same header.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from ..forms.report_layouts import layout
from ..forms.report_tables import HCell, PrintedTable, placements, printed_tables
from ..forms.reports import date_label
from ..forms.wording import wording
from ..locale import Lang
from ..typesetting import hyphenate_kk, tie
from .docx_build import (LANDSCAPE_ANNEX_INDENT, LANDSCAPE_TEXT_WIDTH, add_annex, cell_text, grid_table, keep_rows_whole,
                         new_document, para, repeat_as_header, save_deterministic)
from .html_build import annex_html, escape, page_html

CODE_SHARE = 0.05  # of the text width
HEADER_SIZE = 12  # pt, the header lines above the tables


def label_share(n_values: int) -> float:
    """The label column's share of the text width: narrower as the value columns multiply."""
    return 0.45 if n_values <= 4 else (0.35 if n_values <= 8 else 0.15)


# -------------------------------------------------------------------- HTML

def _html_cell(cell: HCell, lang: Lang) -> str:
    spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
        f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    if cell.expr:
        text = f"{{{{ {cell.text} | kk_hyphens }}}}" if lang == "kk" else f"{{{{ {cell.text} }}}}"
    else:
        text = escape(hyphenate_kk(cell.text) if lang == "kk" else cell.text)
    return f"<th{spans}>{text}</th>"


def _html_table(table: PrintedTable, lang: Lang) -> str:
    head = "".join(f'<p class="section">{escape(h)}</p>' for h in table.headings)
    rows = "".join("<tr>" + "".join(_html_cell(c, lang) for c in row) + "</tr>" for row in table.header)
    n_values = table.last - table.first
    shares = [CODE_SHARE, label_share(n_values)]
    shares += [(1 - sum(shares)) / n_values] * n_values
    cols = "".join(f'<col style="width:{100 * share:.2f}%">' for share in shares)
    wide = n_values > 8  # narrow label column: its words break, Kazakh ones at their syllables
    label = "row.label | kk_hyphens" if lang == "kk" and wide else "row.label"
    body = (f"{{% for row in tables[{table.index}] %}}"
            '<tr class="{{ row.kind }}"><td class="code">{{ row.code }}</td>'
            f'<td class="label">{{{{ {label} }}}}</td>'
            f"{{% for cell in row.cells[{table.first}:{table.last}] %}}<td class=\"num\">{{{{ cell }}}}</td>{{% endfor %}}"
            "</tr>{% endfor %}")
    return (f'{head}<table class="grid{" wide" if wide else ""}"><colgroup>{cols}</colgroup><thead>{rows}</thead>'
            f"<tbody>{body}</tbody></table>")


def _html_footer(footer: dict) -> str:
    f = {k: escape(v) for k, v in footer.items()}
    return (
        '<div class="footer">'
        f"<p>{f['authority']}: {{{{ reporter.authority }}}}</p>"
        f"<p>{f['address']}: {{{{ reporter.address }}}}</p>"
        f"<p>{f['phone']}: {{{{ reporter.phone }}}}</p>"
        f"<p>{f['email']}: {{{{ reporter.email }}}}</p>"
        f"<p>{f['head']}</p>"
        '<p class="signature"><span>{{ reporter.head }}</span><span class="sign">________________</span></p>'
        f'<p class="signature caption"><span>{f["name_caption"]}</span><span>{f["signature_caption"]}</span></p>'
        f'<p class="signature"><span>{date_label(footer)}{{{{ date }}}}</span><span>{f["stamp"]}</span></p>'
        "</div>"
    )


def report_html(report_id: str, lang: Lang) -> str:
    lay, words = layout(report_id), wording(lang, report_id)
    header = []
    for key, line in words["header"].items():
        value = "{{ period }}" if key == "period" else escape(line["value"])
        header.append(f'<p><b>{escape(line["label"])}</b> {value}</p>')
    clar = words["clarification"]
    return page_html(lang, words["header"]["index"]["value"], [
        annex_html(words["annex"]),
        f'<p class="form-label">{escape(words["form_label"])}</p>',
        '<div class="report-header">' + "".join(header) + "</div>",
        f'<p class="table-title">{escape(words["table_title"])}</p>',
        *(_html_table(t, lang) for t in printed_tables(lay, lang)),
        _html_footer(words["footer"]),
        '{% if with_clarification %}<div class="notes">',
        annex_html(clar["annex"]),
        f"<h1>{escape(clar['title'])}</h1>",
        *(f'<p class="para">{escape(block)}</p>' for block in clar["blocks"]),
        "</div>{% endif %}",
    ], landscape=True)


# -------------------------------------------------------------------- DOCX

def _docx_body_row(row, table: PrintedTable, size: int, keep_with_next: bool = False) -> None:
    cell_text(row.cells[0], "{{ row.code }}", size)
    cell_text(row.cells[1], "{{ row.label }}", size, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i in range(table.last - table.first):
        cell_text(row.cells[2 + i], f"{{{{ row.cells[{table.first + i}] }}}}", size)
    if keep_with_next:
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True


def _docx_table(doc, table: PrintedTable, lang: Lang, before_footer: bool) -> None:
    """A table, its heading rows repeated on every page and no row split; before_footer: its last row is kept
    with the footer, so that the head's signature never stands alone on a page."""
    for heading in table.headings:
        para(doc, heading, bold=True, before=6, keep_with_next=True)
    n_values = table.last - table.first
    head_size, body_size = (7, 9) if n_values > 8 else (9, 10)  # as the HTML's "wide" tables
    shares = [CODE_SHARE, label_share(n_values)]
    widths = [LANDSCAPE_TEXT_WIDTH.cm * share for share in shares + [(1 - sum(shares)) / n_values] * n_values]
    body_rows = 6 if before_footer else 2  # the loop's tags and its row: two kinds of row, the last one kept
    grid = grid_table(doc, len(table.header) + body_rows + 1, widths)
    for r, c, hcell in placements(table.header):
        target = grid.cell(r, c)
        if hcell.colspan > 1 or hcell.rowspan > 1:
            target = target.merge(grid.cell(r + hcell.rowspan - 1, c + hcell.colspan - 1))
        cell_text(target, f"{{{{ {hcell.text} }}}}" if hcell.expr else hcell.text, head_size, lang=lang)
    keep_rows_whole(grid)
    for row in grid.rows[:len(table.header)]:
        repeat_as_header(row)
    rows = grid.rows[len(table.header):]
    cell_text(rows[0].cells[0], f"{{%tr for row in tables[{table.index}] %}}", 9)
    if before_footer:
        cell_text(rows[1].cells[0], "{%tr if not loop.last %}", 9)
        _docx_body_row(rows[2], table, body_size)
        cell_text(rows[3].cells[0], "{%tr else %}", 9)
        _docx_body_row(rows[4], table, body_size, keep_with_next=True)
        cell_text(rows[5].cells[0], "{%tr endif %}", 9)
    else:
        _docx_body_row(rows[1], table, body_size)
    cell_text(rows[-1].cells[0], "{%tr endfor %}", 9)


def report_docx(report_id: str, lang: Lang) -> bytes:
    lay, words = layout(report_id), wording(lang, report_id)
    doc = new_document(lang, landscape=True)
    add_annex(doc, words["annex"], LANDSCAPE_ANNEX_INDENT)
    para(doc, words["form_label"], align=WD_ALIGN_PARAGRAPH.RIGHT, before=6)
    for key, line in words["header"].items():  # at 12 pt, as the PDF: the first table starts on the first page
        p = para(doc, before=1)
        label = p.add_run(tie(line["label"]))
        label.bold = True
        value = p.add_run(" " + ("{{ period }}" if key == "period" else tie(line["value"])))
        label.font.size = value.font.size = Pt(HEADER_SIZE)
    para(doc, words["table_title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12, keep_with_next=True)
    tables = printed_tables(lay, lang)
    for table in tables:
        _docx_table(doc, table, lang, before_footer=table is tables[-1])
    f = words["footer"]  # the footer's lines stay together: the head's signature never stands apart
    para(doc, f"{f['authority']}: {{{{ reporter.authority }}}}", before=12, keep_with_next=True)
    for key in ("address", "phone", "email"):
        para(doc, f"{f[key]}: {{{{ reporter.{key} }}}}", keep_with_next=True)
    para(doc, f["head"], keep_with_next=True)
    para(doc, "{{ reporter.head }}    ________________", keep_with_next=True)
    para(doc, f"{f['name_caption']}    {f['signature_caption']}", italic=True, size=10, keep_with_next=True)
    para(doc, f"{date_label(f)}{{{{ date }}}}    {f['stamp']}")
    clar = words["clarification"]
    para(doc, "{%p if with_clarification %}")
    para(doc).add_run().add_break(WD_BREAK.PAGE)
    add_annex(doc, clar["annex"], LANDSCAPE_ANNEX_INDENT)
    para(doc, clar["title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
    for block in clar["blocks"]:
        p = para(doc, block, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=3)
        p.paragraph_format.first_line_indent = Cm(1.25)
    para(doc, "{%p endif %}")
    return save_deterministic(doc)
