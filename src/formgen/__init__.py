"""formgen: the official documents of Kazakhstan's state control over the
quality of public services, in Kazakh, Russian and English, as DOCX and PDF.

    >>> import formgen
    >>> pdf = formgen.render("audit-start", case, lang="ru", fmt="pdf")

Importing formgen loads no rendering back end: docxtpl, WeasyPrint and
openpyxl are imported when a document of their format is first rendered.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

from .api import (FORMATS, BulkResult, Consolidated, Format, RiskScore, bulk, consolidate, deadline, render,
                  risk_degree, schema, validate)
from .errors import FormgenError, InvalidData, LateDocument, Problem, UnknownForm
from .forms import FORMS, FormSpec, get_form
from .locale import LANGS, Lang

try:
    __version__ = _version("formgen")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["render", "validate", "schema", "bulk", "consolidate", "deadline", "risk_degree",
           "FORMS", "FORMATS", "LANGS", "Format", "Lang", "FormSpec", "get_form",
           "BulkResult", "Consolidated", "RiskScore",
           "FormgenError", "InvalidData", "LateDocument", "Problem", "UnknownForm", "__version__"]
