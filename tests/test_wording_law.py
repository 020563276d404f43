"""The wording as the law prints it (issue 13): the errata list, read against the
seeds and applied to every form it names; the English report forms word for
word after the 2024 translation (seed 001), every row and column written out
below from that text; the Russian phrases where the Kazakh text and 001
differ; the checklist's reference to the joint order; the English quarter."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

import formgen
from formgen import wording as wording_module
from formgen.wording import Erratum, StaleErratum, apply_errata, errata, raw_wording, wording

from conftest import docx_text, squash

SEEDS = Path("/work/shared/seeds")
LANGS = ("kk", "ru", "en")


@functools.cache
def blank_text(form_id: str, lang: str, fmt: str = "docx") -> str:
    """A blank form with every note and clarification, as printed: whitespace folded."""
    options = {"with_notes": True} if "with_notes" in formgen.FORMS[form_id].options else {}
    content = formgen.render(form_id, lang=lang, fmt=fmt, blank=True, **options)
    return squash(docx_text(content))


# Where a wording's text is printed: "common" holds the kinds of facts, which the
# certificate's completion notes list.
PRINTED_BY = {"common": "audit-certificate"}


# ================================================================ the errata list

def test_errata_are_listed_and_well_formed():
    listed = errata()
    assert len(listed) >= 20
    assert {e.kind for e in listed} == {"misprint", "slip"}
    for erratum in listed:
        assert erratum.lines and all(isinstance(n, int) and n > 0 for n in erratum.lines), erratum
        assert erratum.printed.strip() == erratum.printed and erratum.corrected.strip() == erratum.corrected
        assert erratum.note, erratum


def test_the_errata_of_the_brief_are_there():
    by_printed = {e.printed: e for e in errata()}
    named = {
        "бұрықтардың,": ("002_26f685bf2fb662f0.txt", "kk", ("checklist",), "бұйрықтардың,", "misprint"),
        "\"электронды үкімет\"": ("000_c8d6a8959ad93fef.txt", "kk", ("report-4mk",), "\"электрондық үкімет\"",
                                  "misprint"),
        "уәкілтті органға": ("000_c8d6a8959ad93fef.txt", "kk", ("report-1mk",), "уәкілетті органға", "misprint"),
    }
    for printed, (seed, lang, forms, corrected, kind) in named.items():
        e = by_printed[printed]
        assert (e.seed, e.lang, e.forms, e.corrected, e.kind) == (seed, lang, forms, corrected, kind)
    # The 1-мқ clarification's rows 3.4 (left out) and 10.15–10.17 (named, not on the form): slips, kept.
    slips = [e for e in errata() if e.kind == "slip" and e.forms == ("report-1mk",) and e.lang == "kk"]
    assert any("3.3, 3.5" in e.printed for e in slips)
    assert any("10.15, 10.16 және 10.17" in e.printed for e in slips)


def _seed_lines(name: str) -> list[str]:
    return (SEEDS / name).read_text(encoding="utf-8").split("\n")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds folder is not on this machine")
@pytest.mark.parametrize("erratum", errata(), ids=lambda e: f"{e.lang}-{e.forms[0]}-{e.lines[0]}")
def test_each_erratum_is_printed_at_the_seed_lines_it_names(erratum: Erratum):
    """The printed text starts on each line named (it may run on over the next lines, as the extraction
    wrapped it)."""
    lines = _seed_lines(erratum.seed)
    printed = squash(erratum.printed)
    first = printed.split(" ")[0]
    for number in erratum.lines:
        window = squash(" ".join(lines[number - 1:number + 4]))
        assert printed in window and first in lines[number - 1], (number, lines[number - 1][:120])


@pytest.mark.parametrize("erratum", errata(), ids=lambda e: f"{e.lang}-{e.forms[0]}-{e.lines[0]}")
def test_each_erratum_is_in_the_wording_files_it_names_as_printed(erratum: Erratum):
    for name in erratum.forms:
        raw = raw_wording(erratum.lang, name)
        assert any(erratum.printed in text for text in wording_module._strings(raw)), name
        loaded = list(wording_module._strings(wording(erratum.lang, name)))
        if erratum.kind == "misprint":
            assert any(erratum.corrected in text for text in loaded), name
            assert not any(erratum.printed in text.replace(erratum.corrected, "") for text in loaded), name
        else:
            assert any(erratum.printed in text for text in loaded), name


MISPRINTS = [(e, name) for e in errata() if e.kind == "misprint" for name in e.forms]


@pytest.mark.parametrize("erratum, name", MISPRINTS, ids=[f"{e.lang}-{n}-{e.lines[0]}" for e, n in MISPRINTS])
def test_the_rendered_form_prints_the_correction_not_the_misprint(erratum: Erratum, name: str):
    text = blank_text(PRINTED_BY.get(name, name), erratum.lang)
    corrected, printed = squash(erratum.corrected), squash(erratum.printed)
    assert corrected in text
    assert printed not in text.replace(corrected, "")


def test_slips_are_printed_as_the_law_prints_them():
    text = blank_text("report-1mk", "kk")
    for erratum in errata():
        if erratum.kind == "slip" and erratum.lang == "kk" and "report-1mk" in erratum.forms:
            assert squash(erratum.printed) in text


def test_a_stale_erratum_fails_loudly():
    stale = Erratum(seed="000_c8d6a8959ad93fef.txt", lines=(1,), lang="kk", forms=("report-1mk",),
                    printed="no such words", corrected="none", kind="misprint", note="test")
    with pytest.raises(StaleErratum, match="no such words"):
        apply_errata("kk", "report-1mk", raw_wording("kk", "report-1mk"), (stale,))
    # A kept slip is checked the same way.
    with pytest.raises(StaleErratum):
        apply_errata("kk", "report-1mk", raw_wording("kk", "report-1mk"), (stale.__class__(**{**stale.__dict__, "kind": "slip"}),))


def test_errata_of_another_language_or_form_leave_a_wording_alone():
    kk_only = Erratum(seed="000_c8d6a8959ad93fef.txt", lines=(1,), lang="kk", forms=("report-2mk",),
                      printed="no such words", corrected="none", kind="misprint", note="test")
    raw = raw_wording("kk", "report-1mk")
    assert apply_errata("kk", "report-1mk", raw, (kk_only,)) == raw
    assert apply_errata("ru", "report-2mk", raw_wording("ru", "report-2mk"), (kk_only,)) == raw_wording("ru", "report-2mk")
