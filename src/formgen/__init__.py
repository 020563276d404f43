"""formgen: the official documents of Kazakhstan's state control over the
quality of public services, in Kazakh, Russian and English, as DOCX and PDF.

    >>> import formgen
    >>> pdf = formgen.render("audit-start", case, lang="ru", fmt="pdf")
"""

from .api import FORMATS, render, validate
from .errors import FormgenError, InvalidData, LateDocument, Problem, UnknownForm
from .forms import FORMS, get_form
from .locale import LANGS

__all__ = ["render", "validate", "FORMS", "FORMATS", "LANGS", "get_form",
           "FormgenError", "InvalidData", "LateDocument", "Problem", "UnknownForm"]
