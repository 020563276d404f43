"""DOCX output: a Word template in templates/<lang>/ rendered with docxtpl's template language.

docxtpl re-reads and re-compiles its template on every render and re-compresses
every part of the file on save (conventions.md: ~15 ms a form).  Here a template
is prepared once, with docxtpl's own cleaning of the XML (its {%p %}/{%tr %}
tags and split runs), compiled in the sandboxed environment; a render is then
one Jinja render of the body, spliced into the document part and appended to
the template's other parts, zipped once.

The parts a render writes carry the document's date as their time (1980-01-01
when it has none), never the clock, and the core properties name its title,
language and date: the same data give the same bytes.  An issued document also
names its number and register entry, and carries the register's QR code in a
footer, anchored in the bottom margin so that the form's text does not move.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docxtpl import DocxTemplate

from .document import DOCX_CUSTOM_PART as CUSTOM_PART
from .document import ENTRY_PROPERTY, DocumentInfo, VerificationMark
from .sandbox import docx_env

DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
CONTENT_TYPES = "[Content_Types].xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
PACKAGE_RELS = "_rels/.rels"
FOOTER_PART = "word/formgen-footer.xml"
FOOTER_RELS = "word/_rels/formgen-footer.xml.rels"
QR_PART = "word/media/formgen-qr.png"
PER_RENDER = (DOCUMENT_PART, CORE_PART, CONTENT_TYPES, DOCUMENT_RELS, PACKAGE_RELS)
"""The template's parts a render may change; the others are zipped once, with the template."""

NO_DATE = (1980, 1, 1, 0, 0, 0)
"""The earliest time a ZIP entry can hold: the time of an undated document's parts."""

QR_MM = 11
EMU_PER_MM = 36000
EMU_PER_TWIP = 635
FOOTER_REL_ID = "rIdFormgenFooter"

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


class CompiledDocx:
    """A Word template ready to render many times."""

    def __init__(self, template: bytes):
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.init_docx()
        # as docxtpl's render_xml_part: each paragraph on its own line, so that {%p %} tags take theirs away
        body = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
        self._body = docx_env().from_string(body)
        with zipfile.ZipFile(io.BytesIO(template)) as source:
            self._own = {name: source.read(name).decode("utf-8") for name in PER_RENDER}
            others = [(info, source.read(info.filename)) for info in source.infolist()
                      if info.filename not in PER_RENDER]
        document = self._own[DOCUMENT_PART]
        self._head = document[:document.index("<w:body")]
        self._tail = document[document.rindex("</w:body>") + len("</w:body>"):]
        self._page = _page_geometry(document)
        parts = io.BytesIO()
        with zipfile.ZipFile(parts, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in others:
                target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        self._parts = parts.getvalue()

    def render(self, context: dict[str, Any], info: DocumentInfo) -> bytes:
        body = self._body.render(context).replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if any(c in body for c in "\t\a\f"):  # docxtpl's listing characters, from a value: tabs and breaks
            body = DocxTemplate.resolve_listing(None, body)
        parts = {CORE_PART: _core_properties(info), CONTENT_TYPES: self._own[CONTENT_TYPES],
                 DOCUMENT_RELS: self._own[DOCUMENT_RELS], PACKAGE_RELS: self._own[PACKAGE_RELS]}
        registration = info.registration
        if registration is not None:
            parts[CUSTOM_PART] = _custom_properties(registration.digest)
            parts[PACKAGE_RELS] = _add_relationship(
                parts[PACKAGE_RELS], "rIdFormgenCustom", f"{_REL}/custom-properties", CUSTOM_PART)
            parts[CONTENT_TYPES] = _add_override(
                parts[CONTENT_TYPES], CUSTOM_PART, "application/vnd.openxmlformats-officedocument.custom-properties+xml")
            if registration.mark is not None:
                parts[FOOTER_PART] = _footer(registration.mark, self._page)
                parts[FOOTER_RELS] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                      f'<Relationships xmlns="{_PACKAGE_REL}"><Relationship Id="rIdFormgenQr" '
                                      f'Type="{_REL}/image" Target="media/formgen-qr.png"/></Relationships>')
                parts[DOCUMENT_RELS] = _add_relationship(
                    parts[DOCUMENT_RELS], FOOTER_REL_ID, f"{_REL}/footer", "formgen-footer.xml")
                parts[CONTENT_TYPES] = _add_override(
                    _add_default(parts[CONTENT_TYPES], "png", "image/png"), FOOTER_PART,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml")
                body = re.sub(r"(<w:sectPr\b[^>]*>)",
                              rf'\1<w:footerReference w:type="default" r:id="{FOOTER_REL_ID}"/>', body)
        parts[DOCUMENT_PART] = self._head + body + self._tail
        when = (info.date.year, info.date.month, info.date.day, 0, 0, 0) if info.date else NO_DATE
        out = io.BytesIO(self._parts)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as document:
            # the fastest deflate: the document part of a 1-mk table compresses 3x faster, ~10 % larger
            for name, text in parts.items():
                document.writestr(zipfile.ZipInfo(name, when), text, compress_type=zipfile.ZIP_DEFLATED,
                                  compresslevel=1)
            if registration is not None and registration.mark is not None:
                document.writestr(zipfile.ZipInfo(QR_PART, when), registration.mark.png)
        return out.getvalue()


def _page_geometry(document: str) -> dict[str, int]:
    """The page's width, height, right and bottom margins in twips, from the body's last section."""
    size = re.findall(r"<w:pgSz\b[^>]*>", document)[-1]
    margins = re.findall(r"<w:pgMar\b[^>]*>", document)[-1]

    def attribute(tag: str, name: str) -> int:
        return int(re.search(rf'w:{name}="(\d+)"', tag).group(1))

    return {"width": attribute(size, "w"), "height": attribute(size, "h"),
            "right": attribute(margins, "right"), "bottom": attribute(margins, "bottom")}


def _core_properties(info: DocumentInfo) -> str:
    when = f"{info.date.isoformat()}T00:00:00Z" if info.date else None
    dates = "".join(f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{when}</dcterms:{name}>'
                    for name in ("created", "modified")) if when else ""
    number = info.registration.number if info.registration else None
    identifier = f"<dc:identifier>{escape(number)}</dc:identifier>" if number else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(info.title)}</dc:title>"
            f"<dc:creator>formgen</dc:creator>{identifier}<dc:language>{info.lang}</dc:language>"
            f"{dates}</cp:coreProperties>")


def _custom_properties(digest: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
            f'name="{ENTRY_PROPERTY}"><vt:lpwstr>{digest}</vt:lpwstr></property></Properties>')


def _add_relationship(rels: str, rel_id: str, rel_type: str, target: str) -> str:
    return rels.replace("</Relationships>",
                        f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/></Relationships>')


def _add_override(types: str, part: str, content_type: str) -> str:
    return types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')


def _add_default(types: str, extension: str, content_type: str) -> str:
    if f'Extension="{extension}"' in types:
        return types
    return types.replace("</Types>", f'<Default Extension="{extension}" ContentType="{content_type}"/></Types>')


def _footer(mark: VerificationMark, page: dict[str, int]) -> str:
    """A footer whose paragraph is the mark's caption (7 pt, right-aligned before the code) and whose
    picture is the code, anchored to the page: in the bottom margin, its right edge on the text's."""
    side = QR_MM * EMU_PER_MM
    x = (page["width"] - page["right"]) * EMU_PER_TWIP - side
    y = page["height"] * EMU_PER_TWIP - (page["bottom"] * EMU_PER_TWIP + side) // 2
    gap_twips = (QR_MM + 2) * EMU_PER_MM // EMU_PER_TWIP
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NS.items())
    picture = (
        '<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{side}" cy="{side}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="1" name="formgen-qr" descr="{escape(mark.caption, {chr(34): "&quot;"})}"/>'
        '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="formgen-qr.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rIdFormgenQr"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{side}" cy="{side}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        '</wp:anchor></w:drawing></w:r>')
    caption = (f'<w:r><w:rPr><w:sz w:val="14"/><w:szCs w:val="14"/></w:rPr>'
               f'<w:t xml:space="preserve">{escape(mark.caption)}</w:t></w:r>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:ftr {namespaces}><w:p><w:pPr><w:jc w:val="right"/><w:ind w:right="{gap_twips}"/>'
            f'<w:spacing w:before="0" w:after="0"/></w:pPr>{picture}{caption}</w:p></w:ftr>')


@functools.cache
def compiled(template: Path) -> CompiledDocx:
    return CompiledDocx(template.read_bytes())


def render_docx(template: Path, context: dict[str, Any], info: DocumentInfo) -> bytes:
    return compiled(template).render(context, info)
