// build.mjs OUTDIR - the dashboard's files for `rasd serve`: esbuild bundles
// src/main.js (Leaflet, markercluster, uPlot, topojson-client) and
// src/style.css into OUTDIR, beside index.html, the world's country outlines
// (npm world-atlas, TopoJSON) and Syria's governorates (data/, from OCHA).
// tools/embed_assets.py then compiles OUTDIR into the binary.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUTDIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const common = {
  bundle: true,
  minify: true,
  logLevel: 'warning',
  legalComments: 'none',
  target: ['chrome100', 'firefox100', 'safari15'],
  loader: { '.png': 'dataurl', '.svg': 'dataurl' },
};
await build({ ...common, entryPoints: [join(here, 'src/main.js')], outfile: join(out, 'app.js'), format: 'iife' });
await build({ ...common, entryPoints: [join(here, 'src/style.css')], outfile: join(out, 'app.css') });
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'node_modules/world-atlas/countries-50m.json'), join(out, 'countries.json'));
copyFileSync(join(here, '../data/syria-admin1.geojson'), join(out, 'syria-admin1.geojson'));
