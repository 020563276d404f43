"""Every value stays inside its box in a PDF, as Word keeps it inside its box in a DOCX: a word too
long for its line or cell (a 400-character token, a long e-mail, a reference) breaks where it must,
and runs neither off the page nor over the neighbouring cells.  Checked on the glyphs' positions
read back from the PDF (pdfplumber)."""

from __future__ import annotations

import pytest

import formgen
from formgen.forms.limits import LIMITS

from conftest import dotted, load_fixture, pdf_text, replaced, text_outside_its_box

TOKEN = "Ж" * 400
EMAIL = "department.of.quality.control.of.public.services.astana.region@" + "sub." * 12 + "gov.kz"
REFERENCE = "14-05/112/" + "/".join(f"{n:04d}" for n in range(60))

PLACES = [
    ("audit-start", ("grounds", "ru")),                         # a paragraph of an item
    ("audit-start", ("number",)),                               # the title line: number and date side by side
    ("audit-start", ("signatory", "surname")),                  # a signature line: name and the line to sign on
    ("audit-start", ("entity", "facilities", 0, "ru")),
    ("audit-certificate", ("place", "ru")),                     # the title: number, place, date
    ("violations-request", ("proposals", 0, "ru")),             # a numbered item
    ("checklist", ("state_body", "ru")),                        # a header line to fill in
    ("checklist", ("officials", 0, "position", "ru")),          # a signature line of the footer
    ("report-4mk", ("providers", 0, "services", 0, "name", "ru")),  # a table cell beside the numbers
    ("report-4mk", ("reporter", "email")),                      # the footer
    ("report-1mk", ("subtypes", "8.1", 0, "name", "ru")),       # a subtype row of 1-mk
    ("report-2mk", ("paper", "providers", 0, "name", "ru")),
]


@pytest.mark.parametrize("value", [TOKEN, EMAIL, REFERENCE], ids=["token", "email", "reference"])
@pytest.mark.parametrize("form_id, where", PLACES, ids=[f"{f}:{dotted(w)}" for f, w in PLACES])
def test_a_long_word_stays_inside_its_box(form_id, where, value):
    if where[-1] in ("number", "surname", "email"):
        value = value[:LIMITS.text.line]                        # a line's limit: still far too long for a line
    case = replaced(load_fixture(form_id), where, value)
    pdf = formgen.render(form_id, case, lang="ru", fmt="pdf")
    assert text_outside_its_box(pdf) == []
    assert value in "".join(pdf_text(pdf).split())               # broken across lines, but all there


@pytest.mark.parametrize("form_id", formgen.FORMS)
def test_the_forms_as_they_are_stay_inside_their_boxes(form_id):
    """The check itself: the fixtures, filled and blank, print nothing out of place."""
    assert text_outside_its_box(formgen.render(form_id, load_fixture(form_id), lang="kk", fmt="pdf")) == []
    assert text_outside_its_box(formgen.render(form_id, lang="en", fmt="pdf", blank=True)) == []


def test_the_largest_count_stays_inside_its_cell():
    case = load_fixture("report-2mk") | {"total": {"1": 999_999_999_999}}
    case["paper"]["cells"] = {"1": 999_999_999_999}
    case["electronic"]["cells"] = {"1": 0}
    for provider in case["paper"]["providers"] + case["electronic"]["providers"]:
        for service in provider["services"]:
            service.pop("subtypes", None)
            service["cells"] = {}
        provider["cells"] = {}
    case["paper"]["providers"][0]["cells"] = {"1": 999_999_999_999}
    pdf = formgen.render("report-2mk", case, lang="ru", fmt="pdf")
    assert text_outside_its_box(pdf) == []
