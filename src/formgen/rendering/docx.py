"""DOCX output: a Word template in templates/<lang>/ rendered with docxtpl's template language.

docxtpl re-reads and re-compiles its template on every render and re-compresses
every part of the file on save (conventions.md: ~15 ms a form).  Here a template
is prepared once, with docxtpl's own cleaning of the XML (its {%p %}/{%tr %}
tags and split runs), compiled in the sandboxed environment; a render is then
one Jinja render of the body, spliced into the document part and appended to
the template's other parts, zipped once.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from .sandbox import docx_env

DOCUMENT_PART = "word/document.xml"


class CompiledDocx:
    """A Word template ready to render many times."""

    def __init__(self, template: bytes):
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.init_docx()
        # as docxtpl's render_xml_part: each paragraph on its own line, so that {%p %} tags take theirs away
        body = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
        self._body = docx_env().from_string(body)
        with zipfile.ZipFile(io.BytesIO(template)) as source:
            document = source.read(DOCUMENT_PART).decode("utf-8")
            others = [(info, source.read(info.filename)) for info in source.infolist()
                      if info.filename != DOCUMENT_PART]
        self._head = document[:document.index("<w:body")]
        self._tail = document[document.rindex("</w:body>") + len("</w:body>"):]
        parts = io.BytesIO()
        with zipfile.ZipFile(parts, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in others:
                target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        self._parts = parts.getvalue()

    def render(self, context: dict[str, Any]) -> bytes:
        body = self._body.render(context).replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if any(c in body for c in "\t\a\f"):  # docxtpl's listing characters, from a value: tabs and breaks
            body = DocxTemplate.resolve_listing(None, body)
        out = io.BytesIO(self._parts)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as document:
            # the fastest deflate: the document part of a 1-mk table compresses 3x faster, ~10 % larger
            document.writestr(DOCUMENT_PART, self._head + body + self._tail, compresslevel=1)
        return out.getvalue()


@functools.cache
def compiled(template: Path) -> CompiledDocx:
    return CompiledDocx(template.read_bytes())


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    return compiled(template).render(context)
