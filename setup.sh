#!/usr/bin/env bash
# Set up formgen on a fresh Debian machine: the system libraries WeasyPrint
# needs (pango, harfbuzz's subsetter for fast font embedding), fonts that
# carry every Kazakh letter, poppler for looking at PDFs, PostgreSQL (the
# register's tests start a throwaway server of it), Chromium (the clerk's page
# is tested in a real browser), LibreOffice (the spreadsheet and word processor
# people open formgen's files in: the tests use it as a real client), then the
# Python environment in .venv with formgen installed in editable mode.
set -euo pipefail
cd "$(dirname "$0")"

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-croscore fonts-liberation2 poppler-utils
          postgresql tzdata  # the register's tests start a throwaway PostgreSQL
          chromium  # the clerk's page is tested in a real browser (Playwright drives /usr/bin/chromium)
          libreoffice-calc-nogui libreoffice-writer-nogui python3-uno  # a real office suite opens our files
          hyphen-ru hyphen-en-gb hyphen-en-us)  # with which Writer hyphenates Russian and English, as a clerk's would
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
