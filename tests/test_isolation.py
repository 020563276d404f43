"""formgen.render_isolated: a render in a child process that is stopped at its time or memory limit,
and otherwise gives what render gives: the document, its errors, its warnings."""

from __future__ import annotations

import multiprocessing

import pytest

import formgen

from conftest import docx_text, load_fixture, pdf_text


def big_report() -> dict:
    """A valid 4-mk of 300 rows: seconds of layout as a PDF."""
    case = load_fixture("report-4mk")
    case["providers"] = [{"name": f"Услугодатель {p}",
                          "services": [{"name": f"Государственная услуга {p}.{s}", "cells": {"1": 3, "2": 2, "3": 1}}
                                       for s in range(29)]} for p in range(10)]
    return case


def test_a_render_in_a_child_gives_the_same_document():
    case = load_fixture("audit-start")
    isolated = formgen.render_isolated("audit-start", case, lang="ru", fmt="docx")
    assert docx_text(isolated) == docx_text(formgen.render("audit-start", case, lang="ru", fmt="docx"))
    assert "Уведомление о начале проверки" in pdf_text(formgen.render_isolated("audit-start", case, lang="ru"))
    assert not multiprocessing.active_children()


def test_a_render_over_its_time_is_stopped():
    with pytest.raises(formgen.RenderLimitExceeded, match=r"took longer than 0.2 s \(the limit\) and was stopped"):
        formgen.render_isolated("report-4mk", big_report(), lang="ru", fmt="pdf", seconds=0.2)
    assert not multiprocessing.active_children()


def test_a_render_over_its_memory_is_stopped():
    with pytest.raises(formgen.RenderLimitExceeded, match=r"more than 16 MiB \(the limit\)"):
        formgen.render_isolated("report-4mk", big_report(), lang="ru", fmt="pdf", memory_mib=16)
    assert not multiprocessing.active_children()


def test_errors_and_warnings_cross_from_the_child_whole():
    case = load_fixture("audit-start")
    case["entity"]["iin_bin"] = "050140003421"
    with pytest.raises(formgen.InvalidData) as error:
        formgen.render_isolated("audit-start", case, lang="ru", fmt="html")
    assert [str(p) for p in error.value.problems] == [
        "entity.iin_bin: the check digit (the 12th) does not match the first 11 digits"]
    with pytest.raises(formgen.UnknownForm, match="unknown form 'nope'"):
        formgen.render_isolated("nope", {}, lang="ru")
    late = load_fixture("audit-start") | {"date": "2026-02-13"}
    with pytest.warns(formgen.LateDocument, match="paragraph 14"):
        formgen.render_isolated("audit-start", late, lang="kk", fmt="html")
