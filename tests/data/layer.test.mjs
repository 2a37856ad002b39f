// Checks for the data behind the recognition layer and the Play captions:
// data/gazetteer/claims.csv (whom a recognition act recognises, by side and
// date) and data/gazetteer/captions.csv (the key dates Play stops on).
// Run with: node --test tests/data/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTable, isDate } from '../../scripts/gazetteer/csv.mjs';

const ROOT = new URL('../../', import.meta.url);
const read = (p) => readFileSync(new URL(p, ROOT), 'utf8');
const table = (p) => readTable(read(p));
const dataset = JSON.parse(read('data/dataset.json'));
const lastEvent = dataset.events.map((e) => e.date).sort().at(-1);

test('captions.csv: header, one row per key date, in order, each with a source', () => {
  const t = table('data/gazetteer/captions.csv');
  assert.deepEqual(t.head, ['date', 'caption', 'source']);
  assert.ok(!t.text.includes('\r') && t.text.endsWith('\n'));
  const dates = t.rows.map((r) => r.date);
  for (const r of t.rows) {
    const at = `line ${r._line}`;
    assert.equal(r._n, 3, at);
    assert.ok(isDate(r.date) && r.date >= '2019-01-01' && r.date <= lastEvent, `${at}: date ${r.date} outside the map's range`);
    assert.ok(r.caption.length >= 20 && r.caption.length <= 170 && r.caption === r.caption.trim(), `${at}: caption length`);
    assert.ok(/[.!]$/.test(r.caption), `${at}: a caption is a sentence`);
    assert.ok(!/[<>]/.test(r.caption), `${at}: no markup`);
    assert.ok(/^https?:\/\/\S+$/.test(r.source), `${at}: source`);
  }
  assert.deepEqual(dates, [...dates].sort(), 'oldest first');
  assert.equal(new Set(dates).size, dates.length, 'one caption a day');
  for (const key of ['2019-01-23', '2019-02-04', '2023-01-05', '2024-07-28', '2025-01-10', '2026-01-03']) {
    assert.ok(dates.includes(key), `a caption for ${key}`);
  }
});

test('captions.csv: the turning points of the stance model are captioned', () => {
  const turning = table('data/gazetteer/turning_points.csv').rows.map((r) => r.date);
  const dates = new Set(table('data/gazetteer/captions.csv').rows.map((r) => r.date));
  for (const d of turning) assert.ok(dates.has(d), `turning point ${d} has a caption`);
});

test('claims.csv: one row per claimant, valid dates, sides that agree with the turning points', () => {
  const t = table('data/gazetteer/claims.csv');
  assert.deepEqual(t.head, ['claimant', 'side', 'from', 'to', 'label', 'source', 'note']);
  assert.ok(!t.text.includes('\r') && t.text.endsWith('\n'));
  assert.deepEqual(t.rows.map((r) => r.claimant), ['guaido', 'gonzalez', 'maduro']);
  for (const r of t.rows) {
    const at = `line ${r._line} (${r.claimant})`;
    assert.equal(r._n, 7, at);
    assert.ok(['opposition', 'government'].includes(r.side), `${at}: side`);
    assert.ok(isDate(r.from) && (r.to === '' || (isDate(r.to) && r.from < r.to)), `${at}: dates`);
    assert.ok(r.label.trim().length > 0, `${at}: label`);
    assert.ok(/^https?:\/\/\S+$/.test(r.source), `${at}: source`);
  }
  // Two claims of one side never overlap: an act's date names one claimant.
  const opp = t.rows.filter((r) => r.side === 'opposition').sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let i = 1; i < opp.length; i++) assert.ok(opp[i - 1].to !== '' && opp[i - 1].to <= opp[i].from, 'opposition claims overlap');
  // Guaidó's claim ends with the interim government, González's starts with the election.
  const turning = table('data/gazetteer/turning_points.csv').rows.map((r) => r.date);
  const by = Object.fromEntries(t.rows.map((r) => [r.claimant, r]));
  assert.ok(turning.includes(by.guaido.to), 'Guaidó’s claim ends on a turning point');
  assert.ok(turning.includes(by.gonzalez.from), 'González’s claim starts on a turning point');
});
