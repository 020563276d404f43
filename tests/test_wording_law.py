"""The wording as the law prints it (issue 13): the errata list, read against the
seeds and applied to every form it names; the English report forms word for
word after the 2024 translation (seed 001), every row and column written out
below from that text; the Russian phrases where the Kazakh text and 001
differ; the checklist's reference to the joint order; the English quarter."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

import formgen
from formgen.forms import wording as wording_module
from formgen.forms.wording import Erratum, StaleErratum, apply_errata, errata, raw_wording, wording

from conftest import docx_text, load_fixture, pdf_text, squash

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


# ================================================================ English report forms: seed 001 word for word

# Rows of 1-mk as 001 prints them (lines 340-444), its misprints corrected (see errata.yaml): 8.1 "( excluding",
# 9.1 "portal) www.egov.kz". Where 001 breaks a cell off after "total," or after the bracket (the extraction
# lost its second line), the words after "||" are restored: "of which:" where the Kazakh text says
# "олардың ішінде", "including" where it says "оның ішінде", in 001's own phrasing (rows 2, 5, 8.2, 11).
EN_1MK_ROWS = {
    "1": "Number of control activities undertaken, total, || of which:",
    "1.1": "as per the approved annual plan of control activities",
    "1.2": "at the discretion of management",
    "2": "Number of objects of control measures, total, of which:",
    "2.1": "structural units and departments of the central state body",
    "2.2": "local authorities",
    "2.3": "subordinate organisations",
    "2.4": "natural persons delivering public services under the legislation of the Republic of Kazakhstan",
    "2.5": ("legal entities delivering public services under the legislation of the Republic of Kazakhstan "
            "(not being state bodies or subordinated organisations)"),
    "3": "Number of breaches revealed, total, || of which:",
    "3.1": "breaches of deadlines for the delivery of public services",
    "3.2": "violations of the deadlines for refusals to render public services",
    "3.3": ("rendering public services in the absence of a complete set of documents envisaged by subordinate "
            "normative legal acts, as well as non-compliance of the list of documents or information specified "
            "therein with the requirements of subordinate normative legal acts"),
    "3.4": "requesting documents that are not envisaged by the established list in subordinate regulatory legal acts",
    "3.5": "requesting documents that can be obtained from information systems",
    "3.6": "repeatedly refusing applications with an identical list of documents and their contents",
    "3.7": "breaches of the procedure (business processes) for the delivery of public services",
    "3.8": "unjustified refusals to render public services",
    "3.9": "failure to observe the work schedule envisaged by by-laws and regulations",
    "3.10": ("rendering a public service on a paid basis, the free provision thereof being guaranteed by the laws "
             "of the Republic of Kazakhstan"),
    "3.11": ("lack of responses to enquiries on the stage of execution of public services, as well as providing "
             "service recipients with incomplete and inaccurate information on the procedure for rendering public "
             "services"),
    "3.12": ("absence of the list of required documents and samples of forms for their completion for rendering "
             "public services in the locations of service providers and in the public service departments of "
             "branches of the State Corporation"),
    "3.13": ("lack of data in information systems for monitoring the delivery of public services on the stages of "
             "delivery of public services"),
    "3.14": "breaches of time limits for examining complaints on the quality of rendering public services",
    "3.15": "incomplete satisfaction of service recipients' complaints",
    "3.16": ("absence of a report and analytical note to the report with relevant materials (copies of orders, "
             "protocols, decisions, letters, certificates, memos, photos) confirming the information specified in "
             "the reporting form on the work on internal control over the quality of public service delivery"),
    "3.17": "breaches of other legal requirements in the sphere of public service provision",
    "4": ("Number of persons who restored infringed rights in obtaining public services as a result of measures of "
          "control"),
    "5": "Number of disciplinary penalties imposed as a result of measures of control, total, of which:",
    "5.1": "admonition",
    "5.2": "reprimand",
    "5.3": "severe reprimand",
    "5.4": "warning of incomplete fulfilment",
    "5.5": "demotion",
    "5.6": "dismissal",
    "6": "Number of persons brought to disciplinary responsibility, total, || of which:",
    "6.1": "employees of structural units and departments of the central state body",
    "6.2": "employees of local executive bodies",
    "6.3": "employees of subordinate organisations",
    "7": "Number of recommendations made as a result of control activities, total, || of which:",
    "7.1": "performed",
    "7.2": "unperformed",
    "8": "Number of public services rendered - total, of which:",
    "8.1": ("rendered by service providers through the office (excluding those rendered via the State Corporation "
            "and (or) partner organisations) in paper form, total, || including by sub-service:"),
    "8.2": ("delivered by service providers on an alternative paper-based basis via the office, but which could "
            "have been delivered via the e-government web portal and/or the State Corporation and/or partner "
            "organisations, total, including by sub-service:"),
    "8.3": ("delivered electronically via information systems of the service provider without direct contact with "
            "the service recipient (excluding the web portal of ‘e-government’ www.egov.kz, www.elicense.kz), "
            "|| total, including:"),
    "8.4": ("rendered via information systems of the service provider by means of direct contact with the service "
            "recipient and manual entry of the application into the information system (excluding the web portal "
            "of ‘e-government’ www.egov.kz, www.elicense.kz), || total, including:"),
    "9": "Number of refusals to deliver public services, total, || including:",
    "9.1": "issued electronically (excluding the e-government web portal www.egov.kz, www.elicense.kz)",
    "9.2": "issued in paper form",
    "10": "Number of breaches revealed, total, of which the facts of:",
    "10.1": "breaches of deadlines for the delivery of public services",
    "10.2": "violation of deadlines for refusals to deliver public services",
    "10.3": ("rendering public services in the absence of a complete set of documents envisaged by subordinate "
             "normative legal acts, as well as non-compliance of the list of documents or information specified "
             "therein with the requirements of subordinate normative legal acts"),
    "10.4": "requesting documents that are not included in the established list in the by-laws and regulations",
    "10.5": "requesting documents that can be obtained from information systems",
    "10.6": "repeatedly refusing applications with an identical list of documents and their contents",
    "10.7": "breaches of the procedure (business processes) for the delivery of public services",
    "10.8": "unjustified refusals to render public services",
    "10.9": "failure to adhere to the work schedule prescribed by by-laws and regulations",
    "10.10": ("rendering a public service on a paid basis, the free provision thereof being guaranteed by the laws "
              "of the Republic of Kazakhstan"),
    "10.11": ("lack of responses to enquiries on the stage of execution of public services, as well as the "
              "provision of incomplete and inaccurate information to service recipients on the procedure for the "
              "delivery of public services"),
    "10.12": "breaches of time limits for consideration of complaints on the quality of provision of public services",
    "10.13": "incomplete satisfaction of service recipients' complaints",
    "10.14": "facts of breaches of other requirements of legislation in the sphere of rendering public services",
    "11": "Number of justified complaints regarding the quality of public services delivered - total, including:",
    "11.1": ("rendered by service providers in paper form via the office (excluding those rendered via the State "
             "Corporation and (or) partner organisations), total, including by service subtypes:"),
    "11.2": "State services rendered in electronic form, total, including by subtypes of services:",
    "11.3": "rendered via the State Corporation, total, including by service subtypes:",
    "11.4": "delivered via partner organisations, total, including by service subtypes:",
    "12": "Sources of receipt of justified complaints concerning the quality of public service delivery:",
    "12.1": "from natural persons",
    "12.2": "from government agencies",
    "12.3": "from legal entities",
    "12.4": "instructions of the authorised body or its territorial units",
    "12.5": "from the regional akimat",
    "12.6": "from mass media",
    "12.7": "from other sources",
    "13": "Number of awareness-raising events held to improve the quality of public service delivery",
    "14": "Number of persons who have completed advanced training courses on the delivery of public services",
}
# The lines printed for subtypes not given (001 lines 392, 394, 397, 400, 427, 429, 431, 433).
EN_1MK_PLACEHOLDERS = {"8.1": "Name of subtype of public service", "8.2": "Name of subtype of public service",
                       "8.3": "Name of the subtype of public service and information system",
                       "8.4": "Name of the subtype of public service and information system",
                       "11.1": "Name of the subtype", "11.2": "Name of the subtype", "11.3": "Name of the subtype",
                       "11.4": "Name of the subtype"}
# Section headings (lines 338, 384, 385, 405, 424, 442; "2 Data", "2.1 Data" corrected).
EN_1MK_SECTIONS = [
    "1. Data on the results of measures of control (established as a result of internal control)",
    "2. Data on the results of monitoring the quality of public service delivery",
    "2.1. Data on the number of public services rendered",
    "2.2. Total number of breaches in the delivery of public services revealed within the framework of internal "
    "monitoring, including those established by the authorised body in the field of informatisation",
    "2.3. Data on the number of substantiated complaints regarding the quality of public services rendered",
    "2.4. Data on conducting awareness raising activities by service providers to improve the quality of public "
    "service delivery",
]
# Column headings (lines 335-337, 386-388): those of a blank form of no quarter, then a filled one's.
EN_1MK_COLUMNS = ["№ s/o", "Activities in progress", "Name of months", "TOTAL", "January (April, July, October)",
                  "February (May, August, November)", "March (June, September, December)", "for the __ quarter",
                  "natural person", "legal entity", "А", "1", "2", "3", "4"]
EN_1MK_COLUMNS_Q3 = ["July", "August", "September", "for the 3rd quarter"]

# Columns of 2-mk (lines 512-514, 526-528), 3-mk (559-561) and 4-mk (602-604); "IP" corrected to "IS".
EN_COLUMNS = {
    "report-2mk": [
        "№ s/o", "Number of public services rendered via the State Corporation",
        "Number of issued results of public services",
        "Number of public services rendered in violation of established deadlines", "total", "of them:",
        "due to the fault of an official of the State Corporation", "due to the fault of the service provider's employee",
        "due to lack of electricity confirmed by acts", "due to communication/LAN failure confirmed by acts",
        "due to technical problems of the IS confirmed by acts", "due to the mail delivery",
        "Number of refusals to render public services",
        "due to the fault of an employee of the State Corporation (accepted an incomplete set of documents)",
        "unjustified refusals to render public services by service providers",
        "there are encumbrances, restrictions, seizure, prohibitions", "other reasons justified by the service provider",
    ],
    "report-3mk": [
        "№ s/o", "Number of public services rendered via partner organisations",
        "Number of issued results of public services",
        "Number of public services rendered in violation of established deadlines", "total", "of them:",
        "due to the fault of an employee of the partner organisation", "due to the fault of the service provider's employee",
        "due to lack of electricity confirmed by acts", "due to communication/LAN failure confirmed by certificates",
        "due to technical problems of the IS confirmed by acts", "due to the mail delivery",
        "Number of refusals to render public services",
        "due to the fault of an employee of a partner organisation (accepted an incomplete set of documents)",
        "unjustified refusals to render public services by service providers",
        "there are encumbrances, restrictions, seizure, prohibitions", "other reasons justified by the service provider",
    ],
    "report-4mk": [
        "№ s/o", "Number of public services rendered electronically", "total", "of them:",
        "via the e-government web portal", "via the ‘E-licensing State Database’ IS",
        "of which, the total number of refusals to render public services",
        "of which, the number of public services rendered in violation of the established deadlines",
        "technical reasons", "at the fault of the service provider",
    ],
}
# Rows of a blank 2-mk, 3-mk (lines 516-524, 563-571) and 4-mk (606-609), in print order.
EN_ROWS = {
    "report-2mk": [("", "TOTAL"), ("1.", "Services rendered in paper form"), ("", "Name of the service provider"),
                   ("", "Name of the public service"), ("", "Name of the subtype of public service"),
                   ("2.", "Services provided in electronic form"), ("", "Name of the service provider"),
                   ("", "Name of the public service"), ("", "Name of the subtype of public service")],
    "report-3mk": [("", "TOTAL"), ("1.", "Services rendered in paper form"), ("", "Name of the service provider"),
                   ("", "Name of the public service"), ("", "Name of the subtype of public service"),
                   ("2.", "Services rendered in electronic form"), ("", "Name of the service provider"),
                   ("", "Name of the public service"), ("", "Name of the subtype of public service")],
    "report-4mk": [("1", "Name of the service provider (Central Government Bodies, Local Executive Bodies of the "
                         "region, city of republican significance, capital city and organisations subordinated to "
                         "them)"),
                   ("", "Name of the public service"), ("", "Name of the subtype of public service"), ("", "Total")],
}
# The header as 001 prints it, each line label and value (the value without the full stop some lines end
# with); the reporting period is checked on its own below.
EN_HEADER = {
    "report-1mk": [
        "To be lodged: with the authorised body and its territorial units",
        "The administrative data form is available on the online resource: "
        "https://www.gov.kz/memleket/entities/qyzmet?lang=ru",
        "Name of the form: Report on the work of the central state body, its departments, territorial bodies, "
        "subordinate organisations, local executive body on internal control over the quality of rendering public "
        "services",
        "Form index: 1-mk", "Frequency: quarterly",
        "Circle of persons reporting information: central state bodies, including their agencies, territorial "
        "bodies, subordinate organisations, as well as natural persons and legal entities rendering public services, "
        "whose activities are regulated by central state bodies, as well as territorial units of central state "
        "bodies and their departments, local executive bodies of oblasts, cities of republican significance, the "
        "capital, with due regard to local executive bodies of districts, cities of oblast significance, city "
        "districts, cities of district significance, settlements, villages, rural districts, subordinate "
        "organisations, as well as natural persons and legal entities rendering state services, whose activities "
        "are regulated by local executive bodies",
        "Deadline for submission of information: once a quarter, not later than the 15th day of the month following "
        "the reporting period",
        "Data on the work of the central state body, its departments, territorial bodies, subordinate organisations, "
        "local executive body on internal control over the quality of rendering public services, pcs.",
    ],
    "report-2mk": [
        "To be filed: to the authorised body",
        "The administrative data form may be found on the Internet resource: "
        "https://www.gov.kz/memleket/entities/qyzmet?lang=ru",
        "Name of the form: Report on the number of public services delivered via the Government for Citizens State "
        "Corporation Non-Commercial Joint-Stock Company",
        "Index: 2-mk",                                   # 001 leaves the line out; as 3-mk and 4-mk print it
        "Frequency: quarterly", "Persons filing data: authorised body in the field of informatization",
        "Deadline for submission of information: once a quarter, not later than the 25th day of the month following "
        "the reporting period",
        "Data on the number of public services rendered via the Government for Citizens State Corporation "
        "Non-Commercial Joint-Stock Company, pcs.",
    ],
    "report-3mk": [
        "To be filed: to the authorised body",
        "The administrative data form may be found on the Internet resource: "
        "https://www.gov.kz/memleket/entities/qyzmet?lang=ru",
        "Name of the form: Report on the number of public services rendered via partner organisations",
        "Index: 3-mk", "Frequency: quarterly",
        "Persons filing information: authorised body responsible for informatisation",
        "Deadline for submission of information: once a quarter, not later than the 25th day of the month following "
        "the reporting period",
        "Data on the number of public services rendered via partner organisations, pcs.",
    ],
    "report-4mk": [
        "To be lodged to the authorised body",
        "The administrative data form may be found on the internet resource: "
        "https://www.gov.kz/memleket/entities/qyzmet?lang=ru",
        "Name of the form: Report on the number of public services rendered electronically (via e-government "
        "web-portal, information systems)",
        "Index: 4-mk", "Frequency: quarterly", "Persons filing data: authorised body in the field of informatisation",
        "Deadline for filing information: once a quarter, not later than the 25th of the month following the "
        "reporting period",
        "Data on the number of public services rendered electronically, pcs",
    ],
}
EN_ANNEX = {"report-1mk": "Annex 7 to the Rules of State Control over the Quality of Provision of Public Services",
            "report-2mk": "Annex 8 to the Rules of State Control over the Quality of Provision of Public Services",
            "report-3mk": "Annex 9 to the Rules of State Control over the Quality of Provision of Public Services",
            "report-4mk": "Annex 10 to the Rules of State Control over the Quality of Delivery of Public Services"}
# The footer (lines 445-452 and the same lines of the others); the bracket of the caption closed.
EN_FOOTER = {
    "report-1mk": ["Name of the authority:", "Address:", "Contact number:", "Email address:",
                   "Head or person acting in his/her capacity", "(Surname, first name, patronymic (if any))",
                   "(signature)", "stamp here"],
    **{report: ["Name of the authority:", "Address:", "Contact number:", "E-mail address:",
                "Head or person acting in his/her capacity", "(Surname, first name, patronymic (if any))",
                "(signature)", "stamp here"] for report in ("report-2mk", "report-3mk", "report-4mk")},
}
# The clarifications' titles (lines 453, 541, 583, 619) and the paragraphs the brief names.
EN_CLARIFICATION = {
    "report-1mk": [
        "Clarification on the content of the analytical note and filling in the form of the report on the work of the "
        "central state body, its departments, territorial bodies, subordinate organisations or local executive body on "
        "internal control over the quality of public service delivery (1-mk, quarterly)",
        "10. Paragraph 4 of the Report Form shall specify quantitative data for the reporting period on the total "
        "number of persons who restored infringed rights in obtaining public services as a result of control "
        "measures.",
        "15. Paragraphs 9, 9.1 and 9.2 of the Report Form shall indicate quantitative data on the number of refusals "
        "to render public services for the reporting period, including in the context of natural persons and legal "
        "entities, forms of provision and types of services.",
        "2.2. Total number of breaches when rendering public services, revealed within the framework of internal "
        "monitoring, including those established by the authorised body responsible for informatization.",
    ],
    "report-2mk": [
        "Annex to the report on the number of public services, rendered via the Government for Citizens State "
        "Corporation Non-Commercial Joint Stock Company",
        "Clarification on the content of the analytical statement and filling in the form of the report on the number "
        "of public services rendered via the Government for Citizens State Corporation Non-Commercial Joint-Stock "
        "Company (2-mk, quarterly)",
        "2. The report form shall be completed and filed accompanied by an analytical report",
        "3. The report form shall be signed by the executor and the head of the government body",
    ],
    "report-3mk": [
        "Annex to the report on the number of public services rendered via partner organisations",
        "Clarification on the content of the analytical note and filling in the form of the report on the number of "
        "public services rendered via partner organisations (3-mk, quarterly)",
    ],
    "report-4mk": [
        "Annex to the report on the number of public services rendered electronically (via e-government web portal, "
        "information systems)",
        "Clarification on the content of the analytical note and filling in the form of the report on the number of "
        "public services rendered electronically (via e-government web portal, information systems) (4-mk, "
        "quarterly)",
        "4. Paragraph 1 of the Report Form shall show quantitative data on the total number of public services "
        "rendered electronically via the e-government web portal or via E-licensing State Database IS, including "
        "refusals and those rendered with violation of deadlines for reasons, in the reporting period in the context "
        "of service providers and the name of public services and sub-type of public service.",
    ],
}
REPORTS = ("report-1mk", "report-2mk", "report-3mk", "report-4mk")


def printed(text: str) -> str:
    """An expected string as printed: the marker of restored words dropped."""
    return text.replace("|| ", "")


@functools.cache
def en_report(report: str, fmt: str, blank: bool) -> bytes:
    if blank:
        return formgen.render(report, lang="en", fmt=fmt, blank=True)
    return formgen.render(report, load_fixture(report), lang="en", fmt=fmt)


def docx_rows_and_headings(content: bytes) -> tuple[list[tuple[str, str]], set[str]]:
    """The (code, label) of every body row, and the text of every heading cell, of a DOCX's tables."""
    rows, headings = [], set()
    for table in Document(io.BytesIO(content)).tables:
        for row in table.rows:
            props = row._tr.trPr
            cells = [squash(cell.text) for cell in row.cells]
            if props is not None and props.find(qn("w:tblHeader")) is not None:
                headings |= set(cells)
            else:
                rows.append((cells[0], cells[1]))
    return rows, headings


def pdf_printed(content: bytes) -> str:
    """A PDF's text with a line broken after a hyphen or a slash joined again (at a compound's own hyphen,
    "and/or", or where the typesetter hyphenated a word), whitespace folded."""
    text = pdf_text(content)
    text = re.sub("\u2010\\s+", "", text)                 # a hyphen the typesetter added
    return squash(re.sub(r"([-/])\n", r"\1", text))


def test_the_list_has_every_row_of_1mk():
    assert len(EN_1MK_ROWS) == 80
    assert list(EN_1MK_ROWS) == list(wording("en", "report-1mk")["rows"])


@pytest.mark.parametrize("blank", [True, False], ids=["blank", "filled"])
def test_en_1mk_prints_every_row_section_and_column_as_001(blank):
    content = en_report("report-1mk", "docx", blank)
    rows, headings = docx_rows_and_headings(content)
    coded = [(code, label) for code, label in rows if code]
    assert coded == [(f"{code}.", printed(text)) for code, text in EN_1MK_ROWS.items()]
    text = squash(docx_text(content))
    for section in EN_1MK_SECTIONS:
        assert section in text
    if blank:
        placeholders = [label for code, label in rows if not code]
        assert placeholders == list(EN_1MK_PLACEHOLDERS.values())
        assert headings - {""} == set(EN_1MK_COLUMNS)
    else:
        expected = (set(EN_1MK_COLUMNS) - set(EN_1MK_COLUMNS[4:8])) | set(EN_1MK_COLUMNS_Q3)
        assert headings - {""} == expected


@pytest.mark.parametrize("report", REPORTS[1:])
def test_en_hierarchy_prints_every_row_and_column_as_001(report):
    rows, headings = docx_rows_and_headings(en_report(report, "docx", True))
    assert rows == EN_ROWS[report]
    codes = {"А", *(str(n) for n in range(1, 14 if report != "report-4mk" else 10))}
    assert headings - {""} == set(EN_COLUMNS[report]) | codes


@pytest.mark.parametrize("report", REPORTS)
def test_en_pdf_prints_every_row_and_column_as_001(report):
    text = pdf_printed(en_report(report, "pdf", True))
    if report == "report-1mk":
        expected = [printed(t) for t in EN_1MK_ROWS.values()] + EN_1MK_SECTIONS + EN_1MK_COLUMNS[:10] + list(
            EN_1MK_PLACEHOLDERS.values())
    else:
        expected = [label for _, label in EN_ROWS[report]] + EN_COLUMNS[report]
    missing = [t for t in expected if t not in text]
    assert not missing


@pytest.mark.parametrize("report", REPORTS)
def test_en_header_footer_and_clarification_as_001(report):
    text = squash(docx_text(en_report(report, "docx", True)))
    assert squash(EN_ANNEX[report]) in text
    for line in EN_HEADER[report] + EN_FOOTER[report] + EN_CLARIFICATION[report]:
        assert line in text, line
    assert "Reporting period: ___ quarter of 20__" in text
    # The date by the stamp is labelled as 001 labels it: 'Date " " ______________ 20___', no colon.
    assert "Date ___ __________ 20__" in text and "Date:" not in text


def test_en_quarter_as_001_prints_it_blank_and_filled():
    blank = squash(docx_text(en_report("report-1mk", "docx", True)))
    assert "Reporting period: ___ quarter of 20__" in blank and "for the __ quarter" in blank
    filled = squash(docx_text(en_report("report-1mk", "docx", False)))
    assert "Reporting period: 3rd quarter of 2026" in filled and "for the 3rd quarter" in filled
    for q, nth in enumerate(("1st", "2nd", "3rd", "4th"), 1):
        content = formgen.render("report-1mk", lang="en", fmt="docx", blank=True, year=2026, quarter=q)
        _, headings = docx_rows_and_headings(content)
        text = squash(docx_text(content))
        assert f"Reporting period: {nth} quarter of 2026" in text and f"for the {nth} quarter" in headings
    for report in REPORTS:
        for fmt in ("docx", "pdf"):
            content = en_report(report, fmt, False)
            text = squash(docx_text(content)) if fmt == "docx" else pdf_printed(content)
            assert "3rd quarter of 2026" in text and not re.search(r"\bQ\d", text)


# Words of the English wording files that 001 does not print, each where and why.
EN_RESTORED = {
    ("report-1mk", "columns/for_quarter"): "for the {quarter} quarter",   # 001: "for the __ quarter"
    **{("report-1mk", f"rows/{code}"): text for code, text in EN_1MK_ROWS.items() if "|| " in text},
    # The annex line of the 1-mk clarification, which 001 leaves out, in the words of the form's name.
    ("report-1mk", "clarification/annex[1]"): "to the report on the work of the central state body,",
    ("report-1mk", "clarification/annex[4]"): "over the quality of rendering public services",
    ("report-2mk", "header/index/value"): "2-mk",                         # the line 001 leaves out
}


def _walk(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds folder is not on this machine")
@pytest.mark.parametrize("report", REPORTS)
def test_every_english_report_string_is_001_word_for_word(report):
    """Each text of the English wording file (as written, before the errata) is printed by 001, apart from the
    restorations listed above; a restored row keeps 001's words up to the restored ones."""
    seed = squash((SEEDS / "001_836a9241fb949bf4.txt").read_text(encoding="utf-8"))
    for path, text in _walk(raw_wording("en", report)):
        restored = EN_RESTORED.get((report, path))
        if restored is None:
            assert squash(text) in seed, (path, text)
        elif "|| " in restored:
            added = restored.split(" || ")[1]
            assert text.endswith(f" {added}") and squash(text.removesuffix(f" {added}")) in seed, path
            assert wording("en", report)["rows"][path.split("/")[1]] == printed(restored), path
        else:
            assert text == restored, path


# ================================================================ Russian: the meaning of 001 where kk and 001 differ

@functools.cache
def ru_report(report: str, fmt: str = "docx", blank: bool = True) -> bytes:
    if blank:
        return formgen.render(report, lang="ru", fmt=fmt, blank=True)
    return formgen.render(report, load_fixture(report), lang="ru", fmt=fmt)


# 1-mk rows where the Kazakh text and 001 differ, in Russian after 001 (the Kazakh, for comparison, in the note).
RU_1MK_ROWS = {
    # kk: "Мерзімдері бұзылып көрсетілген мемлекеттік қызметтердің саны"; 001 line 409
    "10.": "Количество выявленных нарушений, всего, в том числе факты:",
    "3.6.": "неоднократный отказ по заявлениям с идентичным перечнем документов и их содержанием",   # бірнеше рет
    "10.6.": "неоднократный отказ по заявлениям с идентичным перечнем документов и их содержанием",  # бірнеше рет
    # kk: the recipients whose rights were restored; 001 line 368: persons, as a result of control measures
    "4.": "Количество лиц, нарушенные права которых при получении государственных услуг восстановлены по итогам "
          "мероприятий контроля",
    "10.7.": "нарушение порядка (бизнес-процесса) оказания государственных услуг",                   # 001 line 416
    "10.14.": "факты нарушения иных требований законодательства в сфере оказания государственных услуг",  # 001 423
    "11.2.": "оказанных в электронной форме, всего, в том числе по подвидам услуг:",                 # 001: subtypes
    "12.5.": "от акимата области",                                                                   # 001: akimat
}
RU_1MK_SECTIONS = [
    "2.1. Сведения о количестве оказанных государственных услуг",
    "2.2. Общее количество нарушений при оказании государственных услуг, выявленных в рамках внутреннего "
    "мониторинга, в том числе установленных уполномоченным органом в сфере информатизации",
    "2.3. Сведения о количестве обоснованных жалоб на качество оказанных государственных услуг",
    "2.4. Сведения о проведении услугодателями разъяснительных мероприятий по повышению качества оказания "
    "государственных услуг",
]
RU_1MK_CLARIFICATION = [
    "10. В пункте 4 Формы отчета указываются количественные данные за отчетный период об общем количестве лиц, "
    "нарушенные права которых при получении государственных услуг восстановлены по итогам мероприятий контроля.",
    "15. В пунктах 9, 9.1 и 9.2 Формы отчета указываются количественные данные о количестве отказов в оказании "
    "государственных услуг за отчетный период",
    "2.2. Общее количество нарушений при оказании государственных услуг, выявленных в рамках внутреннего "
    "мониторинга, в том числе установленных уполномоченным органом в сфере информатизации",
]
RU_REASONS = ["по причине отсутствия электроэнергии, подтвержденного актами",
              "по причине сбоя связи/ЛВС, подтвержденного актами",
              "по причине технических проблем ИС, подтвержденных актами",
              "иные причины, обоснованные услугодателем",
              "по вине работника услугодателя"]                     # 001: "the service provider's employee"


def test_ru_1mk_rows_sections_and_clarification_after_001():
    content = ru_report("report-1mk")
    rows, headings = docx_rows_and_headings(content)
    coded = dict(row for row in rows if row[0])
    for code, label in RU_1MK_ROWS.items():
        assert coded[code] == label, code
    text = squash(docx_text(content))
    for line in RU_1MK_SECTIONS + RU_1MK_CLARIFICATION:
        assert line in text, line
    assert "Выполняемые мероприятия" in headings and "Проводимые мероприятия" not in headings
    assert "уполномоченными органами в сфере информатизации" not in text
    assert "факты неоднократного" not in text and "многократный" not in text


@pytest.mark.parametrize("report", REPORTS)
def test_ru_frequency_and_one_total_heading(report):
    content = ru_report(report)
    text = squash(docx_text(content))
    assert "Периодичность: ежеквартальная" in text and "Периодичность: ежеквартально " not in text
    rows, headings = docx_rows_and_headings(content)
    totals = {label for _, label in rows if label.lower() == "итого"} | {h for h in headings if h.lower() == "итого"}
    assert totals == {"Итого"}


@pytest.mark.parametrize("report", ["report-2mk", "report-3mk"])
def test_ru_reasons_of_2mk_and_3mk(report):
    _, headings = docx_rows_and_headings(ru_report(report))
    for reason in RU_REASONS:
        assert reason in headings, reason
    assert not [h for h in headings if h.startswith(("в связи с отсутствием", "в связи со сбоем", "в связи с техн",
                                                       "другие причины"))]


def test_ru_neodnokratnyi_wherever_the_kazakh_says_birneshe_ret():
    """Every Kazakh wording with "бірнеше рет" has its Russian counterpart say "неоднократный отказ"."""
    for name in ("report-1mk", "common"):
        kk = dict(_walk(wording("kk", name)))
        ru = dict(_walk(wording("ru", name)))
        places = [path for path, text in kk.items() if "бірнеше рет" in text]
        assert places
        for path in places:
            assert "неоднократный отказ" in ru[path], (name, path)
    notes = blank_text("audit-certificate", "ru")
    assert "8) неоднократный отказ по заявлениям" in notes


def test_ru_4mk_after_001():
    content = ru_report("report-4mk")
    _, headings = docx_rows_and_headings(content)
    assert "из них количество государственных услуг, оказанных с нарушением установленных сроков" in headings
    assert ("оказанных в электронном виде (через веб-портал «электронного правительства», информационные системы) "
            "(4-мк, ежеквартально)") in squash(docx_text(content))


# ================================================================ the checklist's reference to the joint order

# Both signatories, both numbers, both of 4 May 2023: the order's own words (seed 002, lines 5-7).
CHECKLIST_REFERENCE = {
    "kk": "Қазақстан Республикасының Мемлекеттік қызмет істері агенттігі Төрағасының 2023 жылғы 4 мамырдағы № 102 "
          "және Қазақстан Республикасы Ұлттық экономика министрінің м.а. 2023 жылғы 4 мамырдағы № 57 бірлескен "
          "бұйрығына 2-қосымша",
    "ru": "Приложение 2 к совместному приказу Председателя Агентства Республики Казахстан по делам государственной "
          "службы от 4 мая 2023 года № 102 и исполняющего обязанности Министра национальной экономики Республики "
          "Казахстан от 4 мая 2023 года № 57",
    "en": "Annex 2 to the Joint Order of the Chairman of the Agency of the Republic of Kazakhstan for Civil Service "
          "Affairs No. 102 of 4 May 2023 and the acting Minister of National Economy of the Republic of Kazakhstan "
          "No. 57 of 4 May 2023",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_checklist_names_the_joint_order_of_both_signatories(lang, fmt):
    content = formgen.render("checklist", lang=lang, fmt=fmt, blank=True)
    text = squash(docx_text(content)) if fmt == "docx" else pdf_printed(content)
    assert CHECKLIST_REFERENCE[lang] in text
    # The reference comes first, before the title.
    assert text.index(CHECKLIST_REFERENCE[lang]) < text.index(squash(wording(lang, "checklist")["title"])[:40])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds folder is not on this machine")
def test_the_kazakh_reference_is_the_orders_own_words():
    lines = (SEEDS / "002_26f685bf2fb662f0.txt").read_text(encoding="utf-8").split("\n")
    heading = squash(" ".join(lines[4:7]))            # lines 5-7
    words = CHECKLIST_REFERENCE["kk"].removesuffix(" бұйрығына 2-қосымша")
    assert heading.startswith(f"{words} бұйрығы.")
    assert "№ 102 Бірлескен бұйрығына" in squash(" ".join(lines[740:744]))   # the garbled reference, not used
