// Checks for data/gazetteer/governments.csv: the terms of the governments whose
// statements the stance model attributes by date (see DESIGN.md, "Why a stance
// belongs to a government"). Run with: node --test tests/data/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTable, isDate } from '../../scripts/gazetteer/csv.mjs';

const ROOT = new URL('../../', import.meta.url);
const read = (p) => readFileSync(new URL(p, ROOT), 'utf8');

const table = (p) => readTable(read(p));

const HEADER = ['actor', 'head', 'role', 'from', 'to', 'source', 'note'];
const gov = table('data/gazetteer/governments.csv');
const countries = table('data/gazetteer/countries.csv').rows;
const groups = table('data/gazetteer/groups.csv').rows;
const office = table('data/gazetteer/officeholders.csv').rows;
const dataset = JSON.parse(read('data/dataset.json'));

const START = '2018-01-01';
const byActor = new Map();
for (const r of gov.rows) {
  if (!byActor.has(r.actor)) byActor.set(r.actor, []);
  byActor.get(r.actor).push(r);
}
const inOffice = (actor, day) => (byActor.get(actor) ?? []).find((r) => r.from <= day && (r.to === '' || day < r.to));

test('governments.csv: header, line ends and field counts', () => {
  assert.deepEqual(gov.head, HEADER);
  assert.ok(!gov.text.includes('\r') && gov.text.endsWith('\n'));
  for (const r of gov.rows) assert.equal(r._n, HEADER.length, `line ${r._line}`);
});

test('governments.csv: every row has a country, a head, a role, valid dates and an http(s) source', () => {
  const codes = new Set(countries.map((c) => c.code));
  for (const r of gov.rows) {
    const at = `line ${r._line} (${r.actor} ${r.head})`;
    assert.ok(codes.has(r.actor), `${at}: unknown country`);
    assert.ok(r.head.trim() !== '' && r.head === r.head.trim(), `${at}: head`);
    assert.ok(/^[a-z][a-z ]*[a-z]$/.test(r.role), `${at}: role ${JSON.stringify(r.role)}`);
    assert.ok(isDate(r.from), `${at}: from`);
    assert.ok(r.to === '' || (isDate(r.to) && r.from < r.to), `${at}: to`);
    assert.ok(/^https?:\/\/\S+$/.test(r.source), `${at}: source`);
  }
});

test('governments.csv: each country has one unbroken sequence of terms from 2018 to today', () => {
  for (const [actor, rows] of byActor) {
    assert.ok(rows[0].from <= START, `${actor}: first term starts ${rows[0].from}, after ${START}`);
    for (let i = 1; i < rows.length; i++) {
      assert.ok(rows[i - 1].from < rows[i].from, `${actor}: rows out of order at line ${rows[i]._line}`);
      assert.equal(rows[i - 1].to, rows[i].from, `${actor}: gap or overlap between ${rows[i - 1].head} and ${rows[i].head}`);
    }
    assert.equal(rows.at(-1).to, '', `${actor}: the last term is open`);
  }
});

test('governments.csv covers every country with an event, the Americas, the EU and the G20', () => {
  const codes = new Set(countries.map((c) => c.code));
  const need = new Set(dataset.events.map((e) => e.actor).filter((a) => codes.has(a)));
  for (const c of countries) if (c.region === 'Americas') need.add(c.code);
  for (const g of groups) if (g.group === 'eu' && g.to === '') need.add(g.member);
  for (const c of 'AR AU BR CA CN DE FR GB ID IN IT JP KR MX RU SA TR US ZA'.split(' ')) need.add(c);
  const missing = [...need].filter((c) => !byActor.has(c)).sort();
  assert.deepEqual(missing, [], `countries without terms: ${missing.join(' ')}`);
});

test('governments.csv: the regime changes are there', () => {
  assert.equal(inOffice('BO', '2019-12-01').head, 'Jeanine Áñez');
  assert.equal(inOffice('BO', '2021-01-01').head, 'Luis Arce');
  assert.equal(inOffice('SY', '2024-12-07').head, 'Bashar al-Assad');
  assert.notEqual(inOffice('SY', '2024-12-08').head, 'Bashar al-Assad');
  assert.equal(inOffice('BR', '2023-01-01').head, 'Luiz Inácio Lula da Silva');
  assert.equal(inOffice('AR', '2019-12-10').head, 'Alberto Fernández');
  assert.equal(inOffice('VE', '2026-01-03').head, 'Delcy Rodríguez');
});

test('governments.csv agrees with the heads of government in officeholders.csv', () => {
  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '');
  const surname = (n) => fold(n.split(' ').at(-1));
  const heads = office.filter((o) => ['president', 'prime minister', 'chancellor'].includes(o.role) && o.name.includes(' '));
  let checked = 0;
  for (const o of heads) {
    const terms = byActor.get(o.actor);
    if (!terms) continue;
    // The middle of the office-holder's period inside the years the file covers.
    const from = o.from < START ? START : o.from;
    const to = o.to || '2026-12-01';
    if (to <= from) continue;
    const mid = new Date((Date.parse(from) + Date.parse(to)) / 2).toISOString().slice(0, 10);
    // And its last day: an open term in officeholders.csv must still be open
    // in governments.csv, or the extractor names a past head as today's.
    const last = new Date(Date.parse(to) - 86400000).toISOString().slice(0, 10);
    for (const day of [mid, last]) {
      const g = inOffice(o.actor, day);
      if (!g || g.role !== o.role) continue;
      checked++;
      assert.ok(fold(g.head).includes(surname(o.name)), `${o.actor} on ${day}: officeholders.csv has ${o.name}, governments.csv ${g.head}`);
    }
  }
  assert.ok(checked >= 20, `only ${checked} office-holders compared`);
});

test('turning_points.csv: dated, ordered, sourced', () => {
  const tp = table('data/gazetteer/turning_points.csv');
  assert.deepEqual(tp.head, ['date', 'name', 'source', 'note']);
  assert.ok(!tp.text.includes('\r') && tp.text.endsWith('\n'));
  let last = '';
  for (const r of tp.rows) {
    assert.equal(r._n, 4, `line ${r._line}`);
    assert.ok(isDate(r.date) && r.date > last, `line ${r._line}: date ${r.date}`);
    assert.ok(/^https?:\/\/\S+$/.test(r.source), `line ${r._line}: source`);
    last = r.date;
  }
  assert.deepEqual(dataset.turning_points.map((p) => p.date), tp.rows.map((r) => r.date), 'the dataset carries them');
});
