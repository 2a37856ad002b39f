// Invariants of the committed country gazetteer (data/gazetteer/).
// Runs with `node --test tests/data/`; uses no packages. To check that the
// files match their generator, run `node generate.mjs --check` in
// scripts/gazetteer (needs the pinned packages installed with `npm ci`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../scripts/gazetteer/csv.mjs';

const DIR = new URL('../../data/gazetteer/', import.meta.url);
const read = (name) => readFileSync(new URL(name, DIR), 'utf8');


function table(name) {
  const text = read(name);
  const [header, ...body] = parseCsv(text);
  const rows = body.map((r) => {
    assert.equal(r.length, header.length, `${name}: row ${r.join(',')} has ${r.length} fields`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
  return { text, header, rows };
}

const list = (s) => (s === '' ? [] : s.split(';'));

const countries = table('countries.csv');
const layout = table('layout.csv');
const byCode = new Map(countries.rows.map((r) => [r.code, r]));
const cellOf = new Map(layout.rows.map((r) => [r.code, [Number(r.col), Number(r.row)]]));

test('countries.csv header is exact', () => {
  assert.equal(
    countries.header.join(','),
    'code,name,official,aliases,demonyms,capital,name_es,aliases_es,demonyms_es,region,subregion,lat,lng,un_member,alpha3',
  );
});

test('files use LF line endings and end with a newline', () => {
  for (const name of ['countries.csv', 'layout.csv', 'aliases-overlay.csv']) {
    const text = read(name);
    assert.ok(!text.includes('\r'), `${name} contains CR`);
    assert.ok(text.endsWith('\n'), `${name} lacks a final newline`);
  }
});

test('197 countries: 193 UN members plus XK, TW, PS, VA', () => {
  assert.equal(countries.rows.length, 197);
  const nonMembers = countries.rows.filter((r) => r.un_member === 'false').map((r) => r.code);
  assert.deepEqual(nonMembers.sort(), ['PS', 'TW', 'VA', 'XK']);
  for (const r of countries.rows) assert.ok(['true', 'false'].includes(r.un_member), `${r.code}: un_member ${r.un_member}`);
});

test('ISO alpha-3 codes are unique, three uppercase letters, and XKX for Kosovo', () => {
  const codes = countries.rows.map((r) => r.alpha3);
  assert.equal(new Set(codes).size, codes.length);
  for (const c of codes) assert.match(c, /^[A-Z]{3}$/);
  for (const [a2, a3] of [['US', 'USA'], ['VE', 'VEN'], ['GB', 'GBR'], ['XK', 'XKX'], ['PS', 'PSE']]) {
    assert.equal(byCode.get(a2).alpha3, a3, a2);
  }
});

test('codes are unique, two uppercase letters, sorted', () => {
  const codes = countries.rows.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const c of codes) assert.match(c, /^[A-Z]{2}$/);
  assert.deepEqual(codes, [...codes].sort());
});

test('key countries are present', () => {
  for (const c of ['US', 'RU', 'CN', 'VE', 'XK', 'TW', 'PS', 'VA', 'GB', 'BR', 'CO']) {
    assert.ok(byCode.has(c), `${c} missing`);
  }
});

test('names are non-empty and values are clean', () => {
  for (const r of countries.rows) {
    for (const f of ['name', 'official', 'capital', 'name_es', 'region', 'subregion']) {
      assert.ok(r[f].trim().length > 0, `${r.code}: empty ${f}`);
      assert.equal(r[f], r[f].trim(), `${r.code}: ${f} has outer whitespace`);
    }
    for (const f of ['aliases', 'demonyms', 'aliases_es', 'demonyms_es']) {
      const vals = list(r[f]);
      assert.equal(new Set(vals).size, vals.length, `${r.code}: duplicate in ${f}`);
      for (const v of vals) {
        assert.ok(v.length >= 2, `${r.code}: ${f} value "${v}" shorter than 2 characters`);
        assert.equal(v, v.trim(), `${r.code}: ${f} value "${v}" has outer whitespace`);
      }
    }
  }
});

test('no English name or alias refers to two countries', () => {
  const owner = new Map();
  for (const r of countries.rows) {
    for (const v of [r.name, ...list(r.aliases)]) {
      const k = v.toLowerCase();
      assert.ok(!owner.has(k) || owner.get(k) === r.code, `"${v}" used by ${owner.get(k)} and ${r.code}`);
      owner.set(k, r.code);
    }
  }
});

test('no Spanish name or alias refers to two countries', () => {
  const owner = new Map();
  for (const r of countries.rows) {
    for (const v of [r.name_es, ...list(r.aliases_es)]) {
      const k = v.toLowerCase();
      assert.ok(!owner.has(k) || owner.get(k) === r.code, `"${v}" used by ${owner.get(k)} and ${r.code}`);
      owner.set(k, r.code);
    }
  }
});

test('no demonym refers to two countries', () => {
  for (const f of ['demonyms', 'demonyms_es']) {
    const owner = new Map();
    for (const r of countries.rows) {
      for (const v of list(r[f])) {
        assert.ok(!owner.has(v) || owner.get(v) === r.code, `${f} "${v}" used by ${owner.get(v)} and ${r.code}`);
        owner.set(v, r.code);
      }
    }
  }
});

test('curated aliases and demonyms are there', () => {
  const has = (code, f, v) => assert.ok(list(byCode.get(code)[f]).includes(v), `${code} ${f} lacks "${v}"`);
  for (const v of ['United States of America', 'U.S.', 'US', 'USA', 'America']) has('US', 'aliases', v);
  for (const v of ['UK', 'Britain', 'Great Britain']) has('GB', 'aliases', v);
  has('RU', 'aliases', 'Russian Federation');
  has('KR', 'aliases', 'Republic of Korea');
  has('CD', 'aliases', 'DRC');
  has('CI', 'aliases', "Côte d'Ivoire");
  has('RU', 'demonyms', 'Russian');
  has('US', 'demonyms', 'American');
  has('VE', 'demonyms', 'Venezuelan');
  has('RU', 'demonyms_es', 'rusa');
  has('US', 'demonyms_es', 'estadounidense');
  has('CN', 'demonyms_es', 'china');
  assert.equal(byCode.get('VE').name_es, 'Venezuela');
});

test('lat/lng are in range with 2 decimals', () => {
  for (const r of countries.rows) {
    assert.match(r.lat, /^-?\d+\.\d\d$/, `${r.code}: lat ${r.lat}`);
    assert.match(r.lng, /^-?\d+\.\d\d$/, `${r.code}: lng ${r.lng}`);
    assert.ok(Math.abs(Number(r.lat)) <= 90, `${r.code}: lat ${r.lat}`);
    assert.ok(Math.abs(Number(r.lng)) <= 180, `${r.code}: lng ${r.lng}`);
  }
});

test('layout.csv has exactly the countries of countries.csv', () => {
  assert.equal(layout.header.join(','), 'code,col,row');
  const codes = layout.rows.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length, 'duplicate code in layout.csv');
  assert.deepEqual([...codes].sort(), [...byCode.keys()].sort());
});

test('layout cells are non-negative integers and distinct', () => {
  const seen = new Map();
  for (const r of layout.rows) {
    assert.match(r.col, /^\d+$/, `${r.code}: col ${r.col}`);
    assert.match(r.row, /^\d+$/, `${r.code}: row ${r.row}`);
    const key = `${r.col},${r.row}`;
    assert.ok(!seen.has(key), `${r.code} and ${seen.get(key)} share cell ${key}`);
    seen.set(key, r.code);
  }
});

test('layout is compact and starts at 0,0', () => {
  const cols = layout.rows.map((r) => Number(r.col));
  const rows = layout.rows.map((r) => Number(r.row));
  assert.equal(Math.min(...cols), 0);
  assert.equal(Math.min(...rows), 0);
  assert.ok(Math.max(...cols) + 1 <= 36, 'grid wider than 36');
  assert.ok(Math.max(...rows) + 1 <= 22, 'grid taller than 22');
});

test('layout keeps geographic neighbours near each other', () => {
  // Chebyshev distance in cells.
  const dist = (a, b) => {
    const [ca, ra] = cellOf.get(a);
    const [cb, rb] = cellOf.get(b);
    return Math.max(Math.abs(ca - cb), Math.abs(ra - rb));
  };
  assert.ok(dist('VE', 'CO') <= 2, 'VE far from CO');
  assert.ok(dist('VE', 'BR') <= 2, 'VE far from BR');
  assert.ok(dist('VE', 'GY') <= 2, 'VE far from GY');
  assert.ok(dist('US', 'MX') <= 2 && cellOf.get('US')[1] < cellOf.get('MX')[1], 'US not just above MX');
  assert.ok(dist('US', 'CA') <= 2 && cellOf.get('CA')[1] < cellOf.get('US')[1], 'CA not just above US');
  assert.ok(dist('RU', 'BY') <= 2, 'RU far from BY');
  for (const [a, b] of [['FR', 'DE'], ['ES', 'PT'], ['AR', 'CL'], ['CN', 'MN'], ['AU', 'NZ'], ['EG', 'LY'], ['IN', 'PK']]) {
    assert.ok(dist(a, b) <= 3, `${a} far from ${b}`);
  }
});

test('layout.txt matches layout.csv', () => {
  const lines = read('layout.txt').trimEnd().split('\n').map((l) => l.split(' '));
  const fromTxt = new Map();
  lines.forEach((cells, row) =>
    cells.forEach((c, col) => {
      if (c !== '..') fromTxt.set(c, [col, row]);
    }),
  );
  assert.equal(fromTxt.size, cellOf.size);
  for (const [code, cell] of cellOf) assert.deepEqual(fromTxt.get(code), cell, `${code} differs between layout.txt and layout.csv`);
});
