#!/usr/bin/env python3
"""tests/articles.py N - N articles (JSONL on stdout) made from the bundled
examples: copy k of example e gets its own id and a publication date k days
later, so the same happenings come back as new events, or as reports of
known ones a day apart (deduplication and merging get work)."""
import datetime, json, sys

n = int(sys.argv[1])
base = [json.loads(l) for l in open('examples/articles.jsonl', encoding='utf-8')]
text = open('examples/report-deir-ez-zor.txt', encoding='utf-8').read()
base.append({'id': 'deir-ez-zor', 'source': 'rasd example', 'published': '2025-03-18',
             'text': text})
for k in range(n):
    a = dict(base[k % len(base)])
    day = datetime.date.fromisoformat(a['published']) + datetime.timedelta(days=k // len(base))
    a['id'] = '%s-%d' % (a['id'], k)
    a['published'] = day.isoformat()
    a['source'] = 'outlet %d' % (k % 7)
    print(json.dumps(a, ensure_ascii=False))
