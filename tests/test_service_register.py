"""The service's register, access, drafts and jobs over HTTP, on a fresh SQLite file and a fresh
PostgreSQL database: who may do what, issuing under numbers, the list and its search, downloads,
voiding, the journal, the public verification without personal data, drafts per clerk, and jobs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
import zipfile

import pytest
from sqlalchemy import update
from openpyxl import load_workbook

import formgen

from formgen.service import Settings

from conftest import docx_text, load_fixture, pdf_text
from service_kit import service, token

PROBLEM = "application/problem+json"
BASE = "https://docs.example.kz"
PUBLIC = {"/healthz", "/signin", "/verify", "/verify/{digest}", "/api/verify", "/api/verify/{digest}"}


def case(form_id: str) -> dict:
    data = load_fixture(form_id)
    data.pop("number", None)
    return data


@pytest.fixture
def client(database_url, tmp_path):
    with service(Settings(database_url=database_url, data_dir=str(tmp_path), base_url=BASE)) as client:
        yield client


def _problem(response, status: int, kind: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    if kind:
        assert body["type"] == f"urn:formgen:problem:{kind}"
    return body


def _issue(client, headers, form_id="audit-start", lang="ru", formats=("docx", "pdf"), data=None):
    query = "&".join(f"format={f}" for f in formats)
    response = client.post(f"/api/forms/{form_id}/issue?lang={lang}&{query}", json=data or case(form_id), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _add_user(client, login, role, password="correct horse battery"):
    client.app.state.register.accounts.add_user(login, password, role=role, name=f"{login.title()} Ж.", by="tests")


def _sign_in(client, login, password="correct horse battery"):
    return client.post("/signin", data={"login": login, "password": password, "next": "/issued"},
                       follow_redirects=False)


# ---------------------------------------------------------------------- access

def _routes(app):
    """Every route's path and methods, those of the included routers too."""
    for route in app.routes:
        if hasattr(route, "original_router"):
            for inner in route.original_router.routes:
                yield route.include_context.prefix + inner.path, inner.methods
        elif getattr(route, "methods", None):
            yield route.path, route.methods


def test_nothing_but_health_sign_in_static_and_verification_answers_without_credentials(client):
    checked = 0
    for path, methods in _routes(client.app):
        if path in PUBLIC:
            continue
        for method in sorted(methods - {"HEAD"}):
            checked += 1
            url = path.replace("{form_id}", "audit-start").replace("{entry_id}", "1").replace("{draft_id}", "1") \
                .replace("{job_id}", "0" * 32)
            response = client.request(method, url, follow_redirects=False, headers={"Accept-Language": "ru"})
            if path in ("/", "/issued", "/quarterly", "/docs"):
                assert response.status_code == 303 and response.headers["location"].startswith("/signin?next=")
            else:
                assert response.status_code == 401, (method, path, response.status_code)
                body = _problem(response, 401, "unauthorized")
                assert body["title"] == "Требуется вход в систему", (method, path)
                assert response.headers["www-authenticate"].startswith("Bearer")
    assert checked >= 25
    assert client.get("/healthz").status_code == 200
    assert client.get("/signin").status_code == 200
    assert client.get("/static/clerk.css").status_code == 200


def test_a_token_that_is_wrong_or_revoked_is_refused(client):
    assert _problem(client.get("/api/forms", headers={"Authorization": "Bearer fgt_nonsense"}), 401)
    assert _problem(client.get("/api/forms", headers={"Authorization": "Basic YWxpY2U6eA=="}), 401)
    headers = token(client, "reader", "erp")
    assert client.get("/api/forms", headers=headers).status_code == 200
    client.app.state.register.accounts.revoke_token("erp", by="tests")
    assert _problem(client.get("/api/forms", headers=headers), 401)


def test_roles_reader_clerk_administrator(client):
    reader, clerk, admin = (token(client, role) for role in ("reader", "clerk", "administrator"))
    body = _problem(client.post("/api/forms/audit-start/issue?lang=ru", json=case("audit-start"), headers={
        **reader, "Accept-Language": "kk"}), 403, "forbidden")
    assert body["title"] == "Бұл әрекетке құқығыңыз жоқ"
    entry = _issue(client, clerk)
    assert client.get(f"/api/entries/{entry['id']}", headers=reader).status_code == 200
    _problem(client.post(f"/api/entries/{entry['id']}/void", json={"reason": "x"}, headers=clerk), 403, "forbidden")
    assert client.post(f"/api/entries/{entry['id']}/void", json={"reason": "x"}, headers=admin).status_code == 200


def test_signing_in_gives_an_httponly_samesite_secure_cookie_and_changes_need_the_csrf_token(client):
    _add_user(client, "aigerim", "clerk")
    wrong = _sign_in(client, "aigerim", "not the password")
    assert wrong.status_code == 401 and "Wrong login or password" in wrong.text and "set-cookie" not in wrong.headers
    assert _sign_in(client, "nobody").status_code == 401
    signed = _sign_in(client, "aigerim")
    assert signed.status_code == 303 and signed.headers["location"] == "/issued"
    cookie = signed.headers["set-cookie"]
    assert "formgen_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
    secret = cookie.split(";")[0].split("=", 1)[1]
    client.cookies.set("formgen_session", secret)  # the test client keeps no Secure cookie over http
    page = client.get("/")
    assert page.status_code == 200 and "Aigerim Ж." in page.text
    csrf = json.loads(page.text.split('id="boot">', 1)[1].split("</script>", 1)[0])["csrf"]
    url = "/api/forms/audit-start/issue?lang=ru"
    _problem(client.post(url, json=case("audit-start")), 403, "csrf")
    _problem(client.post(url, json=case("audit-start"), headers={"X-CSRF-Token": "forged"}), 403, "csrf")
    issued = client.post(url, json=case("audit-start"), headers={"X-CSRF-Token": csrf})
    assert issued.status_code == 201 and issued.json()["issued_by"] == "aigerim"
    assert client.post("/signout", headers={"X-CSRF-Token": csrf}).status_code == 204
    _problem(client.get("/api/entries"), 401)


def test_a_sign_in_goes_back_only_to_this_service_and_not_from_another_site(client):
    _add_user(client, "dana", "reader")
    elsewhere = client.post("/signin", data={"login": "dana", "password": "correct horse battery",
                                             "next": "https://evil.example/"}, follow_redirects=False)
    assert elsewhere.headers["location"] == "/"
    assert client.post("/signin", data={"login": "dana", "password": "correct horse battery", "next": "//evil"},
                       follow_redirects=False).headers["location"] == "/"
    forged = client.post("/signin", data={"login": "dana", "password": "correct horse battery"},
                         headers={"Origin": "https://evil.example"}, follow_redirects=False)
    _problem(forged, 403, "csrf")


def test_a_disabled_account_loses_its_session(client):
    _add_user(client, "bolat", "clerk")
    secret = _sign_in(client, "bolat").headers["set-cookie"].split(";")[0].split("=", 1)[1]
    client.cookies.set("formgen_session", secret)
    assert client.get("/api/forms").status_code == 200
    client.app.state.register.accounts.disable_user("bolat", by="tests")
    _problem(client.get("/api/forms"), 401)
    assert _sign_in(client, "bolat").status_code == 401


# ---------------------------------------------------------------------- the register

def test_issue_gives_the_number_and_the_files_carry_it(client):
    clerk = token(client, "clerk", "case-system")
    first, second = _issue(client, clerk), _issue(client, clerk, lang="kk")
    assert (first["number"], second["number"]) == ("1", "2")
    assert first["issued_by"] == "case-system" and first["status"] == "issued"
    assert first["verification"].startswith(f"{BASE}/verify/") and first["verification"].endswith("?n=1")
    docx = client.get(first["files"]["docx"], headers=clerk)
    assert docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert docx.headers["content-disposition"].startswith('attachment; filename="00001_audit-start_1.docx"')
    text = docx_text(docx.content)
    assert "Уведомление о начале проверки" in text and "№\u00a01" in text and "050140003422" in text
    pdf = client.get(f"/api/entries/{first['id']}/file?format=pdf", headers=clerk)
    assert pdf.content[:5] == b"%PDF-" and "№\u00a01" in pdf_text(pdf.content)
    assert client.get(first["files"]["docx"], headers=clerk).content == docx.content  # the same bytes again


def test_issue_refuses_bad_data_in_the_language_asked_and_takes_no_number(client):
    clerk = token(client, "clerk")
    data = case("audit-start")
    data["entity"]["iin_bin"] = "050140003421"
    body = _problem(client.post("/api/forms/audit-start/issue?lang=ru", json=data,
                                headers={**clerk, "Accept-Language": "ru"}), 422, "invalid-data")
    assert body["errors"][0] == {"path": "entity.iin_bin", "code": "iin_bin_check_digit",
                                 "message": "Контрольная (12-я) цифра не соответствует первым 11 цифрам"}
    _problem(client.post("/api/forms/audit-start/issue?lang=ru", json=load_fixture("audit-start"), headers=clerk),
             422, "invalid-data")  # the number is the register's
    _problem(client.post("/api/forms/audit-start/issue?lang=ru&format=xlsx", json=case("audit-start"),
                         headers=clerk), 400)
    _problem(client.post("/api/forms/nope/issue", json={}, headers=clerk), 404, "unknown-form")
    assert _issue(client, clerk)["number"] == "1"


def test_an_external_number_and_report_forms_are_issued(client):
    clerk = token(client, "clerk")
    own = client.post("/api/forms/audit-start/issue?lang=en&number=ESEDO-2026/42", json=case("audit-start"),
                      headers=clerk)
    assert own.status_code == 201 and own.json()["number"] == "ESEDO-2026/42"
    _problem(client.post("/api/forms/audit-start/issue?lang=en&number=ESEDO-2026/42", json=case("audit-start"),
                         headers=clerk), 400)
    report = _issue(client, clerk, "report-1mk", "kk", ("docx",))
    assert report["title"] and "Астана" in report["addressee"]


def test_the_list_filters_searches_and_pages(client):
    clerk = token(client, "clerk")
    _issue(client, clerk, formats=("docx",))
    other = case("audit-start")
    other["entity"]["iin_bin"] = "990340001111"
    other["entity"]["name"] = "ТОО «Аудит-Сервис»"
    _issue(client, clerk, data=other, formats=("docx",))
    _issue(client, clerk, "checklist", "en", ("docx",))
    listed = client.get("/api/entries?lang=ru", headers=clerk).json()
    assert listed["total"] == 3 and [e["id"] for e in listed["entries"]] == [3, 2, 1]
    assert [e["id"] for e in client.get("/api/entries?q=аудит-сервис", headers=clerk).json()["entries"]] == [2]
    # the checklist's subject is the notice's entity, so its BIN finds both
    assert [e["id"] for e in client.get("/api/entries?entity_bin=050140003422", headers=clerk).json()["entries"]] == [3, 1]
    assert [e["id"] for e in client.get("/api/entries?entity_bin=990340001111", headers=clerk).json()["entries"]] == [2]
    assert client.get("/api/entries?form_id=checklist", headers=clerk).json()["total"] == 1
    assert [e["id"] for e in client.get("/api/entries?limit=1&offset=1", headers=clerk).json()["entries"]] == [2]
    _problem(client.get("/api/entries?limit=100000", headers=clerk), 400, "bad-parameter")
    _problem(client.get("/api/entries?form_id=nope", headers=clerk), 404)
    shown = client.get("/api/entries/1?lang=ru", headers=clerk).json()
    assert shown["case_data"]["number"] == "1" and shown["title"] == "Уведомление о начале проверки"
    _problem(client.get("/api/entries/999", headers={**clerk, "Accept-Language": "en"}), 404, "no-entry")


def test_void_with_a_reason_once(client):
    clerk, admin = token(client, "clerk"), token(client, "administrator", "head")
    entry = _issue(client, clerk, formats=("docx",))
    url = f"/api/entries/{entry['id']}/void"
    _problem(client.post(url, json={"reason": "  "}, headers=admin), 400)
    _problem(client.post(url, json={}, headers=admin), 400)
    _problem(client.post("/api/entries/999/void", json={"reason": "x"}, headers=admin), 404, "no-entry")
    voided = client.post(url, json={"reason": "wrong addressee"}, headers=admin).json()
    assert voided["status"] == "voided" and voided["void_reason"] == "wrong addressee"
    again = _problem(client.post(url, json={"reason": "again"}, headers={**admin, "Accept-Language": "ru"}), 409,
                     "already-voided")
    assert again["title"] == "Документ уже аннулирован"
    assert client.get("/api/entries?status=voided", headers=clerk).json()["total"] == 1


def test_the_journal_is_exported(client):
    clerk = token(client, "reader", "auditor")
    _issue(client, token(client, "clerk"), formats=("docx",))
    csv_file = client.get("/api/entries/export?format=csv&lang=ru", headers=clerk)
    assert csv_file.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Запись", "Исходящий номер"] and rows[1][1] == "1"
    xlsx = client.get("/api/entries/export?format=xlsx&lang=kk&form_id=audit-start", headers=clerk)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "Шығыс құжаттарды тіркеу журналы" and sheet["B3"].value == "1"


# ---------------------------------------------------------------------- verification

def test_the_verification_page_and_api_show_no_personal_data(client):
    clerk, admin = token(client, "clerk", "Жұмабекова"), token(client, "administrator")
    entry = _issue(client, clerk)
    path = entry["verification"].removeprefix(BASE)
    page = client.get(path, headers={"Accept-Language": "ru"})
    assert page.status_code == 200 and "Документ действителен" in page.text
    assert "Уведомление о начале проверки" in page.text and "9 февраля 2026 года" in page.text
    data = load_fixture("audit-start")
    for personal in (data["entity"]["iin_bin"], "Жұмабекова", "Управление земельных отношений",
                     data["auditors"][0]["surname"], data["signatory"]["surname"]["ru"]):
        assert personal not in page.text
    assert "не совпадает" in client.get(path.replace("?n=1", "?n=7") + "&ui=ru").text
    digest = path.split("/")[2].split("?")[0]
    answer = client.get(f"/api/verify/{digest}?n=1&lang=en").json()
    assert answer["status"] == "valid" and answer["number_matches"] is True
    assert set(answer) == {"status", "ok", "message", "number", "form_id", "form_title", "document_date",
                           "document_date_text", "issued_at", "voided_at", "format", "number_matches"}
    assert client.get(f"/api/verify/{'0' * 64}").json()["status"] == "unknown"
    pdf = client.get(entry["files"]["pdf"], headers=clerk).content
    assert client.post("/api/verify?lang=en", files={"file": ("a.pdf", pdf)}).json()["status"] == "valid"
    altered = pdf + b"\n% changed after issue\n"
    assert client.post("/api/verify", files={"file": ("a.pdf", altered)}).json()["status"] == "altered"
    assert client.post("/api/verify", files={"file": ("x.txt", b"hello")}).json()["status"] == "unknown"
    client.post(f"/api/entries/{entry['id']}/void", json={"reason": "x"}, headers=admin)
    uploaded = client.post("/verify?ui=kk", files={"file": ("a.pdf", pdf)})
    assert "Құжаттың күші жойылған" in uploaded.text and "Жұмабекова" not in uploaded.text
    _problem(client.post("/api/verify"), 400)


# ---------------------------------------------------------------------- drafts

def test_drafts_are_kept_per_clerk(client):
    one, two = token(client, "clerk", "one"), token(client, "clerk", "two")
    body = {"form_id": "audit-start", "lang": "ru", "title": "ГУ «Управление»", "data": {"number": "draft"}}
    created = client.post("/api/drafts", json=body, headers=one)
    assert created.status_code == 201
    draft_id = created.json()["id"]
    assert [d["title"] for d in client.get("/api/drafts", headers=one).json()] == ["ГУ «Управление»"]
    assert client.get("/api/drafts", headers=two).json() == []
    _problem(client.get(f"/api/drafts/{draft_id}", headers=two), 404, "no-draft")
    changed = {**body, "data": {"number": "draft-2", "grounds": "<script>x</script>"}}
    assert client.put(f"/api/drafts/{draft_id}", json=changed, headers=one).status_code == 200
    assert client.get(f"/api/drafts/{draft_id}", headers=one).json()["data"] == changed["data"]
    _problem(client.put(f"/api/drafts/{draft_id}", json=changed, headers=two), 404)
    _problem(client.post("/api/drafts", json={"form_id": "nope", "lang": "ru", "data": {}}, headers=one), 400)
    _problem(client.post("/api/drafts", json={**body, "data": [1]}, headers=one), 400)
    assert client.delete(f"/api/drafts/{draft_id}", headers=one).status_code == 204
    _problem(client.delete(f"/api/drafts/{draft_id}", headers=one), 404)


# ---------------------------------------------------------------------- jobs

def _finished(client, job, headers, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = client.get(f"/api/jobs/{job['id']}", headers=headers).json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.2)
    raise AssertionError(f"the job did not finish: {state}")


def test_a_consolidation_job_adds_up_returns(client):
    clerk = token(client, "clerk")
    original = load_fixture("report-2mk")
    other_body = {**original, "reporter": {**original["reporter"], "authority": {"ru": "Акимат района Б"}}}
    reports = [json.dumps(data, ensure_ascii=False).encode() for data in (original, other_body)]
    started = client.post("/api/jobs/consolidate", headers=clerk, data={"form_id": "report-2mk", "format": "json"},
                          files=[("reports", ("district-a.json", reports[0])), ("reports", ("district-b.json", reports[1]))])
    assert started.status_code == 202, started.text
    _problem(client.get(f"/api/jobs/{started.json()['id']}/result", headers=token(client, "clerk", "other")), 404)
    state = _finished(client, started.json(), clerk)
    assert state["status"] == "done" and state["done"] == state["total"] == 3, state["problems"]
    summed = client.get(state["result"], headers=clerk).json()
    assert summed == formgen.consolidate("report-2mk", [("a", original), ("b", other_body)]).data
    assert summed["year"] == original["year"] and summed["quarter"] == original["quarter"]


def test_a_consolidation_job_gives_the_consolidated_xlsx_and_its_notes(client):
    clerk = token(client, "clerk")
    original = load_fixture("report-2mk")
    later = {**original, "date": "2026-10-22"}
    empty = {**original, "reporter": {**original["reporter"], "authority": {"ru": "Акимат района В"}},
             "paper": {"providers": []}, "electronic": {"providers": []}}
    files = [("reports", (name, json.dumps(data, ensure_ascii=False).encode()))
             for name, data in (("first.json", original), ("again.json", later), ("empty.json", empty))]
    refused = _finished(client, client.post("/api/jobs/consolidate", headers=clerk, files=files,
                                            data={"form_id": "report-2mk", "lang": "ru"}).json(), clerk)
    assert refused["status"] == "failed" and "--latest" in refused["problems"][0]["message"]
    state = _finished(client, client.post("/api/jobs/consolidate", headers=clerk, files=files,
                                          data={"form_id": "report-2mk", "lang": "ru", "latest": "true"}).json(), clerk)
    assert state["status"] == "done", state["problems"]
    notes = [p["message"] for p in state["problems"]]
    assert any("again.json replaces first.json" in n for n in notes), notes   # the later one in the upload
    assert any("empty.json" in n and "not submitted" in n for n in notes)
    book = load_workbook(io.BytesIO(client.get(state["result"], headers=clerk).content))
    assert book.sheetnames[0] == "Свод" and len(book.sheetnames) == 3   # the total, one body, the hidden record
    assert any("Сводный отчёт" in str(c.value) for row in book["Свод"].iter_rows() for c in row if c.value)


def test_a_job_and_its_files_are_forgotten_a_week_after_it_ends(client):
    from formgen.register.models import jobs as job_rows
    from formgen.service.jobs import KEEP_DAYS, forget_old

    clerk = token(client, "clerk")
    report = json.dumps(load_fixture("report-2mk"), ensure_ascii=False).encode()
    started = [client.post("/api/jobs/consolidate", headers=clerk, data={"form_id": "report-2mk", "format": "json"},
                           files=[("reports", ("a.json", report))]).json() for _ in range(2)]
    finished = [_finished(client, job, clerk) for job in started]
    assert all(job["status"] == "done" for job in finished)
    folder, engine = client.app.state.jobs_folder, client.app.state.register.engine
    ended = dt.datetime.fromisoformat(finished[0]["finished_at"])
    with engine.begin() as connection:  # the first ended a week and a second ago
        connection.execute(update(job_rows).where(job_rows.c.id == started[0]["id"]).values(
            finished_at=(ended - dt.timedelta(days=KEEP_DAYS, seconds=1)).isoformat()))
    assert forget_old(engine, folder, now=ended) == 1
    _problem(client.get(f"/api/jobs/{started[0]['id']}", headers=clerk), 404)
    assert not (folder / started[0]["id"]).exists() and (folder / started[1]["id"]).is_dir()
    assert client.get(finished[1]["result"], headers=clerk).status_code == 200
    assert forget_old(engine, folder, now=ended) == 0


def test_a_bulk_job_gives_a_zip_with_progress(client):
    clerk = token(client, "clerk")
    bodies = io.StringIO()
    writer = csv.writer(bodies)
    writer.writerow(["id", "name_ru", "name_kk", "name_en", "address", "phone", "email", "head", "langs"])
    writer.writerow(["akimat-1", "Акимат района № 1", "1-аудан әкімдігі", "Akimat No. 1", "Астана", "+7 7172 000001",
                     "a@gov.kz", "Исаев Т.", ""])
    writer.writerow(["bad id", "x", "x", "x", "", "", "", "", ""])
    started = client.post("/api/jobs/bulk", headers=clerk, files={"bodies": ("bodies.csv", bodies.getvalue().encode())},
                          data={"year": "2026", "quarter": "4", "forms": "report-1mk,report-4mk", "langs": "ru,kk",
                                "formats": "docx,xlsx"})
    assert started.status_code == 202, started.text
    state = _finished(client, started.json(), clerk)
    assert state["status"] == "done" and state["failed"] == 1 and "line 3" in state["problems"][0]["path"] + \
        state["problems"][0]["message"], state
    archive = zipfile.ZipFile(io.BytesIO(client.get(state["result"], headers=clerk).content))
    names = set(archive.namelist())
    assert {"report-1mk/ru/akimat-1.docx", "report-4mk/kk/akimat-1.xlsx"} <= names
    assert "Акимат района №\u00a01" in docx_text(archive.read("report-1mk/ru/akimat-1.docx"))
    assert [j["id"] for j in client.get("/api/jobs", headers=clerk).json()] == [state["id"]]


def test_jobs_refuse_bad_requests(client):
    clerk = token(client, "clerk")
    _problem(client.post("/api/jobs/bulk", headers=clerk, files={"bodies": ("b.csv", b"id\n")},
                         data={"year": "2026", "quarter": "4", "forms": "report-9mk"}), 400)
    _problem(client.post("/api/jobs/bulk", headers=clerk, data={"year": "2026", "quarter": "4"}), 400)
    _problem(client.post("/api/jobs/consolidate", headers=clerk, data={"form_id": "audit-start"},
                         files=[("reports", ("a.json", b"{}"))]), 400)
    _problem(client.post("/api/jobs/bulk", headers=token(client, "reader"), files={"bodies": ("b.csv", b"id\n")},
                         data={"year": "2026", "quarter": "4"}), 403)
    _problem(client.get(f"/api/jobs/{'a' * 32}", headers=clerk), 404, "no-job")
    _problem(client.get("/api/jobs/not-an-id", headers=clerk), 400)
    failed = client.post("/api/jobs/consolidate", headers=clerk, data={"form_id": "report-1mk"},
                         files=[("reports", ("a.json", b"not json"))]).json()
    state = _finished(client, failed, clerk)
    assert state["status"] == "failed" and "not valid JSON" in state["problems"][0]["message"]
    _problem(client.get(f"/api/jobs/{failed['id']}/result", headers=clerk), 409, "job-not-done")
