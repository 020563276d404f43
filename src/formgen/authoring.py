"""Writes the templates of every form from its layout and its wording.

The DOCX templates are real Word files a clerk can open and restyle; the HTML
templates feed the PDF.  Both are generated here, from the one wording file of
each form and language, so that the two formats cannot drift apart:
`python -m formgen.authoring` rewrites templates/<lang>/<form>.docx|.html and a
test fails when a committed template differs from what this module writes.
"""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import documents
from .documents import Item
from .locale import LANGS, Lang
from .resources import TEMPLATES_DIR
from .wording import wording

FONT = "Times New Roman"
TEXT_WIDTH = Cm(16.5)  # A4 less the 30 mm and 15 mm margins


# -------------------------------------------------------------------- HTML

def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _html_lines(var: str, signature: bool = False) -> str:
    if signature:
        line = f'<p class="value signature"><span>{{{{ line }}}}</span><span class="sign">{documents.SIGNATURE_LINE}</span></p>'
    else:
        line = '<p class="value">{{ line }}</p>'
    return f"{{% for line in {var} %}}{line}{{% endfor %}}"


def _html_item(number: int, label: str, item: Item) -> str:
    head = f"{number}. {_e(label)}"
    if item.style in ("inline", "since"):
        (var,) = item.fields
        return f'<div class="item"><p class="label">{head} {{{{ {var} | join("; ") }}}}</p></div>'
    values = "".join(_html_lines(var, signature=item.style == "signatures") for var in item.fields)
    return f'<div class="item"><p class="label">{head}</p>{values}</div>'


def _html_annex(lines: list[str]) -> str:
    return '<div class="annex">' + "".join(f"<p>{_e(line)}</p>" for line in lines) + "</div>"


def audit_html(form_id: str, lang: Lang) -> str:
    w = wording(lang, form_id)
    fields = documents.TITLE_FIELDS[form_id]
    date_label = f"{_e(w['date_label'])} " if w.get("date_label") else ""
    out = [
        '{% extends "_document.html" %}',
        f"{{% block lang %}}{lang}{{% endblock %}}",
        f"{{% block title %}}{_e(w['title'])}{{% endblock %}}",
        "{% block content %}",
        _html_annex(w["annex"]),
        f'<p class="form-label">{_e(w["form_label"])}</p>',
        f"<h1>{_e(w['title'])}</h1>",
        '<div class="number-date"><span>№ {{ number }}</span>',
    ]
    if "place" in fields:
        out.append(f'<span class="place">{{{{ place }}}}<br><span class="caption">{_e(w["place_caption"])}</span></span>')
    out.append(f"<span>{date_label}{{{{ date }}}}</span></div>")
    out += [_html_item(n, label, item) for n, (label, item) in enumerate(zip(w["items"], documents.LAYOUTS[form_id]), 1)]
    if w.get("note"):
        out.append(f'<p class="note">{_e(w["note"])}</p>')
    if "completion_notes" in w:
        notes = w["completion_notes"]
        kinds = wording(lang, "common")["fact_kinds"]
        out += [
            '{% if with_notes %}<div class="notes">',
            _html_annex(notes["annex"]),
            f"<h1>{_e(notes['title'])}</h1>",
            *(f'<p class="para">{_e(p)}</p>' for p in notes["before_kinds"]),
            *(f'<p class="para">{n}) {_e(kinds[n])};</p>' for n in sorted(kinds)),
            *(f'<p class="para">{_e(p)}</p>' for p in notes["after_kinds"]),
            "</div>{% endif %}",
        ]
    out.append("{% endblock %}")
    return "\n".join(out) + "\n"


# -------------------------------------------------------------------- DOCX

def new_document(landscape: bool = False) -> Document:
    """An empty A4 document set in Times New Roman 14 pt, single-spaced."""
    doc = Document()
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


def _para(doc, text: str = "", *, align=None, bold: bool = False, italic: bool = False,
          size: int | None = None, indent=None, before: int = 0):
    p = doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if indent is not None:
        p.paragraph_format.left_indent = indent
    if before:
        p.paragraph_format.space_before = Pt(before)
    return p


def _docx_loop(doc, var: str, signature: bool = False) -> None:
    _para(doc, f"{{%p for line in {var} %}}")
    if signature:
        p = _para(doc, f"{{{{ line }}}}\t{documents.SIGNATURE_LINE}", indent=Cm(1.25))
        p.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    else:
        _para(doc, "{{ line }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.25))
    _para(doc, "{%p endfor %}")


def _docx_annex(doc, lines: list[str]) -> None:
    for line in lines:
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, indent=Cm(9))


def _docx_item(doc, number: int, label: str, item: Item) -> None:
    head = f"{number}. {label}"
    if item.style in ("inline", "since"):
        (var,) = item.fields
        _para(doc, f'{head} {{{{ {var} | join("; ") }}}}', align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=6)
        return
    _para(doc, head, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=6)
    for var in item.fields:
        _docx_loop(doc, var, signature=item.style == "signatures")


def audit_docx(form_id: str, lang: Lang) -> bytes:
    w = wording(lang, form_id)
    doc = new_document()
    _docx_annex(doc, w["annex"])
    _para(doc, w["form_label"], align=WD_ALIGN_PARAGRAPH.RIGHT, before=6)
    _para(doc, w["title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
    date_label = f"{w['date_label']} " if w.get("date_label") else ""
    p = _para(doc, f"№ {{{{ number }}}}\t{date_label}{{{{ date }}}}", before=6)
    p.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    if "place" in documents.TITLE_FIELDS[form_id]:
        _para(doc, "{{ place }}")
        _para(doc, w["place_caption"], italic=True, size=10)
    for n, (label, item) in enumerate(zip(w["items"], documents.LAYOUTS[form_id]), 1):
        _docx_item(doc, n, label, item)
    if w.get("note"):
        _para(doc, w["note"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=12)
    if "completion_notes" in w:
        notes = w["completion_notes"]
        kinds = wording(lang, "common")["fact_kinds"]
        _para(doc, "{%p if with_notes %}")
        _para(doc).add_run().add_break(WD_BREAK.PAGE)
        _docx_annex(doc, notes["annex"])
        _para(doc, notes["title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
        paragraphs = [*notes["before_kinds"], *(f"{n}) {kinds[n]};" for n in sorted(kinds)), *notes["after_kinds"]]
        for text in paragraphs:
            p = _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=3)
            p.paragraph_format.first_line_indent = Cm(1.25)
        _para(doc, "{%p endif %}")
    return save_deterministic(doc)


def save_deterministic(doc) -> bytes:
    """The document's bytes with fixed core properties, so a rebuild is byte-for-byte stable."""
    import datetime as dt

    props = doc.core_properties
    props.author = props.last_modified_by = "formgen"
    props.created = props.modified = dt.datetime(2024, 6, 25)
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------- writing

def generated_templates() -> dict[Path, bytes]:
    """Every generated template, path → content."""
    out: dict[Path, bytes] = {}
    for lang in LANGS:
        for form_id in documents.LAYOUTS:
            out[TEMPLATES_DIR / lang / f"{form_id}.html"] = audit_html(form_id, lang).encode()
            out[TEMPLATES_DIR / lang / f"{form_id}.docx"] = audit_docx(form_id, lang)
    return out


def main() -> None:
    for path, content in generated_templates().items():
        path.write_bytes(content)
        print(path.relative_to(TEMPLATES_DIR.parent), file=sys.stderr)


if __name__ == "__main__":
    main()
