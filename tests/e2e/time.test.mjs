// End-to-end specification of the map over time: each color is the stance of
// the government in office on the chosen date (DESIGN.md, "Why a stance
// belongs to a government"), in real headless Chromium against dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowser, open, screenshot, sliderDate } from './harness.mjs';

const env = useBrowser();
const dataset = JSON.parse(fs.readFileSync(new URL('../../data/dataset.json', import.meta.url), 'utf8'));
const governments = dataset.governments;
const inOffice = (actor, day) => governments.find((g) => g.actor === actor && g.from <= day && (!g.to || day < g.to));

/** Every tile's hooks, as { XX: { stance, evidence, since } }. */
async function tiles(page) {
  return page.$$eval('.tile[data-country]', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.country, { stance: e.dataset.stance, evidence: e.dataset.evidence, since: e.dataset.since }])));
}

test('a current stance is always an act of the government in office on that date', async () => {
  for (const day of ['2019-06-01', '2021-06-01', '2023-06-01', '2025-06-01']) {
    const { page, context, problems } = await open(env.browser, env.server.origin, `?date=${day}`);
    const all = await tiles(page);
    let current = 0;
    for (const [code, t] of Object.entries(all)) {
      if (t.stance === 'none') {
        assert.equal(t.evidence, 'none', `${day} ${code}`);
        continue;
      }
      assert.ok(t.since && t.since <= day, `${day} ${code}: since ${t.since}`);
      const now = inOffice(code, day);
      if (t.evidence === 'current') {
        current++;
        if (now) assert.ok(t.since >= now.from, `${day} ${code}: a ${t.since} act shown as the stance of ${now.head} (in office from ${now.from})`);
      } else {
        assert.equal(t.evidence, 'previous-government', `${day} ${code}`);
        assert.ok(now && t.since < now.from, `${day} ${code}: marked previous, but ${t.since} is in the current term`);
      }
    }
    assert.ok(current > 0, `${day}: some country has a current stance`);
    await screenshot(page, `map-${day}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('Brazil in June 2023 does not show a Bolsonaro-era quote as its current stance', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2023-06-01&country=BR');
  const panel = page.locator('aside.panel');
  await panel.waitFor();
  const br = (await tiles(page)).BR;
  if (br.evidence === 'current') assert.ok(br.since >= '2023-01-01', `BR current since ${br.since}`);
  const why = await panel.locator('.why').textContent();
  assert.doesNotMatch(why, /current government \(Jair Bolsonaro/);
  if (br.evidence === 'current') assert.match(why, /current government \(Luiz Inácio Lula da Silva/);
  // The quote under the stance line is the one that sets the color.
  const shown = await panel.locator('.quote').first().locator('figcaption').textContent();
  assert.doesNotMatch(shown, /2019|2020|2021|2022/, shown);
  assert.match(await panel.locator('.age').textContent(), /^(Last statement|The statement is from)/);
  await screenshot(page, 'panel-br-2023');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a government change without a new statement shows the previous government’s stance, marked', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2023-06-01');
  const prev = Object.entries(await tiles(page)).filter(([, t]) => t.evidence === 'previous-government');
  assert.ok(prev.length > 0, 'some country has changed government and not spoken since');
  const legend = await page.$eval('[data-count="previous-government"]', (e) => Number(e.textContent));
  assert.equal(legend, prev.length, 'the legend counts them apart');
  const [code] = prev[0];
  const label = await page.$eval(`[data-country="${code}"]`, (e) => e.getAttribute('aria-label'));
  assert.match(label, /the previous government's stance, since /);
  await page.click(`[data-country="${code}"]`);
  const panel = page.locator('aside.panel');
  await panel.waitFor();
  assert.match(await panel.locator('.why').textContent(), /has no statement in the corpus yet; the color is .*previous government/);
  assert.match(await panel.locator('.now').textContent(), /\(previous government\)/);
  assert.ok((await panel.locator('.term').count()) >= 1, 'the history is grouped by government');
  await screenshot(page, `panel-previous-${code}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the compare view lists what changed between two dates, with its own permalink', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2023-06-01&from=2019-06-01');
  const rows = page.locator('.changes li');
  await rows.first().waitFor();
  const codes = await rows.evaluateAll((els) => els.map((e) => e.dataset.change));
  for (const c of ['AR', 'BO', 'BR', 'CO']) assert.ok(codes.includes(c), `${c} is listed (got ${codes.join(' ')})`);
  assert.match(await page.locator('.compare-count').textContent(), /^\d+ countr/);
  await page.waitForURL(/from=2019-06-01/, { timeout: 5000 });
  // Choosing another date by keyboard updates the list.
  await page.fill('#compare-from', '2023-05-31');
  await page.locator('#compare-from').dispatchEvent('change');
  await page.waitForURL(/from=2023-05-31/, { timeout: 5000 });
  await screenshot(page, 'compare-2019-2023');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the timeline reaches the latest event and a later permalink falls back to it', async () => {
  const latest = dataset.events.map((e) => e.date).sort().at(-1);
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2099-01-01');
  assert.equal(await sliderDate(page), latest);
  const years = await page.$$eval('.years .year', (els) => els.map((e) => e.textContent));
  assert.equal(years.at(-1), latest.slice(0, 4));
  assert.match(await page.locator('.news-up-to').textContent(), /^News up to /);
  assert.deepEqual(problems, []);
  await context.close();
});

test('no 2026 stance is shown before 3 January 2026', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2026-01-02');
  for (const [code, t] of Object.entries(await tiles(page))) {
    if (t.since) assert.ok(t.since < '2026-01-03', `${code} since ${t.since}`);
  }
  await context.close();
});

// The day after the United States and the interim government restored
// relations (5 March 2026). (In February the corpus holds no confirmed 2026
// act of the United States either, whose tile shows its 2025 stance, aged.)
test('in March 2026 the map shows 2026 stances of the governments the story is about', async () => {
  const day = '2026-03-07';
  const { page, context, problems } = await open(env.browser, env.server.origin, `?date=${day}`);
  const all = await tiles(page);
  for (const code of ['US', 'MX', 'BR', 'CO', 'AR', 'RU', 'CN', 'CU']) {
    const t = all[code];
    assert.equal(t.evidence, 'current', `${code} has a current stance`);
    assert.ok(t.since >= '2026-01-03' && t.since <= day, `${code} since ${t.since}`);
    const label = await page.$eval(`[data-country="${code}"]`, (e) => e.getAttribute('aria-label'));
    assert.match(label, /, since \d+ (January|February|March) 2026$/, label);
  }
  // The quote behind a 2026 color comes from a 2026 article.
  for (const code of ['MX', 'AR']) {
    await page.click(`[data-country="${code}"]`);
    const caption = page.locator(`aside.panel[data-panel="${code}"] .quote`).first().locator('figcaption');
    await caption.waitFor();
    assert.match(await caption.textContent(), /2026/, code);
  }
  await screenshot(page, 'map-2026-03-07');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every quote says how sure the extractor was, and none is below the threshold', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-02-05&country=CA');
  const quotes = page.locator('aside.panel .quotes .quote');
  await quotes.first().waitFor();
  const shown = await page.$$eval('aside.panel .quotes .quote .confidence', (els) =>
    els.map((e) => ({ value: Number(e.getAttribute('data-confidence')), text: e.textContent })),
  );
  assert.equal(shown.length, await quotes.count(), 'each quote carries its confidence');
  for (const c of shown) {
    assert.ok(c.value >= dataset.threshold, `${c.value} below ${dataset.threshold}`);
    assert.match(c.text, /^extractor's confidence [01]\.\d\d$/);
  }
  assert.match(await page.locator('aside.panel .threshold-note').textContent(), /confidence of 0\.\d\d or more are shown/);
  assert.deepEqual(problems, []);
  await context.close();
});
