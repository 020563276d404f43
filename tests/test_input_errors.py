"""Bad input: one clear message per problem naming the field, exit status 2,
no output file; values that look like markup or template code print literally."""

from __future__ import annotations

import copy
import io
import json
import zipfile

import pytest
from click.testing import CliRunner

import formgen
from formgen.cli import main
from formgen.rendering.pdf import FontsOnlyFetcher
from formgen.resources import FONTS_DIR

from conftest import docx_text, load_fixture, pdf_text


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input)


def write_case(tmp_path, data, name="case.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def render_cli(tmp_path, case_path, form_id="audit-start", fmt="docx", lang="en"):
    out = tmp_path / f"out.{fmt}"
    result = run(["render", form_id, "--lang", lang, "--data", case_path, "--format", fmt, "--output", str(out)])
    return result, out


def broken(**changes):
    data = copy.deepcopy(load_fixture("audit-start"))
    for path, value in changes.items():
        target = data
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is KeyError:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
    return data


@pytest.mark.parametrize("changes,path,reason", [
    ({"entity__iin_bin": "050140003421"}, "entity.iin_bin", "check digit"),
    ({"entity__iin_bin": "12345"}, "entity.iin_bin", "12 digits"),
    ({"audit_period__end": "2026-02-01"}, "audit_period.end", "before the start"),
    ({"grounds": KeyError}, "grounds", "required field is missing"),
    ({"audit_type__kind": "sudden"}, "audit_type.kind", "'planned' or 'unscheduled'"),
    ({"date": "14.01.2026"}, "date", "date"),
    ({"authority": 42}, "authority", "must be text"),
    ({"auditors": []}, "auditors", "at least 1"),
    ({"signatory__surnme": "X"}, "signatory.surnme", "unknown field"),
    ({"audit_type__on_site": False}, "audit_type.off_site_methods", "summon_officials"),
    ({"subject": "bell \x07 here"}, "subject", "U+0007"),
])
def test_each_problem_names_its_field_and_leaves_no_file(tmp_path, changes, path, reason):
    result, out = render_cli(tmp_path, write_case(tmp_path, broken(**changes)))
    assert result.exit_code == 2
    assert f"error: {path}: " in result.output and reason in result.output, result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "case.json"]


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    data = broken(entity__iin_bin="111111111111", audit_period__end="2026-01-01", grounds=KeyError)
    result, _ = render_cli(tmp_path, write_case(tmp_path, data))
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert [e.split(":")[1].strip() for e in errors] == ["entity.iin_bin", "audit_period.end", "grounds"]


def test_unreadable_json_and_missing_file(tmp_path):
    bad = tmp_path / "case.json"
    bad.write_text('{"number": "1",', encoding="utf-8")
    result, out = render_cli(tmp_path, str(bad))
    assert result.exit_code == 2 and "not valid JSON" in result.output and "line 1" in result.output
    result, out = render_cli(tmp_path, str(tmp_path / "nowhere.json"))
    assert result.exit_code == 2 and "cannot read" in result.output
    assert not out.exists()


def test_unknown_form(tmp_path):
    result, _ = render_cli(tmp_path, write_case(tmp_path, {}), form_id="audit-finish")
    assert result.exit_code == 2 and "unknown form 'audit-finish'" in result.output


def test_text_missing_in_the_language_asked_is_an_error_not_a_fallback(tmp_path):
    data = broken()
    data["grounds"] = {"kk": "негіздер", "en": "grounds"}
    result, out = render_cli(tmp_path, write_case(tmp_path, data), lang="ru")
    assert result.exit_code == 2 and "error: grounds: Нет текста на языке ru (указан: kk, en)" in result.output
    assert not out.exists()
    assert run(["render", "audit-start", "--lang", "en", "--data", write_case(tmp_path, data),
                "--output", str(tmp_path / "ok.pdf")]).exit_code == 0


def test_validate_command(tmp_path):
    ok = run(["validate", "audit-start", write_case(tmp_path, load_fixture("audit-start"))])
    assert ok.exit_code == 0 and "valid" in ok.output
    bad = run(["validate", "audit-start", write_case(tmp_path, broken(entity__iin_bin="050140003421"))])
    assert bad.exit_code == 2 and "entity.iin_bin" in bad.output


HOSTILE = "<b>bold</b> & {{ 7*7 }} {% for x in range(3) %}x{% endfor %} </w:t></w:r>"


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_markup_and_template_code_in_values_come_out_literally(fmt):
    data = broken(grounds=HOSTILE)
    content = formgen.render("audit-start", data, lang="ru", fmt=fmt)
    if fmt == "docx":
        zipfile.ZipFile(io.BytesIO(content)).testzip()
        text = docx_text(content)
    elif fmt == "pdf":
        text = pdf_text(content)
    else:
        text = content.decode()
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; {{ 7*7 }}" in text
        return
    # a PDF line may break anywhere in the value: compare without white space
    assert "".join(HOSTILE.split()) in "".join(text.split())
    assert "49" not in text


def test_the_pdf_renderer_fetches_nothing_but_its_fonts():
    fetcher = FontsOnlyFetcher()
    assert fetcher.fetch((FONTS_DIR / "Tinos-Regular.ttf").as_uri()).read()[:4] == b"\x00\x01\x00\x00"
    for url in ["http://example.com/x.png", "file:///etc/passwd", (FONTS_DIR / ".." / "api.py").as_uri(),
                "data:text/plain,hello"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_library_api_returns_documents_and_raises_invalid_data():
    assert formgen.render("audit-start", load_fixture("audit-start"), lang="en", fmt="docx")[:2] == b"PK"
    assert formgen.render("audit-start", lang="en", fmt="pdf", blank=True)[:5] == b"%PDF-"
    with pytest.raises(formgen.InvalidData) as error:
        formgen.validate("audit-start", broken(entity__iin_bin="0"))
    assert [p.path for p in error.value.problems] == ["entity.iin_bin"]
    with pytest.raises(formgen.UnknownForm):
        formgen.render("nope", {}, lang="en")
    with pytest.raises(formgen.FormgenError):
        formgen.render("audit-start", lang="de", blank=True)


def test_render_to_stdout_and_schema_and_forms():
    result = CliRunner().invoke(main, ["render", "audit-start", "--blank", "--lang", "kk", "--format", "html", "--output", "-"])
    assert result.exit_code == 0 and "Тексерудің басталуы туралы хабарлама" in result.output
    schema = json.loads(run(["schema", "audit-certificate"]).output)
    assert {"findings", "familiarisation", "place"} <= set(schema["properties"])
    listing = run(["forms"]).output
    assert all(form_id in listing for form_id in formgen.FORMS)


def test_a_notice_dated_too_late_warns_with_its_rule_and_fails_with_strict(tmp_path):
    late = broken(date="2026-02-13")  # the audit starts on 16 February: three working days before is the 11th
    case = write_case(tmp_path, late)
    out = tmp_path / "late.docx"
    result = run(["render", "audit-start", "--lang", "ru", "--data", case, "--format", "docx", "--output", str(out)])
    assert result.exit_code == 0 and out.exists()
    assert "warning: date: 2026-02-13 is after 2026-02-11, the last date paragraph 14 of the Rules allows" in result.output
    out.unlink()
    result = run(["render", "audit-start", "--lang", "ru", "--data", case, "--format", "docx", "--output", str(out),
                  "--strict"])
    assert result.exit_code == 2 and "error: date: 2026-02-13 is after 2026-02-11" in result.output
    assert not out.exists()
    with pytest.warns(formgen.LateDocument, match="paragraph 14"):
        formgen.render("audit-start", late, lang="kk", fmt="html")
    with pytest.raises(formgen.InvalidData):
        formgen.render("audit-start", late, lang="kk", fmt="html", strict=True)


def test_case_data_that_is_not_an_object_is_refused():
    with pytest.raises(formgen.InvalidData) as error:
        formgen.validate("audit-start", ["not", "an", "object"])
    assert [str(p) for p in error.value.problems] == ["case data must be a JSON object, not list"]
