"""DOCX output: a Word template in templates/<lang>/ rendered by docxtpl."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from .sandbox import docx_env


@functools.cache
def _template_bytes(path: Path) -> bytes:
    return path.read_bytes()


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    doc = DocxTemplate(io.BytesIO(_template_bytes(template)))
    doc.render(context, jinja_env=docx_env())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
