"""Writes the templates of the quarterly reports from their layout and wording.

The tables' headings (two-level where the law has them) are printed from the
wording; their rows come from the context, since subtypes and service
providers vary from report to report.  HTML and DOCX are built from one
description of each table, so both formats show the same header.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm

from ..forms.report_layouts import layout
from ..forms.report_tables import HCell, PrintedTable, placements, printed_tables
from ..forms.reports import date_label
from ..forms.wording import wording
from ..locale import Lang
from .docx_build import (LANDSCAPE_ANNEX_INDENT, LANDSCAPE_TEXT_WIDTH, add_annex, cell_text, grid_table, new_document,
                         para, repeat_as_header, save_deterministic)
from .html_build import annex_html, escape, page_html

CODE_SHARE = 0.05  # of the text width


def label_share(n_values: int) -> float:
    """The label column's share of the text width: narrower as the value columns multiply."""
    return 0.45 if n_values <= 4 else (0.35 if n_values <= 8 else 0.15)


# -------------------------------------------------------------------- HTML

def _html_cell(cell: HCell) -> str:
    spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
        f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    text = f"{{{{ {cell.text} }}}}" if cell.expr else escape(cell.text)
    return f"<th{spans}>{text}</th>"


def _html_table(table: PrintedTable) -> str:
    head = "".join(f'<p class="section">{escape(h)}</p>' for h in table.headings)
    rows = "".join("<tr>" + "".join(_html_cell(c) for c in row) + "</tr>" for row in table.header)
    n_values = table.last - table.first
    shares = [CODE_SHARE, label_share(n_values)]
    shares += [(1 - sum(shares)) / n_values] * n_values
    cols = "".join(f'<col style="width:{100 * share:.2f}%">' for share in shares)
    body = (f"{{% for row in tables[{table.index}] %}}"
            '<tr class="{{ row.kind }}"><td class="code">{{ row.code }}</td><td class="label">{{ row.label }}</td>'
            f"{{% for cell in row.cells[{table.first}:{table.last}] %}}<td class=\"num\">{{{{ cell }}}}</td>{{% endfor %}}"
            "</tr>{% endfor %}")
    wide = " wide" if n_values > 8 else ""
    return f'{head}<table class="grid{wide}"><colgroup>{cols}</colgroup><thead>{rows}</thead><tbody>{body}</tbody></table>'


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
        value = {"period": "{{ period }}", "deadline": "{{ deadline }}"}.get(key) or escape(line["value"])
        header.append(f'<p><b>{escape(line["label"])}</b> {value}</p>')
    clar = words["clarification"]
    return page_html(lang, words["header"]["index"]["value"], [
        annex_html(words["annex"]),
        f'<p class="form-label">{escape(words["form_label"])}</p>',
        '<div class="report-header">' + "".join(header) + "</div>",
        f'<p class="table-title">{escape(words["table_title"])}</p>',
        *(_html_table(t) for t in printed_tables(lay, lang)),
        _html_footer(words["footer"]),
        '{% if with_clarification %}<div class="notes">',
        annex_html(clar["annex"]),
        f"<h1>{escape(clar['title'])}</h1>",
        *(f'<p class="para">{escape(block)}</p>' for block in clar["blocks"]),
        "</div>{% endif %}",
    ], landscape=True)


# -------------------------------------------------------------------- DOCX

def _docx_table(doc, table: PrintedTable) -> None:
    for heading in table.headings:
        para(doc, heading, bold=True, before=6)
    n_values = table.last - table.first
    head_size, body_size = (7, 9) if n_values > 8 else (9, 10)  # as the HTML's "wide" tables
    shares = [CODE_SHARE, label_share(n_values)]
    widths = [LANDSCAPE_TEXT_WIDTH.cm * share for share in shares + [(1 - sum(shares)) / n_values] * n_values]
    grid = grid_table(doc, len(table.header) + 3, widths)
    for r, c, hcell in placements(table.header):
        target = grid.cell(r, c)
        if hcell.colspan > 1 or hcell.rowspan > 1:
            target = target.merge(grid.cell(r + hcell.rowspan - 1, c + hcell.colspan - 1))
        cell_text(target, f"{{{{ {hcell.text} }}}}" if hcell.expr else hcell.text, head_size)
    for row in grid.rows[:len(table.header)]:
        repeat_as_header(row)
    loop, body, end = grid.rows[len(table.header):]
    cell_text(loop.cells[0], f"{{%tr for row in tables[{table.index}] %}}", 9)
    cell_text(body.cells[0], "{{ row.code }}", body_size)
    cell_text(body.cells[1], "{{ row.label }}", body_size, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i in range(n_values):
        cell_text(body.cells[2 + i], f"{{{{ row.cells[{table.first + i}] }}}}", body_size)
    cell_text(end.cells[0], "{%tr endfor %}", 9)


def report_docx(report_id: str, lang: Lang) -> bytes:
    lay, words = layout(report_id), wording(lang, report_id)
    doc = new_document(landscape=True)
    add_annex(doc, words["annex"], LANDSCAPE_ANNEX_INDENT)
    para(doc, words["form_label"], align=WD_ALIGN_PARAGRAPH.RIGHT, before=6)
    for key, line in words["header"].items():
        p = para(doc, before=2)
        p.add_run(line["label"]).bold = True
        p.add_run(" " + ({"period": "{{ period }}", "deadline": "{{ deadline }}"}.get(key) or line["value"]))
    para(doc, words["table_title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
    for table in printed_tables(lay, lang):
        _docx_table(doc, table)
    f = words["footer"]
    para(doc, f"{f['authority']}: {{{{ reporter.authority }}}}", before=12)
    for key in ("address", "phone", "email"):
        para(doc, f"{f[key]}: {{{{ reporter.{key} }}}}")
    para(doc, f["head"])
    para(doc, "{{ reporter.head }}    ________________")
    para(doc, f"{f['name_caption']}    {f['signature_caption']}", italic=True, size=10)
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
