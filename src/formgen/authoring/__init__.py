"""Writes the templates of every form from its layout and its wording.

The DOCX templates are real Word files a clerk can open and restyle; the HTML
templates feed the PDF.  Both are generated here, from the one wording file of
each form and language, so that the two formats cannot drift apart:
`python -m formgen.authoring` rewrites templates/<lang>/<form>.docx|.html and a
test fails when a committed template differs from what this package writes.

Rendering never imports this package: it reads the committed templates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..forms.audit import LAYOUTS
from ..forms.report_layouts import REPORT_IDS
from ..locale import LANGS
from ..resources import TEMPLATES_DIR
from .audit import audit_docx, audit_html
from .checklist import checklist_docx, checklist_html
from .reports import report_docx, report_html


def generated_templates() -> dict[Path, bytes]:
    """Every generated template, path → content."""
    out: dict[Path, bytes] = {}
    for lang in LANGS:
        for form_id in LAYOUTS:
            out[TEMPLATES_DIR / lang / f"{form_id}.html"] = audit_html(form_id, lang).encode()
            out[TEMPLATES_DIR / lang / f"{form_id}.docx"] = audit_docx(form_id, lang)
        for report_id in REPORT_IDS:
            out[TEMPLATES_DIR / lang / f"{report_id}.html"] = report_html(report_id, lang).encode()
            out[TEMPLATES_DIR / lang / f"{report_id}.docx"] = report_docx(report_id, lang)
        out[TEMPLATES_DIR / lang / "checklist.html"] = checklist_html(lang).encode()
        out[TEMPLATES_DIR / lang / "checklist.docx"] = checklist_docx(lang)
    return out


def main() -> None:
    """Rewrite every generated template, naming each on stderr."""
    for path, content in generated_templates().items():
        path.write_bytes(content)
        print(path.relative_to(TEMPLATES_DIR.parent), file=sys.stderr)
