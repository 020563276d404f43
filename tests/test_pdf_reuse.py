"""Blank reports made with shared pages read page by page like a full render."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

import formgen
from formgen import LANGS
from formgen.rendering import pdf_reuse
from formgen.forms.report_layouts import REPORT_IDS

REPORTERS = [
    {"authority": "Акимат района № 1", "phone": "+7 7172 000001"},
    {"authority": "Очень длинное наименование органа, " * 12, "address": "г. Астана, " * 20, "head": "Исаев Т. Б."},
]


def pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_shared_pages_read_like_a_full_render(report_id, lang):
    for reporter in REPORTERS:
        options = dict(lang=lang, fmt="pdf", blank=True, year=2026, quarter=1, reporter=reporter)
        full = pages(formgen.render(report_id, **options))
        shared = pages(formgen.render(report_id, share_pages=True, **options))
        assert shared == full
        assert any(reporter["authority"].split(",")[0] in page.replace("\u00a0", " ") for page in shared)


def test_a_full_cache_drops_its_oldest_reference_and_still_renders_right(monkeypatch):
    """Bulk runs over many quarters evict shared pages; what is made again must still equal a full render."""
    monkeypatch.setattr(pdf_reuse, "_MAX_REFERENCES", 1)
    monkeypatch.setattr(pdf_reuse, "_REFERENCES", {})
    reporter = REPORTERS[0]
    for quarter in (1, 2, 1):
        options = dict(lang="ru", fmt="pdf", blank=True, year=2026, quarter=quarter, reporter=reporter)
        assert pages(formgen.render("report-4mk", share_pages=True, **options)) == pages(
            formgen.render("report-4mk", **options))
        assert len(pdf_reuse._REFERENCES) == 1
