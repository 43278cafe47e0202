// timeline.js - events and fatalities over time, one series per event type
// (uPlot), binned by day, week or month as the period requires. Dragging
// over it (the brush) sets the filter's dates, which filters everything.
import uPlot from 'uplot';
import { TYPES, t, typeColor, typeName } from './i18n.js';

let plot = null;
let onBrush = null;

const DAY = 86400;

function dayOf(s) {
  return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 1000;
}
function iso(ts) {
  return new Date(ts * 1000).toISOString().slice(0, 10);
}
function binOf(ts, unit) {
  const d = new Date(ts * 1000);
  if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
  if (unit === 'week') return ts - ((d.getUTCDay() + 6) % 7) * DAY;
  return ts;
}
function nextBin(ts, unit) {
  const d = new Date(ts * 1000);
  if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
  return ts + (unit === 'week' ? 7 : 1) * DAY;
}

// rows: /api/stats by_day_type; returns uPlot data and the series' types
export function binned(rows) {
  if (!rows.length) return { unit: 'day', xs: [], types: [], series: [], fatalities: [] };
  const first = dayOf(rows[0].key), last = dayOf(rows[rows.length - 1].key);
  const span = (last - first) / DAY;
  const unit = span <= 120 ? 'day' : span <= 730 ? 'week' : 'month';
  const xs = [];
  for (let b = binOf(first, unit); b <= last; b = nextBin(b, unit)) xs.push(b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const types = [...new Set(rows.map((r) => r.label))].sort((a, b) => Object.keys(TYPES).indexOf(a) - Object.keys(TYPES).indexOf(b));
  const series = types.map(() => new Array(xs.length).fill(0));
  const fatalities = new Array(xs.length).fill(0);
  for (const r of rows) {
    const i = index.get(binOf(dayOf(r.key), unit));
    series[types.indexOf(r.label)][i] += r.events;
    fatalities[i] += r.fatalities;
  }
  return { unit, xs, types, series, fatalities };
}

export function initTimeline(brush) {
  onBrush = brush;
}

export function setTimeline(rows) {
  const host = document.getElementById('timeline');
  const b = binned(rows);
  const data = [b.xs, ...b.series, b.fatalities];
  const width = Math.max(300, host.clientWidth || 800);
  const opts = {
    width,
    height: 190,
    cursor: { drag: { x: true, y: false, setScale: false } },
    select: { show: true },
    legend: { show: true },
    scales: { x: { time: true }, f: {} },
    axes: [{}, { label: t('events'), size: 50 }, { scale: 'f', side: 1, label: t('fatalities_series'), grid: { show: false }, size: 50 }],
    series: [
      { label: b.unit },
      ...b.types.map((ty) => ({
        label: typeName(ty),
        stroke: typeColor(ty),
        fill: typeColor(ty) + '55',
        width: 1.5,
        paths: uPlot.paths.stepped({ align: 1 }),
      })),
      { label: t('fatalities_series'), scale: 'f', stroke: '#222', width: 1, dash: [4, 3], points: { show: false } },
    ],
    hooks: {
      setSelect: [
        (u) => {
          if (u.select.width < 3) return;
          const lo = u.posToVal(u.select.left, 'x');
          const hi = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
          onBrush(iso(binOf(Math.floor(lo), 'day')), iso(Math.floor(hi)));
        },
      ],
    },
  };
  if (plot) plot.destroy();
  host.dataset.unit = b.unit;
  host.dataset.bins = String(b.xs.length);
  host.dataset.events = String(b.series.flat().reduce((a, c) => a + c, 0));
  plot = new uPlot(opts, data, host);
}
