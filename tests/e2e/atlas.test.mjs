// End-to-end specification of the atlas, in real headless Chromium against
// the release build in dist/. Each test reads like a thing a user does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { useBrowser, open, screenshot, stances, setSlider, sliderDate } from './harness.mjs';

const require = createRequire(import.meta.url);
const env = useBrowser();

const dayIndex = (iso) => Math.round((Date.parse(iso) - Date.parse('2019-01-01')) / 86400000);
const colored = (s) => Object.values(s).filter((v) => v !== 'none').length;

test('the page loads with every country, no console error and no request to another host', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin);
  const tiles = await page.$$eval('.tile[data-country]', (els) => els.map((e) => e.dataset.country));
  assert.ok(tiles.length >= 196, `only ${tiles.length} tiles`);
  for (const code of ['US', 'VE', 'XK', 'TW', 'PS', 'TV']) assert.ok(tiles.includes(code), code);
  const slider = page.getByRole('slider', { name: 'Date' });
  assert.equal(await slider.count(), 1);
  assert.equal(await page.$eval('[data-country="VE"]', (e) => e.dataset.stance), 'none');
  await screenshot(page, 'desktop-default');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dragging the slider from 2019 to 2025 changes the colors', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin);
  await setSlider(page, 0);
  assert.equal(await sliderDate(page), '2019-01-01');
  const start = await stances(page);
  await setSlider(page, dayIndex('2019-01-24'));
  const january = await stances(page);
  assert.ok(colored(january) > colored(start), 'more countries colored after Guaidó’s oath');
  assert.equal(january.US, 'opposition');
  assert.equal(january.RU, 'government');
  assert.equal(january.CN, 'government');
  await setSlider(page, dayIndex('2025-12-31'));
  const end = await stances(page);
  assert.equal(end.PY, 'opposition');
  // The legend counts current governments' stances; a previous government's
  // stance (data-evidence="previous-government") has a count of its own.
  const legend = await page.$eval('[data-count="opposition"]', (e) => Number(e.textContent));
  const current = await page.$$eval('.tile[data-stance="opposition"][data-evidence="current"]', (els) => els.length);
  assert.equal(legend, current, 'legend counts match the map');
  const previous = await page.$eval('[data-count="previous-government"]', (e) => Number(e.textContent));
  assert.equal(previous, await page.$$eval('.tile[data-evidence="previous-government"]', (els) => els.length));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the slider works by keyboard: arrows move a day, Page Up a month', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-23');
  await page.getByRole('slider', { name: 'Date' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await sliderDate(page), '2019-01-24');
  await page.keyboard.press('PageUp');
  assert.equal(await sliderDate(page), '2019-02-24');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await sliderDate(page), '2019-01-23');
  assert.deepEqual(problems, []);
  await context.close();
});

test('previous and next event buttons jump between event days', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-01');
  await page.getByRole('button', { name: /Next event/ }).click();
  const first = await sliderDate(page);
  assert.ok(first > '2019-01-01');
  await page.getByRole('button', { name: /Next event/ }).click();
  assert.ok((await sliderDate(page)) > first);
  await page.getByRole('button', { name: /Previous event/ }).click();
  assert.equal(await sliderDate(page), first);
  await context.close();
});

test('clicking a country shows its stance, history and quotes with the mention highlighted', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  await page.click('[data-country="US"]');
  const panel = page.locator('aside.panel');
  await panel.waitFor();
  assert.match(await panel.locator('h2').textContent(), /United States/);
  assert.match(await panel.locator('.now').textContent(), /Backs the opposition/);
  const quotes = await panel.locator('blockquote').allTextContents();
  assert.ok(quotes.some((q) => /Guaid|Gauido/.test(q)), 'a quote names Guaidó');
  const marks = await panel.locator('blockquote mark').allTextContents();
  assert.ok(marks.some((m) => /U\.S\.|United States|US|USA|Trump|Pompeo|Washington|Biden/.test(m)), marks.join('|'));
  // Quotes are text: a blockquote holds no element but the highlight.
  const tags = await panel.locator('blockquote > *').evaluateAll((els) => [...new Set(els.map((e) => e.tagName))]);
  assert.deepEqual(tags, ['MARK']);
  // The URL follows once the view rests (writes are debounced).
  await page.waitForURL(/country=US/, { timeout: 5000 });
  await screenshot(page, 'panel-us');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Enter on a focused tile opens its panel and Escape closes it', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  await page.focus('[data-country="CN"]');
  await page.keyboard.press('Enter');
  await page.locator('aside.panel h2', { hasText: 'China' }).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('aside.panel').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.country), 'CN', 'focus returns to the tile');
  await context.close();
});

test('the map is one Tab stop and arrow keys walk it like a map', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  const stops = await page.$$eval('.tile', (els) => els.filter((e) => e.tabIndex === 0).map((e) => e.dataset.country));
  assert.deepEqual(stops, ['US'], 'exactly one tile is in the Tab order');
  await page.focus('[data-country="CO"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.country), 'VE');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.locator('aside.panel h2', { hasText: 'Colombia' }).waitFor();
  await context.close();
});

test('the play button animates through time and pauses', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-01');
  await page.getByRole('button', { name: /Play/ }).click();
  await page.waitForFunction(() => document.querySelector('time').getAttribute('datetime') > '2019-03-01');
  await page.getByRole('button', { name: /Pause/ }).click();
  const paused = await sliderDate(page);
  await page.waitForTimeout(300);
  assert.equal(await sliderDate(page), paused, 'the date stays put once paused');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with a panel open, moving the slider keeps focus on the slider and updates the panel', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-22&country=US');
  await page.locator('aside.panel h2', { hasText: 'United States' }).waitFor();
  const slider = page.getByRole('slider', { name: 'Date' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await sliderDate(page), '2019-01-24');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'date-slider', 'focus stays on the slider');
  assert.match(await page.locator('aside.panel .now').textContent(), /24 January 2019: Backs the opposition/);
  await context.close();
});

test('typing in the search box never opens a panel by itself', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  await page.fill('#country-search', 'bra');
  await page.keyboard.press('Tab');
  assert.equal(await page.locator('aside.panel').count(), 0);
  await context.close();
});

test('a shared link opens the same view', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24&country=CN');
  assert.equal(await sliderDate(page), '2019-01-24');
  assert.match(await page.locator('aside.panel h2').textContent(), /China/);
  assert.equal(await page.$eval('input[type=range]', (e) => Number(e.value)), dayIndex('2019-01-24'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('invalid URL values fall back to the default view without an error', async () => {
  for (const q of ['?date=2019-02-30&country=ZZ', '?date=banana', '?country=%3Cscript%3E', '?date=1900-01-01']) {
    const { page, context, problems } = await open(env.browser, env.server.origin, q);
    assert.equal(await page.locator('aside.panel').count(), 0, q);
    assert.ok((await sliderDate(page)) >= '2019-01-01', q);
    assert.deepEqual(problems, [], q);
    await context.close();
  }
});

test('the search box finds a country by its English or Spanish name', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  await page.fill('#country-search', 'Rusia');
  await page.click('button[type=submit]');
  await page.locator('aside.panel h2', { hasText: 'Russia' }).waitFor();
  await context.close();
});

test('the list view groups the same countries by stance', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  const map = await stances(page);
  await page.getByRole('button', { name: 'List', exact: true }).click();
  const listed = await page.$$eval('.list-view [data-country]', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.country, e.dataset.stance])));
  for (const [code, stance] of Object.entries(map)) {
    if (code !== 'VE') assert.equal(listed[code], stance, code);
  }
  await screenshot(page, 'list-view');
  await context.close();
});

test('export writes the current view as CSV and JSON', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
  assert.equal(csv.suggestedFilename(), 'stance-atlas-2019-01-24.csv');
  const csvText = fs.readFileSync(await csv.path(), 'utf8');
  assert.match(csvText, /^# [^\n]*apostrophe[^\n]*\ncountry,name,stance,evidence,government,event_date,quote,source,url\n/);
  assert.match(csvText, /\nUS,United States,opposition,current,Donald Trump,2019-01-2\d,/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('text=Export JSON')]);
  const doc = JSON.parse(fs.readFileSync(await json.path(), 'utf8'));
  assert.equal(doc.date, '2019-01-24');
  assert.ok(doc.countries.some((c) => c.country === 'RU' && c.stance === 'government' && c.quote.length > 0));
  await context.close();
});

test('dark mode follows the system setting', async () => {
  const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24', { colorScheme: 'dark' });
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `background ${bg} is not dark`);
  await screenshot(page, 'desktop-dark');
  await context.close();
});

test('on a 375 px phone the page does not overflow and the map scrolls inside itself', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24&country=PY', {
    viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true,
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page overflows by ${overflow}px`);
  const box = await page.locator('[data-country="PY"]').boundingBox();
  assert.ok(box.width >= 24 && box.height >= 24, 'tiles stay big enough to tap');
  await screenshot(page, 'phone');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page passes an automated accessibility audit (axe-core, no serious or critical issue)', async () => {
  for (const [name, options] of [['light', {}], ['dark', { colorScheme: 'dark' }]]) {
    const { page, context } = await open(env.browser, env.server.origin, '?date=2019-01-24&country=US', options);
    await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target).join(' ')}`), [], name);
    await context.close();
  }
});
