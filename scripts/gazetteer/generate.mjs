#!/usr/bin/env node
// Generates the country gazetteer and tile-grid layout for Stance Atlas.
//
//   cd scripts/gazetteer && npm ci && node generate.mjs           # (re)write data/gazetteer/*
//   node generate.mjs --check    # regenerate in memory; exit 1 if committed files differ
//   node generate.mjs --report   # also list every package alt spelling the filters dropped
//
// Inputs: the pinned npm packages `world-countries` and `i18n-iso-countries`
// (see package.json / package-lock.json next to this file) and the hand-reviewed
// overlay data/gazetteer/aliases-overlay.csv. Output is deterministic: rows sorted
// by code, LF line endings, RFC-4180 CSV quoting only where needed.
//
// Outputs (all under data/gazetteer/): countries.csv, layout.csv, layout.txt, SOURCES.md.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const OUT_DIR = path.join(REPO, 'data', 'gazetteer');
const OVERLAY_PATH = path.join(OUT_DIR, 'aliases-overlay.csv');

const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!['--check', '--report'].includes(a)) {
    console.error(`unknown argument ${a}; usage: node generate.mjs [--check] [--report]`);
    process.exit(2);
  }
}
const CHECK = args.has('--check');
const REPORT = args.has('--report');

// ---------------------------------------------------------------------------
// Package loading (and a guard that the installed versions are the pinned ones)

const require = createRequire(import.meta.url);
function pkgDir(name) {
  // Resolve the package's main entry, then walk up to its package.json.
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}
function readJson(p) {
  return JSON.parse(readFileSync(p, 'utf8'));
}
const OWN_PKG = readJson(path.join(HERE, 'package.json'));
const WC_DIR = pkgDir('world-countries');
const I18N_DIR = pkgDir('i18n-iso-countries');
const WC_VERSION = readJson(path.join(WC_DIR, 'package.json')).version;
const I18N_VERSION = readJson(path.join(I18N_DIR, 'package.json')).version;
for (const [name, have] of [['world-countries', WC_VERSION], ['i18n-iso-countries', I18N_VERSION]]) {
  const want = OWN_PKG.dependencies[name];
  if (want !== have) {
    console.error(`${name}: installed ${have} but package.json pins ${want}; run npm ci`);
    process.exit(2);
  }
}
const WORLD = readJson(path.join(WC_DIR, 'countries.json'));
const I18N_EN = readJson(path.join(I18N_DIR, 'langs', 'en.json')).countries;
const I18N_ES = readJson(path.join(I18N_DIR, 'langs', 'es.json')).countries;

// ---------------------------------------------------------------------------
// CSV writing (RFC 4180; quote only when needed); reading is in csv.mjs.

function csvField(v) {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvLine(fields) {
  return fields.map(csvField).join(',');
}

// ---------------------------------------------------------------------------
// Selection: the 193 UN members plus four non-members that news treats as actors.

const EXTRA = ['XK', 'TW', 'PS', 'VA'];

// ---------------------------------------------------------------------------
// Overlay

const OVERLAY_FIELDS = new Set([
  'name', // replace the English common name (the package's stays as an alias)
  'name_es', // replace the Spanish common name (the package's stays as an alias)
  'capital', // replace the English capital name
  'aliases', // add English aliases (';'-separated)
  'demonyms', // add English demonyms
  'aliases_es', // add Spanish aliases
  'demonyms_es', // add Spanish demonyms
  'remove_alias', // drop one English alias coming from the packages
  'remove_alias_es', // drop one Spanish alias coming from the packages
  'remove_demonym', // drop one English demonym coming from the packages
]);

function loadOverlay(selected) {
  const rows = parseCsv(readFileSync(OVERLAY_PATH, 'utf8'));
  const header = rows.shift();
  if (header.join(',') !== 'code,field,value,note') {
    throw new Error(`${OVERLAY_PATH}: header must be code,field,value,note`);
  }
  const byCode = new Map();
  let prevCode = '';
  rows.forEach((r, idx) => {
    const line = idx + 2;
    if (r.length === 1 && r[0] === '') return;
    if (r.length !== 4) throw new Error(`overlay line ${line}: expected 4 fields, got ${r.length}`);
    const [code, field, value, note] = r;
    if (!selected.has(code)) throw new Error(`overlay line ${line}: unknown or unselected code ${code}`);
    if (code < prevCode) throw new Error(`overlay line ${line}: rows must be sorted by code (${code} after ${prevCode})`);
    prevCode = code;
    if (!OVERLAY_FIELDS.has(field)) throw new Error(`overlay line ${line}: unknown field ${field}`);
    if (!value.trim()) throw new Error(`overlay line ${line}: empty value`);
    if (!byCode.has(code)) byCode.set(code, []);
    byCode.get(code).push({ field, value, note, line, used: false });
  });
  return byCode;
}

// ---------------------------------------------------------------------------
// Name filtering

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const splitList = (s) =>
  s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);

// Latin letters (with diacritics), digits, space and . , ' ’ ( ) - only.
const LATIN_ONLY = /^[\p{Script=Latin}\p{M}0-9 .,'’()\-]+$/u;

// Decides, for one candidate alias, whether it is dropped and why. `trusted`
// candidates (common and official name, i18n-iso-countries English names) are
// English by construction and skip the tests below the `trusted` line.
// `demonyms` holds the country's package demonyms.
function dropReason(alias, trusted, vocab, demonyms) {
  if (/^[A-Z]{2}$/.test(alias)) return '2-letter ISO code';
  if (!LATIN_ONLY.test(alias)) return 'non-Latin script or symbols';
  if (alias.includes(',')) return 'inverted list form (contains a comma)';
  if (alias.includes('(')) return 'contains parentheses';
  if (alias.length < 2) return 'too short';
  if (trusted) return null;
  if (demonyms.has(alias)) return 'a demonym, not a name';
  if (/^[A-Z]{3,5}$/.test(alias) || /^([A-Z]\.){2,}$/.test(alias)) return null; // acronym
  if (/[^\x20-\x7e]/.test(alias)) return 'native or transliterated form (non-ASCII letters)';
  const words = fold(alias).split(/[\s\-]+/).filter(Boolean);
  const unknown = words.filter((w) => !vocab.has(w));
  if (unknown.length) return `not English (unknown word: ${unknown.join(' ')})`;
  return null;
}

function stripThe(s) {
  return s.replace(/^the\s+/i, '');
}

// Appends `v` to `list` unless an equal entry (case-insensitive, `the` ignored)
// is already in `seen`.
function pushUnique(list, seen, v) {
  const key = stripThe(v).toLowerCase();
  if (seen.has(key)) return false;
  seen.add(key);
  list.push(v);
  return true;
}

// ---------------------------------------------------------------------------
// Build countries

function i18nList(v) {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function buildCountries() {
  const selected = new Map();
  for (const c of WORLD) {
    if (c.unMember || EXTRA.includes(c.cca2)) selected.set(c.cca2, c);
  }
  const overlay = loadOverlay(new Set(selected.keys()));
  const take = (code, field) =>
    (overlay.get(code) || []).filter((o) => o.field === field).map((o) => ((o.used = true), o));
  const takeOne = (code, field) => {
    const o = take(code, field);
    if (o.length > 1) throw new Error(`overlay: more than one ${field} for ${code}`);
    return o.length ? o[0].value : null;
  };

  // Vocabulary of English words, from English names the packages give for the
  // selected countries (never from altSpellings, which mix languages).
  const vocab = new Set();
  const addWords = (s) => {
    for (const w of fold(s).split(/[\s\-]+/)) if (w) vocab.add(w);
  };
  for (const [code, c] of selected) {
    addWords(c.name.common);
    addWords(c.name.official);
    for (const n of i18nList(I18N_EN[code])) addWords(n);
    const d = c.demonyms && c.demonyms.eng;
    if (d) addWords(`${d.m} ${d.f}`);
    for (const cap of c.capital || []) addWords(cap);
  }

  const dropped = [];
  const rows = [];
  for (const code of [...selected.keys()].sort()) {
    const c = selected.get(code);

    // --- English names
    const name = takeOne(code, 'name') || c.name.common;
    const official = c.name.official;
    const candidates = [
      [c.name.common, true],
      [official, true],
      ...c.altSpellings.map((a) => [a, false]),
      ...i18nList(I18N_EN[code]).map((a) => [a, true]),
    ];
    const d = c.demonyms && c.demonyms.eng;
    const rawDem = d ? [d.m, d.f].flatMap((x) => x.split(/,\s*|\s+or\s+/)).map((x) => x.trim()).filter(Boolean) : [];
    const pkgDemonyms = new Set(rawDem);
    const removeAlias = new Set(take(code, 'remove_alias').map((o) => o.value));
    const aliases = [];
    const seen = new Set([stripThe(name).toLowerCase()]);
    const removedHit = new Set();
    for (const [raw, trusted] of candidates) {
      const a = raw.trim();
      const v = stripThe(a);
      // Overlay removals are applied first, so a deliberate removal stays
      // documented even where an automatic rule would also drop the entry.
      if (removeAlias.has(v)) {
        removedHit.add(v);
        continue;
      }
      const why = dropReason(a, trusted, vocab, pkgDemonyms);
      if (why) {
        dropped.push([code, 'aliases', a, why]);
        continue;
      }
      pushUnique(aliases, seen, v);
    }
    for (const o of take(code, 'aliases')) {
      for (const v of splitList(o.value)) {
        if (!pushUnique(aliases, seen, v)) throw new Error(`overlay line ${o.line}: alias ${v} for ${code} is already present`);
      }
    }
    for (const r of removeAlias) {
      if (!removedHit.has(r)) throw new Error(`overlay: remove_alias ${r} for ${code} matched nothing`);
    }

    // --- English demonyms
    const removeDem = new Set(take(code, 'remove_demonym').map((o) => o.value));
    const demonyms = [];
    const demSeen = new Set();
    const nameForms = new Set([name, ...aliases]);
    const removedDemHit = new Set();
    for (const v of rawDem) {
      if (removeDem.has(v)) {
        removedDemHit.add(v);
        continue;
      }
      if (nameForms.has(v)) {
        dropped.push([code, 'demonyms', v, 'same as a name or alias']);
        continue;
      }
      if (!demSeen.has(v)) {
        demSeen.add(v);
        demonyms.push(v);
      }
    }
    for (const r of removeDem) {
      if (!removedDemHit.has(r)) throw new Error(`overlay: remove_demonym ${r} for ${code} matched nothing`);
    }
    for (const o of take(code, 'demonyms')) {
      for (const v of splitList(o.value)) {
        if (demSeen.has(v)) throw new Error(`overlay line ${o.line}: demonym ${v} for ${code} is already present`);
        demSeen.add(v);
        demonyms.push(v);
      }
    }

    // --- Capital
    const capital = takeOne(code, 'capital') || (c.capital && c.capital[0]) || '';

    // --- Spanish names
    const spa = c.translations.spa || {};
    const nat = (c.name.native && c.name.native.spa) || {};
    const nameEs = takeOne(code, 'name_es') || spa.common;
    const esCandidates = [spa.common, spa.official, nat.common, nat.official, ...i18nList(I18N_ES[code])].filter(Boolean);
    const removeEs = new Set(take(code, 'remove_alias_es').map((o) => o.value));
    const removedEsHit = new Set();
    const aliasesEs = [];
    const seenEs = new Set([nameEs.toLowerCase()]);
    for (const raw of esCandidates) {
      const a = raw.trim();
      if (a.includes(',') || a.includes('(')) {
        dropped.push([code, 'aliases_es', a, a.includes(',') ? 'inverted list form (contains a comma)' : 'contains parentheses']);
        continue;
      }
      if (removeEs.has(a)) {
        removedEsHit.add(a);
        continue;
      }
      if (!seenEs.has(a.toLowerCase())) {
        seenEs.add(a.toLowerCase());
        aliasesEs.push(a);
      }
    }
    for (const r of removeEs) {
      if (!removedEsHit.has(r)) throw new Error(`overlay: remove_alias_es ${r} for ${code} matched nothing`);
    }
    for (const o of take(code, 'aliases_es')) {
      for (const v of splitList(o.value)) {
        if (seenEs.has(v.toLowerCase())) throw new Error(`overlay line ${o.line}: Spanish alias ${v} for ${code} is already present`);
        seenEs.add(v.toLowerCase());
        aliasesEs.push(v);
      }
    }
    const demonymsEs = [];
    for (const o of take(code, 'demonyms_es')) {
      for (const v of splitList(o.value)) {
        if (demonymsEs.includes(v)) throw new Error(`overlay line ${o.line}: duplicate Spanish demonym ${v}`);
        demonymsEs.push(v);
      }
    }

    // Vatican City is flagged as a UN member by world-countries 5.1.0; the Holy
    // See is a UN observer state. Everything outside EXTRA is a member.
    const unMember = !EXTRA.includes(code) && c.unMember === true;
    // ISO 3166-1 alpha-3. Kosovo has none: world-countries gives UNK (the
    // UN mission's code); XKX is the user-assigned code the EU and IMF use.
    const alpha3 = code === 'XK' ? 'XKX' : c.cca3;

    rows.push({
      code,
      name,
      official,
      aliases,
      demonyms,
      capital,
      name_es: nameEs,
      aliases_es: aliasesEs,
      demonyms_es: demonymsEs,
      region: c.region,
      subregion: c.subregion,
      lat: c.latlng[0],
      lng: c.latlng[1],
      un_member: unMember,
      alpha3,
    });
  }

  for (const [code, list] of overlay) {
    for (const o of list) if (!o.used) throw new Error(`overlay line ${o.line}: ${code} ${o.field} was not applied`);
  }
  validate(rows);
  return { rows, dropped };
}

function validate(rows) {
  const fail = (m) => {
    throw new Error(`validation: ${m}`);
  };
  if (rows.length !== 197) fail(`expected 197 countries, got ${rows.length}`);
  const members = rows.filter((r) => r.un_member).length;
  if (members !== 193) fail(`expected 193 UN members, got ${members}`);
  // Every English name form, every Spanish name form and every demonym must
  // point to exactly one country (case-insensitive for names).
  const check = (label, get, ci) => {
    const owner = new Map();
    for (const r of rows) {
      for (const v of get(r)) {
        const k = ci ? v.toLowerCase() : v;
        if (owner.has(k) && owner.get(k) !== r.code) fail(`${label} "${v}" used by ${owner.get(k)} and ${r.code}`);
        owner.set(k, r.code);
      }
    }
  };
  check('English name/alias', (r) => [r.name, ...r.aliases], true);
  check('Spanish name/alias', (r) => [r.name_es, ...r.aliases_es], true);
  check('English demonym', (r) => r.demonyms, false);
  check('Spanish demonym', (r) => r.demonyms_es, false);
  for (const r of rows) {
    for (const v of [...r.aliases, ...r.aliases_es, ...r.demonyms, ...r.demonyms_es]) {
      if (v.length < 2) fail(`${r.code}: value "${v}" shorter than 2 characters`);
      if (v.includes(';')) fail(`${r.code}: value "${v}" contains ';'`);
    }
    if (!r.name || !r.name_es || !r.official || !r.capital) fail(`${r.code}: empty name/official/capital`);
  }
}

// ---------------------------------------------------------------------------
// Tile-grid layout
//
// 1. Each country's anchor point (package latlng, or LAYOUT_ANCHOR below) is
//    mapped to a continuous grid position through two hand-tuned piecewise-linear
//    warps, one on longitude and one on latitude. The warps give dense regions
//    (Europe, the Caribbean, West Africa, the Gulf, the Levant) more cells per
//    degree and oceans, Siberia, Canada and the Sahara fewer.
// 2. Africa's and Europe's points are pulled a little towards their region's
//    mean (REGION_SHRINK) so those continents come out without inner holes.
// 3. Countries are assigned to distinct cells of the GRID_W x GRID_H grid by an
//    optimal assignment (Hungarian algorithm) minimising the sum of squared
//    distances between each country's position and its cell. The input order
//    is fixed (sorted by code) and the arithmetic is plain IEEE doubles, so
//    the result is deterministic. Empty outer rows/columns are trimmed.

// Anchors that differ from the package latlng, for layout only (countries.csv
// keeps the package values).
const LAYOUT_ANCHOR = {
  // Centroid (60N,100E) lies in Siberia; tile maps put Russia north-east of
  // Europe, next to the Baltics, Belarus and Ukraine.
  RU: [57, 33],
  // Schematic, as in common tile maps: Canada, the US and Mexico stacked
  // directly above each other on the west edge of the Caribbean (the package
  // centroids would leave rows of empty ocean between them).
  CA: [36, -98],
  US: [30, -98],
  MX: [22, -101],
  // Brazil's centroid (10S,55W) would leave it two rows below Venezuela and
  // Guyana; nudge it north-west so it touches them as on the real map.
  BR: [-4, -62],
  // China's centroid (35N,105E) lies in the interior; nudge it east so it
  // borders North Korea as on the real map.
  CN: [33, 112],
};

// After the warps, the points of a region are pulled towards the region's
// mean by this factor (1 = unchanged). Africa's big Saharan and central
// countries otherwise leave holes inside the continent; Europe's points
// otherwise leave a hole between Germany and Poland.
const REGION_SHRINK = {
  Africa: 0.85,
  Europe: 0.9,
};

// Longitudes west of this are wrapped to the east (+360) so that Samoa and
// Tonga sit with the rest of Oceania, east of Australia.
const WRAP_WEST_OF = -150;

// [longitude, column] knots; columns between knots are interpolated linearly.
const LNG_KNOTS = [
  [-125, 0],
  [-100, 2],
  [-90, 3.5],
  [-78, 5.5],
  [-60, 8.5],
  [-35, 10.5],
  [-20, 11.5],
  [-10, 12.5],
  [0, 14],
  [10, 16],
  [20, 18],
  [30, 20],
  [40, 21.5],
  [50, 23],
  [60, 24],
  [75, 25],
  [90, 26.5],
  [105, 28],
  [125, 30],
  [145, 31.5],
  [165, 33],
  [190, 35],
];
// [latitude, row] knots (row 0 = north).
const LAT_KNOTS = [
  [70, 0],
  [60, 2],
  [55, 3.5],
  [50, 5],
  [45, 6.5],
  [40, 8],
  [35, 9],
  [30, 10],
  [20, 11.5],
  [10, 13],
  [0, 14.5],
  [-10, 16],
  [-25, 17.5],
  [-45, 19.5],
];

function interp(knots, v) {
  if (v <= knots[0][0]) return knots[0][1] + (v - knots[0][0]) * ((knots[1][1] - knots[0][1]) / (knots[1][0] - knots[0][0]));
  for (let i = 1; i < knots.length; i++) {
    const [x0, y0] = knots[i - 1];
    const [x1, y1] = knots[i];
    if (v <= x1) return y0 + ((v - x0) * (y1 - y0)) / (x1 - x0);
  }
  const [x0, y0] = knots[knots.length - 2];
  const [x1, y1] = knots[knots.length - 1];
  return y1 + ((v - x1) * (y1 - y0)) / (x1 - x0);
}
// LAT_KNOTS are given north to south (descending latitude).
function latToRow(lat) {
  const asc = LAT_KNOTS.map(([l, r]) => [-l, r]);
  return interp(asc, -lat);
}

// Rectangular Hungarian algorithm (n rows <= m columns), e-maxx formulation.
// cost(i, j) for i in [0,n), j in [0,m). Returns assignment[i] = j.
function hungarian(n, m, cost) {
  const INF = Infinity;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(INF);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = INF;
      let j1 = -1;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const assign = new Array(n);
  for (let j = 1; j <= m; j++) if (p[j]) assign[p[j] - 1] = j - 1;
  return assign;
}

const GRID_W = 36;
const GRID_H = 22;

function buildLayout(rows) {
  const pts = rows.map((r) => {
    let [lat, lng] = LAYOUT_ANCHOR[r.code] || [r.lat, r.lng];
    if (lng < WRAP_WEST_OF) lng += 360;
    return { code: r.code, x: interp(LNG_KNOTS, lng), y: latToRow(lat) };
  });
  for (const [region, factor] of Object.entries(REGION_SHRINK)) {
    const idx = rows.map((r, i) => (r.region === region ? i : -1)).filter((i) => i >= 0);
    const cx = idx.reduce((a, i) => a + pts[i].x, 0) / idx.length;
    const cy = idx.reduce((a, i) => a + pts[i].y, 0) / idx.length;
    for (const i of idx) {
      pts[i].x = cx + factor * (pts[i].x - cx);
      pts[i].y = cy + factor * (pts[i].y - cy);
    }
  }
  const cells = [];
  for (let row = 0; row < GRID_H; row++) for (let col = 0; col < GRID_W; col++) cells.push([col, row]);
  const cost = (i, j) => {
    const dx = pts[i].x - cells[j][0];
    const dy = pts[i].y - cells[j][1];
    return dx * dx + dy * dy;
  };
  const assign = hungarian(pts.length, cells.length, cost);
  let placed = pts.map((p, i) => ({ code: p.code, col: cells[assign[i]][0], row: cells[assign[i]][1] }));
  // Trim empty outer rows/columns so the grid is compact and starts at 0,0.
  const minCol = Math.min(...placed.map((p) => p.col));
  const minRow = Math.min(...placed.map((p) => p.row));
  placed = placed.map((p) => ({ ...p, col: p.col - minCol, row: p.row - minRow }));
  const width = Math.max(...placed.map((p) => p.col)) + 1;
  const height = Math.max(...placed.map((p) => p.row)) + 1;
  return { placed, width, height };
}

function asciiMap({ placed, width, height }) {
  const grid = Array.from({ length: height }, () => Array(width).fill('..'));
  for (const p of placed) grid[p.row][p.col] = p.code;
  return grid.map((r) => r.join(' ')).join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Outputs

const HEADER = 'code,name,official,aliases,demonyms,capital,name_es,aliases_es,demonyms_es,region,subregion,lat,lng,un_member,alpha3';

function countriesCsv(rows) {
  const lines = [HEADER];
  for (const r of rows) {
    lines.push(
      csvLine([
        r.code,
        r.name,
        r.official,
        r.aliases.join(';'),
        r.demonyms.join(';'),
        r.capital,
        r.name_es,
        r.aliases_es.join(';'),
        r.demonyms_es.join(';'),
        r.region,
        r.subregion,
        r.lat.toFixed(2),
        r.lng.toFixed(2),
        r.un_member ? 'true' : 'false',
        r.alpha3,
      ]),
    );
  }
  return lines.join('\n') + '\n';
}

function layoutCsv({ placed }) {
  const lines = ['code,col,row'];
  for (const p of [...placed].sort((a, b) => (a.code < b.code ? -1 : 1))) lines.push(csvLine([p.code, p.col, p.row]));
  return lines.join('\n') + '\n';
}

function sourcesMd(rows, layout) {
  const esDem = rows.filter((r) => r.demonyms_es.length).length;
  return `# Country gazetteer: sources

Generated by \`scripts/gazetteer/generate.mjs\`; do not edit \`countries.csv\`,
\`layout.csv\`, \`layout.txt\` or this file by hand. Edit
\`aliases-overlay.csv\` (or the script) and regenerate.

## Regenerate

\`\`\`sh
cd scripts/gazetteer && npm ci && node generate.mjs
node generate.mjs --check    # exit 1 if the committed files are stale
node generate.mjs --report   # also list every package alt spelling that was dropped
node --test ../../tests/data/ # data invariants (needs no packages)
\`\`\`

## Inputs

| package | version | license | used for |
| --- | --- | --- | --- |
| \`world-countries\` (mledoze/countries) | ${WC_VERSION} | ODbL-1.0 | names, official names, alt spellings, English demonyms, capitals, Spanish translations, region, subregion, latlng, UN membership, ISO alpha-3 codes |
| \`i18n-iso-countries\` | ${I18N_VERSION} | MIT | extra English and Spanish names (\`langs/en.json\`, \`langs/es.json\`) |

Both are pinned exactly in \`scripts/gazetteer/package.json\` and
\`package-lock.json\`; the script refuses to run against other installed
versions. world-countries is under the Open Database License: \`countries.csv\`
is a derived database, so it stays under ODbL-1.0 with attribution to
mledoze/countries.

## Selection

${rows.length} rows: the 193 UN member states plus Kosovo (XK), Taiwan (TW),
Palestine (PS) and Vatican City / Holy See (VA), which have \`un_member=false\`.
(world-countries ${WC_VERSION} flags VA as a UN member; the Holy See is an
observer state, so the script overrides that.) No dependent territories.

## Columns of countries.csv

- \`code\`: ISO 3166-1 alpha-2 (XK for Kosovo, user-assigned code).
- \`name\`: world-countries \`name.common\`, unless the overlay sets \`name\`
  (the package's form then stays an alias).
- \`official\`: world-countries \`name.official\`.
- \`aliases\` (\`;\`-separated): other English names, in this order: the
  package common name (if replaced), the official name, world-countries
  \`altSpellings\`, i18n-iso-countries English names, then overlay additions.
  Automatic rules drop: 2-letter codes; non-Latin scripts; inverted forms with a
  comma ("Korea, Republic of"); forms with parentheses; a leading "The" (the
  rest is kept). For \`altSpellings\` only (they mix languages) also:
  entries equal to one of the country's demonyms ("Thai", "Togolese");
  entries with non-ASCII letters (native or transliterated forms such as
  "België", "Pākistān"; English forms with accents, like "Côte d'Ivoire",
  come in through i18n-iso-countries); and entries with a word that occurs in
  no English name, demonym or capital of the selected countries ("Schweiz",
  "Nippon", "Brasil", "Republika Srbija"); all-caps acronyms such as DPRK and
  DRC are kept. Duplicates are removed case-insensitively. Overlay
  \`remove_alias\` rows drop specific entries (applied before the rules, so a
  deliberate removal stays recorded even where a rule also applies).
  \`node generate.mjs --report\` lists everything the rules dropped.
- \`demonyms\`: world-countries \`demonyms.eng\` (m and f, split on "," and
  "or", deduplicated, minus forms equal to a name/alias), plus overlay
  additions, minus overlay \`remove_demonym\`.
- \`capital\`: first world-countries capital (overlay may replace).
- \`name_es\`: world-countries \`translations.spa.common\`, unless the overlay
  sets \`name_es\`.
- \`aliases_es\`: Spanish common/official names from world-countries
  (\`translations.spa\`, \`name.native.spa\`) and i18n-iso-countries \`es\`,
  minus forms with commas or parentheses and case-insensitive duplicates, plus
  overlay additions, minus overlay \`remove_alias_es\`.
- \`demonyms_es\`: only from the overlay (the packages have none); ${esDem}
  countries have them: all of the Americas and the Caribbean except Grenada
  ("granadino" is the demonym of Granada, Spain), the EU, and the other actors
  that matter for the Venezuela crisis. Masculine and feminine singular.
- \`region\`, \`subregion\`: world-countries.
- \`lat\`, \`lng\`: world-countries \`latlng\` (a rough centre, often whole
  degrees), 2 decimals.
- \`un_member\`: \`true\` for the 193 UN members.
- \`alpha3\`: ISO 3166-1 alpha-3, world-countries \`cca3\` (XKX for Kosovo,
  the user-assigned code the EU and IMF use; the package gives UNK). The
  app's exports carry it beside the alpha-2 code.

Guarantees checked by the script and by \`tests/data/gazetteer.test.mjs\`: every
English name/alias (case-insensitive), every Spanish name/alias
(case-insensitive), every English demonym and every Spanish demonym belongs to
exactly one country; no value is shorter than 2 characters.

## The overlay (aliases-overlay.csv)

Hand-reviewed rows \`code,field,value,note\`; \`value\` may hold several
\`;\`-separated entries; \`note\` says why. Fields:

| field | effect |
| --- | --- |
| \`aliases\`, \`demonyms\`, \`aliases_es\`, \`demonyms_es\` | add entries |
| \`remove_alias\`, \`remove_alias_es\`, \`remove_demonym\` | drop one entry that the packages supply |
| \`name\`, \`name_es\`, \`capital\` | replace the package value |

The script fails if an overlay row is unknown, does not apply (e.g. a removal
that matches nothing) or adds something already present, so the overlay cannot
silently rot when the packages are upgraded.

## Ambiguous names

These are kept as names or aliases, but match them with care (case-sensitive
matching, context words, longest match first):

- **Country names that are common words or other names**: Turkey (the bird),
  Chad and Jordan (first names; Jordan also the river), Georgia (US state;
  "Georgian" also the era), Israel (first name), Niger (inside "Nigeria" without
  word boundaries), Guinea (also "guinea pig"; and inside Guinea-Bissau,
  Equatorial Guinea, Papua New Guinea), Chile (chili), China (porcelain), Cuba,
  Jamaica (Queens, NY), Lebanon and Peru (US towns), Panama (Panama Canal,
  Panama Papers, Panama City FL), Monaco (the Grand Prix), Togo ("to go" when
  case is ignored), Mali, Malta, Dominica (vs Dominican Republic),
  Micronesia (the region), Samoa (vs American Samoa), Ireland (vs Northern
  Ireland, which is in GB), Sudan (inside South Sudan), Macedonia (alias of
  North Macedonia; also the Greek region), Trinidad (alias of Trinidad and
  Tobago; also cities in Bolivia and Cuba), Colombia (never match
  "Columbia": District of Columbia, British Columbia).
- **Congo**: deliberately no alias: "Congo" alone may mean CD or CG (in news
  usually CD). Same for "Korea" (KP or KR) and for the Spanish "Congo".
- **America / American (US)**: "America" is a US alias, but must not match in
  "Latin America", "South/Central/North America", "the Americas", and
  "American" not in "Latin American", "Inter-American", "South American",
  "Organization of American States". "US" and "UK" are aliases that must be
  matched case-sensitively ("us"). "Indian" may mean Native American.
- **Substring names**: "Republic of China" (TW) is inside "People's Republic of
  China" (CN); "Estados Unidos" (US) is inside "Estados Unidos Mexicanos" (MX);
  "Guinea" and "Sudan" as above: prefer the longest match.
- **Demonyms**: "Dominican" is kept only for the Dominican Republic (DO) and
  "Congolese" only for DR Congo (CD). Spanish: "indio/india" (IN) is also used
  for indigenous people in Latin America; several feminine demonyms equal the
  lower-case country name (argentina, china, siria, estonia, palestina, ...).
- **Spanish names**: Granada (GD; also the Spanish city), Mauricio (MU; a
  first name, e.g. Mauricio Macri), Georgia, Chad, Guinea, Chile, China, Cuba,
  India (lower-case "china", "cuba", "india" are common words), Holanda (NL;
  also the Dutch provinces), Níger/Nigeria.
- **Places that are also country names**: Armenia (also a city in
  Colombia), Trinidad (cities in Bolivia and Cuba), Granada (Spain and
  Nicaragua), Santa Lucía and San Vicente (many towns), Georgia (US state),
  Sucre (BO capital and a Venezuelan state), Guayana (the Venezuelan region
  Guayana Esequiba, disputed with Guyana: never an alias of GY).
- **Venues that are not actors** (topic-specific): the Lima Group / Grupo de
  Lima is a coalition, not Peru; the Oslo and Barbados talks (2019) and the
  Barbados Agreement (2023) are Norwegian-mediated negotiations, the Mexico
  City talks (2021) too; the Montevideo Mechanism and the International
  Contact Group are multilateral. A mention of the venue says nothing about
  that country's own stance.
- **Capitals often used as metonyms** (not in \`aliases\`): Washington (also
  the state and a surname), Georgetown (GY; also the DC neighbourhood and
  university), Santiago (CL; also Santiago de Cuba, Santiago de Compostela),
  Kingston, Victoria, San José, Panama City, Tripoli (Libya, also Lebanon),
  Kuwait City, Mexico City, Guatemala City, Vatican City, and city-states
  whose capital equals the country name (Singapore, Monaco, Luxembourg,
  San Marino, Djibouti).

## Layout (layout.csv, layout.txt)

Every country gets one square cell on a ${layout.width} x ${layout.height} grid
(col 0 = west, row 0 = north). Anchor points (world-countries \`latlng\`; a
few overridden for the layout only: ${Object.keys(LAYOUT_ANCHOR).join(', ')})
go through hand-tuned piecewise-linear warps of longitude and latitude that
give Europe, the Caribbean, West Africa and the Middle East more room; the
points of ${Object.keys(REGION_SHRINK).join(' and ')} are pulled slightly towards their
region's mean so those continents have no inner holes; then an optimal
assignment (Hungarian algorithm, minimum total squared distance) puts each
country on its own cell. Samoa and Tonga are wrapped east of the dateline so
Oceania stays together. The tuning constants live in \`generate.mjs\`.
\`layout.txt\` shows the grid with codes, \`..\` for an empty cell.

Neighbourhoods worth knowing: Venezuela touches Colombia and Guyana, with
Brazil diagonally below; Canada, the US and Mexico are stacked on the west
edge; Russia is one tile north-east of Europe, next to Latvia and Belarus.
`;
}

// ---------------------------------------------------------------------------

function main() {
  const { rows, dropped: droppedAll } = buildCountries();
  // Report only what did not reach the output some other way, once.
  const kept = new Set(rows.flatMap((r) => [r.code + '\0' + r.name, ...r.aliases.map((a) => r.code + '\0' + a), ...r.aliases_es.map((a) => r.code + '\0' + a), ...r.demonyms.map((a) => r.code + '\0' + a)]));
  const dropped = [...new Map(droppedAll.filter(([code, , v]) => !kept.has(code + '\0' + v)).map((d) => [d.join('|'), d])).values()];
  const layout = buildLayout(rows);
  const ascii = asciiMap(layout);
  const files = {
    'countries.csv': countriesCsv(rows),
    'layout.csv': layoutCsv(layout),
    'layout.txt': ascii,
    'SOURCES.md': sourcesMd(rows, layout),
  };
  if (!CHECK) process.stdout.write(`${rows.length} countries, grid ${layout.width} x ${layout.height}\n\n${ascii}\n`);
  if (REPORT) {
    process.stdout.write('Dropped package values (code, field, value, reason):\n');
    for (const d of dropped) process.stdout.write(`  ${d.join(' | ')}\n`);
  }
  if (CHECK) {
    const stale = Object.entries(files).filter(([f, text]) => {
      const p = path.join(OUT_DIR, f);
      return !existsSync(p) || readFileSync(p, 'utf8') !== text;
    });
    if (stale.length) {
      console.error(`stale: ${stale.map(([f]) => `data/gazetteer/${f}`).join(', ')}; run: cd scripts/gazetteer && node generate.mjs`);
      process.exit(1);
    }
    console.error('data/gazetteer is up to date');
    return;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(OUT_DIR, f), text);
  console.error(`wrote ${Object.keys(files).map((f) => `data/gazetteer/${f}`).join(', ')}`);
}

main();
