"""The quarterly set, timed side by side: formgen against the naive loops.

4 report forms × 3 languages × N bodies, blank forms prefilled with each body,
as DOCX and as PDF, rendered in this one process (one core):

- DOCX, formgen: formgen.render (template prepared once; one Jinja render and a zip append a document);
- DOCX, naive: a new DocxTemplate per document, render, save (what docxtpl's documentation shows);
- DOCX, floor: only the Jinja-rendered XML written into a copy of the template's zip, contexts made beforehand;
- PDF, formgen: formgen.render as bulk calls it (page style parsed once, one FontConfiguration, the
  pages every body shares laid out once per form and language: see src/formgen/rendering/pdf_reuse.py);
- PDF, naive: HTML(...).write_pdf() per document with a fresh FontConfiguration and the style inline.

Pages are counted from each document's PDF (a DOCX counts the pages of the same document as PDF).
PDF layout costs ~0.1 s a table page, so the PDF columns time a sample of the bodies (--pdf-bodies).
Peak RSS is measured in child processes, one per format and body count, through formgen.

    .venv/bin/python benchmarks/quarterly.py                   # 500 bodies, PDF on 10 of them
    .venv/bin/python benchmarks/quarterly.py --bodies 50 --pdf-bodies 3 --rss-bodies 50,500 --rss-pdf-bodies 2,20
    .venv/bin/python benchmarks/quarterly.py --pdf-bodies 500 --rss-pdf-bodies 50,500   # the whole set, ~1.5 h
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import subprocess
import sys
import time
from pathlib import Path

from docxtpl import DocxTemplate
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

import formgen
from formgen.rendering.docx import compiled
from formgen.forms import get_form
from formgen.rendering.pdf import FontsOnlyFetcher, render_html
from formgen.forms.report_layouts import REPORT_IDS
from formgen.resources import FONTS_DIR, TEMPLATES_DIR
from formgen.rendering.sandbox import docx_env

LANGS = ("kk", "ru", "en")
YEAR, QUARTER = 2026, 4


def bodies(count: int) -> list[dict]:
    return [{"authority": {"kk": f"{i}-аудан әкімдігі", "ru": f"Акимат района № {i}", "en": f"Akimat of district No. {i}"},
             "address": f"Астана, {i}", "phone": f"+7 7172 {i:06d}", "email": f"a{i}@gov.kz", "head": f"Исаев Т. {i}"}
            for i in range(1, count + 1)]


def jobs(count: int):
    for form_id in REPORT_IDS:
        for lang in LANGS:
            for reporter in bodies(count):
                yield form_id, lang, reporter


def context(form_id, lang, reporter):
    return get_form(form_id).context(None, lang, year=YEAR, quarter=QUARTER, reporter=reporter)


def ours_docx(form_id, lang, reporter) -> bytes:
    return formgen.render(form_id, lang=lang, fmt="docx", blank=True, year=YEAR, quarter=QUARTER, reporter=reporter)


def naive_docx(form_id, lang, reporter) -> bytes:
    doc = DocxTemplate(TEMPLATES_DIR / lang / f"{form_id}.docx")
    doc.render(context(form_id, lang, reporter), jinja_env=docx_env())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def ours_pdf(form_id, lang, reporter) -> bytes:
    return formgen.render(form_id, lang=lang, fmt="pdf", blank=True, year=YEAR, quarter=QUARTER, reporter=reporter,
                          share_pages=True)


def naive_pdf(form_id, lang, reporter) -> bytes:
    html = render_html(f"{lang}/{form_id}.html", context(form_id, lang, reporter))
    return HTML(string=html, base_url=FONTS_DIR.as_uri() + "/", url_fetcher=FontsOnlyFetcher()).write_pdf(
        font_config=FontConfiguration())


def timed(render, work) -> tuple[float, int]:
    gc.collect()
    start = time.perf_counter()
    count = 0
    for item in work:
        render(*item)
        count += 1
    return time.perf_counter() - start, count


def floor_docx(work) -> tuple[float, int]:
    prepared = [(compiled(TEMPLATES_DIR / lang / f"{form_id}.docx"), context(form_id, lang, r)) for form_id, lang, r in work]
    gc.collect()
    start = time.perf_counter()
    for template, ctx in prepared:
        template.render(ctx)
    return time.perf_counter() - start, len(prepared)


def pages_per_document() -> dict[tuple[str, str], int]:
    reporter = bodies(1)[0]
    return {(f, l): len(PdfReader(io.BytesIO(ours_pdf(f, l, reporter))).pages) for f in REPORT_IDS for l in LANGS}


def high_water_mib() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss, not inherited from the parent across exec)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def peak_rss_mib(count: int, fmt: str) -> float:
    """Peak RSS of a child process rendering fmt ("docx" or "pdf") for count bodies through formgen."""
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import quarterly as q; "
            f"any(q.ours_{fmt}(*j) is None for j in q.jobs({count})); print(q.high_water_mib())")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return float(out.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bodies", type=int, default=500)
    parser.add_argument("--pdf-bodies", type=int, default=10)
    parser.add_argument("--rss-bodies", default="500,5000")
    parser.add_argument("--rss-pdf-bodies", default="10,100", help="body counts for the PDF's peak RSS")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    pages = pages_per_document()
    def page_count(work):
        return sum(pages[f, l] for f, l, _ in work)

    docx_work = list(jobs(args.bodies))
    pdf_work = list(jobs(args.pdf_bodies))
    ours_docx(*docx_work[0]), naive_docx(*docx_work[0]), ours_pdf(*pdf_work[0]), naive_pdf(*pdf_work[0])  # warm up
    rows = {}
    rows["DOCX formgen"] = (*timed(ours_docx, docx_work), page_count(docx_work))
    rows["DOCX naive docxtpl"] = (*timed(naive_docx, docx_work), page_count(docx_work))
    rows["DOCX floor"] = (*floor_docx(docx_work), page_count(docx_work))
    rows["PDF formgen"] = (*timed(ours_pdf, pdf_work), page_count(pdf_work))
    rows["PDF naive WeasyPrint"] = (*timed(naive_pdf, pdf_work), page_count(pdf_work))

    print(f"quarterly set: {len(REPORT_IDS)} forms × {len(LANGS)} languages; DOCX {args.bodies} bodies "
          f"({len(docx_work)} documents), PDF {args.pdf_bodies} bodies ({len(pdf_work)} documents)")
    print(f"{'':22} {'documents':>9} {'seconds':>9} {'docs/s':>9} {'pages/s':>9}")
    for name, (seconds, count, page_total) in rows.items():
        print(f"{name:22} {count:9d} {seconds:9.2f} {count / seconds:9.1f} {page_total / seconds:9.1f}")
    rate = {name: count / seconds for name, (seconds, count, _) in rows.items()}
    ratios = {
        "DOCX formgen / naive (target >= 10)": rate["DOCX formgen"] / rate["DOCX naive docxtpl"],
        "DOCX floor / formgen (target <= 3)": rate["DOCX floor"] / rate["DOCX formgen"],
        "PDF formgen / naive (target >= 2)": rate["PDF formgen"] / rate["PDF naive WeasyPrint"],
    }
    for name, value in ratios.items():
        print(f"{name:40} {value:6.2f}")
    rss = {fmt: {int(n): peak_rss_mib(int(n), fmt) for n in counts.split(",")}
           for fmt, counts in (("docx", args.rss_bodies), ("pdf", args.rss_pdf_bodies))}
    print(f"peak RSS of this process (the naive loops included): {high_water_mib():.0f} MiB")
    for fmt, by_count in rss.items():
        for n, mib in by_count.items():
            print(f"peak RSS, formgen {fmt.upper()} of {n} bodies ({n * len(REPORT_IDS) * len(LANGS)} documents): "
                  f"{mib:.0f} MiB")
    if args.json:
        args.json.write_text(json.dumps({"rows": {k: {"seconds": s, "documents": c, "pages": p}
                                                  for k, (s, c, p) in rows.items()},
                                         "ratios": ratios, "peak_rss_mib": rss}, indent=2))


if __name__ == "__main__":
    main()
