"""Imported by the fork server of formgen.render_isolated, never otherwise: renders every form once,
filled and blank, so that what a render makes on first use (the forms' schemas, wording and compiled
templates, the fonts and page style, the working-day calendar) is made once in the server, and every
child forked from it starts warm (a first render costs seconds, a warm one milliseconds).
"""

from __future__ import annotations

import gc
import json
import warnings

from .api import render
from .forms.registry import FORMS
from .locale import LANGS
from .resources import FIXTURES_DIR


def warm() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for spec in FORMS.values():
            case = json.loads((FIXTURES_DIR / f"{spec.id}.json").read_text(encoding="utf-8"))
            for lang in LANGS:
                render(spec.id, case, lang=lang, fmt="html")
                render(spec.id, lang=lang, fmt="docx", blank=True)
        render("audit-start", lang="kk", fmt="pdf", blank=True)
        render("report-1mk", lang="kk", fmt="xlsx", blank=True)
    # What is made stays as it is: the collector of a child leaves it alone, so that the pages the
    # server shares with its children are not copied on their first collection.
    gc.freeze()


warm()
