// Checks for the hand-reviewed actor data in data/gazetteer/:
// officeholders.csv, seats.csv, organisations.csv, groups.csv, group_names.csv.
// Run with: node --test tests/data/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCsv, isDate } from '../../scripts/gazetteer/csv.mjs';

const DIR = new URL('../../data/gazetteer/', import.meta.url);


function load(file, header) {
  const text = readFileSync(new URL(file, DIR), 'utf8');
  assert.ok(!text.includes('\r'), `${file}: LF line ends only`);
  assert.ok(text.endsWith('\n'), `${file}: ends with a newline`);
  assert.ok(!text.startsWith('\uFEFF'), `${file}: no byte-order mark`);
  for (const line of text.split('\n')) {
    assert.ok(!line.startsWith('#'), `${file}: comment lines are not allowed: ${line}`);
  }
  const [head, ...body] = parseCsv(text);
  assert.deepEqual(head, header, `${file}: header`);
  return body.map((cells, i) => {
    assert.equal(cells.length, header.length, `${file} row ${i + 2}: ${cells.length} fields`);
    const rec = Object.fromEntries(header.map((h, j) => [h, cells[j]]));
    rec._line = i + 2;
    return rec;
  });
}

const OFFICE_HEADER = ['name', 'actor', 'role', 'from', 'to', 'note'];
const SEATS_HEADER = ['name', 'actor', 'note'];
const ORGS_HEADER = ['code', 'name', 'aliases', 'aliases_es', 'note'];
const GROUPS_HEADER = ['group', 'member', 'from', 'to', 'note'];
const GROUP_NAMES_HEADER = ['name', 'group', 'lang'];

const office = load('officeholders.csv', OFFICE_HEADER);
const seats = load('seats.csv', SEATS_HEADER);
const orgs = load('organisations.csv', ORGS_HEADER);
const groups = load('groups.csv', GROUPS_HEADER);
const groupNames = load('group_names.csv', GROUP_NAMES_HEADER);

const orgCodes = new Set(orgs.map((o) => o.code));


// Periods are [from, to): from inclusive, to exclusive, empty to = still running.
const END = '9999-12-31';
const overlaps = (a, b) => a.from < (b.to || END) && b.from < (a.to || END);
const within = (r, day) => r.from <= day && (r.to === '' || day < r.to);

function checkPeriods(file, rows) {
  for (const r of rows) {
    assert.ok(isDate(r.from), `${file} line ${r._line}: bad from ${JSON.stringify(r.from)}`);
    if (r.to !== '') {
      assert.ok(isDate(r.to), `${file} line ${r._line}: bad to ${JSON.stringify(r.to)}`);
      assert.ok(r.from < r.to, `${file} line ${r._line}: from ${r.from} not before to ${r.to}`);
    }
  }
}

const isActor = (a) => orgCodes.has(a) || /^[A-Z]{2}$/.test(a);

test('no field has stray surrounding whitespace and required fields are set', () => {
  const sets = [
    ['officeholders.csv', office, ['name', 'actor', 'role', 'from']],
    ['seats.csv', seats, ['name', 'actor']],
    ['organisations.csv', orgs, ['code', 'name']],
    ['groups.csv', groups, ['group', 'member', 'from']],
    ['group_names.csv', groupNames, ['name', 'group', 'lang']],
  ];
  for (const [file, rows, required] of sets) {
    for (const r of rows) {
      for (const [k, v] of Object.entries(r)) {
        if (k === '_line') continue;
        assert.equal(v, v.trim(), `${file} line ${r._line}: ${k} has surrounding whitespace`);
      }
      for (const k of required) assert.notEqual(r[k], '', `${file} line ${r._line}: empty ${k}`);
    }
  }
});

test('officeholders: dates are valid and from < to', () => {
  assert.ok(office.length >= 150, `only ${office.length} officeholder rows`);
  checkPeriods('officeholders.csv', office);
});

test('officeholders: no surface form names two actors at the same time', () => {
  const byName = new Map();
  for (const r of office) {
    const key = r.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, []);
    byName.get(key).push(r);
  }
  for (const [name, rows] of byName) {
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const [a, b] = [rows[i], rows[j]];
        if (a.actor !== b.actor) {
          assert.ok(
            !overlaps(a, b),
            `"${name}" is ${a.actor} (line ${a._line}) and ${b.actor} (line ${b._line}) at the same time`,
          );
        }
        assert.ok(
          !(a.actor === b.actor && a.from === b.from),
          `"${name}" duplicated at lines ${a._line} and ${b._line}`,
        );
      }
    }
  }
});

test('officeholders: known time-dependent forms resolve as expected', () => {
  const resolve = (name, day) =>
    [...new Set(office.filter((r) => r.name === name && within(r, day)).map((r) => r.actor))];
  assert.deepEqual(resolve('Trump', '2019-01-23'), ['US']);
  assert.deepEqual(resolve('Trump', '2023-06-01'), []);
  assert.deepEqual(resolve('Trump', '2025-08-01'), ['US']);
  assert.deepEqual(resolve('Borrell', '2019-03-01'), ['ES']);
  assert.deepEqual(resolve('Borrell', '2021-03-01'), ['EU']);
  assert.deepEqual(resolve('Peña', '2019-01-23'), []);
  assert.deepEqual(resolve('Peña', '2024-08-01'), ['PY']);
  assert.deepEqual(resolve('Pacolli', '2019-02-05'), ['XK']);
});

test('officeholders and seats: actors are valid codes and never VE', () => {
  for (const [file, rows] of [['officeholders.csv', office], ['seats.csv', seats]]) {
    for (const r of rows) {
      assert.notEqual(r.actor, 'VE', `${file} line ${r._line}: Venezuela is never an actor`);
      assert.ok(isActor(r.actor), `${file} line ${r._line}: unknown actor ${r.actor}`);
    }
  }
});

test('officeholders: no Venezuelan figure is listed', () => {
  const venezuelan = /maduro|guaid[oó]|urrutia|edmundo|machado|delcy|cabello|padrino|leopoldo|capriles|ch[aá]vez/i;
  for (const r of office) {
    assert.ok(!venezuelan.test(r.name), `officeholders.csv line ${r._line}: ${r.name}`);
  }
});

test('seats: no Venezuelan seat, no ambiguous city, no duplicate', () => {
  const banned = /caracas|miraflores|fuerte tiuna/i;
  const excluded = new Set(['santiago', 'lima', 'san jose', 'san josé', 'cancillería', 'cancilleria', 'georgetown']);
  const seen = new Map();
  const officeNames = new Set(office.map((r) => r.name.toLowerCase()));
  for (const r of seats) {
    assert.ok(!banned.test(r.name), `seats.csv line ${r._line}: ${r.name} stands for Venezuela`);
    const key = r.name.toLowerCase();
    assert.ok(!excluded.has(key), `seats.csv line ${r._line}: ${r.name} is ambiguous and excluded`);
    assert.ok(!seen.has(key), `seats.csv: ${r.name} at lines ${seen.get(key)} and ${r._line}`);
    assert.ok(!officeNames.has(key), `seats.csv line ${r._line}: ${r.name} is also an officeholder form`);
    seen.set(key, r._line);
  }
});

test('organisations: codes, uniqueness and aliases', () => {
  // ISO 3166-1 codes that are reserved but not assigned to a country.
  const reservedTwoLetter = new Set(['EU', 'UN']);
  const seenCodes = new Set();
  const aliasOwner = new Map();
  for (const o of orgs) {
    assert.match(o.code, /^[A-Z]{2,8}$/, `organisations.csv line ${o._line}: code ${o.code}`);
    assert.notEqual(o.code, 'VE');
    if (o.code.length === 2) {
      assert.ok(reservedTwoLetter.has(o.code), `organisations.csv line ${o._line}: ${o.code} may be a country code`);
    }
    assert.ok(!seenCodes.has(o.code), `organisations.csv: duplicate code ${o.code}`);
    seenCodes.add(o.code);
    const names = [o.name, ...o.aliases.split(';'), ...o.aliases_es.split(';')].filter((s) => s !== '');
    for (const n of names) {
      assert.equal(n, n.trim(), `organisations.csv line ${o._line}: alias "${n}" has surrounding whitespace`);
      const owner = aliasOwner.get(n.toLowerCase());
      assert.ok(owner === undefined || owner === o.code, `alias "${n}" is used by ${owner} and ${o.code}`);
      aliasOwner.set(n.toLowerCase(), o.code);
    }
  }
  for (const code of ['EU', 'OAS', 'UN', 'CARICOM', 'MERCOSUR', 'ALBA', 'AFU', 'CELAC', 'UNASUR', 'ICG']) {
    assert.ok(seenCodes.has(code), `missing organisation ${code}`);
  }
});

test('groups: dates, members and no overlapping spells', () => {
  checkPeriods('groups.csv', groups);
  const spells = new Map();
  for (const g of groups) {
    assert.match(g.group, /^[a-z][a-z0-9_]*$/, `groups.csv line ${g._line}: group id ${g.group}`);
    assert.match(g.member, /^[A-Z]{2}$/, `groups.csv line ${g._line}: member ${g.member}`);
    assert.notEqual(g.member, 'VE', `groups.csv line ${g._line}: Venezuela is never a member`);
    const key = `${g.group}/${g.member}`;
    for (const other of spells.get(key) ?? []) {
      assert.ok(!overlaps(g, other), `groups.csv: ${key} overlaps at lines ${other._line} and ${g._line}`);
    }
    spells.set(key, [...(spells.get(key) ?? []), g]);
  }
});

const members = (group, day) =>
  groups.filter((g) => g.group === group && within(g, day)).map((g) => g.member).sort();

test('groups: Lima Group membership by date', () => {
  assert.deepEqual(
    members('lima_group', '2019-01-04'),
    ['AR', 'BR', 'CA', 'CL', 'CO', 'CR', 'GT', 'GY', 'HN', 'LC', 'PA', 'PE', 'PY'],
  );
  assert.ok(!members('lima_group', '2019-01-04').includes('MX'));
  assert.ok(members('lima_group', '2018-06-01').includes('MX'));
  assert.ok(!members('lima_group', '2021-06-01').includes('AR'));
  assert.ok(members('lima_group', '2021-03-23').includes('AR'));
  assert.ok(members('lima_group', '2020-06-01').includes('BO'));
  assert.ok(!members('lima_group', '2021-06-01').includes('BO'));
  assert.deepEqual(
    members('lima_group', '2017-08-08'),
    ['AR', 'BR', 'CA', 'CL', 'CO', 'CR', 'GT', 'HN', 'MX', 'PA', 'PE', 'PY'],
  );
});

test('groups: EU membership around Brexit', () => {
  const before = members('eu', '2020-01-31');
  const after = members('eu', '2020-02-01');
  assert.equal(before.length, 28);
  assert.ok(before.includes('GB'));
  assert.equal(after.length, 27);
  assert.ok(!after.includes('GB'));
});

test('group_names: every name points at a known group', () => {
  const ids = new Set(groups.map((g) => g.group));
  const seen = new Set();
  for (const n of groupNames) {
    assert.ok(ids.has(n.group), `group_names.csv line ${n._line}: unknown group ${n.group}`);
    assert.match(n.lang, /^[a-z]{2}$/, `group_names.csv line ${n._line}: lang ${n.lang}`);
    assert.ok(!seen.has(n.name), `group_names.csv line ${n._line}: duplicate ${n.name}`);
    seen.add(n.name);
  }
  for (const name of ['Lima Group', 'Grupo de Lima', 'International Contact Group', 'ALBA', 'Mercosur', 'CARICOM']) {
    assert.ok(seen.has(name), `missing group name ${name}`);
  }
});
