"""The library's entry points: render and validate a form, its JSON Schema, the
quarterly bulk run and consolidation, the time limits of the Rules and the
degree of risk.

Everything a program needs is here and re-exported by the package
(``formgen.render``, ``formgen.bulk``, …); the subpackages hold the parts.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FormgenError, InvalidData, LateDocument, Problem
from .forms.limits import LIMITS
from .forms.registry import get_form
from .forms.registry import validate as _validate
from .forms.report_layouts import REPORT_IDS
from .forms.schemas.audit import AUDIT_SCHEMAS
from .forms.schemas.common import Model
from .locale import LANGS, Lang
from .rendering.document import FORMATS, Format, render_document

if TYPE_CHECKING:  # the procedure and the quarterly work load on first use, keeping `import formgen` light
    from .procedure.risk import RiskScore
    from .quarterly.bulk import BulkResult
    from .quarterly.consolidate import Consolidated


def validate(form_id: str, data: Mapping[str, Any] | Model, lang: Lang | None = None) -> Model:
    """The case data checked against the form's schema, as a model; with lang, also that every
    text exists in that language.  InvalidData lists every problem, each with its field path."""
    return _validate(form_id, data, lang)


def schema(form_id: str) -> dict[str, Any]:
    """The JSON Schema of form_id's case data."""
    return get_form(form_id).schema.model_json_schema()


def render(form_id: str, data: Mapping[str, Any] | Model | None = None, *, lang: Lang = "kk",
           fmt: Format = "pdf", blank: bool = False, strict: bool = False, share_pages: bool = False,
           **options: Any) -> bytes:
    """The document form_id in lang and fmt, filled from data, or the law's blank form.

    share_pages: for many blank reports of one quarter that differ only in the
    reporting body (bulk runs), lay out the pages they share once.

    An audit document dated later than a time limit of the Rules allows gives a
    LateDocument warning naming the rule and its paragraph; with strict=True it
    is an InvalidData error instead.  Raises UnknownForm, InvalidData (every
    problem, each with its field path) or FormgenError for a bad language,
    format or combination.
    """
    spec = get_form(form_id)
    if lang not in LANGS:
        raise FormgenError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    if fmt not in FORMATS:
        raise FormgenError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if blank == (data is not None):
        raise FormgenError("give case data, or ask for the blank form, not both" if blank
                           else "no case data given; pass data, or blank=True for the blank form")
    unknown = set(options) - set(spec.options) - set(spec.blank_options)
    if unknown:
        known = spec.options + spec.blank_options
        raise FormgenError(f"{form_id} takes no option {', '.join(sorted(unknown))}; "
                           + (f"its options: {', '.join(known)}" if known else "it takes no options"))
    model = None if blank else _validate(form_id, data, lang)
    if model is not None and form_id in AUDIT_SCHEMAS:
        from .procedure import deadlines

        late = deadlines.check_audit_document(form_id, model)
        if late and strict:
            raise InvalidData([Problem(w.path, w.message) for w in late])
        for w in late:
            warnings.warn(str(w), LateDocument, stacklevel=2)
    if fmt not in spec.formats:
        raise FormgenError(f"{form_id} renders as {', '.join(spec.formats)}, not {fmt}")
    return render_document(spec, model, lang, fmt, share_pages=share_pages, **options)


def render_isolated(form_id: str, data: Mapping[str, Any] | Model | None = None, *, lang: Lang = "kk",
                    fmt: Format = "pdf", blank: bool = False, strict: bool = False, seconds: float | None = None,
                    memory_mib: int | None = None, **options: Any) -> bytes:
    """render() in a child process held to a time and a memory limit, for a service: no request can
    hold a worker longer than seconds or grow it by more than memory_mib (by default the limits of
    data/limits.yaml, "render").

    Raises RenderLimitExceeded when a limit is reached, and every other error as
    render() raises it; a LateDocument warning is passed on.  A child costs a
    fork and the loading of fonts and templates (see the README's Limits).
    """
    from .rendering.isolation import call_limited

    limits = LIMITS.render
    content, late = call_limited(_render_noting_late, form_id, data, lang=lang, fmt=fmt, blank=blank, strict=strict,
                                 seconds=limits.seconds if seconds is None else seconds,
                                 memory_mib=limits.memory_mib if memory_mib is None else memory_mib,
                                 preload=("formgen.warmup",), **options)
    for message in late:
        warnings.warn(message, LateDocument, stacklevel=2)
    return content


def _render_noting_late(form_id: str, data: Any, **kwargs: Any) -> tuple[bytes, list[str]]:
    """render() in the child of render_isolated, its LateDocument warnings kept to be passed on."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LateDocument)
        content = render(form_id, data, **kwargs)
    return content, [str(w.message) for w in caught if issubclass(w.category, LateDocument)]


def bulk(year: int, quarter: int, bodies_csv: str | Path, out_dir: str | Path, *,
         forms: Iterable[str] = REPORT_IDS, langs: Iterable[Lang] = LANGS,
         formats: Iterable[str] = ("docx", "pdf", "xlsx"), jobs: int | None = None, merged: bool = False,
         progress: Callable[[int, int, int], None] | None = None) -> BulkResult:
    """The blank report forms of a quarter for every body of a CSV, prefilled with its details,
    written to out_dir/<form>/<lang>/<body id>.<format> with a manifest.

    A rerun skips what is complete and correct; an invalid row is reported in
    the result's ``failed`` and skipped.  progress(done, total, failed) is
    called as files complete.
    """
    from .quarterly.bulk import run

    return run(year, quarter, Path(bodies_csv), list(forms), list(langs), list(formats), Path(out_dir),
                     jobs=jobs, merged=merged, progress=progress)


def consolidate(form_id: str, reports: Iterable[tuple[str, Mapping[str, Any] | Model]]) -> Consolidated:
    """The sum of filled reports ((name, data) pairs) of one form and quarter, field by field,
    with which report gave what to each value; InvalidData names a bad report."""
    from .quarterly.consolidate import consolidate as add_up

    return add_up(form_id, list(reports))


def deadline(rule_id: str, from_date: dt.date) -> dt.date:
    """The last date a time limit of the Rules allows, counted from from_date (``formgen deadline --list``)."""
    from .procedure.deadlines import deadline as last_date

    return last_date(rule_id, from_date)


def risk_degree(violated: Iterable[int], applicable: Iterable[int] | None = None) -> RiskScore:
    """The degree of risk under joint order No. 102/57 for the violated subjective criteria
    (numbers 1–35) among the applicable ones (default: all)."""
    from .procedure.risk import score

    return score(set(violated), None if applicable is None else set(applicable))


__all__ = ["FORMATS", "Format", "bulk", "consolidate", "deadline",
           "render", "render_isolated", "risk_degree", "schema", "validate"]
