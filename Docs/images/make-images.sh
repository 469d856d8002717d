#!/usr/bin/env bash
# Draws the pictures of Docs/report.md from the estates in Fixtures/estates/ with a built amplsim,
# Graphviz's dot and headless Chromium:  Docs/images/make-images.sh [AMPLSIM]
set -euo pipefail
cd "$(dirname "$0")/../.."
amplsim=${1:-.build/debug/amplsim}
out=Docs/images
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
shot() {  # shot PAGE.html OUT.png WIDTH HEIGHT
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$3,$4" \
        --screenshot="$PWD/$2" "file://$1" >/dev/null 2>&1
}
for n in 15 50 200; do
    "$amplsim" simulate "Fixtures/estates/hub-dev-override-$n.yaml" --format png > "$out/diagram-$n.png"
done
"$amplsim" simulate Fixtures/estates/hub-dev-override-200.yaml --format html > "$work/report.html" || true
shot "$work/report.html" "$out/report-200.png" 1400 1800
"$amplsim" what-if Fixtures/estates/hub-dev-override-50.yaml --step '{deleteEndpoint: pe-dev}' --format png \
    > "$out/what-if-50.png" || true
# The terminal: the summary and the first rows of the table, coloured as on a terminal, as a page.
{
    echo '$ amplsim simulate hub-dev-override-15.yaml --summary'
    "$amplsim" simulate Fixtures/estates/hub-dev-override-15.yaml --summary --color always
    echo
    echo '$ amplsim simulate hub-dev-override-15.yaml --network spoke-001 --failures-only'
    COLUMNS=110 "$amplsim" simulate Fixtures/estates/hub-dev-override-15.yaml --network spoke-001 --failures-only --color always \
        | sed -n '1,14p'
} > "$work/table.txt"
python3 - "$work/table.txt" "$work/table.html" <<'PY'
import html, re, sys
text = open(sys.argv[1]).read()
colours = {"1": "font-weight:bold", "31": "color:#ff6b6b", "32": "color:#69db7c"}
out, open_spans = [], 0
for part in re.split(r"(\x1b\[[0-9;]*m)", text):
    m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
    if not m:
        out.append(html.escape(part))
    elif m.group(1) in ("0", ""):
        out.append("</span>" * open_spans); open_spans = 0
    else:
        out.append('<span style="%s">' % colours.get(m.group(1), "")); open_spans += 1
page = ('<!DOCTYPE html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e">'
        '<pre style="margin:0;padding:16px;color:#e0e0e0;font:13px/1.35 monospace">' + "".join(out) + "</pre>")
open(sys.argv[2], "w").write(page)
PY
shot "$work/table.html" "$out/table-15.png" 1400 760
ls -la "$out"
