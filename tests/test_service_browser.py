"""The pages in a real browser (Debian's Chromium driven by Playwright) against the service started
here on 127.0.0.1 with a fresh SQLite register: sign in, fill a notice, see errors in the page's
language next to their fields, preview, issue under the register's number, download the issued DOCX,
switch languages, carry the case over, the issued list (search, void), the public verification page
without personal data, a reader who cannot issue, a request without a session refused, the quarter's
blanks for every body and the returns added up.

Screenshots of each page in each language go to $FORMGEN_SHOTS (default /tmp/shots2)."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest
import uvicorn
from docx import Document
from openpyxl import load_workbook

import formgen
from formgen.forms.wording import wording

playwright_api = pytest.importorskip("playwright.sync_api")
expect, sync_playwright = playwright_api.expect, playwright_api.sync_playwright
from formgen.service import Settings, create_app

from conftest import docx_text, load_fixture, squash

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (setup.sh)")
SHOTS = Path(os.environ.get("FORMGEN_SHOTS", "/tmp/shots2"))
WRONG_BIN, BIN = "050140003421", "050140003422"
PASSWORD = "correct horse battery"
PEOPLE = {"aigerim": ("clerk", "Жұмабекова Айгерім"), "dana": ("reader", "Dana Seitova"),
          "head": ("administrator", "Қасымбек Ж. М.")}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """The service on a free port of 127.0.0.1 with a fresh SQLite register and three accounts, in a
    thread that stops when the module's tests end."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    app = create_app(Settings(data_dir=str(tmp_path_factory.mktemp("data")), base_url=base))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the service did not start"
        time.sleep(0.05)
    for login, (role, name) in PEOPLE.items():
        app.state.register.accounts.add_user(login, PASSWORD, role=role, name=name, by="tests")
    yield base
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"])
        yield chromium
        chromium.close()


@pytest.fixture
def anonymous(browser, service):
    """A page of a browser that has not signed in."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True, locale="ru-RU")
    page = context.new_page()
    page.console_problems = []
    page.on("console", lambda m: page.console_problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_problems.append(str(e)))
    page.on("dialog", lambda d: page.console_problems.append(f"dialog: {d.message}"))
    yield page
    context.close()
    assert not [p for p in page.console_problems
                if "Content Security Policy" in p or "dialog" in p or "Error" in p and "401" not in p and "403" not in p]


@pytest.fixture
def page(anonymous, service):
    """A page of a browser signed in as the clerk."""
    _sign_in(anonymous, service, "aigerim")
    return anonymous


def _sign_in(page, service, login, ui="ru", next="/"):
    page.goto(f"{service}/signin?ui={ui}&next={next}")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("#sign-in")
    page.wait_for_url(re.compile(r"^(?!.*signin)"))


def _open(page, service, form="audit-start", ui="ru", doc="ru"):
    page.goto(f"{service}/?ui={ui}&doc={doc}&form={form}")
    page.wait_for_selector("body[data-ready=true]")


def _text(page, path, value):
    page.fill(f'[data-path="{path}"]', value)


def _fill_notice(page, case, lang):
    """Type the notice's fixture into the page, as a clerk would."""
    def text(value):
        return value if isinstance(value, str) else value[lang]

    def person(prefix, who):
        for part in ("surname", "first_name", "patronymic"):
            if who.get(part):
                _text(page, f"{prefix}.{part}", text(who[part]))
        _text(page, f"{prefix}.position", text(who["position"]))

    if case.get("number"):
        _text(page, "number", case["number"])
    _text(page, "date", case["date"])
    _text(page, "authority", text(case["authority"]))
    person("auditors[0]", case["auditors"][0])
    page.get_by_role("button", name="+").nth(0).click()  # a second auditor
    person("auditors[1]", case["auditors"][1])
    _text(page, "entity.name", text(case["entity"]["name"]))
    _text(page, "entity.location", text(case["entity"]["location"]))
    _text(page, "entity.iin_bin", case["entity"]["iin_bin"])
    _text(page, "subject", text(case["subject"]))
    page.select_option('[data-path="audit_type.kind"]', case["audit_type"]["kind"])
    page.check('[data-path="audit_type.on_site"]')
    for period in ("audit_period", "audited_period"):
        _text(page, f"{period}.start", case[period]["start"])
        _text(page, f"{period}.end", case[period]["end"])
    _text(page, "grounds", text(case["grounds"]))
    person("signatory", case["signatory"])


def _wait_valid(page):
    expect(page.locator("#status")).to_have_class("ok", timeout=15000)


def _error(page, path):
    return page.locator(f'[data-error-for="{path}"]')


def _shoot(page, name, at=None):
    """What the clerk sees: the window, scrolled to `at` (a field's path) or to the top."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    if at:
        page.locator(f'[data-path="{at}"]').scroll_into_view_if_needed()
    else:
        page.mouse.wheel(0, -100_000)
        page.wait_for_timeout(200)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _without_number(form_id):
    case = load_fixture(form_id)
    case.pop("number", None)
    return case


def _issue_notice(page, service, tmp_path, ui="ru"):
    """Fill the notice, issue it, and download the issued DOCX: its path and the number."""
    _open(page, service, ui=ui, doc=ui)
    _fill_notice(page, _without_number("audit-start"), ui)
    _wait_valid(page)
    page.click("#issue")
    expect(page.locator("#issued-number")).not_to_have_text("", timeout=30000)
    number = page.locator('[data-path="number"]').input_value()
    with page.expect_download() as download:
        page.click("#issued-docx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    return saved, number


def test_sign_in_fill_a_notice_in_russian_issue_and_download(anonymous, service, tmp_path):
    page = anonymous
    page.goto(f"{service}/?form=audit-start")
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    assert page.locator("h1").text_content() == "Вход в систему"
    _shoot(page, "signin-ru")
    page.fill("#login", "aigerim")
    page.fill("#password", "wrong password!")
    page.click("#sign-in")
    expect(page.locator("#sign-in-error")).to_have_text("Неверный логин или пароль")
    page.fill("#password", PASSWORD)
    page.click("#sign-in")
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("#user-name").text_content() == "Жұмабекова Айгерім"
    assert page.locator("#user-role").text_content() == "делопроизводитель"

    _open(page, service)
    case = _without_number("audit-start")
    _fill_notice(page, {**case, "entity": {**case["entity"], "iin_bin": WRONG_BIN}}, "ru")
    error = _error(page, "entity.iin_bin")
    expect(error).to_have_text("Контрольная (12-я) цифра не соответствует первым 11 цифрам")
    assert page.locator('[data-path="entity.iin_bin"]').get_attribute("class") == "invalid"
    _shoot(page, "clerk-ru-wrong-bin", at="entity.iin_bin")

    _text(page, "entity.iin_bin", BIN)
    _wait_valid(page)
    expect(error).to_have_text("")
    preview = page.frame_locator("#preview").locator("body")
    preview.get_by_text(wording("ru", "audit-start")["title"]).wait_for(timeout=15000)
    assert BIN in preview.text_content()

    page.click("#issue")
    expect(page.locator("#issued-number")).to_have_text(re.compile(r"^Зарегистрирован под № \d+$"), timeout=30000)
    number = page.locator('[data-path="number"]').input_value()
    assert number.isdigit()
    expect(page.locator("#status")).to_have_text(f"Зарегистрирован под № {number}")
    _shoot(page, "clerk-ru-issued")
    with page.expect_download() as download:
        page.click("#issued-docx")
    assert download.value.suggested_filename == f"{int(number):05d}_audit-start_{number}.docx"
    saved = tmp_path / "notice.docx"
    download.value.save_as(saved)
    text = squash(docx_text(saved.read_bytes()))
    assert wording("ru", "audit-start")["title"] in text and f"№ {number}" in text
    assert f"ИИН/БИН {BIN}" in text and "Жұмабекова Айгерім Серікқызы" in text
    assert "с 16 февраля по 13 марта 2026 года" in text
    assert Document(io.BytesIO(saved.read_bytes())).paragraphs

    with page.expect_popup() as popup:  # the verification page, as the document's QR code opens it
        page.evaluate("window.open(document.getElementById('issued-verify').href)")
    verification = popup.value
    verification.wait_for_load_state()
    expect(verification.locator("#verdict")).to_have_text("Документ действителен: зарегистрирован в реестре и не аннулирован")
    shown = verification.locator("main").text_content()
    assert number in shown and "Уведомление о начале проверки" in shown and "9 февраля 2026 года" in shown
    for personal in (BIN, "Жұмабекова", "Управление земельных отношений", "Ковалёв", "aigerim"):
        assert personal not in verification.content()


def test_switching_the_page_to_kazakh_keeps_the_case(page, service):
    _open(page, service)
    _text(page, "number", "14-05/112")
    _text(page, "entity.iin_bin", WRONG_BIN)
    expect(_error(page, "entity.iin_bin")).not_to_have_text("")
    page.select_option("#ui-lang", "kk")
    items = wording("kk", "audit-start")["items"]
    page.get_by_text(items[4], exact=True).wait_for()
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator('[data-word="page_language"]').text_content() == "Бет тілі"
    assert page.locator('[data-word="issue"]').text_content() == "Тіркеу және беру"
    assert page.locator("#user-role").text_content() == "іс жүргізуші"
    assert page.locator('[data-path="number"]').input_value() == "14-05/112"
    expect(_error(page, "entity.iin_bin")).to_have_text(re.compile("^Бақылау цифры"))
    assert page.locator("#doc-lang").input_value() == "ru"  # the document's language is the clerk's own choice
    assert "ui=kk" in page.url


def test_the_case_carries_over_into_a_certificate(page, service):
    _open(page, service)
    case = load_fixture("audit-start")
    _fill_notice(page, case, "ru")
    _wait_valid(page)
    page.select_option("#next-form", "audit-certificate")
    page.click("#start-next")
    expect(page.locator("#form-id")).to_have_value("audit-certificate")
    page.locator('[data-path="start_notice.number"]').wait_for()
    assert page.locator('[data-path="start_notice.number"]').input_value() == case["number"]
    assert page.locator('[data-path="start_notice.date"]').input_value() == case["date"]
    assert page.locator('[data-path="entity.iin_bin"]').input_value() == BIN
    assert page.locator('[data-path="auditors[1].surname"]').input_value() == "Ковалёв"
    assert page.locator('[data-path="conduct.dates.start"]').input_value() == case["audit_period"]["start"]
    assert page.locator('[data-path="number"]').input_value() == ""
    _shoot(page, "clerk-ru-certificate-carried")
    _shoot(page, "clerk-ru-certificate-carried-entity", at="entity.iin_bin")


def test_a_hostile_value_comes_back_literal(page, service, tmp_path):
    _open(page, service, ui="en", doc="en")
    _fill_notice(page, load_fixture("audit-start"), "en")
    hostile = "{{ 7*7 }} <script>alert(1)</script> <img src=x onerror=alert(2)>"
    _text(page, "grounds", hostile)
    _wait_valid(page)
    preview = page.frame_locator("#preview").locator("body")
    preview.get_by_text("{{ 7*7 }}", exact=False).wait_for(timeout=15000)
    assert hostile in preview.text_content()
    assert "49" not in preview.text_content()
    with page.expect_download() as download:
        page.click("#download-docx")
    saved = tmp_path / "hostile.docx"
    download.value.save_as(saved)
    assert hostile in docx_text(saved.read_bytes())


def test_drafts_are_kept_by_the_service(page, service, browser):
    _open(page, service)
    _text(page, "number", "draft-7")
    _text(page, "grounds", "черновик оснований")
    page.click("#save-draft")
    expect(page.locator("#draft-status")).to_have_text("Черновик сохранён")
    page.context.clear_cookies()
    _sign_in(page, service, "aigerim")  # another session, the same clerk: the draft is the service's
    _open(page, service)
    assert page.locator('[data-path="number"]').input_value() == ""
    page.click("#open-draft")
    expect(page.locator('[data-path="number"]')).to_have_value("draft-7")
    assert page.locator('[data-path="grounds"]').input_value() == "черновик оснований"


def test_a_report_is_typed_into_its_table_and_issued(page, service, tmp_path):
    _open(page, service, form="report-4mk", ui="en", doc="en")
    report = load_fixture("report-4mk")
    _text(page, "reporter.authority", report["reporter"]["authority"]["en"])
    _text(page, "year", str(report["year"]))
    _text(page, "quarter", str(report["quarter"]))
    cells = page.locator("table.grid input.cell")
    assert cells.count() > 5
    cells.first.fill("3")
    _wait_valid(page)
    page.click("#issue")
    expect(page.locator("#issued-number")).to_have_text(re.compile(r"^Issued as No\. \d+$"), timeout=60000)
    _shoot(page, "clerk-en-report-4mk")


def test_the_issued_list_searches_and_an_administrator_voids(anonymous, service, tmp_path):
    _sign_in(anonymous, service, "aigerim")
    _, number = _issue_notice(anonymous, service, tmp_path)
    anonymous.context.clear_cookies()
    page = anonymous
    _sign_in(page, service, "head", next="/issued")
    page.wait_for_selector("body[data-ready=true]")
    row = page.locator("tr", has=page.locator("td.number", has_text=re.compile(f"^{re.escape(number)}$")))
    expect(row).to_have_count(1)
    page.fill("#q", "земельных")
    page.click('#search-form button[type=submit]')
    expect(page.locator("#found")).to_have_text(re.compile(r"^Найдено: [1-9]"))
    page.fill("#q", "нет такого")
    page.click('#search-form button[type=submit]')
    expect(page.locator("#found")).to_have_text("Найдено: 0")
    page.fill("#q", "")
    page.click('#search-form button[type=submit]')
    row.locator("input.reason").fill("ошибка в адресате")
    row.locator("button.void").click()
    expect(row.locator("td.status")).to_have_text("аннулирован: ошибка в адресате")
    _shoot(page, "issued-ru-voided")


def test_a_reader_cannot_issue(anonymous, service):
    _sign_in(anonymous, service, "dana", ui="en")
    page = anonymous
    _open(page, service, ui="en", doc="en")
    assert page.locator("#user-role").text_content() == "reader"
    expect(page.locator("#issue")).to_be_disabled()
    answer = page.evaluate("""async () => {
        const r = await fetch("/api/forms/audit-start/issue?lang=en", {method: "POST",
            headers: {"Content-Type": "application/json", "X-CSRF-Token": boot.csrf}, body: "{}"});
        return [r.status, (await r.json()).title];
    }""")
    assert answer == [403, "Недостаточно прав для этого действия"]  # the browser asks for Russian


def test_a_request_without_a_session_or_token_is_refused(anonymous, service):
    response = anonymous.request.get(f"{service}/api/forms")
    assert response.status == 401 and response.json()["type"] == "urn:formgen:problem:unauthorized"
    assert anonymous.request.post(f"{service}/api/forms/audit-start/issue", data="{}").status == 401
    anonymous.goto(f"{service}/issued")
    expect(anonymous).to_have_url(re.compile(r"/signin\?next=%2Fissued"))


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_screenshots_of_each_page_in_each_language(anonymous, service, ui, tmp_path):
    page = anonymous
    page.goto(f"{service}/signin?ui={ui}")
    _shoot(page, f"signin-{ui}")
    _sign_in(page, service, "aigerim", ui=ui)
    _, number = _issue_notice(page, service, tmp_path, ui)
    page.frame_locator("#preview").locator("body").get_by_text(wording(ui, "audit-start")["title"]).wait_for()
    _shoot(page, f"clerk-{ui}-audit-start")
    verification = page.locator("#issued-verify").get_attribute("href")
    for form in ("audit-certificate", "checklist", "report-1mk"):
        _open(page, service, form=form, ui=ui, doc=ui)
        _shoot(page, f"clerk-{ui}-{form}")
    _shoot(page, f"clerk-{ui}-report-1mk-table", at="rows.2.1")  # the table of numbers, headed by the form's rows
    page.goto(f"{service}/issued?ui={ui}")
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator("td.number").first).to_have_text(number)
    _shoot(page, f"issued-{ui}")
    page.goto(f"{service}{verification}&ui={ui}")
    expect(page.locator("#verdict")).to_have_class("verdict valid")
    _shoot(page, f"verify-{ui}")
    page.goto(f"{service}/docs")
    page.get_by_text("/api/forms/{form_id}/render").wait_for()
    _shoot(page, "docs")


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_every_form_is_filled_without_writing_json(page, service, ui):
    """Every field of every form is a box, a choice, a list or a table of numbers: no JSON to type."""
    for form_id in formgen.FORMS:
        _open(page, service, form=form_id, ui=ui, doc=ui)
        assert page.locator("textarea.json").count() == 0, form_id
        assert page.locator("#case-form h1").text_content() == formgen.get_form(form_id).title_in(ui)


def _bodies_csv(path: Path) -> Path:
    path.write_text("id;name_kk;name_ru;name_en;address;phone;email;head\n"
                    "akimat-1;1-аудан әкімдігі;Акимат района № 1;Akimat of District 1;Астана;+7 7172 000001;a@gov.kz;Исаев Т.\n"
                    "akimat-2;2-аудан әкімдігі;Акимат района № 2;Akimat of District 2;Астана;+7 7172 000002;b@gov.kz;Омаров Б.\n",
                    encoding="utf-8")
    return path


def test_quarterly_blanks_for_every_body_and_returns_added_up(page, service, tmp_path):
    """A statistician makes the quarter's blank returns for the bodies of a CSV and adds filled returns up,
    in the page, the jobs' progress followed until their results download."""
    page.goto(f"{service}/quarterly?ui=ru")
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("h1").text_content() == "Квартальные отчёты"
    assert page.locator("#jobs-kept").text_content() == "Задание и его результат хранятся 7 дн. после завершения."
    page.set_input_files("#bodies", str(_bodies_csv(tmp_path / "bodies.csv")))
    page.fill("#year", "2026")
    page.select_option("#quarter", "4")
    for box in page.locator('input[name="forms"]').all():
        if box.get_attribute("value") != "report-1mk":
            box.uncheck()
    page.locator('input[name="langs"][value="en"]').uncheck()
    page.click("#start-bulk")
    expect(page.locator("#bulk-status")).to_have_text("Задание запущено")
    bulk = page.locator("#jobs tr[data-status]").first
    expect(bulk).to_have_attribute("data-status", "done", timeout=120000)
    assert "Бланки" in bulk.text_content() and "2026 / 4" in bulk.text_content()
    with page.expect_download() as download:
        bulk.locator("a.result").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = sorted(archive.namelist())
    assert [n for n in names if n.endswith(".xlsx")] == [
        "report-1mk/kk/akimat-1.xlsx", "report-1mk/kk/akimat-2.xlsx", "report-1mk/ru/akimat-1.xlsx",
        "report-1mk/ru/akimat-2.xlsx"], names

    original = load_fixture("report-2mk")
    other = {**original, "reporter": {**original["reporter"], "authority": {"ru": "Акимат района Б"}}}
    returns = []
    for name, data in (("district-a.json", original), ("district-b.json", other)):
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        returns.append(str(tmp_path / name))
    page.set_input_files("#returns", returns)
    page.select_option("#consolidate-form-id", "report-2mk")
    page.select_option("#consolidate-lang", "ru")
    page.click("#start-consolidate")
    summed = page.locator("#jobs tr[data-status]").first
    expect(summed).to_contain_text("district-a.json, district-b.json")
    expect(summed).to_have_attribute("data-status", "done", timeout=120000)
    page.screenshot(path=str(SHOTS / "quarterly-ru.png"), full_page=True)
    with page.expect_download() as download:
        summed.locator("a.result").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames[0] == "Свод" and len(book.sheetnames) == 4   # the total, two bodies, the hidden record
    for ui in ("kk", "en"):
        page.select_option("#ui-lang", ui)
        expect(page.locator("h1")).to_have_text({"kk": "Тоқсандық есептер", "en": "Quarterly reports"}[ui])
        page.screenshot(path=str(SHOTS / f"quarterly-{ui}.png"), full_page=True)


def test_a_reader_cannot_start_a_quarterly_job(anonymous, service):
    _sign_in(anonymous, service, "dana", next="/quarterly")
    anonymous.wait_for_selector("body[data-ready=true]")
    expect(anonymous.locator("#start-bulk")).to_be_disabled()
    expect(anonymous.locator("#start-consolidate")).to_be_disabled()
