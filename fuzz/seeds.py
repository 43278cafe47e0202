#!/usr/bin/env python3
"""fuzz/seeds.py - (re)write the seed corpora fuzz/seeds/NAME/ for every
libFuzzer target from the project's own test inputs (examples/, the
sentences of tests/unit and tests/cli, the heads of data/*.tsv) plus
hand-made hostile snippets. Seeds are small and committed; libFuzzer grows
fuzz/corpus-NAME/ (git-ignored) from them. Nothing from ../shared/ is used.

    python3 fuzz/seeds.py        # from the project root
"""
import datetime
import hashlib
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")

# Sentences the unit and CLI tests use, and the dates/numbers they parse.
SENTENCES = [
    "قتل ثلاثة مدنيين في غارة جوية على بلدة سرمين في ريف إدلب، اليوم السبت.",
    "اشتباكات بين قوات النظام وفصائل المعارضة في ريف حماة الشمالي، أمس.",
    "قتل خمسة مدنيين في قصف مدفعي على مدينة دوما أمس.",
    "قتل خمسة وعشرين شخصا وأصيب ثلاثة آلاف، وعشرات الجرحى، و1,200 نازح.",
    "نحو80 قتيلا و٣٫٥ مليون و1.5 مليون و٢٠٢١ و قتيلين.",
    "في 9 نوفمبر/ تشرين الثاني 2021 هاجم داعش بلدة الشحيل.",
    "الاثنين الماضي، الثلاثاء 20 فبراير، مطلع الشهر الحالي، أواخر نوفمبر.",
    "قبل يومين، قبل أيام، منذ مطلع العام الحالي، مساء الأربعاء، فجر اليوم.",
    "9 رمضان 1439 هـ، 15 آذار 2018م، الشهر الماضي.",
    "لـ”قسد“ و«داعش» و\"الجيش\" #الجيش_اليمني #قسد",
    "للحسكة وبالحسكة ولبنان وبيروت وهجماته وبهجومهم",
    "منذ ب199999 منذ مطلع",
    # day-ordinal dates; ت before a pronoun read as ة; cue words with pronouns
    "ليلة التاسع والعاشر من أيار، الحادي والعشرين من يونيو 2020، الثالث من.",
    "أعلنت الجماعة مقتل أحد قادتها وقائدتهم في مدرسته قرب سجنه.",
]

HOSTILE = [
    "ب" + "\u0651" * 300,                         # marks on one letter
    "ا\u0654\u0654 ي\u0654 و\u0654 ا\u0653 ى\u0654",  # hamza/madda composition
    "ـــــــقـــــصـــــف",                      # tatweel
    "\ufefb\ufef5\ufef7\ufef9 \ufdf2 \ufe8d\ufe8e\ufef4\ufe80",  # presentation forms
    "\u200f\u202bقصف\u202c\u200e\u2066x\u2069\ufeff\u00ad\u061c",  # bidi and invisible
    "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ٪ ٫ ٬ ۔",
    "\u00a0\u2003\u3000\u2028\u2029\u0085 x\ty\rz\v\f",
    "A" * 600,
    "!" * 500 + "\n" + "." * 500,
    "1,2,3,4,5,6,7,8,9,0" * 20,
    "\n\n\n\nقصف\n\n\nهجوم" + "\n" * 50,
    "ﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻﻻ" * 3,
]

BAD_BYTES = [
    b"\xff\xfe\xfd",
    b"\xc0\xaf\xe0\x80\xaf",          # overlong
    b"\xed\xa0\x80\xed\xbf\xbf",      # surrogates
    b"\xf4\x90\x80\x80",              # above U+10FFFF
    b"\xe2\x82",                      # truncated
    b"\xd9\x82\xd8\xb5\xd9",          # Arabic cut mid-letter
    b"x\x00y",                        # NUL
]

JSON_SNIPPETS = [
    '{"id":"a1","text":"\\u0642\\u0635\\u0641 \\ud83d\\ude00 \\ud800 x\\/y\\"z\\\\"}',
    '[1,-0.5e+10,0,1E-3,true,false,null,"",{},[]]',
    '{"a":{"b":{"c":[[[[{"d":null}]]]]}}}',
    '{"text":"x", "text":"y"}',
    '  "\\b\\f\\n\\r\\t"  ',
    '{"id":12345678901234567890123456789012345678901234567890123456789012345,"text":"x"}',
    '[' * 64 + ']' * 64,
    '[' * 65 + ']' * 65,
    '{"text":"\\u0000"}',
    '{"text":"unterminated',
]

TSV_NAMES = ["triggers.tsv", "actors.tsv", "actor_aliases.tsv", "cues.tsv", "numbers.tsv",
             "calendar.tsv", "places.tsv"]


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(SEEDS, name)
    os.makedirs(d, exist_ok=True)
    h = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, h), "wb") as f:
        f.write(data)


def published_bytes(date):
    """The two bytes fuzz_published() turns into this date (or unknown)."""
    if not date:
        return b"\xff\xff"
    y, m, d = (int(x) for x in date[:10].split("-"))
    v = (datetime.date(y, m, d) - datetime.date(2015, 1, 1)).days
    if not 0 <= v < 4000:
        return b"\xff\xff"
    return bytes([v >> 8, v & 255])


def data_head(name, lines=40):
    """The first data lines of a lexicon file (comments kept short)."""
    path = os.path.join(ROOT, "data", name)
    if not os.path.exists(path):
        return None
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") and len(out) > 2:
                continue
            out.append(line)
            if len(out) >= lines:
                break
    return "".join(out)


def main():
    if os.path.isdir(SEEDS):
        shutil.rmtree(SEEDS)
    articles = []
    with open(os.path.join(ROOT, "examples", "articles.jsonl"), encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if l.strip()]
    for l in lines:
        articles.append(json.loads(l))
    with open(os.path.join(ROOT, "examples", "report-deir-ez-zor.txt"), encoding="utf-8") as f:
        report = f.read()
    texts = [a["text"] for a in articles] + [report]
    snippets = SENTENCES + HOSTILE

    # norm and doc: text, snippets, hostile bytes
    for t in texts + snippets:
        write("norm", t[:1500])
        write("doc", t)
    for b in BAD_BYTES:
        write("norm", b + "قصف".encode() + b)
        write("doc", "هجوم ".encode() + b + " في".encode())

    # numbers and dates: a publication date, then text
    for s in SENTENCES:
        write("numdate", published_bytes("2021-11-15") + s.encode())
    write("numdate", b"\xff\xff" + SENTENCES[6].encode())
    write("numdate", b"\x90\x00" + SENTENCES[8].encode())
    for a in articles:
        write("numdate", published_bytes(a.get("published")) + a["text"].encode())

    # JSON: article lines and snippets
    for l in lines:
        write("json", l)
    for j in JSON_SNIPPETS:
        write("json", j)

    # the JSONL reader: an options byte, then a file
    batch = "\n".join([
        lines[0],
        '{"id":"broken", "text": "قتل',
        '{"id":"empty","text":""}',
        '{"id":"notext","title":"x"}',
        "[1,2]",
        '{"id":"d","published":"2021-02-30T10:00","text":"x"}',
        '{"id":7,"published":"20211115","source":3,"text":"قصف\\r\\n"}',
        "   ",
        lines[-1],
    ]) + "\n"
    write("jsonl", b"\x00" + "\n".join(lines).encode() + b"\n")
    write("jsonl", b"\x00" + batch.encode())
    write("jsonl", b"\x02" + batch.encode() + b"\xff\n")      # --strict
    write("jsonl", bytes([4 | (3 << 3)]) + batch.encode())   # tiny --max-article-bytes
    write("jsonl", b"\x81" + "\ufeff".encode() + report.encode())  # text, --published
    write("jsonl", b"\x01" + b"\xef\xbb\xbf\xff" + SENTENCES[0].encode())
    write("jsonl", b"\x00" + lines[0].encode()[:-7])            # cut mid-string

    # the lexicon loader: which file (0-7), then its content
    for i, name in enumerate(TSV_NAMES):
        head = data_head(name)
        if head:
            write("lexicon", bytes([i]) + head.encode())
    head = data_head("places-curated.tsv")
    if head:
        write("lexicon", b"\x07" + head.encode())
    write("lexicon", b"\x04" + "ثلاثة\t3\tunit\nخمسة\tfive\tunit\n".encode())
    write("lexicon", b"\x05" + "الشهر الماضي\tperiod\tmonth:-1\nX\tperiod\tweek\n".encode())
    write("lexicon", b"\x05" + ("التاسع\tday-ordinal\t9\nالحادي والعشرين\tday-ordinal\t21\n"
                                "أيار\tmonth\t5\nالثاني والثلاثين\tday-ordinal\t32\n"
                                "ليلة التاسع والعاشر من أيار").encode())
    # phrases sharing first words (the trie), one of 12 words; then one of 13 (refused)
    words = "قصف جوي روسي على بلدة في ريف إدلب الجنوبي أمس مساء اليوم".split()
    trie = "".join(" ".join(words[:k]) + "\tairstrike\tnoun\n" for k in (1, 2, 3, 12, 2))
    write("lexicon", b"\x00" + (trie + "# " + " ".join(words + words[:3]) + "\n").encode())
    write("lexicon", b"\x00" + (trie + " ".join(words + ["أمس"]) + "\tairstrike\tnoun\n").encode())
    write("lexicon", b"\x06" + "p1\tحلب\t\tAleppo\tcity\tSY\tحلب\t\t\t36.2\t37.1\t0\r\n".encode() +
          b"\xff\n")
    write("lexicon", b"\x02" + "داعش\tISIS\tanaphor,victim\nقسد\tSDF\tbogus\n".encode())
    write("lexicon", b"\x01" + "ISIS\t2\t-\tIslamic State\tداعش\nISIS\t2\t-\tx\ty\n".encode())

    # the whole pipeline: flags (bit 0: title line), publication date, article
    for a in articles:
        title = a.get("title", "")
        write("extract", b"\x01" + published_bytes(a.get("published")) +
              (title + "\n" + a["text"]).encode())
    write("extract", b"\x01" + published_bytes("2025-03-18") + report.encode())
    write("extract", b"\x00" + b"\xff\xff" + report.encode())
    for s in SENTENCES[:3] + SENTENCES[-2:]:
        write("extract", b"\x00" + published_bytes("2025-05-03") + s.encode())
    for s in HOSTILE[:5]:
        write("extract", b"\x00" + published_bytes("2025-05-03") + ("قتل " + s + " في غارة").encode())
    n = sum(len(fs) for _, _, fs in os.walk(SEEDS))
    print(f"fuzz/seeds: {n} files")


if __name__ == "__main__":
    sys.exit(main())
