"""formgen: the official documents of Kazakhstan's state control over the
quality of public services, in Kazakh, Russian and English, as DOCX and PDF.

    >>> import formgen
    >>> pdf = formgen.render("audit-start", case, lang="ru", fmt="pdf")

The names below load on first use (PEP 562), and no rendering back end
(docxtpl, WeasyPrint, openpyxl) loads before a document of its format is
rendered: a command that only lists forms or validates starts quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import (FORMATS, Format, bulk, consolidate, deadline, render, render_isolated, risk_degree, schema,
                      validate)
    from .errors import (FormgenError, InvalidData, LateDocument, Problem, RenderLimitExceeded, Transliterated,
                         UnknownForm)
    from .forms import FORMS, FormSpec, get_form
    from .locale import LANGS, Lang
    from .register import Register

_EXPORTS = {
    **dict.fromkeys(["FORMATS", "Format", "bulk", "consolidate", "deadline", "render", "render_isolated",
                     "risk_degree", "schema", "validate"], "api"),
    **dict.fromkeys(["FormgenError", "InvalidData", "LateDocument", "Problem", "RenderLimitExceeded", "Transliterated",
                     "UnknownForm"],
                    "errors"),
    **dict.fromkeys(["FORMS", "FormSpec", "get_form"], "forms"),
    **dict.fromkeys(["LANGS", "Lang"], "locale"),
    "Register": "register",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version
        try:
            value = version("formgen")
        except PackageNotFoundError:  # a source tree that was never installed
            value = "0+unknown"
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'formgen' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
