#!/bin/sh
# report-html.sh: the HTML report in a real browser (headless Chromium).
#
# A journal seeded through the CLI (text with HTML specials, a script tag,
# quotes and non-ASCII; check-ins; two medicine sessions) is exported with
# tend export --format html, then:
#   1. the file itself: nothing that loads from outside;
#   2. chromium --dump-dom: the DOM after the page has loaded has exactly
#      one <circle class="pt"> per check-in, no <script> element, and the
#      injected script as text;
#   3. chromium --screenshot: a picture next to the test logs
#      (tests/e2e/report-html.png in the build tree);
#   4. a control page that does log a console error, to show the check
#      for console errors can see one.
# Console messages: chromium with --enable-logging=stderr --v=0 writes
# every console message (console.error, a blocked script or load under
# the page's Content-Security-Policy, a failed resource) as a line with
# "CONSOLE" in it; runs 2 and 3 must have none, run 4 must have its own.
#
# Chromium is installed by ./bootstrap; without it this test fails.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=UTC
if ! command -v chromium >/dev/null 2>&1; then
	echo "Bail out! chromium is missing: ./bootstrap installs it"
	exit 1
fi
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
SHOT="${TEND_BUILDDIR:-.}/tests/e2e/report-html.png"
mkdir -p "$(dirname "$SHOT")"
rm -f "$SHOT"

tj session add --kind preparation --date "2026-01-03 10:00" --title "Getting ready" >/dev/null 2>&1
tj session add --kind medicine --date "2026-01-10 09:00" --title "First day" >/dev/null 2>&1
tj session add --kind integration --date "2026-01-12 10:00" >/dev/null 2>&1
tj session add --kind medicine --date "2026-02-07 09:00" >/dev/null 2>&1
printf '%s\n' "Before & after <script>alert(1)</script>" \
	"He said \"stay\" and I said 'no' — ünïcödé ≥ 3 < 5." |
	tj add --share --title "<b>Før</b> & efter" --tag søvn --date 2026-01-06 - >/dev/null 2>&1
tj add --share --kind dream --date 2026-01-12 \
	"</div><img src=x onerror=alert(2)> a house by the sea" >/dev/null 2>&1
n=0
for d in 2026-01-04 2026-01-06 2026-01-08 2026-01-11 2026-01-13 2026-01-20 2026-02-09; do
	n=$((n + 1))
	tj checkin --mood $(( (n * 3) % 11 )) --note "day $n & <i>more</i>" --date "$d" >/dev/null 2>&1
done
tj agenda add "Talk about the <dream>" >/dev/null 2>&1

ok "export --format html" tj export -o "$T/r.html" --format html --yes
is "$(stat -c %a "$T/r.html")" 600 "mode 0600"

# 1. The file: self-contained.
is "$(grep -Eci 'https?:|@import|url\(|<link|@font-face' "$T/r.html")" 0 \
	"nothing loaded from outside (no http:, @import, url(), <link>, fonts)"
is "$(grep -Eci '<[a-z][^>]*[[:space:]](src|href)=["'"'"']?[^#"'"'"']' "$T/r.html")" 0 \
	"no element with src=, no link off the page"
like "$(cat "$T/r.html")" "@media print" "a print stylesheet"
is "$(grep -o '<circle class="pt"' "$T/r.html" | wc -l)" "$n" "one point per check-in in the file"

chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$T/chrome" --enable-logging=stderr --v=0 "$@"
}
console_lines() { grep -c 'CONSOLE' "$1"; }

# 2. The DOM after loading.
chrome --dump-dom "file://$T/r.html" >"$T/dom.html" 2>"$T/dom.log"
like "$(cat "$T/dom.html")" "</html>" "chromium loaded the page and dumped its DOM"
is "$(console_lines "$T/dom.log")" 0 "no console errors while loading"
is "$(grep -o '<circle class="pt"' "$T/dom.html" | wc -l)" "$n" \
	"the SVG has exactly one point per check-in"
is "$(grep -o '<line class="med"' "$T/dom.html" | wc -l)" 2 "both medicine sessions marked"
is "$(grep -c 'Medicine session 2</text>' "$T/dom.html")" 1 "and labelled"
is "$(grep -ci '<script' "$T/dom.html")" 0 "no script element in the page"
is "$(grep -ci '<img' "$T/dom.html")" 0 "no image element from journal text"
like "$(cat "$T/dom.html")" 'Before &amp; after &lt;script&gt;alert\(1\)&lt;/script&gt;' \
	"the injected script is there as text"
like "$(cat "$T/dom.html")" '&lt;b&gt;Før&lt;/b&gt; &amp; efter' "the title as text"
like "$(cat "$T/dom.html")" 'ünïcödé ≥ 3 &lt; 5' "non-ASCII text intact"
like "$(cat "$T/dom.html")" 'Talk about the &lt;dream&gt;' "the agenda"

# 3. The screenshot.
chrome --hide-scrollbars --window-size=1200,1600 --screenshot="$SHOT" \
	"file://$T/r.html" >/dev/null 2>"$T/shot.log"
is "$(head -c 8 "$SHOT" 2>/dev/null | od -An -c | tr -d ' ')" '211PNG\r\n032\n' \
	"a PNG screenshot at $SHOT"
is "$(console_lines "$T/shot.log")" 0 "no console errors while drawing"

# 4. The console check sees an error when there is one.
printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>c</title></head>%s\n' \
	'<body><script>console.error("tend-probe")</script></body></html>' >"$T/control.html"
chrome --dump-dom "file://$T/control.html" >/dev/null 2>"$T/control.log"
like "$(grep CONSOLE "$T/control.log")" "tend-probe" \
	"control: a console error is seen by the same check"

done_testing
