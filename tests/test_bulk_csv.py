"""Bulk over the CSV files people really have: Excel's semicolons, tabs,
Windows-1251, a byte-order mark; every bad row reported by its line and
skipped while the rest completes; files laid out per body, zipped on request."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from click.testing import CliRunner

from formgen.cli import main
from formgen.quarterly import bulk
from formgen.quarterly.bodies import read_bodies

from conftest import docx_text

ROWS = [["id", "name_kk", "name_ru", "address", "phone"],
        ["obl-01", "Абай облысының әкімдігі", "Акимат области Абай", "Семей, Абай к-сі 1", "+7 7222 52 00 01"],
        ["obl-02", "Ақмола облысының әкімдігі", "Акимат Акмолинской области", "Көкшетау", "+7 7162 29 00 02"]]


def csv_bytes(rows, delimiter=",", encoding="utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


@pytest.mark.parametrize("delimiter,encoding", [(",", "utf-8"), (";", "utf-8"), ("\t", "utf-8"), (";", "utf-8-sig"),
                                                (";", "cp1251"), (",", "cp1251")])
def test_delimiter_and_encoding_are_found(tmp_path, delimiter, encoding):
    rows = [r[:4] for r in ROWS] if encoding == "cp1251" else ROWS   # cp1251 has no Kazakh letters: ru only
    if encoding == "cp1251":
        rows = [["id", "name_ru", "address", "phone"]] + [[r[0], r[2], "Кокшетау", r[4]] for r in ROWS[1:]]
    path = tmp_path / "bodies.csv"
    path.write_bytes(csv_bytes(rows, delimiter, encoding))
    bodies, problems = read_bodies(path)
    assert problems == []
    assert [(b.id, b.reporter.authority["ru"]) for b in bodies] == [("obl-01", "Акимат области Абай"),
                                                                    ("obl-02", "Акимат Акмолинской области")]


def test_files_that_are_no_csv_are_refused_with_the_fix(tmp_path):
    path = tmp_path / "bodies.csv"
    path.write_bytes(csv_bytes(ROWS, ";", "utf-16"))
    result = CliRunner().invoke(main, ["bulk", "--year", "2026", "--quarter", "4", "--data", str(path),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and 'bodies.csv: the text is UTF-16 ("Unicode text"); save it as "CSV UTF-8"' in result.output
    path.write_text("код|наименование\n1|x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bulk", "--year", "2026", "--quarter", "4", "--data", str(path),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "names none of the columns id, name" in result.output
    assert not (tmp_path / "out").exists()


def test_every_bad_row_is_reported_by_line_and_the_rest_completes(tmp_path):
    rows = [["id", "name_kk", "name_ru", "adress", "phone", "langs"],
            ["obl-01", "Абай облысының әкімдігі", "Акимат области Абай", "", "+7 7222 52 00 01", ""],
            ["obl-02", "Ақмола облысының әкімдігі"],                                       # too short
            ["../obl-03", "x", "x", "", "", ""],                                          # not a file name
            ["obl-01", "x", "x", "", "", ""],                                             # the same id again
            ["obl-05", "", "Акимат Алматинской области", "", "", ""],                     # no Kazakh name
            ["obl-06", "Жетісу облысының әкімдігі", "Акимат области Жетісу", "Талдықорған", "", ""],   # adress
            ["obl-07", "a", "b", "", "", "", "extra"],                                    # too long
            ["obl-08", "Қарағанды облысының әкімдігі", "", "", "", "kk"]]                 # Kazakh only, as asked
    path = tmp_path / "bodies.csv"
    path.write_bytes(csv_bytes(rows, ";"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["bulk", "--year", "2026", "--quarter", "4", "--data", str(path),
                                       "--forms", "report-3mk", "--lang", "kk,ru", "--format", "docx", "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: bodies.csv, line 1: column 'adress' is not known (did you mean 'address'?)",
        "error: bodies.csv, line 3: 2 values for 6 columns",
        "error: bodies.csv, line 4: id '../obl-03': give letters, digits, '.', '_' or '-' (a file name)",
        "error: bodies.csv, line 5: id 'obl-01' is already on line 2",
        "error: bodies.csv, line 7: adress 'Талдықорған': in a column formgen does not know, so it would not be printed",
        "error: bodies.csv, line 8: 7 values for 6 columns (a separator inside a value? put the value in quotes)",
        "error: bodies.csv, line 6: obl-05: no name_kk, so no form in kk (give name_kk, or leave kk out of its langs)",
    ]
    assert "Traceback" not in result.output
    made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert made == ["report-3mk/kk/obl-01.docx", "report-3mk/kk/obl-08.docx", "report-3mk/ru/obl-01.docx",
                    "report-3mk/ru/obl-05.docx"]
    assert "Акимат Алматинской области" in docx_text((out / "report-3mk/ru/obl-05.docx").read_bytes())
    assert "4 written, 0 already complete, 7 failed" in result.output
    assert "4/4 files, 7 failed" in result.output                      # the progress line of a log


def test_a_body_without_the_language_is_one_error_in_the_library_too(tmp_path):
    path = tmp_path / "bodies.csv"
    path.write_text("id,name_ru,address_ru\nobl-01,Акимат,Семей\nobl-02,Акимат 2,Астана\n", encoding="utf-8")
    result = bulk.run(2026, 4, path, ["report-1mk"], ["kk", "ru"], ["xlsx"], tmp_path / "out", jobs=2)
    assert [str(p) for p in result.failed] == [
        "bodies.csv, line 2: obl-01: no name_kk and no address_kk, so no form in kk (give name_kk, address_kk, "
        "or leave kk out of its langs)",
        "bodies.csv, line 3: obl-02: no name_kk and no address_kk, so no form in kk (give name_kk, address_kk, "
        "or leave kk out of its langs)"]
    assert result.written == 2 and (tmp_path / "out/report-1mk/ru/obl-02.xlsx").is_file()


def test_by_body_with_a_zip_each(tmp_path):
    path = tmp_path / "bodies.csv"
    path.write_bytes(csv_bytes(ROWS))
    out = tmp_path / "q4"
    result = CliRunner().invoke(main, ["bulk", "--year", "2026", "--quarter", "4", "--data", str(path),
                                       "--forms", "report-1mk,report-4mk", "--lang", "kk", "--format", "xlsx,docx",
                                       "-o", str(out), "--by-body", "--zip"])
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".formgen" not in p.parts)
    assert names == ["manifest.csv", "obl-01.zip",
                     "obl-01/obl-01_1-mk_kk_2026Q4.docx", "obl-01/obl-01_1-mk_kk_2026Q4.xlsx",
                     "obl-01/obl-01_4-mk_kk_2026Q4.docx", "obl-01/obl-01_4-mk_kk_2026Q4.xlsx",
                     "obl-02.zip",
                     "obl-02/obl-02_1-mk_kk_2026Q4.docx", "obl-02/obl-02_1-mk_kk_2026Q4.xlsx",
                     "obl-02/obl-02_4-mk_kk_2026Q4.docx", "obl-02/obl-02_4-mk_kk_2026Q4.xlsx"]
    archive = zipfile.ZipFile(out / "obl-02.zip")
    assert sorted(archive.namelist()) == ["obl-02_1-mk_kk_2026Q4.docx", "obl-02_1-mk_kk_2026Q4.xlsx",
                                          "obl-02_4-mk_kk_2026Q4.docx", "obl-02_4-mk_kk_2026Q4.xlsx"]
    assert archive.read("obl-02_4-mk_kk_2026Q4.xlsx") == (out / "obl-02/obl-02_4-mk_kk_2026Q4.xlsx").read_bytes()
    before = (out / "obl-02.zip").read_bytes()
    again = CliRunner().invoke(main, ["bulk", "--year", "2026", "--quarter", "4", "--data", str(path),
                                      "--forms", "report-1mk,report-4mk", "--lang", "kk", "--format", "xlsx,docx",
                                      "--out", str(out), "--by-body", "--zip"])
    assert "0 written, 8 already complete" in again.output
    assert (out / "obl-02.zip").read_bytes() == before                   # the same files make the same ZIP


def test_the_output_folder_must_be_one(tmp_path):
    path = tmp_path / "bodies.csv"
    path.write_bytes(csv_bytes(ROWS))
    (tmp_path / "file").write_text("mine")
    args = ["bulk", "--year", "2026", "--quarter", "4", "--data", str(path), "--forms", "report-4mk", "--lang", "kk",
            "--format", "docx"]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "file/sub")])
    assert result.exit_code == 2 and f"error: {tmp_path / 'file'}: is not a directory" in result.output
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "file")])
    assert result.exit_code == 2 and "is not a directory" in result.output
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "no/such/q4")])
    assert result.exit_code == 2 and "no such directory (give --mkdir to create it)" in result.output
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "no/such/q4"), "--mkdir"])
    assert result.exit_code == 0 and (tmp_path / "no/such/q4/report-4mk/kk/obl-01.docx").is_file()
    assert (tmp_path / "file").read_text() == "mine"
