"""Writes the templates of the audit documents (Annexes 1–6) from their layout and wording."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm

from ..forms.audit import INLINE_STYLES, LAYOUTS, SIGNATURE_LINE, TITLE_FIELDS, Item
from ..forms.wording import wording
from ..locale import Lang
from ..typesetting import tie
from .docx_build import add_annex, new_document, para, save_deterministic, tabbed
from .html_build import annex_html, escape, page_html

# -------------------------------------------------------------------- HTML

def _html_lines(var: str, signature: bool = False) -> str:
    if signature:
        line = f'<p class="value signature"><span>{{{{ line }}}}</span><span class="sign">{SIGNATURE_LINE}</span></p>'
    else:
        line = '<p class="value">{{ line }}</p>'
    return f"{{% for line in {var} %}}{line}{{% endfor %}}"


def _html_item(number: int, label: str, item: Item) -> str:
    head = f"{number}. {escape(label)}"
    if item.style in INLINE_STYLES:
        (var,) = item.fields
        return f'<div class="item"><p class="label">{head} {{{{ {var} | join("; ") }}}}</p></div>'
    values = "".join(_html_lines(var, signature=item.style == "signatures") for var in item.fields)
    kind = "item signatures" if item.style == "signatures" else "item"
    return f'<div class="{kind}"><p class="label">{head}</p>{values}</div>'


def audit_html(form_id: str, lang: Lang) -> str:
    w = wording(lang, form_id)
    fields = TITLE_FIELDS[form_id]
    date_label = f"{escape(w['date_label'])} " if w.get("date_label") else ""
    out = [
        annex_html(w["annex"]),
        f'<p class="form-label">{escape(w["form_label"])}</p>',
        f"<h1>{escape(w['title'])}</h1>",
        f'<div class="number-date"><span>{tie("№ {{ number }}")}</span>',
    ]
    if "place" in fields:
        out.append(f'<span class="place">{{{{ place }}}}<br><span class="caption">{escape(w["place_caption"])}</span></span>')
    out.append(f"<span>{date_label}{{{{ date }}}}</span></div>")
    out += [_html_item(n, label, item) for n, (label, item) in enumerate(zip(w["items"], LAYOUTS[form_id]), 1)]
    if w.get("note"):
        out.append(f'<p class="note">{escape(w["note"])}</p>')
    if "completion_notes" in w:
        notes = w["completion_notes"]
        kinds = wording(lang, "common")["fact_kinds"]
        out += [
            '{% if with_notes %}<div class="notes">',
            annex_html(notes["annex"]),
            f"<h1>{escape(notes['title'])}</h1>",
            *(f'<p class="para">{escape(p)}</p>' for p in notes["before_kinds"]),
            *(f'<p class="para">{n}) {escape(kinds[n])};</p>' for n in sorted(kinds)),
            *(f'<p class="para">{escape(p)}</p>' for p in notes["after_kinds"]),
            "</div>{% endif %}",
        ]
    return page_html(lang, w["title"], out)


# -------------------------------------------------------------------- DOCX

def _docx_loop(doc, var: str, signature: bool = False, keep_with_next: bool = False) -> None:
    para(doc, f"{{%p for line in {var} %}}")
    if signature:
        line = tabbed(doc, "{{ line }}", SIGNATURE_LINE, indent=Cm(1.25))
        line.paragraph_format.keep_together = True
    else:
        line = para(doc, "{{ line }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.25))
    line.paragraph_format.keep_with_next = keep_with_next or None
    para(doc, "{%p endfor %}")


def _docx_item(doc, number: int, label: str, item: Item, before_signatures: bool) -> None:
    """The item's label kept with its value; the signatures kept together, and with the item before them."""
    head = f"{number}. {label}"
    if item.style in INLINE_STYLES:
        (var,) = item.fields
        para(doc, f'{head} {{{{ {var} | join("; ") }}}}', align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=6,
             keep_with_next=before_signatures)
        return
    para(doc, head, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=6, keep_with_next=True)
    signatures = item.style == "signatures"
    for var in item.fields:
        _docx_loop(doc, var, signature=signatures, keep_with_next=signatures or before_signatures)


def audit_docx(form_id: str, lang: Lang) -> bytes:
    w = wording(lang, form_id)
    doc = new_document(lang)
    add_annex(doc, w["annex"])
    para(doc, w["form_label"], align=WD_ALIGN_PARAGRAPH.RIGHT, before=6)
    para(doc, w["title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
    date_label = f"{w['date_label']} " if w.get("date_label") else ""
    tabbed(doc, "№ {{ number }}", f"{date_label}{{{{ date }}}}", before=6)
    if "place" in TITLE_FIELDS[form_id]:
        para(doc, "{{ place }}")
        para(doc, w["place_caption"], italic=True, size=10)
    items = LAYOUTS[form_id]
    for n, (label, item) in enumerate(zip(w["items"], items), 1):
        _docx_item(doc, n, label, item, before_signatures=n < len(items) and items[n].style == "signatures")
    if w.get("note"):
        para(doc, w["note"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=12)
    if "completion_notes" in w:
        notes = w["completion_notes"]
        kinds = wording(lang, "common")["fact_kinds"]
        para(doc, "{%p if with_notes %}")
        para(doc).add_run().add_break(WD_BREAK.PAGE)
        add_annex(doc, notes["annex"])
        para(doc, notes["title"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
        paragraphs = [*notes["before_kinds"], *(f"{n}) {kinds[n]};" for n in sorted(kinds)), *notes["after_kinds"]]
        for text in paragraphs:
            p = para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=3)
            p.paragraph_format.first_line_indent = Cm(1.25)
        para(doc, "{%p endif %}")
    return save_deterministic(doc)
