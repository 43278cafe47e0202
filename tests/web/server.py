#!/usr/bin/env python3
"""tests/web/server.py PORTFILE LOGFILE [SECONDS] - the news sites rasd's
fetch and watch tests talk to, on 127.0.0.1 only.

Serves three feeds of ten items each (RSS 2.0 with CDATA and relative
links, RSS 2.0 with an item whose page redirects, Atom with windows-1256
pages), the article pages (written in the style of Arabic news sites:
menus, breadcrumbs, share bars, related lists, comments, JSON-LD), a feed
that repeats another feed's article, and hostile endpoints: a slow drip,
an endless body, a gzip bomb, a redirect loop, a 50 MB page, malformed
XML, a wrong charset label, 429 and 503 with Retry-After, a connection
reset mid-body. Feeds answer If-None-Match / If-Modified-Since with 304.

Writes the port to PORTFILE once listening, one line per request to
LOGFILE (time, method, path, If-None-Match, If-Modified-Since, status),
and stops by itself after SECONDS (default 120) or on GET /quit.
"""
import gzip, http.server, json, os, socket, socketserver, struct, sys, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
LOCK = threading.Lock()
COUNTS = {}

# ---------------------------------------------------------------- articles

CITIES = [  # (city, governorate line, country, actor, target)
    ("أريحا", "بريف إدلب الجنوبي", "سوريا", "قوات النظام السوري", "الأحياء السكنية"),
    ("معرة النعمان", "بريف إدلب الشرقي", "سوريا", "قوات النظام السوري", "سوقا شعبيا"),
    ("الباب", "بريف حلب الشرقي", "سوريا", "قوات سوريا الديمقراطية", "مركز المدينة"),
    ("دير الزور", "شرقي سوريا", "سوريا", "تنظيم داعش", "حاجزا عسكريا"),
    ("درعا", "جنوبي سوريا", "سوريا", "مسلحين مجهولين", "دورية أمنية"),
    ("الموصل", "في محافظة نينوى", "العراق", "تنظيم داعش", "نقطة تفتيش"),
    ("الرمادي", "في محافظة الأنبار", "العراق", "تنظيم داعش", "رتلا عسكريا"),
    ("تعز", "جنوب غربي اليمن", "اليمن", "جماعة الحوثي", "حيا سكنيا"),
    ("مأرب", "شرقي اليمن", "اليمن", "جماعة الحوثي", "مخيما للنازحين"),
    ("الحديدة", "غربي اليمن", "اليمن", "جماعة الحوثي", "منازل المواطنين"),
]
NUMBERS = ["ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"]
DAYS = ["صباح اليوم الأحد", "مساء أمس السبت", "فجر اليوم الاثنين", "ظهر اليوم الثلاثاء"]


def article(n):
    """Title, paragraphs and date of article n (0..29): each one different."""
    city, where, country, actor, target = CITIES[n % len(CITIES)]
    killed = NUMBERS[n % len(NUMBERS)]
    hurt = NUMBERS[(n + 3) % len(NUMBERS)]
    day = DAYS[n % len(DAYS)]
    date = "2024-12-%02d" % (1 + n % 28)
    title = "مقتل %s مدنيين بقصف على %s (%d)" % (killed, city, n + 1)
    paras = [
        "%s - قتل %s مدنيين وأصيب %s آخرون، %s، جراء قصف نفذه %s استهدف %s في مدينة %s %s، "
        "بحسب ما أفادت مصادر محلية للمراسل رقم %d." % (city, killed, hurt, day, actor, target,
                                                     city, where, n + 1),
        "وقال مصدر طبي إن المصابين نقلوا إلى مستشفى المدينة، وإن حالة عدد منهم خطيرة، "
        "مضيفا أن فرق الإسعاف واجهت صعوبة في الوصول إلى المكان بسبب استمرار القصف.",
        "وتشهد %s تصعيدا عسكريا منذ أسابيع، وسط دعوات أممية إلى حماية المدنيين "
        "ووقف الهجمات على المناطق المأهولة بالسكان." % country,
    ]
    return title, paras, date


def page_html(n, charset="utf-8"):
    title, paras, date = article(n)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": title, "datePublished": date + "T08:30:00+03:00",
                     "publisher": {"@type": "Organization", "name": "شبكة الرصد التجريبية"}},
                    ensure_ascii=False)
    body = "".join("<p>%s</p>\n" % p for p in paras)
    html = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="%s">
<title>%s | شبكة الرصد التجريبية</title>
<script type="application/ld+json">%s</script>
<script>var _paq = window._paq || []; _paq.push(['trackPageView']);</script>
</head><body>
<header><nav class="menu"><a href="/">الرئيسية</a> <a href="/s">سياسة</a> <a href="/m">ميدان</a> <a href="/v">فيديو</a></nav></header>
<div class="breadcrumb"><a href="/">الرئيسية</a> / <a href="/m">ميدان</a></div>
<article><h1>%s</h1>
<div class="share-buttons"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<div class="entry-content">
%s</div>
<div class="related"><h3>اقرأ أيضا</h3><ul>
<li><a href="/pages/%d.html">تقرير عن الأوضاع الإنسانية في المخيمات خلال فصل الشتاء</a></li>
<li><a href="/pages/%d.html">منظمات دولية تطالب بفتح المعابر أمام المساعدات</a></li></ul></div>
</article>
<div id="comments"><div class="comment"><p>حسبنا الله ونعم الوكيل في كل من يقصف المدنيين الأبرياء ويقتل الأطفال.</p></div></div>
<aside class="sidebar"><h3>الأكثر قراءة</h3><a href="/x">أسعار الذهب اليوم في الأسواق المحلية والعربية</a></aside>
<footer>جميع الحقوق محفوظة لشبكة الرصد التجريبية 2024</footer>
</body></html>
""" % (charset, title, ld, title, body, (n + 1) % 30, (n + 2) % 30)
    return html.encode("windows-1256" if charset == "windows-1256" else "utf-8")


def expected_text(n):
    return "\n\n".join(article(n)[1])


# ---------------------------------------------------------------- feeds

FEED_ETAG = {"a": '"feed-a-v1"', "b": '"feed-b-v1"', "c": '"feed-c-v1"', "dup": '"feed-dup-v1"'}
FEED_MODIFIED = "Mon, 02 Dec 2024 10:00:00 GMT"


def feed_a(base):  # RSS 2.0: CDATA titles, relative links, tracking parameters
    items = "".join(
        "<item><title><![CDATA[%s]]></title><link>/pages/%d.html?utm_source=rss</link>"
        "<guid isPermaLink=\"false\">a-%d</guid><pubDate>Mon, %02d Dec 2024 08:30:00 +0300</pubDate>"
        "<description><![CDATA[<p>%s</p>]]></description></item>\n"
        % (article(n)[0], n, n, 1 + n % 28, article(n)[1][0][:60]) for n in range(0, 10))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            '<title>شبكة الرصد - سوريا</title><link>%s/</link>\n%s</channel></rss>\n'
            % (base, items)).encode()


def feed_b(base):  # RSS 2.0, absolute links; item 10's page redirects
    items = "".join(
        "<item><title>%s</title><link>%s/%s/%d.html</link><guid>%s/pages/%d.html</guid></item>\n"
        % (article(n)[0], base, "moved" if n == 10 else "pages", n, base, n)
        for n in range(10, 20))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            '<title>شبكة الرصد - العراق</title>\n%s</channel></rss>\n' % items).encode()


def feed_c(base):  # Atom with xml:base; its pages are windows-1256
    entries = "".join(
        '<entry><title>%s</title><link rel="alternate" href="%d.html"/><id>tag:rasd.test,2024:%d</id>'
        "<updated>2024-12-%02dT08:30:00Z</updated></entry>\n" % (article(n)[0], n, n, 1 + n % 28)
        for n in range(20, 30))
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
            'xml:base="%s/cp1256/"><title>شبكة الرصد - اليمن</title><id>urn:rasd:c</id>\n%s</feed>\n'
            % (base, entries)).encode()


def feed_dup(base):  # another outlet's feed listing an article of feed a, and one of its own
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>مرآة</title>'
            '<item><title>%s</title><link>%s/pages/3.html?utm_medium=mirror#top</link><guid>m-1</guid></item>'
            '<item><title>%s</title><link>%s/pages/%d.html</link><guid>m-2</guid></item>'
            '</channel></rss>\n' % (article(3)[0], base, article(31)[0], base, 31)).encode()


def hostile_feed(base, kind):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>عدائي</title>'
            '<item><title>صفحة عدائية</title><link>%s/hostile/%s</link></item></channel></rss>\n'
            % (base, kind)).encode()


# ---------------------------------------------------------------- server

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log_request_line(self, status):
        with LOCK, open(self.server.logfile, "a") as f:
            f.write("%.3f %s %s inm=%s ims=%s status=%s\n" % (
                time.time(), self.command, self.path, self.headers.get("If-None-Match", "-"),
                self.headers.get("If-Modified-Since", "-"), status))

    def send(self, status, body, ctype="text/html; charset=utf-8", headers=()):
        self.log_request_line(status)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def count(self, key):
        with LOCK:
            COUNTS[key] = COUNTS.get(key, 0) + 1
            return COUNTS[key]

    def do_GET(self):
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        path = self.path.split("?")[0].split("#")[0]
        if path == "/quit":
            self.send(200, b"bye\n", "text/plain")
            threading.Thread(target=self.server.shutdown, daemon=True).start()
            return
        if path == "/robots.txt":
            # a site that keeps rasd out of its private pages, and nothing else
            self.send(200, b"User-agent: *\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n",
                      "text/plain")
            return
        if path.startswith("/feeds/"):
            name = path[len("/feeds/"):].rsplit(".", 1)[0]
            makers = {"a": feed_a, "b": feed_b, "c": feed_c, "dup": feed_dup}
            if name in makers:
                etag = FEED_ETAG[name]
                if (self.headers.get("If-None-Match") == etag or
                        self.headers.get("If-Modified-Since") == FEED_MODIFIED):
                    self.log_request_line(304)
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                ctype = "application/atom+xml" if name == "c" else "application/rss+xml"
                self.send(200, makers[name](base), ctype,
                          [("ETag", etag), ("Last-Modified", FEED_MODIFIED)])
                return
            if name.startswith("hostile-"):
                self.send(200, hostile_feed(base, name[len("hostile-"):]), "application/rss+xml")
                return
            if name == "private":
                self.send(200, ('<?xml version="1.0"?><rss version="2.0"><channel><title>خاص</title>'
                                '<item><title>خاص</title><link>%s/private/1.html</link></item>'
                                '</channel></rss>' % base).encode(), "application/rss+xml")
                return
            if name == "malformed":
                self.send(200, b'<?xml version="1.0"?><rss><channel><item><title>bad</item></rss',
                          "application/rss+xml")
                return
        if path.startswith("/pages/") or path.startswith("/cp1256/"):
            try:
                n = int(path.rsplit("/", 1)[1].split(".")[0])
            except ValueError:
                n = -1
            if 0 <= n < 40:
                cp = path.startswith("/cp1256/")
                self.send(200, page_html(n, "windows-1256" if cp else "utf-8"),
                          "text/html; charset=windows-1256" if cp else "text/html; charset=utf-8")
                return
        if path.startswith("/moved/"):
            self.log_request_line(301)
            self.send_response(301)
            self.send_header("Location", "/pages/" + path.rsplit("/", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.startswith("/private/"):
            self.send(200, page_html(0))  # robots.txt forbids it: rasd must not ask
            return
        if path.startswith("/hostile/"):
            self.hostile(path[len("/hostile/"):])
            return
        self.send(404, b"<html><body>not found</body></html>")

    def hostile(self, kind):
        if kind == "slow":  # one byte a second
            self.log_request_line(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            self.close_connection = True
        elif kind == "endless":  # chunked, never ends
            self.log_request_line(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + "كلام لا ينتهي ".encode() * 300 + b"</p>"
            try:
                for _ in range(100000):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                pass
            self.close_connection = True
        elif kind == "gzipbomb":  # 32 MB of zeros in about 32 KB
            self.log_request_line(200)
            body = bomb()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass
        elif kind == "loop":
            self.log_request_line(302)
            self.send_response(302)
            self.send_header("Location", "/hostile/loop2")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif kind == "loop2":
            self.log_request_line(302)
            self.send_response(302)
            self.send_header("Location", "/hostile/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif kind == "big":  # 50 MB page, announced
            self.log_request_line(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            block = b"<p>" + b"x" * 65000 + b"</p>"
            try:
                for _ in range(50 * 1024 * 1024 // len(block)):
                    self.wfile.write(block)
            except OSError:
                pass
            self.close_connection = True
        elif kind == "wrongcharset":  # says UTF-8, sends windows-1256
            self.send(200, page_html(5, "windows-1256"), "text/html; charset=utf-8")
        elif kind == "notarticle":
            self.send(200, "<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>".encode())
        elif kind == "429":  # busy twice, then fine
            if self.count(self.path) <= 2:
                self.send(429, b"slow down", "text/plain", [("Retry-After", "1")])
            else:
                self.send(200, page_html(32))
        elif kind == "503":  # always down
            self.send(503, b"down", "text/plain", [("Retry-After", "1")])
        elif kind == "503long":  # down, come back in an hour
            self.send(503, b"down", "text/plain", [("Retry-After", "3600")])
        elif kind == "404":
            self.send(404, b"gone", "text/plain")
        elif kind == "reset":  # headers, part of the body, then RST
            self.log_request_line(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>" + "بداية الخبر ".encode() * 20)
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        else:
            self.send(404, b"no such hostile case", "text/plain")


_BOMB = []


def bomb():
    with LOCK:
        if not _BOMB:
            _BOMB.append(gzip.compress(b"\0" * (32 * 1024 * 1024), compresslevel=6))
        return _BOMB[0]


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    portfile, logfile = sys.argv[1], sys.argv[2]
    lifetime = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0
    srv = Server(("127.0.0.1", 0), Handler)
    srv.logfile = logfile
    open(logfile, "a").close()
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    timer = threading.Timer(lifetime, srv.shutdown)
    timer.daemon = True
    timer.start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
