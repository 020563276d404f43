"""The register of issued documents, on a real SQLite file and a real PostgreSQL server: numbers,
entries, reprints byte for byte, voiding, the trail and its check, verification, the journal."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import segno
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import create_engine, delete, func, select, text, update

import formgen
from formgen import FormgenError, InvalidData, Register
from formgen.register import db, trail
from formgen.register.models import counters, entries, events, metadata, numbering, outputs
from formgen.rendering.record import case_from_pdf, pdf_record

from conftest import docx_text, load_fixture, pdf_text

PUBLIC = "https://verify.example.kz"
WORKER = Path(__file__).with_name("register_worker.py")


def case(form_id: str) -> dict:
    """The form's fixture without its number: the register gives it."""
    data = load_fixture(form_id)
    data.pop("number", None)
    return data


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {t.name: connection.execute(select(func.count()).select_from(t)).scalar()
                 for t in (entries, outputs, events, counters, numbering)}
    engine.dispose()
    return found


@pytest.fixture
def register(database_url):
    with Register(database_url, public_url="") as opened:
        yield opened


LANG_OF = {form_id: ("kk", "ru", "en")[i % 3] for i, form_id in enumerate(formgen.FORMS)}


@pytest.mark.parametrize("form_id", list(formgen.FORMS))
def test_every_form_is_issued_and_reprinted_byte_for_byte(register, form_id):
    lang = LANG_OF[form_id]
    issued = register.issue(form_id, case(form_id), lang=lang, formats=("pdf", "docx"), issued_by="Жұмабекова А.")
    entry = issued.entry
    assert (entry.number, entry.seq, entry.status, entry.lang) == ("1", 1, "issued", lang)
    assert entry.outputs == {fmt: trail.sha256(content) for fmt, content in issued.files.items()}
    assert register.reprint(entry.id, "pdf", by="archivist") == issued.files["pdf"]
    assert register.reprint(entry.id, "docx", by="archivist") == issued.files["docx"]
    has_number = "number" in formgen.get_form(form_id).schema.model_fields
    if has_number:  # the form's № is the register's number
        assert entry.case_data["number"] == "1"
        assert re.search(r"(№|No\.)\s1\b", docx_text(issued.files["docx"]))  # a no-break space after №
        assert re.search(r"(№|No\.)\s1\b", pdf_text(issued.files["pdf"]))
    # the archive copy carries the case data, which validate reads back
    assert case_from_pdf(issued.files["pdf"], form_id) == entry.case_data
    formgen.validate(form_id, entry.case_data, lang)
    assert register.verify(issued.files["docx"]).status == "valid"
    assert [e.id for e in register.entries(form_id=form_id)] == [entry.id]
    assert register.check().ok


def test_an_entry_keeps_what_the_document_was_made_from(register):
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    entry = register.issue("audit-start", case("audit-start"), lang="ru", issued_by="Ковалёв Д.").entry
    assert entry.form_id == "audit-start" and entry.lang == "ru"
    assert entry.edition == "Order No. 78 of 08.12.2016, edition of Order No. 101 of 25.06.2024"
    assert entry.document_date == dt.date(2026, 2, 9)
    assert entry.issued_at.utcoffset() == dt.timedelta(hours=5)  # Asia/Almaty
    assert entry.issued_at >= before
    assert entry.issued_by == "Ковалёв Д."
    assert entry.formgen_version == formgen.__version__
    assert re.fullmatch(r"[0-9a-f]{64}", entry.template_sha256)
    assert entry.entity_bin == "050140003422"
    assert set(entry.outputs) == {"pdf"}
    checklist = register.issue("checklist", case("checklist"), lang="kk", issued_by="x").entry
    assert checklist.edition.startswith("Joint order No. 102")
    assert checklist.document_date == checklist.issued_at.date()  # a form without a date: the day of issue


def test_numbers_follow_the_masks_per_department_form_and_year(register):
    register.set_numbering("{dept}-{year}/{seq:4}", authority="asa", by="admin")
    register.set_numbering("14-05/{seq}", authority="asa", department="14-05", form_id="audit-start", by="admin")
    data = case("audit-start")

    def number(form_id="audit-start", department="14-05", data=data):
        return register.issue(form_id, data, lang="ru", issued_by="c", authority="asa", department=department,
                              formats=("docx",)).entry.number

    assert [number(), number()] == ["14-05/1", "14-05/2"]                 # department and form
    assert number("audit-suspension", data=case("audit-suspension")) == "14-05-2026/0001"  # department's default
    assert number(department="07") == "07-2026/0001"                      # another department, its own series
    assert number(data={**data, "date": "2025-12-30"}) == "14-05/1"       # another year starts again
    assert register.issue("audit-start", data, lang="kk", issued_by="c", formats=("docx",)).entry.number == "1"
    with pytest.raises(FormgenError, match="holds {dept}: give the department"):
        register.issue("audit-start", data, lang="kk", issued_by="c", authority="asa", formats=("docx",))
    assert [(r.department, r.form_id, r.mask) for r in register.numbering_rules()] == [
        ("", "", "{dept}-{year}/{seq:4}"), ("14-05", "audit-start", "14-05/{seq}")]
    assert register.check().ok


@pytest.mark.parametrize("mask, reason", [
    ("14-05/", "must contain {seq} exactly once"),
    ("{seq}/{seq}", "more than once"),
    ("{sequence}", "unknown field {sequence}"),
    ("{seq}}", "a brace"),
    (" {seq}", "leading or trailing spaces"),
])
def test_a_bad_mask_is_refused(tmp_path, mask, reason):
    with Register(f"sqlite:///{tmp_path}/r.sqlite3") as register, pytest.raises(FormgenError, match=re.escape(reason)):
        register.set_numbering(mask, by="admin")


def test_an_external_number_is_recorded_once(register):
    first = register.issue("audit-start", case("audit-start"), lang="ru", issued_by="c", number="ЕСЭДО-2026/42",
                           formats=("docx",)).entry
    assert (first.number, first.seq, first.external) == ("ЕСЭДО-2026/42", None, True)
    assert "ЕСЭДО-2026/42" in docx_text(register.reprint(first.id, "docx", by="c"))
    with pytest.raises(FormgenError, match="already registered in 2026"):
        register.issue("audit-suspension", case("audit-suspension"), lang="ru", issued_by="c",
                       number="ЕСЭДО-2026/42")
    assert register.issue("audit-start", case("audit-start"), lang="ru", issued_by="c",
                          formats=("docx",)).entry.number == "1"  # the register's own series is untouched
    assert register.check().ok


def test_voiding_keeps_the_number_voided(register, database_url):
    data = case("audit-suspension")
    first = register.issue("audit-suspension", data, lang="ru", issued_by="c", formats=("docx",)).entry
    voided = register.void(first.id, "  wrong   addressee ", by="head")
    assert (voided.status, voided.void_reason, voided.voided_by) == ("voided", "wrong addressee", "head")
    assert register.issue("audit-suspension", data, lang="ru", issued_by="c", formats=("docx",)).entry.number == "2"
    assert [e.number for e in register.entries(status="voided")] == ["1"]
    before = counts(database_url)
    with pytest.raises(FormgenError, match=r"entry 1 \(No\. 1\) is already voided: on .* by head, 'wrong addressee'"):
        register.void(first.id, "again", by="head")
    with pytest.raises(FormgenError, match="no entry 99 in the register"):
        register.void(99, "no such", by="head")
    with pytest.raises(FormgenError, match="give the reason"):
        register.void(2, " ", by="head")
    assert counts(database_url) == before
    assert register.check().ok


@pytest.mark.parametrize("bad", ["unknown form", "invalid data", "number in the data", "unknown option",
                                 "bad format", "mask without seq"])
def test_bad_input_names_the_problem_and_leaves_the_register_unchanged(register, database_url, bad):
    register.issue("audit-start", case("audit-start"), lang="ru", issued_by="c", formats=("docx",))
    before = counts(database_url)
    data = case("audit-start")
    with pytest.raises(FormgenError) as raised:
        if bad == "unknown form":
            register.issue("audit-stop", data, lang="ru", issued_by="c")
        elif bad == "invalid data":
            register.issue("audit-start", {**data, "entity": {**data["entity"], "iin_bin": "050140003421"}},
                           lang="ru", issued_by="c")
        elif bad == "number in the data":
            register.issue("audit-start", {**data, "number": "14-05/112"}, lang="ru", issued_by="c")
        elif bad == "unknown option":
            register.issue("audit-start", data, lang="ru", issued_by="c", with_clarification=True)
        elif bad == "bad format":
            register.issue("audit-start", data, lang="ru", issued_by="c", formats=("html",))
        else:
            register.set_numbering("14-05/", by="admin")
    message = str(raised.value)
    expected = {"unknown form": "unknown form 'audit-stop'", "invalid data": "entity.iin_bin: the check digit",
                "number in the data": "number: an issued document takes its number from the register",
                "unknown option": "takes no option with_clarification", "bad format": "not html",
                "mask without seq": "must contain {seq}"}[bad]
    assert expected in message
    if bad in ("invalid data", "number in the data"):
        assert isinstance(raised.value, InvalidData)
    assert counts(database_url) == before


def test_verify_tells_a_genuine_file_from_a_voided_altered_or_unknown_one(database_url):
    with Register(database_url, public_url=PUBLIC) as register:
        issued = register.issue("audit-start", case("audit-start"), lang="kk", issued_by="c", formats=("pdf", "docx"))
        entry = issued.entry
        pdf, docx = issued.files["pdf"], issued.files["docx"]
        result = register.verify(pdf)
        assert (result.status, result.number, result.format, result.ok) == ("valid", "1", "pdf", True)
        assert not {"case_data", "issued_by", "entity_bin"} & set(vars(result))  # no personal data
        at = pdf.index(b"stream\n") + 100
        altered_pdf = pdf[:at] + bytes([pdf[at] ^ 0xFF]) + pdf[at + 1:]
        assert register.verify(altered_pdf).status == "altered"
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            parts = {i.filename: package.read(i) for i in package.infolist()}
        parts["word/document.xml"] = parts["word/document.xml"].replace("Тексеру".encode(), "Тексерy".encode(), 1)
        changed = io.BytesIO()
        with zipfile.ZipFile(changed, "w") as package:
            for name, data in parts.items():
                package.writestr(name, data)
        altered = register.verify(changed.getvalue())
        assert altered.status == "altered" and "No. 1 of 2026-02-09" in altered.message
        assert register.verify(b"%PDF-1.7 nothing").status == "unknown"
        assert register.verify(formgen.render("audit-start", load_fixture("audit-start"), fmt="docx")).status == "unknown"
        assert register.lookup(entry.digest).status == "valid"
        register.void(entry.id, "issued twice", by="head")
        assert register.verify(docx).status == "voided"
        assert register.lookup(entry.digest).status == "voided"
        assert register.lookup("0" * 64).status == "unknown"


def test_the_qr_code_names_the_verification_address_number_and_hash(tmp_path):
    with Register(f"sqlite:///{tmp_path}/r.sqlite3", public_url=PUBLIC) as register:
        issued = register.issue("audit-resumption", case("audit-resumption"), lang="ru", issued_by="c",
                                formats=("pdf", "docx"))
        entry = issued.entry
        url = f"{PUBLIC}/verify/{entry.digest}?n=1"
        expected = io.BytesIO()
        segno.make(url, error="m").save(expected, kind="png", scale=10, border=0)
        with zipfile.ZipFile(io.BytesIO(issued.files["docx"])) as package:
            assert package.read("word/media/formgen-qr.png") == expected.getvalue()
            assert 'w:footerReference w:type="default"' in package.read("word/document.xml").decode()
        assert "Рег. № 1. Проверка подлинности: https://verify.example.kz/verify" in pdf_text(issued.files["pdf"])
        assert "Рег. № 1" in docx_footer_text(issued.files["docx"])
        plain = register.issue("audit-resumption", case("audit-resumption"), lang="ru", issued_by="c", qr=False,
                               formats=("docx",))
        with zipfile.ZipFile(io.BytesIO(plain.files["docx"])) as package:
            assert "word/media/formgen-qr.png" not in package.namelist()
    with Register(f"sqlite:///{tmp_path}/r.sqlite3", public_url="") as register:
        assert register.issue("audit-resumption", case("audit-resumption"), lang="ru", issued_by="c").entry.verify_base is None
        with pytest.raises(FormgenError, match="FORMGEN_PUBLIC_URL"):
            register.issue("audit-resumption", case("audit-resumption"), lang="ru", issued_by="c", qr=True)


def docx_footer_text(content: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for s in Document(io.BytesIO(content)).sections for p in s.footer.paragraphs)


def test_the_archive_copy_is_pdf_a_3b_with_its_record_and_metadata(tmp_path):
    with Register(f"sqlite:///{tmp_path}/r.sqlite3", public_url="") as register:
        issued = register.issue("violations-request", case("violations-request"), lang="en", issued_by="c")
    reader = PdfReader(io.BytesIO(issued.files["pdf"]))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "<dc:identifier>1</dc:identifier>" in xmp and "<dc:type>violations-request</dc:type>" in xmp
    assert re.search(r"<dc:language><rdf:Bag><rdf:li>en</rdf:li>", xmp)
    assert "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Request for the elimination of infringements<" in xmp
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root and "/OutputIntents" in root
    assert root["/AF"][0].get_object()["/AFRelationship"] == "/Data"
    assert reader.metadata["/CreationDate"].startswith("D:2026")
    record = pdf_record(issued.files["pdf"])
    assert record["entry"]["digest"] == issued.entry.digest
    assert record["entry"]["number"] == "1" and record["case"]["number"] == "1"


def test_check_finds_what_was_altered_or_removed(register, database_url):
    for _ in range(3):
        register.issue("audit-resumption", case("audit-resumption"), lang="ru", issued_by="c", formats=("docx",))
    register.void(2, "wrong", by="head")
    assert register.check().ok and register.check().events == 4
    engine = create_engine(database_url)

    def tampered(statement, *restore) -> list[str]:
        with engine.begin() as connection:
            connection.execute(statement)
        problems = register.check().problems
        with engine.begin() as connection:
            for undo in restore:
                connection.execute(undo)
        assert register.check().ok
        return problems

    data = register.get(1).case_data
    assert any("entry 1 (No. 1) was altered" in p for p in tampered(
        update(entries).where(entries.c.id == 1).values(case_data=json.dumps({**data, "date": "2026-03-01"})),
        update(entries).where(entries.c.id == 1).values(case_data=trail.canonical(data))))
    assert any("is voided, but the trail says it was never voided" in p for p in tampered(
        update(entries).where(entries.c.id == 3).values(status="voided"),
        update(entries).where(entries.c.id == 3).values(status="issued")))
    original = register.get(3).outputs["docx"]
    assert any("SHA-256 of its docx" in p for p in tampered(
        update(outputs).where(outputs.c.entry_id == 3).values(sha256="0" * 64),
        update(outputs).where(outputs.c.entry_id == 3).values(sha256=original)))
    details = engine.connect().execute(select(events.c.details).where(events.c.id == 4)).scalar()
    assert any("event 4 (void) was altered" in p for p in tampered(
        update(events).where(events.c.id == 4).values(details=details.replace("wrong", "right")),
        update(events).where(events.c.id == 4).values(details=details)))
    with engine.begin() as connection:  # removing the last entry and its event is found too
        connection.execute(delete(events).where(events.c.id == 3))
        connection.execute(delete(outputs).where(outputs.c.entry_id == 3))
        connection.execute(delete(entries).where(entries.c.id == 3))
    problems = register.check().problems
    assert any("event 3 is missing" in p for p in problems)
    assert any("no entry for number(s) 3" in p for p in problems)
    engine.dispose()


def test_the_journal_exports_as_csv_and_xlsx_in_three_languages(register, database_url):
    register.issue("audit-start", case("audit-start"), lang="ru", issued_by="Ковалёв", formats=("docx",))
    register.issue("checklist", case("checklist"), lang="kk", issued_by="Ковалёв", formats=("docx",))
    register.void(1, "ошибка в адресате", by="head")
    book = load_workbook(io.BytesIO(register.export("xlsx", lang="kk", by="head")))
    sheet = book.active
    assert sheet["A1"].value == "Шығыс құжаттарды тіркеу журналы"
    assert [c.value for c in sheet[2]][:4] == ["Жазба", "Шығыс нөмірі", "Құжаттың күні", "Құжаттың түрі"]
    first, second = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert first[:5] == [1, "1", dt.datetime(2026, 2, 9), "Тексерудің басталуы туралы хабарлама", "audit-start"]
    assert first[12] == "күші жойылған" and first[14] == "ошибка в адресате"
    assert second[8].startswith("«Астана қаласының жер қатынастары басқармасы»") and second[9] == "050140003422"
    ru = register.export("csv", lang="ru", by="head", form_id="audit-start").decode("utf-8-sig").splitlines()
    assert ru[0].startswith("Запись,Исходящий номер,Дата документа,Вид документа") and len(ru) == 2
    assert "аннулирован" in ru[1] and "Уведомление о начале проверки" in ru[1]
    en = register.export("csv", lang="en", by="head", status="issued").decode("utf-8-sig").splitlines()
    assert en[0].startswith("Entry,Outgoing number") and "in force" in en[1] and len(en) == 2
    assert [e.action for e in trail.read(create_engine(database_url).connect())][-3:] == \
        ["export", "export", "export"]


def test_the_migrations_create_what_the_models_describe(database_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    Register(database_url).close()
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == db.HEAD_REVISION
    engine = create_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == db.HEAD_REVISION
        assert compare_metadata(context, metadata) == []
    engine.dispose()
    Register(database_url).close()  # a second open finds the schema current


def test_the_default_register_is_a_sqlite_file_in_the_data_directory(tmp_path, monkeypatch):
    monkeypatch.delenv(db.DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv(db.DATA_DIR_ENV, str(tmp_path / "data"))
    with Register() as register:
        assert register.url == f"sqlite:///{tmp_path}/data/register.sqlite3"
    assert (tmp_path / "data" / "register.sqlite3").is_file()
    engine = create_engine(f"sqlite:///{tmp_path}/data/register.sqlite3")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()
    with pytest.raises(FormgenError, match="runs on SQLite or PostgreSQL"):
        Register("mysql://x@localhost/db")


def _start_workers(url: str, processes: int, count: int, form_id: str, formats: str) -> list[subprocess.Popen]:
    workers = [subprocess.Popen([sys.executable, str(WORKER), url, str(count), form_id, formats],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for _ in range(processes)]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready"
    for worker in workers:  # all at once
        worker.stdin.write("go\n")
        worker.stdin.flush()
    return workers


def test_eight_processes_issuing_a_thousand_documents_get_numbers_1_to_1000(database_url):
    Register(database_url).close()  # created before the race, as a deployment would
    workers = _start_workers(database_url, 8, 125, "audit-resumption", "docx")
    numbers = []
    for worker in workers:
        out, _ = worker.communicate(timeout=1800)
        assert worker.returncode == 0
        numbers += [int(n) for n in out.split()]
    assert sorted(numbers) == list(range(1, 1001))
    with Register(database_url) as register:
        issued = register.entries(form_id="audit-resumption")
        assert sorted(e.seq for e in issued) == list(range(1, 1001))
        report = register.check()
    assert report.ok and report.entries == 1000 and report.events == 1000


def test_a_killed_issuer_leaves_whole_entries_or_nothing(database_url):
    import random

    seed = random.randrange(10**6)
    rng = random.Random(seed)
    Register(database_url).close()
    for _ in range(4):
        [worker] = _start_workers(database_url, 1, 1000, "audit-resumption", "docx,pdf")
        try:
            worker.wait(timeout=rng.uniform(0.3, 3.0))
        except subprocess.TimeoutExpired:
            pass
        worker.kill()  # SIGKILL: no cleanup of any kind
        worker.wait()
        worker.stdout.close()
        worker.stdin.close()
    with Register(database_url) as register:
        report = register.check()
        assert report.ok, (seed, report.problems)
        issued = register.entries()
        assert issued, f"no issue completed before the kills (seed {seed})"
        assert [e.seq for e in issued] == list(range(1, len(issued) + 1)), seed
        for entry in issued:  # every entry's files come out again, byte for byte (reprint checks the hash)
            for fmt in entry.outputs:
                register.reprint(entry.id, fmt, by="auditor")
    assert counts(database_url)["counters"] == 1
