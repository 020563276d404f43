"""The HTTP API: every endpoint, its answers and its problems (RFC 9457), in the language asked."""

from __future__ import annotations

import copy
import io

import pytest
from docx import Document
from formgen.forms.wording import wording
from formgen.service import Settings

from conftest import docx_text, load_fixture, pdf_text
from service_kit import signed_in

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    settings = Settings(max_body_bytes=256 * 1024, base_url="https://docs.example.kz",
                        data_dir=str(tmp_path_factory.mktemp("data")))
    with signed_in(settings, "reader") as client:
        yield client


def _problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail", "errors"} <= set(body) and body["status"] == status
    return body


def test_health_and_security_headers(client):
    response = client.get("/healthz")
    assert response.json()["status"] == "ok"
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_forms_are_listed_with_titles_in_the_language_asked(client):
    forms = {f["id"]: f for f in client.get("/api/forms?lang=kk").json()}
    assert len(forms) == 11
    assert forms["audit-start"]["title"] == wording("kk", "audit-start")["title"]
    assert forms["audit-start"]["next"][:3] == ["audit-suspension", "audit-resumption", "audit-certificate"]
    assert forms["report-1mk"]["formats"] == ["docx", "pdf", "html", "xlsx"]


def test_schema_per_language_with_the_services_own_id(client):
    response = client.get("/api/forms/audit-start/schema?lang=ru")
    assert response.headers["content-type"] == "application/schema+json"
    schema = response.json()
    assert schema["$id"] == "https://docs.example.kz/api/forms/audit-start/schema?lang=ru"
    assert schema["properties"]["grounds"]["title"] == wording("ru", "audit-start")["items"][7]
    assert _problem(client.get("/api/forms/nope/schema"), 404)["title"] == "No such form"
    assert _problem(client.get("/api/forms/audit-start/schema?lang=de"), 400)["errors"][0]["path"] == "query.lang"


def test_validate_answers_valid_or_every_problem_in_the_language_asked(client):
    case = load_fixture("audit-start")
    assert client.post("/api/forms/audit-start/validate?lang=ru", json=case).json()["valid"] is True
    case["entity"]["iin_bin"] = "050140003421"
    case["date"] = "16.03.2026"
    del case["grounds"]
    body = _problem(client.post("/api/forms/audit-start/validate", json=case, headers={"Accept-Language": "ru-RU,ru;q=0.9"}), 422)
    assert body["title"] == "Данные не соответствуют форме"
    assert {e["path"]: e["message"] for e in body["errors"]} == {
        "date": "Дата указывается в формате ГГГГ-ММ-ДД (например, 2026-02-16)",
        "entity.iin_bin": "Контрольная (12-я) цифра не соответствует первым 11 цифрам",
        "grounds": "Обязательное поле не заполнено",
    }
    kk = _problem(client.post("/api/forms/audit-start/validate?lang=kk", json=case), 422)
    assert kk["errors"][0]["message"].startswith("Күн ЖЖЖЖ-АА-КК")
    assert kk["errors"][0]["code"] == "date_from_datetime_parsing"


def test_validate_reports_a_late_document_as_a_warning(client):
    case = load_fixture("audit-start")
    case["date"] = "2026-02-15"  # one day before the audit: later than the Rules allow for a planned audit
    answer = client.post("/api/forms/audit-start/validate", json=case).json()
    assert answer["valid"] and answer["late"] and answer["late"][0]["path"]


@pytest.mark.parametrize("fmt,media,disposition", [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"),
    ("pdf", "application/pdf", "attachment"),
    ("html", "text/html; charset=utf-8", "inline"),
])
def test_render_gives_the_file_with_its_type_and_name(client, fmt, media, disposition):
    response = client.post(f"/api/forms/audit-start/render?lang=ru&format={fmt}", json=load_fixture("audit-start"))
    assert response.status_code == 200
    assert response.headers["content-type"] == media
    assert response.headers["content-disposition"] == f'{disposition}; filename="audit-start-ru.{fmt}"'
    text = {"docx": docx_text, "pdf": pdf_text, "html": lambda c: c.decode()}[fmt](response.content)
    assert "Уведомление о начале проверки" in text and "050140003422" in text


def test_the_html_preview_can_run_no_script(client):
    response = client.post("/api/forms/audit-start/render?lang=en&format=html", json=load_fixture("audit-start"))
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "script-src" not in policy


def test_render_blank_forms_and_report_options(client):
    blank = client.post("/api/forms/audit-start/render?lang=kk&format=docx&blank=true")
    assert blank.headers["content-disposition"] == 'attachment; filename="audit-start-kk-blank.docx"'
    report = client.post("/api/forms/report-1mk/render?lang=ru&format=xlsx&blank=true&year=2026&quarter=4",
                         json={"reporter": {"authority": "Акимат города Астаны"}})
    assert report.status_code == 200 and report.content[:2] == b"PK"
    notes = client.post("/api/forms/audit-certificate/render?lang=en&format=docx&with_notes=true",
                        json=load_fixture("audit-certificate"))
    assert "Clarification" in docx_text(notes.content) or "completion" in docx_text(notes.content).lower()
    filled = client.post("/api/forms/report-1mk/render?lang=kk&format=docx", json=load_fixture("report-1mk"))
    assert Document(io.BytesIO(filled.content)).tables


@pytest.mark.parametrize("query,status,kind", [
    ("format=bmp", 400, "bad-parameter"),
    ("lang=fr", 400, "bad-parameter"),
    ("quarter=7&blank=true", 400, "bad-parameter"),
    ("format=xlsx", 400, "bad-request"),           # an audit document has no XLSX
    ("year=2026", 400, "bad-request"),             # a filled document takes no year
    ("with_clarification=true", 400, "bad-request"),
])
def test_bad_parameters_are_400_problems(client, query, status, kind):
    body = _problem(client.post(f"/api/forms/audit-start/render?{query}", json=load_fixture("audit-start")), status)
    assert body["type"] == f"urn:formgen:problem:{kind}"


def test_bodies_that_are_not_case_data(client):
    url = "/api/forms/audit-start/validate"
    assert _problem(client.post(url), 400)["type"].endswith("invalid-json")
    assert _problem(client.post(url, content=b"{", headers={"content-type": "application/json"}), 400)
    assert _problem(client.post(url, content=b"\xff\xfe{", headers={"content-type": "application/json"}), 400)
    deep = b"[" * 100_000 + b"]" * 100_000
    assert _problem(client.post(url, content=deep, headers={"content-type": "application/json"}), 400)
    assert _problem(client.post(url, content=b"{}", headers={"content-type": "text/plain"}), 415)
    assert _problem(client.post(url, json=[1, 2]), 422)["errors"][0]["code"] == "data_not_object"
    big = {"grounds": "x" * 300_000}
    assert _problem(client.post(url, json=big), 413)["type"].endswith("body-too-large")
    streamed = client.post(url, content=iter([b'{"a": "', b"x" * 200_000, b"x" * 200_000, b'"}']),
                           headers={"content-type": "application/json"})
    assert _problem(streamed, 413)
    assert _problem(client.post("/api/forms/nope/render", json={}), 404)
    assert _problem(client.get(url), 405)


def test_hostile_values_come_back_literal(client):
    case = load_fixture("audit-start")
    case["grounds"] = "{{ 7*7 }} <script>alert(1)</script> &amp;"
    docx = client.post("/api/forms/audit-start/render?lang=ru&format=docx", json=case)
    assert "{{ 7*7 }} <script>alert(1)</script> &amp;" in docx_text(docx.content)
    html = client.post("/api/forms/audit-start/render?lang=ru&format=html", json=case).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html and "49" not in html
    case["grounds"] = "bell \x07"
    assert _problem(client.post("/api/forms/audit-start/render?lang=ru&format=docx", json=case), 422)


def test_the_next_document_takes_over_the_shared_parts(client):
    notice = load_fixture("audit-start")
    certificate = client.post("/api/forms/audit-start/next?to=audit-certificate", json=notice).json()
    assert certificate["start_notice"] == {"number": notice["number"], "date": notice["date"]}
    assert certificate["entity"] == notice["entity"] and certificate["auditors"] == notice["auditors"]
    assert certificate["conduct"]["dates"] == notice["audit_period"]
    assert "number" not in certificate and "subject" not in certificate
    suspension = load_fixture("audit-suspension")
    resumption = client.post("/api/forms/audit-suspension/next?to=audit-resumption", json=suspension).json()
    assert resumption["suspension_notice"] == {"number": suspension["number"], "date": suspension["date"]}
    assert resumption["start_notice"] == suspension["start_notice"]
    assert _problem(client.post("/api/forms/audit-certificate/next?to=audit-start", json=notice), 400)


def test_render_time_is_bounded(tmp_path):
    with signed_in(Settings(render_seconds=0.001, data_dir=str(tmp_path))) as slow:
        body = _problem(slow.post("/api/forms/report-1mk/render?lang=ru&format=pdf", json=load_fixture("report-1mk"),
                                  headers={"Accept-Language": "kk"}), 422)
    assert body["type"].endswith("render-timeout") and body["title"] == "Құжатты жасау тым ұзаққа созылды"


def test_openapi_31_document_and_docs_page_load_nothing_from_outside(client):
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert {"/api/forms", "/api/forms/{form_id}/schema", "/api/forms/{form_id}/validate",
            "/api/forms/{form_id}/render", "/healthz"} <= set(document["paths"])
    assert "HTTPValidationError" not in str(document)
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "http" not in docs.replace("http-equiv", "")
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_the_clerks_page_is_served_in_the_language_asked(client):
    page = client.get("/", headers={"Accept-Language": "kk"})
    assert '<html lang="kk">' in page.text and "Бет тілі" in page.text
    assert "<script>" not in page.text  # only the package's own script files, and a JSON data block
    assert client.get("/?ui=ru").text.count("Язык страницы") == 1
    assert _problem(client.get("/?ui=xx"), 400)


def test_database_url_and_data_dir_are_taken_from_the_environment(monkeypatch):
    monkeypatch.setenv("FORMGEN_DATABASE_URL", "sqlite:////tmp/register.sqlite")
    monkeypatch.setenv("FORMGEN_DATA_DIR", "/tmp/formgen-data")
    assert Settings.from_environment().database_url == "sqlite:////tmp/register.sqlite"
    assert Settings.from_environment().data_dir == "/tmp/formgen-data"
    assert Settings.from_environment(database_url="postgresql://x").database_url == "postgresql://x"
