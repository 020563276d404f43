"""The legal wording of each form in each language, read from templates/<lang>/*.yaml.

The wording files are the one place where a form's text lives: the templates
are generated from them (see formgen.authoring) and the tests read them to check
that every numbered item reaches the output.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from ..locale import Lang
from ..resources import TEMPLATES_DIR


@functools.cache
def wording(lang: Lang, name: str) -> dict[str, Any]:
    """The parsed wording file `name` (a form id, or "common") in `lang`."""
    with open(TEMPLATES_DIR / lang / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)
