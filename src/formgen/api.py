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

from .errors import FormgenError, InvalidData, LateDocument, Problem, Transliterated
from .forms.limits import LIMITS
from .forms.names import Transliteration, transliterated
from .forms.registry import get_form
from .forms.registry import validate as _validate
from .forms.report_layouts import REPORT_IDS
from .forms.schemas.audit import AUDIT_SCHEMAS
from .forms.schemas.common import Model
from .forms.schemas.reports import Reporter
from .locale import LANGS, Lang
from .rendering.document import FORMATS, Format, render_document

if TYPE_CHECKING:  # the procedure and the quarterly work load on first use, keeping `import formgen` light
    from .procedure.risk import RiskScore
    from .quarterly.bodies import Body
    from .quarterly.bulk import BulkResult
    from .quarterly.consolidate import Consolidated, Submission


def validate(form_id: str, data: Mapping[str, Any] | Model, lang: Lang | None = None) -> Model:
    """The case data checked against the form's schema, as a model; with lang, also that every
    text exists in that language.  InvalidData lists every problem, each with its field path."""
    return _validate(form_id, data, lang)


def schema(form_id: str, lang: Lang | None = None) -> dict[str, Any]:
    """The JSON Schema of form_id's case data; with lang, described in that language (Draft 2020-12:
    every field titled from the form's wording, choices labelled, `$id`, an example, patterns)."""
    if lang is None:
        return get_form(form_id).schema.model_json_schema()
    if lang not in LANGS:
        raise FormgenError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    from .forms.json_schema import described_schema

    return described_schema(form_id, lang)


def render(form_id: str, data: Mapping[str, Any] | Model | None = None, *, lang: Lang = "kk",
           fmt: Format = "pdf", blank: bool = False, strict: bool = False, share_pages: bool = False,
           body: str | None = None, **options: Any) -> bytes:
    """The document form_id in lang and fmt, filled from data, or the law's blank form.

    share_pages: for many blank reports of one quarter that differ only in the
    reporting body (bulk runs), lay out the pages they share once.  body: the
    reporting body's id, recorded in a report's XLSX so that consolidation
    knows who sent the return.

    An audit document dated later than a time limit of the Rules allows gives a
    LateDocument warning naming the rule and its paragraph; with strict=True it
    is an InvalidData error instead.  An English document that prints a name
    given only in Cyrillic transliterates it and gives a Transliterated warning
    naming the field.  Raises UnknownForm, InvalidData (every
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
    if model is not None:
        check_time_limits(form_id, model, strict, stacklevel=3)
    if fmt not in spec.formats:
        raise FormgenError(f"{form_id} renders as {', '.join(spec.formats)}, not {fmt}")
    content = render_document(spec, model, lang, fmt, share_pages=share_pages, body=body, **options)
    for name in _transliterated(model, options, lang):
        warnings.warn(str(name), Transliterated, stacklevel=2)
    return content


def _transliterated(model: Model | None, options: dict[str, Any], lang: Lang) -> list[Transliteration]:
    """The names a rendered document printed transliterated: the case data's, or a blank report's head."""
    if model is not None:
        return transliterated(model, lang)
    reporter = options.get("reporter")
    if isinstance(reporter, Mapping):
        reporter = Reporter.model_validate(reporter)  # valid: the blank form was rendered with it
    return transliterated(reporter, lang, "reporter")


def check_time_limits(form_id: str, model: Model, strict: bool = False, stacklevel: int = 2) -> None:
    """Warn (LateDocument) when an audit document is dated later than a time limit of the Rules allows,
    naming the rule and its paragraph; with strict, raise InvalidData instead."""
    if form_id not in AUDIT_SCHEMAS:
        return
    from .procedure import deadlines

    late = deadlines.check_audit_document(form_id, model)
    if late and strict:
        raise InvalidData([Problem(w.path, w.message) for w in late])
    for w in late:
        warnings.warn(str(w), LateDocument, stacklevel=stacklevel)


def render_isolated(form_id: str, data: Mapping[str, Any] | Model | None = None, *, lang: Lang = "kk",
                    fmt: Format = "pdf", blank: bool = False, strict: bool = False, seconds: float | None = None,
                    memory_mib: int | None = None, **options: Any) -> bytes:
    """render() in a child process held to a time and a memory limit, for a service: no request can
    hold a worker longer than seconds or grow it by more than memory_mib (by default the limits of
    data/limits.yaml, "render").

    Raises RenderLimitExceeded when a limit is reached, and every other error as
    render() raises it; LateDocument and Transliterated warnings are passed on.  A child costs a
    fork and the loading of fonts and templates (see the README's Limits).
    """
    from .rendering.isolation import call_limited

    limits = LIMITS.render
    content, said = call_limited(_render_keeping_warnings, form_id, data, lang=lang, fmt=fmt, blank=blank,
                                 strict=strict, seconds=limits.seconds if seconds is None else seconds,
                                 memory_mib=limits.memory_mib if memory_mib is None else memory_mib,
                                 preload=("formgen.warmup",), **options)
    for category, message in said:
        warnings.warn(message, _PASSED_ON[category], stacklevel=2)
    return content


_PASSED_ON = {kind.__name__: kind for kind in (LateDocument, Transliterated)}
"""The warnings a render in a child process passes on to its caller."""


def _render_keeping_warnings(form_id: str, data: Any, **kwargs: Any) -> tuple[bytes, list[tuple[str, str]]]:
    """render() in the child of render_isolated, its warnings kept (by kind) to be passed on."""
    with warnings.catch_warnings(record=True) as caught:
        for kind in _PASSED_ON.values():
            warnings.simplefilter("always", kind)
        content = render(form_id, data, **kwargs)
    return content, [(w.category.__name__, str(w.message)) for w in caught if w.category.__name__ in _PASSED_ON]


def bulk(year: int, quarter: int, bodies_csv: str | Path, out_dir: str | Path, *,
         forms: Iterable[str] = REPORT_IDS, langs: Iterable[Lang] = LANGS,
         formats: Iterable[str] = ("docx", "pdf", "xlsx"), jobs: int | None = None, merged: bool = False,
         by_body: bool = False, zips: bool = False, mkdir: bool = False,
         progress: Callable[[int, int, int], None] | None = None) -> BulkResult:
    """The blank report forms of a quarter for every body of a CSV, prefilled with its details,
    written to out_dir/<form>/<lang>/<body id>.<format> (by_body: out_dir/<body id>/<body
    id>_1-mk_kk_2026Q4.xlsx, …) with a manifest; zips: a ZIP of each body's files beside.

    out_dir is made when its parent exists (with mkdir, with its parents).  A
    rerun skips what is complete and correct; a row that cannot be used, or a
    language a body has no name in, is reported in the result's ``failed`` and
    skipped.  progress(done, total, failed) is called as files complete.
    """
    from .quarterly.bulk import run

    return run(year, quarter, Path(bodies_csv), list(forms), list(langs), list(formats), Path(out_dir),
               jobs=jobs, merged=merged, by_body=by_body, zips=zips, mkdir=mkdir, progress=progress)


def consolidate(form_id: str, reports: Iterable[Submission | tuple[str, Mapping[str, Any] | Model]], *,
                latest: bool = False, expected: list[Body] | None = None) -> Consolidated:
    """The sum of filled reports (Submissions, or (name, data) pairs) of one form and quarter, field
    by field, with which report gave what to each value; InvalidData names a bad report.

    One body's second report is refused (latest: the one saved later wins, noted);
    an empty report is noted as not submitted, as are the expected bodies missing.
    """
    from .quarterly.consolidate import consolidate as add_up

    return add_up(form_id, list(reports), latest=latest, expected=expected)


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
