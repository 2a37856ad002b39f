// End-to-end specification of the recognition layer: a radio group named
// "Layer" switches the map between stance and formal recognition; the
// legend counts follow, every tile carries both hooks, and the layer is in
// the permalink. Headless Chromium against dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { useBrowser, open, screenshot } from './harness.mjs';

const require = createRequire(import.meta.url);
const env = useBrowser();

/** Every tile's hooks, as { XX: { stance, recognition, recEvidence, label } }. */
const hooks = (page) => page.$$eval('.tile[data-country]', (els) => Object.fromEntries(els.map((e) => [e.dataset.country, {
  stance: e.dataset.stance, recognition: e.dataset.recognition, recEvidence: e.dataset.recEvidence, label: e.getAttribute('aria-label'),
}])));
const count = (page, key) => page.$eval(`[data-count="${key}"]`, (e) => Number(e.textContent));

test('the Layer radio group switches the map to formal recognition: counts, hooks and labels follow', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-02-04');
  const group = page.getByRole('radiogroup', { name: 'Layer' });
  assert.equal(await group.count(), 1);
  assert.ok(await group.getByRole('radio', { name: 'Stance' }).isChecked());
  const before = await hooks(page);
  for (const [code, t] of Object.entries(before)) {
    assert.ok(['guaido', 'gonzalez', 'maduro', 'none'].includes(t.recognition), `${code}: ${t.recognition}`);
  }
  const opposition = await count(page, 'opposition');
  await group.getByRole('radio', { name: 'Formal recognition' }).check();
  await page.waitForSelector('main[data-layer="recognition"] [data-count="guaido"]');
  const after = await hooks(page);
  // data-stance is kept; recognition colors only countries with a recognition act.
  for (const code of Object.keys(before)) assert.equal(after[code].stance, before[code].stance, code);
  assert.equal(after.US.recognition, 'guaido');
  assert.equal(after.RU.recognition, 'maduro');
  assert.match(after.US.label, /^United States \(US\): Recognises Guaidó as interim president, since /);
  const guaido = await count(page, 'guaido');
  const tiles = Object.values(after).filter((t) => t.recognition === 'guaido' && t.recEvidence === 'current').length;
  assert.equal(guaido, tiles, 'the legend counts the map');
  assert.equal(await count(page, 'maduro'), Object.values(after).filter((t) => t.recognition === 'maduro' && t.recEvidence === 'current').length);
  assert.ok(guaido > 20 && guaido < opposition, `${guaido} recognise Guaidó, ${opposition} back the opposition`);
  // A country that backs a side without recognising anyone is blank on this layer.
  const sided = Object.entries(after).find(([, t]) => t.stance !== 'none' && t.recognition === 'none');
  assert.ok(sided, 'some country takes a side without a recognition act');
  const bg = (code) => page.$eval(`[data-country="${code}"]`, (e) => getComputedStyle(e).backgroundImage + getComputedStyle(e).backgroundColor);
  const sidedBg = await bg(sided[0]);
  const noneBg = await page.$eval('.tile[data-stance="none"][data-recognition="none"]:not(.subject)', (e) => getComputedStyle(e).backgroundImage + getComputedStyle(e).backgroundColor);
  assert.equal(sidedBg, noneBg, `${sided[0]} is drawn as having no recognition`);
  await page.waitForURL(/layer=recognition/, { timeout: 5000 });
  await screenshot(page, 'layer-recognition-2019-02-04');
  // And back.
  await group.getByRole('radio', { name: 'Stance' }).check();
  await page.waitForSelector('main[data-layer="stance"] [data-count="opposition"]');
  assert.equal(await count(page, 'opposition'), opposition);
  await page.waitForURL((u) => !u.search.includes('layer='), { timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a permalink opens the recognition layer, and the radios work by keyboard', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2024-08-05&layer=recognition');
  assert.ok(await page.getByRole('radio', { name: 'Formal recognition' }).isChecked());
  const all = await hooks(page);
  assert.ok(Object.values(all).some((t) => t.recognition === 'gonzalez'), 'González Urrutia is recognised in August 2024');
  assert.ok(!Object.values(all).some((t) => t.recognition === 'guaido'), 'no recognition of Guaidó after the interim government ended');
  assert.ok((await count(page, 'gonzalez')) > 0);
  await page.getByRole('radio', { name: 'Formal recognition' }).focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('main[data-layer="stance"]');
  assert.ok(await page.getByRole('radio', { name: 'Stance' }).isChecked());
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('main[data-layer="recognition"]');
  for (const q of ['?layer=banana', '?layer=', '?layer=%3Cscript%3E']) {
    const other = await open(env.browser, env.server.origin, q);
    assert.equal(await other.page.$eval('main', (m) => m.dataset.layer), 'stance', q);
    assert.deepEqual(other.problems, [], q);
    await other.context.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('in the recognition layer the list view lists each country by its recognition, as the legend words it', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-02-04&layer=recognition');
  const map = await hooks(page);
  await page.getByRole('button', { name: 'List', exact: true }).click();
  await page.waitForSelector('.list-view [data-country]');
  const listed = await page.$$eval('.list-view [data-country]', (els) => Object.fromEntries(els.map((e) => [e.dataset.country, {
    recognition: e.dataset.recognition, recEvidence: e.dataset.recEvidence, group: e.closest('.list-group').dataset.recognition, stance: e.dataset.stance,
  }])));
  for (const [code, t] of Object.entries(map).filter(([c]) => c !== 'VE')) {
    assert.equal(listed[code]?.recognition, t.recognition, code);
    assert.equal(listed[code].group, t.recognition, `${code} is in its recognition's group`);
    assert.equal(listed[code].recEvidence, t.recEvidence, code);
    assert.equal(listed[code].stance, undefined, `${code} is not listed by stance`);
  }
  // The groups' headings are the legend's words, with as many countries as they list.
  const legend = await page.$$eval('.rec-legend .legend-label', (els) => els.map((e) => e.textContent));
  const groups = await page.$$eval('.list-view .list-group', (els) => els.map((g) => ({
    key: g.dataset.recognition, heading: g.querySelector('h2').textContent, n: g.querySelectorAll('[data-country]').length,
  })));
  assert.deepEqual(groups.map((g) => g.key), ['guaido', 'gonzalez', 'maduro', 'none']);
  for (const g of groups) {
    const [, label, n] = g.heading.match(/^(.*) \((\d+)\)$/);
    assert.ok(legend.includes(label), `${label} is worded as in the legend`);
    assert.equal(Number(n), g.n, label);
  }
  assert.match(groups[0].heading, /^Recognises Guaidó as interim president/);
  assert.ok(groups[0].n > 20 && groups[2].n > 3, JSON.stringify(groups));
  await screenshot(page, 'list-view-recognition');
  // A name opens its panel; switching the layer regroups the list by stance.
  await page.click('.list-view [data-country="RU"]');
  await page.locator('aside.panel h2', { hasText: 'Russia' }).waitFor();
  await page.getByRole('radio', { name: 'Stance' }).check();
  await page.waitForSelector('.list-view .list-group[data-stance="opposition"]');
  const byStance = await page.$$eval('.list-view [data-country]', (els) => Object.fromEntries(els.map((e) => [e.dataset.country, e.dataset.stance])));
  for (const [code, t] of Object.entries(map).filter(([c]) => c !== 'VE')) assert.equal(byStance[code], t.stance, code);
  assert.deepEqual(problems, []);
  await context.close();
});

test('both layers pass an automated accessibility audit (axe-core, no serious or critical issue)', async () => {
  for (const [name, query, options] of [
    ['stance', '?date=2019-02-04&country=US', {}],
    ['recognition', '?date=2019-02-04&layer=recognition&country=US', {}],
    ['recognition dark', '?date=2024-08-05&layer=recognition', { colorScheme: 'dark' }],
  ]) {
    const { page, context } = await open(env.browser, env.server.origin, query, options);
    await page.click('.chart-table summary');
    await page.waitForSelector('.counts-table');
    await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target).join(' ')}`), [], name);
    await context.close();
  }
});
