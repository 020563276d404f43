"""The legal wording of each form in each language, read from templates/<lang>/*.yaml.

The wording files are the one place where a form's text lives: the templates
are generated from them (see formgen.authoring) and the tests read them to check
that every numbered item reaches the output.
"""

from __future__ import annotations

import functools
from typing import Any

from ..locale import Lang
from ..resources import TEMPLATES_DIR, read_yaml


@functools.cache
def wording(lang: Lang, name: str) -> dict[str, Any]:
    """The parsed wording file `name` (a form id, or "common") in `lang`."""
    return read_yaml(TEMPLATES_DIR / lang / f"{name}.yaml")
