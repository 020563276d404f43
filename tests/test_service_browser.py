"""The clerk's page in a real browser (Debian's Chromium driven by Playwright) against the service
started here on 127.0.0.1: fill a notice, see errors in the page's language next to their fields,
preview, download, switch languages, carry the case over, and hostile values stay text.

Screenshots of each page in each language go to $FORMGEN_SHOTS (default /tmp/shots)."""

from __future__ import annotations

import io
import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from docx import Document

from formgen.forms.wording import wording

playwright_api = pytest.importorskip("playwright.sync_api")
expect, sync_playwright = playwright_api.expect, playwright_api.sync_playwright
from formgen.service import Settings, create_app

from conftest import docx_text, load_fixture, squash

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (setup.sh)")
SHOTS = Path(os.environ.get("FORMGEN_SHOTS", "/tmp/shots"))
WRONG_BIN, BIN = "050140003421", "050140003422"


@pytest.fixture(scope="module")
def service():
    """The service on a free port of 127.0.0.1, in a thread that stops when the module's tests end."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Settings()), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the service did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
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
def page(browser, service):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True, locale="ru-RU")
    page = context.new_page()
    page.console_problems = []
    page.on("console", lambda m: page.console_problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_problems.append(str(e)))
    page.on("dialog", lambda d: page.console_problems.append(f"dialog: {d.message}"))
    yield page
    context.close()
    assert not [p for p in page.console_problems if "Content Security Policy" in p or "dialog" in p or "Error" in p]


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


def test_fill_a_notice_in_russian_check_preview_and_download(page, service, tmp_path):
    _open(page, service)
    case = load_fixture("audit-start")
    _fill_notice(page, {**case, "entity": {**case["entity"], "iin_bin": WRONG_BIN}}, "ru")
    error = _error(page, "entity.iin_bin")
    expect(error).to_have_text("Контрольная (12-я) цифра не соответствует первым 11 цифрам")
    assert page.locator('[data-path="entity.iin_bin"]').get_attribute("class") == "invalid"
    _shoot(page, "clerk-ru-wrong-bin", at="entity.iin_bin")

    _text(page, "entity.iin_bin", BIN)
    _wait_valid(page)
    expect(error).to_have_text("")
    assert page.locator("#status").text_content() == "Данные заполнены верно"
    preview = page.frame_locator("#preview").locator("body")
    preview.get_by_text(wording("ru", "audit-start")["title"]).wait_for(timeout=15000)
    assert BIN in preview.text_content()
    _shoot(page, "clerk-ru-preview")

    with page.expect_download() as download:
        page.click("#download-docx")
    assert download.value.suggested_filename == "audit-start-ru.docx"
    saved = tmp_path / "notice.docx"
    download.value.save_as(saved)
    text = squash(docx_text(saved.read_bytes()))
    assert wording("ru", "audit-start")["title"] in text
    assert f"ИИН/БИН {BIN}" in text and "Жұмабекова Айгерім Серікқызы" in text
    assert "с 16 февраля по 13 марта 2026 года" in text
    assert Document(io.BytesIO(saved.read_bytes())).paragraphs


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


def test_drafts_are_kept_and_opened_again(page, service):
    _open(page, service)
    _text(page, "number", "draft-7")
    _text(page, "grounds", "черновик оснований")
    page.click("#save-draft")
    expect(page.locator("#draft-status")).to_have_text("Черновик сохранён")
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator('[data-path="number"]').input_value() == ""
    page.click("#open-draft")
    expect(page.locator('[data-path="number"]')).to_have_value("draft-7")
    assert page.locator('[data-path="grounds"]').input_value() == "черновик оснований"


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_screenshots_of_each_page_in_each_language(page, service, ui):
    _open(page, service, form="audit-start", ui=ui, doc=ui)
    _fill_notice(page, load_fixture("audit-start"), ui)
    _wait_valid(page)
    page.frame_locator("#preview").locator("body").get_by_text(wording(ui, "audit-start")["title"]).wait_for()
    _shoot(page, f"clerk-{ui}-audit-start")
    for form in ("audit-certificate", "checklist", "report-4mk"):
        _open(page, service, form=form, ui=ui, doc=ui)
        _shoot(page, f"clerk-{ui}-{form}")
    page.goto(f"{service}/docs")
    page.get_by_text("/api/forms/{form_id}/render").wait_for()
    _shoot(page, "docs")
