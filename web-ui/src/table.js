// table.js - the events of the current filter, one page at a time, sorted
// by the server (click a column heading; again for the other direction).
import { clear, el } from './dom.js';
import { t, typeColor, typeName } from './i18n.js';

function actorName(a) {
  if (!a) return null;
  if (typeof a === 'string') return a;
  return a.name_en || a.code || null;
}

export function setTable(page, state, onOpen) {
  const body = document.querySelector('#events tbody');
  clear(body);
  if (!page.events.length) body.append(el('tr', {}, el('td', { colspan: 6, class: 'empty' }, t('no_events'))));
  for (const e of page.events) {
    const actors = [actorName(e.actor1), actorName(e.actor2)].filter(Boolean).join(' — ');
    const tr = el(
      'tr',
      { dataset: { eventId: e.event_id }, tabindex: 0 },
      el('td', { class: 'date' }, e.event_date ?? t('undated'),
        e.review_status && e.review_status !== 'unreviewed' ? el('span', { class: `status status-${e.review_status}`, title: t('status_' + e.review_status) }, { accepted: ' ✓', corrected: ' ✎', rejected: ' ✗' }[e.review_status] ?? '') : null),
      el('td', {}, el('span', { class: 'swatch', dataset: { type: e.event_type } }), typeName(e.event_type), el('br'), el('small', {}, e.sub_event_type ?? '')),
      el('td', {}, el('bdi', {}, actors)),
      el('td', {}, el('bdi', {}, e.location ?? ''), e.admin1 ? el('small', {}, ' · ', el('bdi', {}, e.admin1)) : null),
      el('td', { class: 'num' }, String(e.fatalities ?? 0)),
      el('td', { class: 'num' }, String(e.narticles ?? 1)),
    );
    tr.querySelector('.swatch').style.background = typeColor(e.event_type);
    tr.addEventListener('click', () => onOpen(e.event_id));
    tr.addEventListener('keydown', (ev) => ev.key === 'Enter' && onOpen(e.event_id));
    body.append(tr);
  }
  for (const th of document.querySelectorAll('#events th[data-sort]')) {
    const key = th.dataset.sort;
    th.classList.toggle('sorted', state.sort === key || state.sort === '-' + key);
    th.classList.toggle('desc', state.sort === '-' + key);
  }
  const a = page.total ? page.offset + 1 : 0;
  const b = page.offset + page.events.length;
  document.getElementById('page').textContent = t('page', a, b, page.total);
  document.getElementById('prev').disabled = page.offset <= 0;
  document.getElementById('next').disabled = b >= page.total;
}
