#!/usr/bin/env python3
"""tests/dbdigest.py DB - one SHA-256 over what an events database holds:
articles (but not when they were written), events, their reports and the
actors, in row order. Two databases with the same digest hold the same
rows with the same ids. Reads only plain tables (no tokenizer needed)."""
import hashlib, sqlite3, sys

c = sqlite3.connect('file:%s?mode=ro' % sys.argv[1], uri=True)
h = hashlib.sha256()
for table, cols in [('article', 'id, doc_id, source, url, title, published, text, hash'),
                    ('event', '*'), ('mention', '*'), ('actor', '*')]:
    for row in c.execute('SELECT %s FROM %s ORDER BY 1' % (cols, table)):
        h.update(repr(row).encode())
        h.update(b'\n')
print(h.hexdigest())
