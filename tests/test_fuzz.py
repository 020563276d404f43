"""The fuzz suite (tests/fuzzing.py) in every test run: a bounded, fixed set of hostile cases
(derandomized, no example database), each a valid document or InvalidData naming every field.
benchmarks/fuzz.py runs as many as asked."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import formgen

from fuzzing import cases, check


def bounded(examples: int):
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("form_id", list(formgen.FORMS))
def test_a_hostile_case_gives_a_document_or_names_its_fields(form_id):
    """DOCX, HTML and XLSX: milliseconds a case."""
    @bounded(40)
    @given(case=cases(form_id))
    def property_holds(case):
        check(case)

    property_holds()


def test_a_hostile_pdf_keeps_every_value_inside_its_box():
    """PDF: about a second a case, with the glyphs' positions read back; any form."""
    @bounded(12)
    @given(case=cases(formats=("pdf",)))
    def property_holds(case):
        check(case)

    property_holds()
