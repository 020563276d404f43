"""Where the package finds its templates, fixtures and fonts.

In a source checkout templates/ and fixtures/ sit at the repository root; an
installed wheel carries them inside the package.  Nothing else is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    bundled = PACKAGE_DIR / name
    return bundled if bundled.is_dir() else PACKAGE_DIR.parents[1] / name


TEMPLATES_DIR = _data_dir("templates")
FIXTURES_DIR = _data_dir("fixtures")
FONTS_DIR = PACKAGE_DIR / "fonts"
DATA_DIR = PACKAGE_DIR / "data"

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser, where built: ten times faster


def read_yaml(path: Path) -> Any:
    """A YAML file of the package (wording, layouts, criteria, time limits), parsed safely."""
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_SAFE_LOADER)
