// dashboard.mjs URL SHOTDIR [CHROMIUM] - the dashboard as an analyst uses
// it, in Debian's Chromium via playwright-core, every check against what
// the JSON API says about the same database: markers = events with
// coordinates; a governorate filters map, timeline and table together;
// an event's evidence is highlighted at exactly the bytes its offsets
// name; the search finds an event by a clitic form; article text with
// script and attribute payloads and bidi overrides renders as text (no
// dialog, no console error, no injected element); the URL restores the
// view; the timeline's brush sets the dates. Screenshots of each step go
// to SHOTDIR. Ends with "dashboard: N passed, N failed".
import { chromium } from '../../web-ui/node_modules/playwright-core/index.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, shots, exe = '/usr/bin/chromium'] = process.argv.slice(2);
const base = url.replace(/\/$/, '');
let passed = 0;
let failed = 0;
function check(what, ok, detail = '') {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL: ${what}${detail ? ': ' + detail : ''}`);
  }
}

async function api(path) {
  const r = await fetch(base + path);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}
const bytesOf = (s, a, b) => Buffer.from(s, 'utf8').subarray(a, b).toString('utf8');

const profile = mkdtempSync(join(tmpdir(), 'rasd-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: exe,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
});
const problems = [];
const dialogs = [];
const page = browser.pages()[0] ?? (await browser.newPage());
page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('dialog', (d) => {
  dialogs.push(d.message());
  d.dismiss().catch(() => {});
});
page.on('request', (r) => {
  if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`request off the server: ${r.url()}`);
});

// page.waitForFunction evaluates a string, which the page's CSP forbids
// (as it should): poll with evaluate instead, for at most `ms`.
async function waitFor(fn, arg, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await page.evaluate(fn, arg)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${fn.toString().slice(0, 120)}`);
    await page.waitForTimeout(50);
  }
}

// Wait until the page has finished the load that `action` starts.
async function settled(action) {
  const before = await page.evaluate(() => document.body.dataset.ready ?? '0');
  await action();
  await waitFor((b) => document.body.dataset.ready && document.body.dataset.ready !== b && !document.body.classList.contains('loading'), before, 15000);
  await page.waitForTimeout(300); // cluster icons are drawn in chunks
}

// Markers drawn (alone or counted in a cluster icon) and in the layer,
// once the map's zoom animation has settled (at most 3 s).
async function markersOnMap() {
  let m;
  for (let i = 0; i < 30; i++) {
    m = await countMarkers();
    if (m.drawn === m.layer) break;
    await page.waitForTimeout(100);
  }
  return m;
}
async function countMarkers() {
  return page.evaluate(() => {
    let n = document.querySelectorAll('path.event-marker').length;
    for (const c of document.querySelectorAll('.marker-cluster span')) n += parseInt(c.textContent, 10);
    return { drawn: n, layer: window.rasdMap.markers };
  });
}

async function tableEventIds() {
  return page.$$eval('#events tbody tr[data-event-id]', (rows) => rows.map((r) => r.dataset.eventId));
}

try {
  // 1. overview: markers = the API's events with coordinates
  await page.goto(base + '/');
  await waitFor(() => document.body.dataset.ready, null, 20000);
  await page.waitForTimeout(500);
  const all = await api('/api/events?limit=5000');
  const geo = await api('/api/points');
  const geojson = await api('/api/events.geojson');
  const m = await markersOnMap();
  check('the map holds one marker per API event with coordinates', m.layer === geo.count && geo.count === geo.points.length, `${m.layer} vs ${geo.count}`);
  check('every marker is drawn (in a cluster or alone)', m.drawn === geo.count, `${m.drawn} vs ${geo.count}`);
  check('events with and without coordinates add up to the total', geo.count + geo.without_coordinates === all.total);
  check('the map has the GeoJSON export\'s events', geojson.features.length === geo.count && geojson.features.every((f, i) => f.properties.event_id === geo.points[i][0]));
  check('the page shows the total', (await page.textContent('#totals')).startsWith(String(all.total)));
  const rows0 = await tableEventIds();
  check('the table shows the first page', rows0.length === Math.min(50, all.total), `${rows0.length}`);
  check('the timeline counts every dated event', Number(await page.getAttribute('#timeline', 'data-events')) === all.events.filter((e) => e.event_date).length);
  check('governorates are drawn', (await page.$$('path.governorate')).length === 14);
  await page.screenshot({ path: join(shots, '01-overview.png') });

  // 2. a governorate filters map, timeline and table together
  const gov = 'الحسكة';
  const want = await api(`/api/events?admin1=${encodeURIComponent(gov)}&limit=5000`);
  const wantGeo = await api(`/api/points?admin1=${encodeURIComponent(gov)}`);
  await settled(() => page.selectOption('select[name=admin1]', gov));
  const m2 = await markersOnMap();
  check('governorate: map markers = API', m2.layer === wantGeo.count && m2.drawn === wantGeo.count, `${m2.layer}/${m2.drawn} vs ${wantGeo.count}`);
  const rows2 = await tableEventIds();
  check('governorate: the table holds its events', want.total > 0 && rows2.length === Math.min(50, want.total) && rows2.every((id) => want.events.some((e) => e.event_id === id)), `${rows2.length} vs ${want.total}`);
  check('governorate: the timeline counts its dated events', Number(await page.getAttribute('#timeline', 'data-events')) === want.events.filter((e) => e.event_date).length);
  check('governorate: the filter is in the URL', new URL(page.url()).searchParams.get('admin1') === gov);
  check('governorate: fewer events than all', want.total < all.total);
  await page.screenshot({ path: join(shots, '02-governorate.png') });

  // clicking a governorate on the map toggles the same filter off
  await settled(() => page.evaluate(() => {
    for (const l of Object.values(window.rasdMap.map._layers)) if (l.feature?.properties?.name_ar === 'الحسكة') return l.fire('click');
  }));
  check('clicking the governorate again clears it', !new URL(page.url()).searchParams.get('admin1') && (await tableEventIds()).length === rows0.length);

  // 3. an event's evidence, highlighted at exactly its byte offsets
  const target = all.events.filter((e) => e.evidence.field === 'text').sort((a, b) => b.evidence.start - a.evidence.start)[0];
  const full = await api(`/api/events/${target.event_id}`);
  await page.goto(`${base}/?event=${target.event_id}`);
  await page.waitForSelector('#panel:not([hidden]) mark.trigger', { timeout: 15000 });
  const ev = full.evidence;
  const shown = await page.evaluate(() => ({
    trigger: document.querySelector('#panel-body .article-text mark.trigger').textContent,
    sentence: document.querySelector('#panel-body .article-text mark.sentence').textContent,
    before: document.querySelector('#panel-body .article-text').firstChild.textContent,
  }));
  check('the trigger mark holds exactly bytes start..end', shown.trigger === bytesOf(full.article.text, ev.start, ev.end), `${JSON.stringify(shown.trigger)}`);
  check('the sentence mark holds exactly bytes sentence_start..end', shown.sentence === bytesOf(full.article.text, ev.sentence_start, ev.sentence_end));
  check('the text before the sentence is bytes 0..sentence_start', shown.before === bytesOf(full.article.text, 0, ev.sentence_start));
  check('the offsets are past the start (multi-byte text before them)', ev.start > 0 && Buffer.byteLength(shown.before) !== shown.before.length || ev.sentence_start === 0);
  check('every source is listed', (await page.$$('#panel-body ol.sources li')).length === full.sources.length);
  await page.screenshot({ path: join(shots, '03-evidence.png') });

  // clicking a row in the table opens its event
  await page.goto(base + '/');
  await waitFor(() => document.body.dataset.ready, null, 15000);
  const firstRow = (await tableEventIds())[0];
  await page.click(`#events tbody tr[data-event-id="${firstRow}"]`);
  await waitFor((id) => document.getElementById('panel').dataset.eventId === id && document.querySelector('#panel-body mark.trigger'), firstRow, 15000);
  check('clicking a row opens its event and puts it in the URL', new URL(page.url()).searchParams.get('event') === firstRow);

  // 4. search by a clitic form: داعش finds the event told with لداعش
  for (const word of ['داعش', 'لداعش']) {
    await settled(async () => {
      await page.fill('input[name=text]', word);
      await page.press('input[name=text]', 'Enter');
    });
    const found = await api(`/api/events?text=${encodeURIComponent(word)}&limit=5000`);
    const ids = await tableEventIds();
    const clitic = found.events.find((e) => e.doc_id === 'browser-clitic-1');
    check(`search ${word}: the clitic article's event is in the table`, clitic && ids.includes(clitic.event_id));
    check(`search ${word}: the table holds what the API finds`, ids.length === Math.min(50, found.total));
    await page.waitForSelector('#search-results:not([hidden]) li');
    const marks = await page.$$eval('#search-results mark', (ms) => ms.map((x) => x.textContent));
    check(`search ${word}: the article list marks the words found`, word === 'لداعش' ? marks.includes('لداعش') : marks.length > 0 && marks.every((x) => x.includes('داعش')), marks.join(' '));
  }
  await page.screenshot({ path: join(shots, '04-search.png') });

  // 5. hostile article text renders as text
  const xss = all.events.find((e) => e.doc_id === 'browser-xss-1');
  check('the hostile article was coded', !!xss);
  if (xss) {
    await page.goto(`${base}/?event=${xss.event_id}`);
    await page.waitForSelector('#panel:not([hidden]) mark.trigger', { timeout: 15000 });
    await page.waitForTimeout(500);
    const dom = await page.evaluate(() => ({
      injected: document.querySelectorAll('#panel-body script, #panel-body img, #panel-body svg, #panel-body b, #panel-body i, #events img, #events script').length,
      scripts: document.scripts.length,
      title: document.querySelector('#panel-body .article-title').textContent,
      text: document.querySelector('#panel-body .article-text').textContent,
      links: [...document.querySelectorAll('#panel-body a')].map((a) => a.getAttribute('href')),
    }));
    check('no element comes from the article', dom.injected === 0, String(dom.injected));
    check('only the page\'s own script runs', dom.scripts === 1);
    check('the title shows its <script> as text', dom.title.includes("<script>alert('title')</script>") && dom.title.includes('"><img src=x onerror=alert(2)>'));
    check('the text shows its payloads as text', dom.text.includes('<svg onload=alert(4)>') && dom.text.includes('\u202eالنص المعكوس\u202c'));
    check('a javascript: URL is not a link', dom.links.every((h) => /^https?:/.test(h)));
    const isolated = await page.$eval('#panel-body .article-text', (e) => getComputedStyle(e).unicodeBidi);
    check('article text is bidi-isolated', isolated === 'isolate', isolated);
    await page.screenshot({ path: join(shots, '05-hostile.png') });
  }
  check('no dialog opened', dialogs.length === 0, dialogs.join(' | '));

  // 6. the URL restores the view: filter, sort, open event
  const link = `${base}/?type=Battles&sort=-fatalities&event=${target.event_id}`;
  await page.goto(link);
  await page.waitForSelector('#panel:not([hidden]) mark.trigger', { timeout: 15000 });
  await waitFor(() => document.body.dataset.ready);
  const battles = await api('/api/events?type=Battles&sort=-fatalities&limit=50');
  check('a shared link restores the filter', (await page.inputValue('select[name=type]')) === 'Battles');
  check('a shared link restores the sort', JSON.stringify(await tableEventIds()) === JSON.stringify(battles.events.map((e) => e.event_id)));
  check('a shared link reopens the event', (await page.getAttribute('#panel', 'data-event-id')) === target.event_id);

  // sorting by a column heading
  await settled(() => page.click('#events th[data-sort=fatalities]'));
  const sorted = await page.$$eval('#events tbody td.num:nth-child(5)', (tds) => tds.map((t) => Number(t.textContent)));
  check('a heading sorts the table', sorted.length > 1 && sorted.every((v, i) => i === 0 || sorted[i - 1] >= v) || sorted.every((v, i) => i === 0 || sorted[i - 1] <= v));

  // 7. the timeline's brush sets the dates and filters everything
  await page.goto(base + '/');
  await waitFor(() => document.body.dataset.ready);
  const over = await page.$('#timeline .u-over');
  const box = await over.boundingBox();
  await settled(async () => {
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
  });
  const q = new URL(page.url()).searchParams;
  check('the brush puts from/to in the URL', /^\d{4}-\d\d-\d\d$/.test(q.get('from') ?? '') && /^\d{4}-\d\d-\d\d$/.test(q.get('to') ?? ''));
  const brushed = await api(`/api/events?from=${q.get('from')}&to=${q.get('to')}&limit=5000`);
  const brushedGeo = await api(`/api/points?from=${q.get('from')}&to=${q.get('to')}`);
  check('brush: the table holds the period', (await tableEventIds()).length === Math.min(50, brushed.total));
  check('brush: the map holds the period', (await markersOnMap()).layer === brushedGeo.count);
  check('brush: fewer events than all', brushed.total < all.total);
  await page.screenshot({ path: join(shots, '06-brush.png') });

  // 8. review: accept persists across a reload; a rejection takes the
  // event out of the table and the map, and the review filter finds it
  const session = await api('/api/session');
  check('reviews are on for this database', session.review === true);
  const rev = all.events.find((e) => e.doc_id === 'browser-clitic-1');
  await page.goto(`${base}/?event=${rev.event_id}`);
  await page.waitForSelector('#panel:not([hidden]) .review button.accept', { timeout: 15000 });
  await page.click('.review button.accept');
  await waitFor(() => document.querySelector('#panel .review')?.dataset.status === 'accepted');
  await page.reload();
  await page.waitForSelector('#panel:not([hidden]) .review', { timeout: 15000 });
  check('an accept persists across a reload', (await page.getAttribute('#panel .review', 'data-status')) === 'accepted');
  check('the store has it', (await api(`/api/events/${rev.event_id}`)).review_status === 'accepted');
  await page.fill('.review input[name=fatalities]', '4');
  await page.click('.review button.correct');
  await waitFor(() => document.querySelector('#panel .review')?.dataset.status === 'corrected');
  check('a corrected toll is stored', (await api(`/api/events/${rev.event_id}`)).fatalities === 4);
  await page.screenshot({ path: join(shots, '08-review.png') });
  await waitFor(() => document.body.dataset.ready);
  const before = await api('/api/events?limit=5000');
  await page.selectOption('.review select[name=reason]', 'not-event');
  await settled(() => page.click('.review button.reject'));
  const after = await api('/api/events?limit=5000');
  check('a rejection takes the event out of the API list', after.total === before.total - 1 && !after.events.some((e) => e.event_id === rev.event_id));
  check('and out of the table', !(await tableEventIds()).includes(rev.event_id) && Number(await page.getAttribute('body', 'data-total')) === after.total);
  check('and off the map', (await markersOnMap()).layer === (await api('/api/points')).count);
  await settled(() => page.selectOption('select[name=review]', 'rejected'));
  check('the review filter finds it', (await tableEventIds()).includes(rev.event_id) && new URL(page.url()).searchParams.get('review') === 'rejected');
  await page.click('#panel summary');
  await page.waitForSelector('.review-log li');
  check('the panel shows the audit trail', (await page.$$('.review-log li')).length >= 4);

  // 8. English labels
  await page.goto(base + '/?lang=en');
  await waitFor(() => document.body.dataset.ready);
  check('English: left to right with English labels', (await page.getAttribute('html', 'dir')) === 'ltr' && (await page.textContent('#events th[data-sort=date]')) === 'Date');
  await page.screenshot({ path: join(shots, '07-english.png') });

  check('no console error or page error', problems.length === 0, problems.join(' | '));
} catch (err) {
  check('the browser run finished', false, err.stack);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`dashboard: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
