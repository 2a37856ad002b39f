// The full export: every event of the dataset, and every country's stance at
// an interval, as CSV and JSON that parse and agree with the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowser, open } from './harness.mjs';
import { parseCsv } from '../../scripts/gazetteer/csv.mjs';

const root = new URL('../../', import.meta.url);
const dataset = JSON.parse(fs.readFileSync(new URL('data/dataset.json', root), 'utf8'));
const files = new Set(dataset.articles.map((a) => a.file));

/** RFC 4180 rows of a downloaded file, which must end with a line break. */
function parseFile(text) {
  assert.ok(text.endsWith('\n'), 'the file ends with a line break');
  return parseCsv(text);
}

const env = useBrowser();

async function save(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8') };
}

test('the events CSV holds every event of the dataset, with codes and sources, safe for spreadsheets', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  const { name, text } = await save(page, 'Events CSV');
  assert.match(name, /^stance-atlas-events-[0-9a-f]{8}\.csv$/);
  const version = name.match(/([0-9a-f]{8})/)[1];
  const [comment, ...lines] = text.split('\n');
  assert.match(comment, new RegExp(`^# Stance Atlas: every event \\(${dataset.events.length} rows\\)\\. Stance Atlas dataset; version ${version} .*CC BY 4\\.0.*apostrophe`));
  const [header, ...rows] = parseFile(lines.join('\n'));
  assert.deepEqual(header, ['date', 'actor', 'name', 'iso2', 'iso3', 'stance', 'kind', 'government', 'quote', 'outlet', 'title', 'url', 'article_date', 'confidence']);
  assert.equal(rows.length, dataset.events.length);
  const col = Object.fromEntries(header.map((h, i) => [h, i]));
  // Every event of the dataset is a row (a quote written after an apostrophe is still itself).
  const key = (date, actor, stance, quote) => `${date}|${actor}|${stance}|${quote}`;
  const have = new Map();
  for (const r of rows) {
    const k = key(r[col.date], r[col.actor], r[col.stance], r[col.quote].replace(/^'(?=[=+\-@\t\r])/, ''));
    have.set(k, (have.get(k) ?? 0) + 1);
  }
  for (const e of dataset.events) {
    const k = key(e.date, e.actor, e.stance, e.quote);
    assert.ok(have.get(k) > 0, `missing ${k}`);
    have.set(k, have.get(k) - 1);
  }
  const us = rows.find((r) => r[col.actor] === 'US');
  assert.deepEqual([us[col.iso2], us[col.iso3], us[col.name]], ['US', 'USA', 'United States']);
  assert.ok(rows.some((r) => r[col.actor] === 'XK' ? r[col.iso3] === 'XKX' : true));
  for (const r of rows) assert.ok(!r.some((c) => /^[=+\-@\t\r]/.test(c)), `a formula-like cell in ${r}`);
  // An internal file name only where neither a title nor an outlet is known.
  const leaks = rows.filter((r) => files.has(r[col.title]) && (r[col.outlet] || dataset.articles.find((a) => a.file === r[col.title]).title));
  assert.deepEqual(leaks, []);
  assert.ok(!rows.some((r) => r.some((c) => /\.txt$/.test(c) && r[col.outlet])), 'no .txt file name beside an outlet');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the events JSON parses and holds every event under the dataset version', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  const { text } = await save(page, 'Events JSON');
  const doc = JSON.parse(text);
  assert.match(doc.dataset.comment, /Stance Atlas dataset, version [0-9a-f]{8}/);
  assert.equal(doc.dataset.licence, 'CC BY 4.0');
  assert.equal(doc.events.length, dataset.events.length);
  const quotes = new Set(doc.events.map((e) => `${e.actor}|${e.date}|${e.quote}`));
  for (const e of dataset.events) assert.ok(quotes.has(`${e.actor}|${e.date}|${e.quote}`), `${e.actor} ${e.date}`);
  assert.ok(doc.events.every((e) => Object.keys(e).length === 14 && e.article_date && /^(0|1)\.\d\d$/.test(e.confidence)));
  await context.close();
});

test('the monthly country table agrees with the map on each of its dates', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  const { name, text } = await save(page, 'Table CSV');
  assert.match(name, /^stance-atlas-by-month-[0-9a-f]{8}\.csv$/);
  const [comment, ...lines] = text.split('\n');
  assert.match(comment, /^# Stance Atlas: each country's stance on the first day of each month .*version [0-9a-f]{8}/);
  const [header, ...rows] = parseFile(lines.join('\n'));
  assert.deepEqual(header.slice(0, 5), ['name', 'iso2', 'iso3', '2019-01-01', '2019-02-01']);
  assert.equal(rows.length, 196, 'every country but Venezuela');
  assert.ok(rows.every((r) => r.length === header.length));
  for (const day of ['2019-02-01', '2023-06-01']) {
    const c = header.indexOf(day);
    const view = await open(env.browser, env.server.origin, `?date=${day}`);
    const tiles = await view.page.$$eval('.tile[data-country]', (els) =>
      Object.fromEntries(els.map((e) => [e.dataset.country, e.dataset.evidence === 'previous-government' ? `previous:${e.dataset.stance}` : e.dataset.stance])));
    for (const r of rows) assert.equal(r[c], tiles[r[1]], `${r[1]} on ${day}`);
    await view.context.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the country table at a yearly interval, as JSON', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  await page.getByLabel("Each country's stance,").selectOption('year');
  const { name, text } = await save(page, 'Table JSON');
  assert.match(name, /^stance-atlas-by-year-[0-9a-f]{8}\.json$/);
  const doc = JSON.parse(text);
  assert.equal(doc.interval, 'year');
  assert.deepEqual(doc.dates.slice(0, 3), ['2019-01-01', '2020-01-01', '2021-01-01']);
  assert.equal(doc.countries.length, 196);
  assert.ok(doc.countries.every((c) => c.stances.length === doc.dates.length && /^[A-Z]{3}$/.test(c.iso3)));
  assert.match(doc.dataset.comment, /version [0-9a-f]{8}/);
  await context.close();
});
