#!/bin/sh
# rasd fetch and rasd watch against news sites served by tests/web/server.py
# on 127.0.0.1 (started here, stopped here, and by itself after 300 s):
# pages to JSONL with the article's text (word overlap and boilerplate
# measured on 30 pages), 3 feeds x 10 items stored and coded, a second run
# that sends conditional requests and gets 304, an article in two feeds
# stored once, kill -9 in the middle of a run and a re-run equal to an
# uninterrupted run, politeness, robots.txt, retries (429/503 Retry-After,
# never 404), and every hostile server as one line naming its URL while
# the watch goes on.
T_NAME=watch
. tests/lib.sh

# the tests talk to loopback only, never through a proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy no_proxy NO_PROXY

if ! command -v python3 >/dev/null 2>&1; then
	skip "python3 is needed for the test server"
	finish
	exit $?
fi
log=$T_TMP/server.log
python3 tests/web/server.py "$T_TMP/port" "$log" 300 2>"$T_TMP/server.err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$T_TMP"' EXIT
i=0
while [ ! -s "$T_TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$T_TMP/port" ]; then
	fail "the test server did not start"
	finish
	exit 1
fi
port=$(cat "$T_TMP/port")
base=http://127.0.0.1:$port
fast="--delay 0 --timeout 5 --connect-timeout 2"
pages() { grep -c "GET /\(pages\|cp1256\)/" "$log"; }

# --- fetch: a page, a feed's pages, the text measured against what was written
$RASD fetch $fast "$base/pages/3.html" >"$T_TMP/one.jsonl" 2>"$T_TMP/err"
check "fetch of one page succeeds" test $? -eq 0
check "fetch prints id, title, text, published, source, url" python3 -c '
import json, sys
a = json.loads(open(sys.argv[1]).readline())
assert a["id"] == sys.argv[2] + "/pages/3.html", a["id"]
assert a["title"].startswith("مقتل ستة مدنيين بقصف على دير الزور"), a["title"]
assert a["published"] == "2024-12-04", a["published"]
assert a["source"] == "شبكة الرصد التجريبية", a["source"]
assert a["url"] == sys.argv[2] + "/pages/3.html"
assert "\n\n" in a["text"]
' "$T_TMP/one.jsonl" "$base"
$RASD fetch $fast "$base/feeds/a.xml" "$base/feeds/b.xml" "$base/feeds/c.xml" \
	>"$T_TMP/all.jsonl" 2>"$T_TMP/err"
check "fetch of three feeds succeeds" test $? -eq 0
check "fetch of three feeds prints 30 articles" test "$(wc -l <"$T_TMP/all.jsonl")" -eq 30
python3 - "$T_TMP/all.jsonl" >"$T_TMP/overlap" <<'EOF'
import json, sys
from collections import Counter
sys.path.insert(0, "tests/web")
import server
got_total = exp_total = common_total = 0
for line in open(sys.argv[1]):
    a = json.loads(line)
    n = int(a["id"].rsplit("/", 1)[1].split(".")[0])
    exp = server.expected_text(n).split()
    got = a["text"].split()
    common = sum((Counter(exp) & Counter(got)).values())
    got_total += len(got); exp_total += len(exp); common_total += common
ok = exp_total and common_total >= 0.95 * exp_total and got_total - common_total <= 0.05 * got_total
print("%.3f %.3f %s" % (common_total / max(exp_total, 1), (got_total - common_total) / max(got_total, 1),
                        "ok" if ok else "bad"))
EOF
read overlap boiler verdict <"$T_TMP/overlap"
echo "30 fetched pages: main-text word overlap $overlap, boilerplate $boiler"
check "word overlap >= 0.95 and boilerplate <= 0.05 ($overlap, $boiler)" test "$verdict" = ok
check "windows-1256 pages of the Atom feed are decoded" grep -q 'مقتل' "$T_TMP/all.jsonl"
check "the redirected item is fetched" grep -q '"id":"[^"]*/moved/10.html"' "$T_TMP/all.jsonl"
check "tracking parameters leave the id" grep -q "\"id\":\"$base/pages/0.html\"" "$T_TMP/all.jsonl"
check "fetch output feeds ingest" sh -c "$RASD ingest -q --db '$T_TMP/piped.db' - <'$T_TMP/one.jsonl'"

# --- watch: 3 feeds x 10 items
cat >"$T_TMP/feeds.txt" <<EOF
# three outlets of the test server
$base/feeds/a.xml   شبكة الرصد - سوريا   SY
$base/feeds/b.xml	شبكة الرصد - العراق	IQ
$base/feeds/c.xml
EOF
before=$(pages)
$RASD watch --db "$T_TMP/w.db" --feeds "$T_TMP/feeds.txt" --once $fast 2>"$T_TMP/err"
check "watch --once succeeds" test $? -eq 0
check "watch --once is quiet off a terminal" test ! -s "$T_TMP/err"
$RASD watch --db "$T_TMP/w.db" --status >"$T_TMP/status"
check "30 items stored" grep -q '^items: 30 stored, 0 pending' "$T_TMP/status"
check "status names each feed with HTTP 200 and 10 items" \
	test "$(grep -c 'HTTP 200  10 item(s)  0 error(s)' "$T_TMP/status")" -eq 3
check "status shows the feed's name and country" grep -q 'شبكة الرصد - سوريا SY' "$T_TMP/status"
$RASD stats --db "$T_TMP/w.db" >"$T_TMP/stats"
check "30 articles in the events database" grep -q 'articles *30 (30 with events)' "$T_TMP/stats"
check "30 page requests" test $(($(pages) - before)) -eq 30
: >"$log"
$RASD watch --db "$T_TMP/w.db" --feeds "$T_TMP/feeds.txt" --once $fast 2>"$T_TMP/err"
check "second run succeeds" test $? -eq 0
check "second run sends If-None-Match and If-Modified-Since and gets 304" \
	test "$(grep -c 'GET /feeds/[abc].xml inm="feed-[abc]-v1" ims=Mon, 02 Dec 2024 10:00:00 GMT status=304' "$log")" -eq 3
check "second run fetches no page" test "$(pages)" -eq 0
$RASD query --db "$T_TMP/w.db" --format jsonl | sort >"$T_TMP/whole.jsonl"
check "the articles' events are coded" test "$(wc -l <"$T_TMP/whole.jsonl")" -gt 30

# --- an article in two feeds is stored once
printf '%s\n' "$base/feeds/dup.xml مرآة" >>"$T_TMP/feeds.txt"
: >"$log"
$RASD watch --db "$T_TMP/w.db" --feeds "$T_TMP/feeds.txt" --once $fast 2>"$T_TMP/err"
$RASD watch --db "$T_TMP/w.db" --status >"$T_TMP/status"
check "the mirror feed adds only its own article" grep -q '^items: 31 stored' "$T_TMP/status"
check "the article both feeds list is not fetched again" test "$(pages)" -eq 1
check "mirror feed: 1 new item" grep -q 'dup.xml .* 1 item(s)' "$T_TMP/status"

# --- kill -9 in the middle of a run, then a re-run: the same database
: >"$log"
head -n 4 "$T_TMP/feeds.txt" >"$T_TMP/feeds3.txt"
$RASD watch --db "$T_TMP/k.db" --feeds "$T_TMP/feeds3.txt" --once --delay 0.05 --timeout 5 \
	2>/dev/null &
watcher=$!
i=0
while [ "$(pages)" -lt 12 ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 $watcher 2>/dev/null
wait $watcher 2>/dev/null
killed_at=$(pages)
echo "killed after $killed_at page requests"
check "the watch was killed mid-run" test "$killed_at" -lt 30
$RASD watch --db "$T_TMP/k.db" --feeds "$T_TMP/feeds3.txt" --once $fast 2>"$T_TMP/err"
check "the re-run after kill -9 succeeds" test $? -eq 0
$RASD query --db "$T_TMP/k.db" --format jsonl | sort >"$T_TMP/killed.jsonl"
check "kill -9 and a re-run give the events of an uninterrupted run" \
	cmp -s "$T_TMP/whole.jsonl" "$T_TMP/killed.jsonl"
$RASD watch --db "$T_TMP/k.db" --status | tail -n 1 >"$T_TMP/kstatus"
check "kill -9 and a re-run: 30 stored" grep -q '^items: 30 stored, 0 pending, 0 fetched' "$T_TMP/kstatus"
total=$(pages)
echo "pages requested across both runs: $total"
check "no stored page is fetched twice (at most the one in flight)" test "$total" -le 31
dups=$(grep -o 'GET /[a-z0-9]*/[0-9]*.html' "$log" | sort | uniq -d | wc -l)
check "at most one page requested twice" test "$dups" -le 1

# --- politeness: one request per host per --delay; robots.txt honoured
: >"$log"
$RASD fetch --delay 0.5 --timeout 5 "$base/pages/1.html" "$base/pages/2.html" "$base/pages/4.html" \
	>/dev/null 2>&1
# the server's clock sees each request when its thread runs: leave room for a busy machine
check "requests to one host are --delay apart" python3 -c '
import sys
t = [float(l.split()[0]) for l in open(sys.argv[1])]
assert len(t) == 4, t  # robots.txt and three pages
gaps = [b - a for a, b in zip(t, t[1:])]
assert min(gaps) >= 0.35 and t[-1] - t[0] >= 1.3, gaps
' "$log"
check "robots.txt is read once per host" test "$(grep -c 'GET /robots.txt' "$log")" -eq 1
$RASD fetch $fast "$base/feeds/private.xml" >/dev/null 2>"$T_TMP/err"
check "a page robots.txt disallows is not requested" sh -c "! grep -q 'GET /private/' '$log'"
check "and is reported" grep -q "private/1.html: disallowed by the site's robots.txt" "$T_TMP/err"

# --- retries: 429 with Retry-After is waited out; 404 is never retried
: >"$log"
$RASD fetch --delay 0 --retry-max 2 "$base/hostile/429?k=fetch" >"$T_TMP/busy.jsonl" 2>"$T_TMP/err"
check "429 twice with Retry-After: 1, then 200: fetched" test -s "$T_TMP/busy.jsonl"
check "429: three requests, a second apart" python3 -c '
import sys
t = [float(l.split()[0]) for l in open(sys.argv[1]) if "/hostile/429" in l]
assert len(t) == 3, t
assert min(b - a for a, b in zip(t, t[1:])) >= 0.8, t
' "$log"
$RASD fetch --delay 0 "$base/hostile/404" >/dev/null 2>"$T_TMP/err"
check "404 is one line naming the URL" grep -qx "rasd: $base/hostile/404: HTTP 404" "$T_TMP/err"
check "404 is asked once" test "$(grep -c 'GET /hostile/404' "$log")" -eq 1

# --- hostile servers: one line each, naming the URL; the watch goes on
cat >"$T_TMP/hostile.txt" <<EOF
$base/feeds/hostile-slow.xml
$base/feeds/hostile-endless.xml
$base/feeds/hostile-gzipbomb.xml
$base/feeds/hostile-loop.xml
$base/feeds/hostile-big.xml
$base/feeds/malformed.xml
$base/feeds/hostile-wrongcharset.xml
$base/feeds/hostile-429.xml
$base/feeds/hostile-503.xml
$base/feeds/hostile-reset.xml
$base/hostile/503long
not-a-url
$base/feeds/a.xml
EOF
$RASD watch --db "$T_TMP/h.db" --feeds "$T_TMP/hostile.txt" --once --delay 0 --timeout 1.5 \
	--retries 1 --retry-max 1 2>"$T_TMP/herr"
check "a watch with hostile feeds exits 1" test $? -eq 1
cat "$T_TMP/herr"
expect() { # DESCRIPTION PATTERN: exactly one line of stderr matches
	check "$1" test "$(grep -c "$2" "$T_TMP/herr")" -eq 1
}
expect "slow drip: timed out" "^rasd: $base/hostile/slow: timed out after 1.5 s"
expect "endless body: over the cap" "^rasd: $base/hostile/endless: body over the limit"
expect "gzip bomb: over the cap" "^rasd: $base/hostile/gzipbomb: body over the limit"
expect "redirect loop" "^rasd: $base/hostile/loop: more than 5 redirects"
expect "50 MB page: over the cap" "^rasd: $base/hostile/big: body over the limit"
expect "malformed XML names the feed" "^rasd: feed $base/feeds/malformed.xml: feed is not well-formed XML"
expect "wrong charset label: warned, read" "^rasd: warning: $base/hostile/wrongcharset: labelled charset 'utf-8' but read as WINDOWS-1256"
expect "503 with Retry-After: given up after retries" "^rasd: $base/hostile/503: HTTP 503 after 2 attempts"
expect "429 with Retry-After: given up after retries" "^rasd: $base/hostile/429: HTTP 429 after 2 attempts"
expect "connection reset mid-body" "^rasd: $base/hostile/reset: .*connection closed mid-body"
expect "a feed asking to come back in an hour" "^rasd: feed $base/hostile/503long: HTTP 503 with Retry-After 3600 s"
expect "a line that is no URL names file and line" "^rasd: $T_TMP/hostile.txt:12: 'not-a-url' is not an http(s) URL"
check "every message is one line starting with rasd:" sh -c "! grep -v '^rasd: ' '$T_TMP/herr'"
$RASD watch --db "$T_TMP/h.db" --status >"$T_TMP/hstatus"
check "the good feed's 10 articles and the mislabelled page are stored" \
	grep -q '^items: 11 stored' "$T_TMP/hstatus"
check "the pages worth another try are kept for the next cycle" \
	grep -q '4 failed (retried up to --max-attempts), 4 gone' "$T_TMP/hstatus"
$RASD watch --db "$T_TMP/h.db" --feeds "$T_TMP/hostile.txt" --once --delay 0 --timeout 1.5 \
	--retries 1 --retry-max 1 --max-attempts 2 2>/dev/null
$RASD watch --db "$T_TMP/h.db" --status >"$T_TMP/hstatus"
check "the next cycle gets the page that was busy (429)" grep -q '^items: 12 stored' "$T_TMP/hstatus"
check "and gives up on pages that failed --max-attempts times" \
	grep -q '3 failed (retried up to --max-attempts), 4 gone' "$T_TMP/hstatus"
check "the mislabelled page is read as Arabic and coded" \
	sh -c "$RASD query --db '$T_TMP/h.db' --format jsonl | grep -q '\"doc_id\":\"[^\"]*/hostile/wrongcharset\"'"
check "status keeps the feed's last error" grep -q 'malformed.xml .*last error: feed is not well-formed' "$T_TMP/hstatus"

# --- saved pages are inputs of extract and ingest
$RASD ingest --db "$T_TMP/pages.db" tests/web/pages/*.html 2>"$T_TMP/err"
check "ingest reads the saved pages" test $? -eq 0
check "ingest stores the 5 saved pages" grep -q '5 articles read: 5 new' "$T_TMP/err"
check "ingest warns of the mislabelled page" \
	grep -q "mislabel-1256.html: page says charset 'utf-8' but reads as WINDOWS-1256" "$T_TMP/err"
$RASD extract tests/web/pages/yemen-taiz-1256.html >"$T_TMP/taiz.jsonl" 2>/dev/null
check "extract codes a windows-1256 page: Taiz, Houthi shelling" \
	grep -q '"admin1":"تعز".*"fatalities":3' "$T_TMP/taiz.jsonl"
check "extract takes the page's own date" grep -q '"doc_id":"yemen-taiz-1256.html","event_id":"[^"]*","event_date":"2024-12-13"' "$T_TMP/taiz.jsonl"

# --- usage
$RASD watch --feeds "$T_TMP/feeds.txt" --once 2>/dev/null
check "watch without --db is a usage error" test $? -eq 2
$RASD watch --db "$T_TMP/x.db" --feeds "$T_TMP/feeds.txt" --interval 5x 2>/dev/null
check "a bad --interval is a usage error" test $? -eq 2
$RASD watch --db "$T_TMP/x.db" --feeds "$T_TMP/nonesuch.txt" --once 2>"$T_TMP/err"
check "a missing feeds file is an error naming it" grep -q "cannot open '$T_TMP/nonesuch.txt'" "$T_TMP/err"
check "watch --help" sh -c "$RASD watch --help | grep -q -- '--interval'"
check "fetch --help" sh -c "$RASD fetch --help | grep -q -- '--max-bytes'"

python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1] + '/quit', timeout=5)" "$base" 2>/dev/null
wait $server 2>/dev/null
finish
