// panel.js - one event in full: its fields, the article with the evidence
// sentence and the trigger highlighted at their byte offsets, every source
// with its own evidence, and (when the store has reviews) review buttons.
import { append, clear, el, safeLink } from './dom.js';
import { splitAtBytes } from './offsets.js';
import { t, typeName } from './i18n.js';

function actorLabel(a) {
  if (!a) return '—';
  if (typeof a === 'string') return a;
  return [a.name_en, a.name_ar, a.code ? `(${a.code})` : null].filter(Boolean).join(' ');
}

// The text of one field with the sentence and trigger marked; the offsets
// are bytes of the original field (docs/output.md).
export function highlighted(text, ev) {
  const box = el('div', { class: 'article-text', dir: 'auto' });
  const pieces = splitAtBytes(text, [ev.sentence_start, ev.start, ev.end, ev.sentence_end]);
  if (!pieces || ev.sentence_start > ev.start || ev.end > ev.sentence_end) {
    append(box, [el('p', { class: 'warning' }, t('bad_offsets')), text]);
    return box;
  }
  const [before, lead, trigger, tail, after] = pieces;
  append(box, [
    before,
    el('mark', { class: 'sentence', dataset: { start: ev.sentence_start, end: ev.sentence_end } }, lead,
      el('mark', { class: 'trigger', dataset: { start: ev.start, end: ev.end } }, trigger), tail),
    after,
  ]);
  return box;
}

function row(label, value) {
  return el('tr', {}, el('th', {}, label), el('td', {}, el('bdi', {}, value ?? '—')));
}

export function showEvent(e, review) {
  const panel = document.getElementById('panel');
  const body = clear(document.getElementById('panel-body'));
  const primary = e.sources?.[0];
  const ev = primary?.evidence ?? e.evidence;
  const art = e.article || {};
  panel.hidden = false;
  panel.dataset.eventId = e.event_id;
  append(body, [
    el('h2', {}, typeName(e.event_type), ' · ', el('bdi', {}, e.sub_event_type ?? '')),
    el('table', { class: 'fields' },
      row(t('col_date'), e.event_date ?? t('undated')),
      row(t('location'), [e.location, e.admin2, e.admin1, e.country].filter(Boolean).join('، ')),
      row('actor1', actorLabel(e.actor1)),
      row('actor2', actorLabel(e.actor2)),
      row(t('col_fatalities'), String(e.fatalities ?? 0)),
      row(t('modality'), e.modality),
      row(t('precision'), `geo ${e.geo_precision ?? '—'} · time ${e.time_precision ?? '—'}`),
      row(t('confidence'), e.confidence != null ? Number(e.confidence).toFixed(2) : '—'),
      row('event_id', e.event_id)),
  ]);
  if (review) append(body, [review(e)]);
  const field = ev?.field === 'title' ? 'title' : 'text';
  body.append(el('h3', {}, t('article'), ' · ', safeLink(art.url, art.doc_id ?? ''), ' ', el('small', {}, art.published ?? '')));
  body.append(el('h4', { class: 'article-title', dir: 'auto' }, field === 'title' ? highlighted(art.title ?? '', ev) : art.title ?? ''));
  if (field === 'text') body.append(highlighted(art.text ?? '', ev));
  else body.append(el('div', { class: 'article-text', dir: 'auto' }, art.text ?? ''));
  const list = el('ol', { class: 'sources' });
  for (const s of e.sources ?? []) {
    const sev = s.evidence;
    // the sentence is stored on its own: the trigger's offsets relative to it
    const rel = { sentence_start: 0, sentence_end: sev.sentence_end - sev.sentence_start, start: sev.start - sev.sentence_start, end: sev.end - sev.sentence_start };
    list.append(el('li', {},
      el('div', { class: 'source-head' }, el('bdi', {}, s.source ?? ''), ' · ', s.published ?? '', ' · ', safeLink(s.url, s.url ?? s.doc_id)),
      highlighted(sev.sentence ?? '', rel)));
  }
  body.append(el('h3', {}, t('sources'), ` (${(e.sources ?? []).length})`), list);
  // bring the evidence into view inside the panel (not the whole page)
  const mark = body.querySelector('.article-text mark.sentence, .article-title mark.sentence');
  panel.scrollTop = mark ? Math.max(0, mark.offsetTop - panel.clientHeight / 3) : 0;
}

export function hidePanel() {
  document.getElementById('panel').hidden = true;
}
