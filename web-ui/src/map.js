// map.js - the map: the world's country outlines (world-atlas TopoJSON,
// no tile server), Syria's governorates shaded by event count (clicking
// one filters by it), and the events as circles sized by fatalities,
// coloured by type, clustered when dense.
import L from 'leaflet';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';
import { el } from './dom.js';
import { typeColor, typeName, t } from './i18n.js';

let map, clusters, governorates, onPick;
const counts = new Map();
let selectedKey = '';

// rasd's match key for Arabic names (docs/schema.md): alef forms, ى/ي, ة/ه
// folded, marks and tatweel dropped, so the store's admin1 meets OCHA's.
export function arabicKey(s) {
  return (s || '')
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .trim();
}

function shade(n, max) {
  if (!n) return '#f4f1ea';
  const k = Math.sqrt(n / Math.max(max, 1));
  const stops = ['#fde0c5', '#facba6', '#f8b58b', '#f59e72', '#f2855d', '#ef6a4c', '#eb4a40'];
  return stops[Math.min(stops.length - 1, Math.floor(k * (stops.length - 1) + 0.5))];
}

function styleGovernorate(f) {
  const key = arabicKey(f.properties.name_ar);
  const max = Math.max(0, ...counts.values());
  return {
    color: key === selectedKey ? '#222' : '#8a7f70',
    weight: key === selectedKey ? 3 : 1,
    fillColor: shade(counts.get(key) || 0, max),
    fillOpacity: 0.75,
  };
}

export async function initMap(pick) {
  onPick = pick;
  map = L.map('map', { zoomControl: true, attributionControl: true, preferCanvas: false, minZoom: 3, maxZoom: 14 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Natural Earth (world-atlas) · OCHA COD-AB');
  map.setView([35, 38.5], 6);
  // the grid changes when the event panel opens or closes
  new ResizeObserver(() => map.invalidateSize()).observe(document.getElementById('map'));
  const [world, gov] = await Promise.all([
    fetch('/countries.json').then((r) => r.json()),
    fetch('/syria-admin1.geojson').then((r) => r.json()),
  ]);
  L.geoJSON(feature(world, world.objects.countries), {
    style: { color: '#b9b2a6', weight: 0.7, fillColor: '#ebe7df', fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  governorates = L.geoJSON(gov, {
    style: styleGovernorate,
    onEachFeature(f, layer) {
      layer.on('click', () => onPick(f.properties.name_ar));
      layer.bindTooltip(() => {
        const n = counts.get(arabicKey(f.properties.name_ar)) || 0;
        return el('span', {}, el('bdi', {}, f.properties.name_ar), ` · ${f.properties.name_en} · ${n} ${t('events')}`);
      }, { sticky: true });
      layer.getElement?.()?.classList.add('governorate');
    },
  }).addTo(map);
  for (const layer of governorates.getLayers()) {
    const e = layer.getElement();
    if (e) {
      e.classList.add('governorate');
      e.dataset.name = layer.feature.properties.name_ar;
    }
  }
  clusters = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, chunkedLoading: true });
  map.addLayer(clusters);
}

export function setGovernorateCounts(byAdmin1, selected) {
  counts.clear();
  for (const r of byAdmin1 || []) if (r.key) counts.set(arabicKey(r.key), (counts.get(arabicKey(r.key)) || 0) + r.events);
  selectedKey = arabicKey(selected);
  governorates?.setStyle(styleGovernorate);
}

// pts: /api/points ({fields, points: [[event_id, date, type, location, lat, lon, fatalities]]})
export function setEvents(pts, onOpen, fit) {
  clusters.clearLayers();
  const markers = [];
  for (const [id, date, type, location, lat, lon, fatalities] of pts.points) {
    const m = L.circleMarker([lat, lon], {
      radius: Math.min(22, 4 + 2.5 * Math.sqrt(fatalities || 0)),
      color: '#222',
      weight: 0.8,
      fillColor: typeColor(type),
      fillOpacity: 0.85,
      className: 'event-marker',
    });
    m.bindTooltip(() => el('span', {}, `${date ?? ''} · ${typeName(type)} · `, el('bdi', {}, location ?? ''), ` · ${fatalities} ${t('fatalities')}`));
    m.on('click', () => onOpen(id));
    m.rasdEventId = id;
    markers.push(m);
  }
  clusters.addLayers(markers);
  const area = governorates?.getLayers().find((l) => selectedKey && arabicKey(l.feature.properties.name_ar) === selectedKey);
  if (fit && area) map.fitBounds(area.getBounds().pad(0.1), { animate: false });
  else if (fit && markers.length) map.fitBounds(L.featureGroup(markers).getBounds().pad(0.15), { maxZoom: 8, animate: false });
  window.rasdMap = { markers: markers.length, clusters, map };
}
