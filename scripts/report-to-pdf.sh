#!/usr/bin/env bash
# Converts a report workbook to PDF with LibreOffice headless and renders its
# pages to PNG with pdftoppm, to look at what an official will print.
#   scripts/report-to-pdf.sh report.xlsx [out-dir] [dpi]
# Needs the Debian packages libreoffice-calc and poppler-utils (not needed in CI).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 report.xlsx [out-dir] [dpi]" >&2
  exit 64
fi
input=$1
out=${2:-"$(dirname "$input")/$(basename "${input%.*}")-pages"}
dpi=${3:-80}
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "$0: $tool not found (apt-get install libreoffice-calc poppler-utils)" >&2; exit 2; }
done
mkdir -p "$out"
# A private profile: no clash with a running LibreOffice, no first-start dialogs.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation=file://"$profile" --headless --norestore \
  --convert-to pdf --outdir "$out" "$input" >"$out/soffice.log" 2>&1
pdf="$out/$(basename "${input%.*}").pdf"
[ -s "$pdf" ] || { echo "$0: conversion failed, see $out/soffice.log" >&2; exit 1; }
pdftoppm -r "$dpi" -png "$pdf" "$out/page"
echo "$pdf"
ls "$out"/page-*.png
