// review.js - review buttons in the event panel (accept, reject with a
// reason, correct the toll, undo) and the event's audit trail, on the
// server's review endpoints (docs/api.md). Shown only when the server says
// reviews are on (GET /api/session: "review": true). Writes carry the
// CSRF token; on a server with --token-file the panel asks for the token
// once (POST /api/session sets the SameSite=Strict session cookie).
import { append, clear, el } from './dom.js';
import { t } from './i18n.js';

let session = { review: false };
let onChanged = () => {};

async function fetchJson(url, opts) {
  const r = await fetch(url, opts);
  const body = await r.json().catch(() => ({ error: r.statusText }));
  return { ok: r.ok, status: r.status, body };
}

export async function initReview(changed) {
  onChanged = changed;
  const r = await fetchJson('/api/session');
  session = r.ok ? r.body : { review: false };
}

function post(url, body, extra = {}) {
  return fetchJson(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Rasd-CSRF': session.csrf, ...extra },
    body: JSON.stringify(body),
  });
}

function loginForm(box, retry) {
  const input = el('input', { type: 'password', name: 'token', autocomplete: 'current-password', size: 20 });
  const form = el('form', { class: 'login' }, el('label', {}, t('token'), ' ', input), el('button', { type: 'submit' }, t('login')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await post('/api/session', {}, { 'X-Rasd-Token': input.value });
    if (r.ok) {
      session.authenticated = true;
      retry();
    } else status(box, r.body.error);
  });
  box.append(form);
}

function status(box, msg, cls = 'error') {
  const s = box.querySelector('.review-message') ?? box.appendChild(el('p', { class: 'review-message' }));
  s.className = `review-message ${cls}`;
  s.textContent = msg ?? '';
}

async function act(box, e, body) {
  const r = await post(`/api/events/${encodeURIComponent(e.event_id)}/review`, body);
  if (r.status === 401 && session.login_required) {
    loginForm(box, () => act(box, e, body));
    return;
  }
  if (!r.ok) {
    status(box, r.body.error);
    return;
  }
  onChanged(r.body.event_id ?? e.event_id);
}

async function showLog(list, e) {
  const r = await fetchJson(`/api/events/${encodeURIComponent(e.event_id)}/log`);
  clear(list);
  for (const x of r.ok ? r.body.log : []) {
    list.append(el('li', { class: x.undone ? 'undone' : '' },
      `${x.time ?? ''} · ${x.reviewer ?? ''} · ${x.action}`,
      x.field ? ` · ${x.field}: ` : '', x.field ? el('bdi', {}, x.old_value ?? '∅') : '', x.field ? ' → ' : '',
      x.field ? el('bdi', {}, x.new_value ?? '∅') : '', x.note ? ` · ${x.note}` : ''));
  }
}

export function reviewsOn() {
  return !!session.review;
}

export function reviewControls(e) {
  if (!session.review) return null;
  const box = el('div', { class: 'review', dataset: { status: e.review_status ?? 'unreviewed' } });
  const reason = el('select', { name: 'reason' }, (session.reasons ?? []).map((r) => el('option', { value: r }, t('reason_' + r))));
  const fat = el('input', { type: 'number', name: 'fatalities', min: 0, value: e.fatalities ?? 0, size: 4 });
  append(box, [
    el('p', { class: 'review-status' }, t('review'), ': ', el('strong', {}, t('status_' + (e.review_status ?? 'unreviewed'))),
      e.review_reason ? ` (${t('reason_' + e.review_reason)})` : '', e.recheck ? ` · ${t('recheck')}: ${e.recheck}` : ''),
    el('div', { class: 'review-buttons' },
      el('button', { type: 'button', class: 'accept', onclick: () => act(box, e, { action: 'accept' }) }, t('accept')),
      el('span', {}, reason, el('button', { type: 'button', class: 'reject', onclick: () => act(box, e, { action: 'reject', reason: reason.value }) }, t('reject'))),
      el('span', {}, fat, el('button', { type: 'button', class: 'correct', onclick: () => act(box, e, { action: 'set', fields: { fatalities: String(fat.value) } }) }, t('correct_fatalities'))),
      el('button', { type: 'button', class: 'undo', onclick: () => act(box, e, { action: 'undo' }) }, t('undo'))),
  ]);
  const log = el('ol', { class: 'review-log' });
  box.append(el('details', { ontoggle: (ev) => ev.target.open && showLog(log, e) }, el('summary', {}, t('history')), log));
  return box;
}
