#!/usr/bin/env bash
# scripts/status-page-check.sh URL OUTDIR: loads the status page of `btp serve`
# at URL in headless Chromium (Debian's `chromium` package; scripts/setup.sh
# installs it when CW_BTP_E2E=1), saves the rendered DOM and a phone-sized
# screenshot into OUTDIR (status.html, status.png at 412x915), and checks
# that the page shows what the JSON API (URL/api/status) answers: every
# link direction's sent and received sequences, and every light client's
# height. Installs nothing. Prints the screenshot's path on success.
set -euo pipefail
url=${1:?usage: status-page-check.sh URL OUTDIR}
out=${2:?usage: status-page-check.sh URL OUTDIR}
url=${url%/}
mkdir -p "$out"
fail() {
  printf '[status-page] FAILED: %s\n' "$*" >&2
  exit 1
}
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || fail "no chromium (apt-get install chromium, or CW_BTP_E2E=1 . scripts/setup.sh)"
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars)

python3 -c 'import json, sys, urllib.request; json.dump(json.load(urllib.request.urlopen(sys.argv[1])), open(sys.argv[2], "w"))' \
  "$url/api/status" "$out/status.json" || fail "no JSON at $url/api/status"
"$browser" "${flags[@]}" --dump-dom "$url/" > "$out/status.html" 2> "$out/chromium-dom.log" ||
  fail "chromium could not load $url/: $(tail -3 "$out/chromium-dom.log")"
"$browser" "${flags[@]}" --window-size=412,915 --screenshot="$out/status.png" "$url/" > "$out/chromium-shot.log" 2>&1 ||
  fail "chromium could not take a screenshot of $url/: $(tail -3 "$out/chromium-shot.log")"
[ -s "$out/status.png" ] || fail "no screenshot in $out/status.png"

# The rendered DOM against the JSON: the sequences of each direction and the
# height of each light client, found by the rows' data- attributes and the
# cells' classes (src/serve.rs in packages/cli).
python3 - "$out/status.json" "$out/status.html" <<'PY' || fail "the page does not show what the API answers (see $out)"
import json, sys
from html.parser import HTMLParser

status = json.load(open(sys.argv[1]))
html = open(sys.argv[2]).read()

class Rows(HTMLParser):
    """Each <tr> with a class: its data- attributes and its cells by class."""
    def __init__(self):
        super().__init__()
        self.rows, self.row, self.cell = [], None, None
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and attrs.get("class"):
            self.row = {"class": attrs["class"], "data": {k[5:]: v for k, v in attrs.items() if k.startswith("data-")}, "cells": {}}
            self.rows.append(self.row)
        elif tag == "td" and self.row is not None:
            self.cell = (attrs.get("class") or "").split(" ")[0]
            self.row["cells"].setdefault(self.cell, "")
    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
        elif tag == "tr":
            self.row = None
    def handle_data(self, data):
        if self.row is not None and self.cell:
            self.row["cells"][self.cell] += data

parser = Rows()
parser.feed(html)
rows = parser.rows
problems, checked = [], 0
if "<meta name=\"viewport\"" not in html:
    problems.append("no viewport meta: not readable on a phone")
for link in status["links"]:
    if not link["directions"]:
        problems.append(f"the API has no sequences for {link['name']}: {link['errors']}")
    for d in link["directions"]:
        shown = [r for r in rows if r["class"] == "direction" and r["data"].get("src") == d["src"] and r["data"].get("dst") == d["dst"]]
        if not shown:
            problems.append(f"no row for {d['src']} → {d['dst']}")
            continue
        cells = shown[0]["cells"]
        for key in ("sent", "received", "backlog"):
            if cells.get(key, "").strip() != str(d[key]):
                problems.append(f"{d['src']} → {d['dst']} {key}: page {cells.get(key)!r}, API {d[key]}")
        checked += 1
    for c in link["light_clients"]:
        shown = [r for r in rows if r["class"] == "light-client" and r["data"].get("chain") == c["chain"] and r["data"].get("counterpart") == c["counterpart"]]
        if not shown or shown[0]["cells"].get("lc-height", "").strip() != str(c["height"]):
            problems.append(f"light client of {c['counterpart']} on {c['chain']}: page {shown[0]['cells'] if shown else None}, API height {c['height']}")
        checked += 1
if checked == 0:
    problems.append("nothing to check: the API lists no link")
for problem in problems:
    print("  " + problem, file=sys.stderr)
print(f"  {checked} value(s) of the page match the API", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
echo "$out/status.png"
