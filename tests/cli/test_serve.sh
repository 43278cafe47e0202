#!/bin/sh
# End-to-end tests of `rasd serve` and its JSON API (docs/api.md), with
# curl against a server this script starts on loopback (port 0, a free
# one): every answer is checked against what `rasd query` / `rasd stats`
# say about the same database, evidence offsets against the article
# bytes, exports byte for byte, ETags, the security rules (Host check,
# token, CSRF, caps, methods) and the usage errors.
T_NAME=serve
. tests/lib.sh

command -v curl >/dev/null 2>&1 || { skip "curl is not installed"; finish; exit $?; }
db=$T_TMP/events.db
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$T_TMP"
}
trap cleanup EXIT

"$RASD" ingest -q --db "$db" examples/articles.jsonl tests/browser/articles.jsonl || fail "ingest"
"$RASD" ingest -q --db "$db" --published 2025-03-18 --source "rasd example" \
	examples/report-deir-ez-zor.txt || fail "ingest text"

# start_server OUT ARGS...: runs rasd serve in the background and waits (at
# most 10 s) for the URL it prints first; sets $url.
start_server() {
	out=$1; shift
	"$RASD" serve --db "$db" --listen 127.0.0.1:0 "$@" >"$out" 2>"$out.err" &
	pids="$pids $!"
	i=0
	while [ $i -lt 100 ] && ! grep -q '^http://' "$out" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
	url=$(head -n 1 "$out")
	case "$url" in http://127.0.0.1:*) return 0 ;; esac
	cat "$out.err"
	return 1
}
# get PATH [curl options]: body to $T_TMP/body, status in $code
get() {
	p=$1; shift
	code=$(curl -s -g -o "$T_TMP/body" -D "$T_TMP/headers" -w '%{http_code}' "$@" "${url%/}$p")
}
json() { python3 -c "import json,sys; d=json.load(open('$T_TMP/body')); $1"; }

# --- usage
"$RASD" serve --help >/dev/null 2>&1; check "serve --help exits 0" [ $? -eq 0 ]
"$RASD" serve --bogus >/dev/null 2>&1; check "serve --bogus exits 2" [ $? -eq 2 ]
"$RASD" serve >/dev/null 2>&1; check "serve without --db exits 2" [ $? -eq 2 ]
"$RASD" serve --db "$db" --listen 8080 >/dev/null 2>&1; check "--listen without host exits 2" [ $? -eq 2 ]
"$RASD" serve --db "$db" --listen 0.0.0.0:0 >/dev/null 2>"$T_TMP/err"; rc=$?
check "non-loopback without a token exits 2" [ $rc -eq 2 ]
check "non-loopback: says --token-file" grep -q "needs --token-file" "$T_TMP/err"
echo short >"$T_TMP/short.token"
"$RASD" serve --db "$db" --token-file "$T_TMP/short.token" >/dev/null 2>"$T_TMP/err"
check "a short token is refused" [ $? -eq 2 ]
"$RASD" serve --db "$T_TMP/missing.db" --listen 127.0.0.1:0 >/dev/null 2>"$T_TMP/err"
check "a missing database exits 1" [ $? -eq 1 ]
check "a missing database: one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]

start_server "$T_TMP/s1" --rate 0 || { fail "server starts"; finish; exit 1; }
pass

# --- /api/events against rasd query
"$RASD" query --db "$db" --format jsonl >"$T_TMP/all.jsonl"
n=$(wc -l <"$T_TMP/all.jsonl")
get /api/events
check "/api/events answers 200" [ "$code" = 200 ]
check "/api/events total = rasd query" json "assert d['total'] == $n, d['total']"
check "/api/events has every event (default page)" json "assert len(d['events']) == $n"
check "events have sources with evidence" json "assert all(e['sources'] and 'evidence' in e['sources'][0] for e in d['events'])"
for f in "admin1=%D8%A7%D9%84%D8%AD%D8%B3%D9%83%D8%A9 --admin1 الحسكة" "type=Battles --type Battles" \
	"country=IQ --country IQ" "from=2025-04 --from 2025-04" "min_fatalities=2 --min-fatalities 2" \
	"actor=ISIS --actor ISIS" "text=%D8%AF%D8%A7%D8%B9%D8%B4 --text داعش"; do
	q=${f%% *}; opt=${f#* }
	want=$("$RASD" query --db "$db" --format jsonl $opt | wc -l)
	get "/api/events?$q"
	check "filter $q = rasd query $opt ($want)" json "assert d['total'] == $want == len(d['events']), (d['total'], $want)"
done
check "the clitic article's event is found by داعش" json "assert any(e['doc_id'] == 'browser-clitic-1' for e in d['events'])"
get "/api/events?text=%D9%84%D8%AF%D8%A7%D8%B9%D8%B4"
check "text=لداعش finds it as written" json "assert [e['doc_id'] for e in d['events']] == ['browser-clitic-1']"

# paging and sorting
get "/api/events?limit=2&offset=2"
python3 -c "
import json
all=[json.loads(l)['event_id'] for l in open('$T_TMP/all.jsonl')]
d=json.load(open('$T_TMP/body'))
assert [e['event_id'] for e in d['events']] == all[2:4], d
assert d['limit'] == 2 and d['offset'] == 2 and d['total'] == len(all)
"; check "limit/offset page through rasd query's order" [ $? -eq 0 ]
get "/api/events?sort=-fatalities"
check "sort=-fatalities is descending" json "f=[e['fatalities'] for e in d['events']]; assert f == sorted(f, reverse=True) and f[0] > f[-1]"
get "/api/events?sort=fatalities"
check "sort=fatalities is ascending" json "f=[e['fatalities'] for e in d['events']]; assert f == sorted(f)"
get "/api/events?sort=admin1"
check "sort=admin1 answers" [ "$code" = 200 ]

# bad arguments: a JSON error and 400
for q in "from=2018-13" "sort=bogus" "limit=0" "limit=x" "near=1,2" "min_fatalities=-1" "text=OR" "text=%FF"; do
	get "/api/events?$q"
	check "bad $q gives 400" [ "$code" = 400 ]
	check "bad $q gives a JSON error" json "assert d['error']"
done

# --- one event: all fields, the article, offsets into its bytes
id=$(python3 -c "
import json
best=max((json.loads(l) for l in open('$T_TMP/all.jsonl')), key=lambda e: e['evidence']['start'])
print(best['event_id'])")
get "/api/events/$id"
check "/api/events/ID answers 200" [ "$code" = 200 ]
python3 -c "
import json
d=json.load(open('$T_TMP/body'))
a=d['article']; ev=d['evidence']
assert d['event_id'] == '$id' and ev['start'] > 0
raw=(a['text'] if ev['field'] == 'text' else a['title']).encode()
assert len(raw) == a['text_bytes' if ev['field'] == 'text' else 'title_bytes']
assert raw[ev['sentence_start']:ev['sentence_end']].decode() == ev['sentence']
trig=raw[ev['start']:ev['end']].decode()
assert ev['sentence_start'] <= ev['start'] < ev['end'] <= ev['sentence_end'], ev
assert trig.strip() and trig in ev['sentence']
for s in d['sources']:
    assert s['evidence']['sentence'] and 'url' in s and s['doc_id']
"; check "evidence offsets are bytes of the article text" [ $? -eq 0 ]
get "/api/events/rasd-0000000000000000"
check "an unknown event is 404" [ "$code" = 404 ]
get "/api/events/a/b"
check "a nested path is 404" [ "$code" = 404 ]

# --- stats against rasd stats' numbers
get /api/stats
check "/api/stats totals = rasd query" json "assert d['totals']['events'] == $n"
dated=$(python3 -c "import json; print(sum(1 for l in open('$T_TMP/all.jsonl') if json.loads(l)['event_date']))")
check "by_day_type counts every dated event" json "assert sum(r['events'] for r in d['by_day_type']) == $dated"
check "by_week folds the days" json "assert sum(r['events'] for r in d['by_week']) == $dated"
check "by_type adds up" json "assert sum(r['events'] for r in d['by_type']) == $n"
check "by_admin1 has الحسكة" json "assert any(r['key'] == 'الحسكة' for r in d['by_admin1'])"
get "/api/stats?type=Battles"
want=$("$RASD" query --db "$db" --format jsonl --type Battles | wc -l)
check "stats take the filter" json "assert d['totals']['events'] == $want and [r['key'] for r in d['by_type']] == ['Battles']"

# --- search and places
get "/api/search?q=%D8%AF%D8%A7%D8%B9%D8%B4"
check "search داعش finds the clitic article" json "assert 'browser-clitic-1' in [h['doc_id'] for h in d['hits']]"
check "search snippets mark the word as written" json "assert any('\x02لداعش\x03' in h['snippet'] for h in d['hits'])"
get "/api/search"
check "search without q is 400" [ "$code" = 400 ]
get "/api/places?q=%D8%A7%D9%84%D8%AD%D8%B3%D9%83%D8%A9"
check "places: الحسكة" json "assert any(p['admin1'] == 'الحسكة' and p['country'] == 'SY' for p in d['places'])"
get "/api/places?q=alepp"
check "places: an English prefix" json "assert any(p['name_en'].lower().startswith('alepp') for p in d['places'])"

# --- exports: the same bytes as rasd query
curl -s -g "${url%/}/api/events.csv" >"$T_TMP/api.csv"
"$RASD" query --db "$db" --format csv >"$T_TMP/cli.csv"
check "CSV export = rasd query --format csv" cmp -s "$T_TMP/api.csv" "$T_TMP/cli.csv"
get "/api/events.geojson?type=Battles"
"$RASD" query --db "$db" --type Battles --format geojson >"$T_TMP/cli.geojson" 2>/dev/null
python3 -c "
import json
a=json.load(open('$T_TMP/body')); c=json.load(open('$T_TMP/cli.geojson'))
assert a['type'] == 'FeatureCollection' and a['features'] == c['features'] and a['features']
"; check "GeoJSON export = rasd query --format geojson" [ $? -eq 0 ]
get "/api/points?type=Battles"
python3 -c "
import json
p=json.load(open('$T_TMP/body')); c=json.load(open('$T_TMP/cli.geojson'))
assert p['count'] == len(p['points']) == len(c['features']) > 0
for pt, f in zip(p['points'], c['features']):
    assert pt[0] == f['properties']['event_id'] and abs(pt[4] - f['geometry']['coordinates'][1]) < 1e-4, (pt, f['properties'])
"; check "/api/points = the GeoJSON export's events, in order" [ $? -eq 0 ]
get "/api/points"
check "/api/points counts those without coordinates" json "assert d['count'] + d['without_coordinates'] == $n"
get "/api/events.csv"
check "CSV is an attachment" grep -qi '^Content-Disposition: attachment; filename="rasd-events.csv"' "$T_TMP/headers"

# --- caching
get /api/stats
etag=$(sed -n 's/^ETag: *//Ip' "$T_TMP/headers" | tr -d '\r')
check "API answers carry an ETag" [ -n "$etag" ]
check "API answers are revalidated" grep -qi '^Cache-Control: no-cache' "$T_TMP/headers"
get /api/stats -H "If-None-Match: $etag"
check "If-None-Match gives 304" [ "$code" = 304 ]
get "/api/stats?type=Battles" -H "If-None-Match: $etag"
check "another filter is not 304" [ "$code" = 200 ]
# the answers are kept, but not past a change of the database
get /api/stats
before=$(json "print(d['totals']['events'])")
cat >"$T_TMP/more.jsonl" <<'EOF2'
{"id": "serve-more-1", "source": "rasd test", "published": "2024-07-02", "title": "قصف على دير الزور", "text": "قتل ثلاثة مدنيين، مساء الاثنين، في قصف مدفعي على بلدة الميادين في ريف دير الزور الشرقي، بحسب ما أفاد ناشطون."}
EOF2
"$RASD" ingest -q --db "$db" "$T_TMP/more.jsonl" || fail "ingest while serving"
get /api/stats
check "an ingest while serving shows at once" json "assert d['totals']['events'] == $before + 1, (d['totals']['events'], $before)"
get /api/stats -H "If-None-Match: $etag"
check "and changes the ETag" [ "$code" = 200 ]
get /
check "the page is served" [ "$code" = 200 ]
check "the page is the dashboard" grep -q 'src="/app.js"' "$T_TMP/body"
check "the page sets a SameSite=Strict HttpOnly cookie" grep -qi '^Set-Cookie: rasd_session=[0-9a-f]*; Path=/; HttpOnly; SameSite=Strict' "$T_TMP/headers"
for a in /app.js /app.css /countries.json /syria-admin1.geojson; do
	get $a
	check "$a is embedded" [ "$code" = 200 ]
done
get /nothing-here
check "unknown paths are 404" [ "$code" = 404 ]

# --- security
get /
check "CSP: own scripts only" grep -qi "^Content-Security-Policy: default-src 'none'; script-src 'self';" "$T_TMP/headers"
check "nosniff" grep -qi '^X-Content-Type-Options: nosniff' "$T_TMP/headers"
check "no framing" grep -qi '^X-Frame-Options: DENY' "$T_TMP/headers"
get /api/events -H "Host: evil.example"
check "a foreign Host (DNS rebinding) is refused" [ "$code" = 421 ]
get /api/events -X DELETE
check "DELETE is 405" [ "$code" = 405 ]
get /api/events -X POST -H 'Content-Type: application/json' -d '{}'
check "POST to a read endpoint is 405" [ "$code" = 405 ]
get /api/session
check "GET /api/session gives a CSRF token" json "assert len(d['csrf']) == 64 and d['login_required'] is False"
csrf=$(json "print(d['csrf'])")
get /api/session -X POST -H 'Content-Type: application/json' -H "X-Rasd-CSRF: $csrf" -d '{}'
check "a write without the token is 401" [ "$code" = 401 ]
cookie=$(curl -s -D - -o /dev/null "$url" | sed -n 's/^Set-Cookie: \(rasd_session=[0-9a-f]*\).*/\1/Ip')
get /api/session -X POST -H 'Content-Type: application/json' -H "Cookie: $cookie" -d '{}'
check "a write without the CSRF token is 403" [ "$code" = 403 ]
get /api/session -X POST -H 'Content-Type: application/json' -H "Cookie: $cookie" \
	-H "X-Rasd-CSRF: $csrf" -H "Origin: http://evil.example" -d '{}'
check "a cross-site write is 403" [ "$code" = 403 ]
get /api/session -X POST -H 'Content-Type: text/plain' -H "Cookie: $cookie" -H "X-Rasd-CSRF: $csrf" -d '{}'
check "a write that is not JSON is 415" [ "$code" = 415 ]
get /api/session -X POST -H 'Content-Type: application/json' -H "Cookie: $cookie" \
	-H "X-Rasd-CSRF: $csrf" -H "Origin: ${url%/}" -d '{}'
check "a same-origin write with cookie and CSRF passes" [ "$code" = 200 ]
head -c 20000 /dev/zero | tr '\0' 'x' >"$T_TMP/big"
get /api/session -X POST -H 'Content-Type: application/json' --data-binary @"$T_TMP/big"
check "a body over the cap is 413" [ "$code" = 413 ]
long=$(python3 -c "print('a' * 5000)")
get "/$long"
check "a URL over the cap is 414" [ "$code" = 414 ]

# --- review (the store's review API, docs/review.md)
get /api/session
check "the session says reviews are on" json "assert d['review'] is True and 'not-event' in d['reasons']"
rid=$(python3 -c "import json; print(json.loads(open('$T_TMP/all.jsonl').readline())['event_id'])")
review() { # review JSON [curl options]
	b=$1; shift
	get "/api/events/$rid/review" -X POST -H 'Content-Type: application/json' -H "Cookie: $cookie" \
		-H "X-Rasd-CSRF: $csrf" "$@" -d "$b"
}
get "/api/events/$rid/review" -X POST -H 'Content-Type: application/json' -H "X-Rasd-CSRF: $csrf" -d '{"action":"accept"}'
check "a review without the token is 401" [ "$code" = 401 ]
get "/api/events/$rid/review" -X POST -H 'Content-Type: application/json' -H "Cookie: $cookie" -d '{"action":"accept"}'
check "a review without the CSRF token is 403" [ "$code" = 403 ]
review '{"action":"accept","note":"read the article"}'
check "accept answers 200" [ "$code" = 200 ]
check "accept: the event comes back accepted" json "assert d['review_status'] == 'accepted' and d['event_id'] == '$rid'"
get "/api/events/$rid"
check "accept persists" json "assert d['review_status'] == 'accepted'"
review '{"action":"set","fields":{"fatalities":"9"}}'
check "a corrected toll" json "assert d['review_status'] == 'corrected' and d['fatalities'] == 9"
get "/api/events?review=corrected"
check "review=corrected lists it" json "assert [e['event_id'] for e in d['events']] == ['$rid']"
want=$("$RASD" query --db "$db" --format jsonl --status corrected | wc -l)
check "review= is rasd query --status" json "assert d['total'] == $want"
review '{"action":"reject","reason":"not-event"}'
check "reject answers 200" json "assert d['review_status'] == 'rejected'"
get /api/events
check "a rejected event leaves the list" json "assert d['total'] == $n and '$rid' not in [e['event_id'] for e in d['events']]"
get /api/stats
check "and the statistics" json "assert d['totals']['events'] == $before"
get "/api/events/$rid"
check "a rejected event can still be opened" json "assert d['review_status'] == 'rejected'"
review '{"action":"undo"}'
check "undo brings the correction back" json "assert d['review_status'] == 'corrected' and d['fatalities'] == 9"
get "/api/events/$rid/log"
check "the audit trail has every change" json "a=[x['action'] for x in d['log']]; assert a[0] == 'accept' and 'set' in a and 'reject' in a and a[-1] == 'undo', a; assert d['log'][0]['note'] == 'read the article' and d['log'][0]['reviewer'] == 'dashboard'"
"$RASD" review --db "$db" log "$rid" >"$T_TMP/cli-log" 2>&1
check "rasd review log sees the dashboard's changes" grep -q "dashboard" "$T_TMP/cli-log"
review '{"action":"bogus"}'
check "an unknown action is 400" [ "$code" = 400 ]
review '{"action":"set","fields":{"fatalities":"many"}}'
check "a bad value is 400" [ "$code" = 400 ]
review 'not json'
check "a body that is not JSON is 400" [ "$code" = 400 ]
get "/api/events/rasd-0000000000000000/review" -X POST -H 'Content-Type: application/json' -H "Cookie: $cookie" -H "X-Rasd-CSRF: $csrf" -d '{"action":"accept"}'
check "reviewing an unknown event is 404" [ "$code" = 404 ]
get "/api/events/$rid/review"
check "GET on a review path is 405" [ "$code" = 405 ]

# rate cap: 5 requests at once, then 429
start_server "$T_TMP/s2" --rate 1 --burst 5 || fail "second server starts"
codes=""
for i in 1 2 3 4 5 6 7 8; do get /api/session; codes="$codes $code"; done
check "the rate cap answers 429 ($codes)" sh -c "echo '$codes' | grep -q 429"
check "the rate cap lets the burst through" sh -c "echo '$codes' | grep -q '^ 200 200 200 200 200'"

# a token file: everything needs the token, the page must log in
echo "0123456789abcdef0123" >"$T_TMP/token"
start_server "$T_TMP/s3" --token-file "$T_TMP/token" || fail "token server starts"
get /api/events
check "with --token-file reads need the token" [ "$code" = 401 ]
get /api/events -H "X-Rasd-Token: 0123456789abcdef0123"
check "the token header opens reads" [ "$code" = 200 ]
get /api/events -H "X-Rasd-Token: 0123456789abcdef0124"
check "a wrong token is 401" [ "$code" = 401 ]
get /
check "with --token-file the page sets no cookie" sh -c "! grep -qi '^Set-Cookie' '$T_TMP/headers'"
get /api/session
csrf=$(json "print(d['csrf'])")
check "the session says login is required" json "assert d['login_required'] is True and d['authenticated'] is False"
get /api/session -X POST -H 'Content-Type: application/json' -H "X-Rasd-CSRF: $csrf" \
	-H "X-Rasd-Token: 0123456789abcdef0123" -d '{}'
check "logging in sets the SameSite=Strict cookie" grep -qi '^Set-Cookie: rasd_session=0123456789abcdef0123; Path=/; HttpOnly; SameSite=Strict' "$T_TMP/headers"

# SIGTERM stops the server cleanly
set -- $pids
kill "$1"; wait "$1"; rc=$?
check "SIGTERM stops the server with exit 0" [ $rc -eq 0 ]

finish
