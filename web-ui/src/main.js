// main.js - the dashboard: the filter lives in the URL (shareable links);
// every change reloads the map, the timeline, the table and the
// governorate shading from the JSON API (docs/api.md) together.
import { clear, el } from './dom.js';
import { getLang, setLang, t, typeName, TYPES } from './i18n.js';
import { initMap, setEvents, setGovernorateCounts } from './map.js';
import { initTimeline, setTimeline } from './timeline.js';
import { setTable } from './table.js';
import { hidePanel, showEvent } from './panel.js';
import { reviewControls, initReview, reviewsOn } from './review.js';

const FILTERS = ['from', 'to', 'type', 'actor', 'admin1', 'country', 'text', 'min_fatalities', 'review'];
const PAGE = 50;
let state = {};
let generation = 0;

function readUrl() {
  const q = new URLSearchParams(location.search);
  const s = {};
  for (const k of [...FILTERS, 'sort', 'offset', 'event', 'lang']) if (q.get(k)) s[k] = q.get(k);
  return s;
}

function query(s, extra = {}) {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (s[k]) q.set(k, s[k]);
  for (const [k, v] of Object.entries(extra)) if (v != null && v !== '') q.set(k, v);
  return q.toString();
}

function writeUrl(push) {
  const q = query(state, { sort: state.sort, offset: state.offset, event: state.event, lang: state.lang });
  const url = q ? `?${q}` : location.pathname;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function showError(msg) {
  const box = document.getElementById('totals');
  box.textContent = msg;
  box.classList.add('error');
}

function fillForm() {
  const form = document.getElementById('filters');
  for (const k of FILTERS) form.elements[k].value = state[k] ?? '';
}

function fillOptions(stats, places) {
  const form = document.getElementById('filters');
  const types = form.elements.type;
  for (const ty of Object.keys(TYPES)) types.append(el('option', { value: ty }, typeName(ty)));
  const govs = new Map();
  for (const f of places.features) govs.set(f.properties.name_ar, f.properties.name_en);
  for (const r of stats.by_admin1) if (r.key && !govs.has(r.key)) govs.set(r.key, r.label);
  for (const [ar, en] of govs) form.elements.admin1.append(el('option', { value: ar }, `${ar} · ${en ?? ''}`));
  const countries = new Set(stats.by_admin1.map((r) => r.label).filter(Boolean));
  for (const c of [...countries].sort()) form.elements.country.append(el('option', { value: c }, c));
  const actors = document.getElementById('actor-list');
  for (const a of stats.by_actor) actors.append(el('option', { value: a.key }, a.label ?? a.key));
}

async function openEvent(id, push = true) {
  state.event = id;
  writeUrl(push);
  try {
    const e = await getJson(`/api/events/${encodeURIComponent(id)}`);
    showEvent(e, reviewControls);
    document.querySelectorAll('#events tbody tr').forEach((tr) => tr.classList.toggle('open', tr.dataset.eventId === id));
  } catch (err) {
    showError(err.message);
  }
}

async function searchArticles(text) {
  const box = document.getElementById('search-results');
  const list = clear(box.querySelector('ol'));
  box.hidden = !text;
  if (!text) return;
  let res;
  try {
    res = await getJson(`/api/search?${new URLSearchParams({ q: text, limit: 10 })}`);
  } catch {
    box.hidden = true;
    return;
  }
  for (const h of res.hits) {
    // the snippet's marks are control characters: split, never parse
    const snippet = el('p', { class: 'snippet', dir: 'auto' });
    (h.snippet ?? '').split(/(\u0002[^\u0003]*\u0003)/).forEach((part) => {
      if (part.startsWith('\u0002')) snippet.append(el('mark', {}, part.slice(1, -1)));
      else if (part) snippet.append(part);
    });
    list.append(el('li', {}, el('strong', { dir: 'auto' }, h.title ?? h.doc_id), ' ', el('small', {}, `${h.published ?? ''} · ${h.events} ${t('events')}`), snippet));
  }
}

async function load({ fit = false } = {}) {
  const gen = ++generation;
  const f = query(state);
  const sort = state.sort || '-date';
  const offset = Number(state.offset) || 0;
  document.getElementById('export-csv').href = `/api/events.csv${f ? '?' + f : ''}`;
  document.getElementById('export-geojson').href = `/api/events.geojson?${query(state, { download: 1 })}`;
  document.body.classList.add('loading');
  try {
    const [geo, stats, page] = await Promise.all([
      getJson(`/api/points${f ? '?' + f : ''}`),
      getJson(`/api/stats${f ? '?' + f : ''}`),
      getJson(`/api/events?${query(state, { limit: PAGE, offset, sort })}`),
    ]);
    if (gen !== generation) return;
    document.getElementById('totals').classList.remove('error');
    document.getElementById('totals').textContent = `${stats.totals.events} ${t('events')} · ${stats.totals.fatalities} ${t('fatalities')}`;
    setGovernorateCounts(stats.by_admin1, state.admin1);
    setEvents(geo, (id) => openEvent(id), fit);
    setTimeline(stats.by_day_type);
    setTable(page, { sort }, (id) => openEvent(id));
    document.body.dataset.total = String(page.total);
    document.body.dataset.mapped = String(geo.count);
  } catch (err) {
    if (gen === generation) showError(err.message);
  } finally {
    if (gen === generation) {
      document.body.classList.remove('loading');
      document.body.dataset.ready = String(gen);
    }
  }
  searchArticles(state.text);
}

function setFilter(changes) {
  Object.assign(state, changes);
  for (const k of Object.keys(state)) if (state[k] === '' || state[k] == null) delete state[k];
  delete state.offset;
  writeUrl(true);
  fillForm();
  load({ fit: true });
}

async function start() {
  state = readUrl();
  setLang(state.lang);
  await initReview((id) => {
    load();
    openEvent(id, false);
  });
  document.getElementById('review-filter').hidden = !reviewsOn();
  const [stats, places] = await Promise.all([getJson('/api/stats'), fetch('/syria-admin1.geojson').then((r) => r.json())]);
  fillOptions(stats, places);
  fillForm();
  await initMap((name) => setFilter({ admin1: state.admin1 === name ? '' : name }));
  initTimeline((from, to) => setFilter({ from, to }));

  const form = document.getElementById('filters');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const changes = {};
    for (const k of FILTERS) changes[k] = form.elements[k].value.trim();
    setFilter(changes);
  });
  for (const k of ['type', 'admin1', 'country', 'review']) form.elements[k].addEventListener('change', () => form.requestSubmit());
  document.getElementById('reset').addEventListener('click', () => {
    for (const k of FILTERS) delete state[k];
    setFilter({});
  });
  document.getElementById('clear-dates').addEventListener('click', () => setFilter({ from: '', to: '' }));
  document.getElementById('lang').addEventListener('click', () => {
    state.lang = getLang() === 'en' ? '' : 'en';
    if (!state.lang) delete state.lang;
    writeUrl(false);
    location.reload();
  });
  for (const th of document.querySelectorAll('#events th[data-sort]')) {
    th.addEventListener('click', () => {
      const key = th.dataset.sort;
      const cur = state.sort || '-date';
      state.sort = cur === '-' + key ? key : '-' + key;
      state.offset = 0;
      writeUrl(true);
      load();
    });
  }
  document.getElementById('prev').addEventListener('click', () => {
    state.offset = Math.max(0, (Number(state.offset) || 0) - PAGE);
    writeUrl(true);
    load();
  });
  document.getElementById('next').addEventListener('click', () => {
    state.offset = (Number(state.offset) || 0) + PAGE;
    writeUrl(true);
    load();
  });
  document.getElementById('close-panel').addEventListener('click', () => {
    delete state.event;
    writeUrl(true);
    hidePanel();
  });
  window.addEventListener('popstate', () => {
    state = readUrl();
    fillForm();
    load();
    if (state.event) openEvent(state.event, false);
    else hidePanel();
  });
  await load({ fit: true });
  if (state.event) openEvent(state.event, false);
}

start().catch((err) => {
  showError(String(err.message || err));
  throw err;
});
