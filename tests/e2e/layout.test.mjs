// End-to-end specification of the first view, Play and the layout: the page
// opens on the day with the most formal recognitions with a headline saying
// so; Play steps through events, restarts at the end and captions the key
// dates of captions.csv; from 1024 px the panel sits beside the map and the
// date bar stays in view; at 1280x800 and 1366x768 the first screen holds the
// headline, the date bar, the legend and the map's top rows. Screenshots at
// 1280x800, 1366x768 and 375x800.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, open, sliderDate, artifacts } from './harness.mjs';
import { parseCsv } from '../../scripts/gazetteer/csv.mjs';

const env = useBrowser();
const captions = parseCsv(fs.readFileSync(new URL('../../data/gazetteer/captions.csv', import.meta.url), 'utf8')).slice(1);

const longDate = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
async function shot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

test('the first view opens on the day with the most formal recognitions, and says so', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin);
  const day = await sliderDate(page);
  const headline = await page.locator('.headline').textContent();
  assert.match(headline, new RegExp(`^${longDate(day)}, the day with the most formal recognitions: \\d+ governments recognise Guaidó as interim president`));
  // The figure is the recognition layer's own count on that day.
  await page.getByRole('radio', { name: 'Formal recognition' }).check();
  const total = await page.$$eval('[data-count="guaido"], [data-count="gonzalez"], [data-count="maduro"]', (els) => els.reduce((s, e) => s + Number(e.textContent), 0));
  const recHeadline = await page.locator('.headline').textContent();
  const named = [...recHeadline.matchAll(/(\d+) (?:governments? recognises? )?(?:Guaidó|González|Maduro)/g)].reduce((s, m) => s + Number(m[1]), 0);
  assert.equal(named, total, recHeadline);
  // No other day has more: the chart's table agrees.
  await page.click('.chart-table summary');
  const best = await page.$$eval('.counts-table tbody tr', (rows) => Math.max(...rows.map((r) => [...r.children].slice(1).reduce((s, c) => s + Number(c.textContent), 0))));
  assert.equal(total, best);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Play captions the key dates from captions.csv and can be paused', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-01');
  await page.getByRole('button', { name: /Play/ }).click();
  for (const [date, text] of captions.slice(0, 2)) {
    const caption = page.locator(`.key-caption[data-caption="${date}"]`);
    await caption.waitFor({ timeout: 20000 });
    assert.equal(await sliderDate(page), date, 'Play stops on the key date itself');
    assert.ok((await caption.textContent()).includes(text), `caption of ${date}`);
    assert.ok(await caption.getByRole('link', { name: /Source/ }).count());
  }
  await page.getByRole('button', { name: /Pause/ }).click();
  const paused = await sliderDate(page);
  await page.waitForTimeout(800);
  assert.equal(await sliderDate(page), paused);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Play steps at a readable pace and restarts from the start when at the end', async () => {
  const latest = JSON.parse(fs.readFileSync(new URL('../../data/dataset.json', import.meta.url), 'utf8')).events.map((e) => e.date).sort().at(-1);
  const { page, context } = await open(env.browser, env.server.origin, `?date=${latest}`);
  const seen = [];
  await page.exposeFunction('__seen', (d) => seen.push([Date.now(), d]));
  await page.evaluate(() => new MutationObserver(() => window.__seen(document.querySelector('time').getAttribute('datetime')))
    .observe(document.querySelector('time'), { attributes: true, childList: true, subtree: true, characterData: true }));
  await page.getByRole('button', { name: /Play/ }).click();
  await page.waitForFunction(() => document.querySelector('time').getAttribute('datetime') > '2019-01-02', null, { timeout: 10000 });
  assert.ok((await sliderDate(page)) < '2019-02-01', 'it started over from January 2019');
  await page.waitForTimeout(2500);
  await page.getByRole('button', { name: /Pause/ }).click();
  const days = [...new Set(seen.map(([, d]) => d))];
  assert.ok(days.length >= 2 && days.length <= 8, `${days.length} dates in about 3 s: ${days.join(' ')}`);
  await context.close();
});

for (const [w, h] of [[1280, 800], [1366, 768]]) {
  test(`at ${w}x${h} the first screen shows the headline, the date bar, the legend and the map's top rows`, async () => {
    for (const query of ['', '?layer=recognition', '?date=2019-01-23&layer=recognition']) {
      const { page, context, problems } = await open(env.browser, env.server.origin, query, { viewport: { width: w, height: h } });
      await page.waitForFunction(() => document.querySelector('.headline').textContent.length > 0);
      const box = (sel) => page.locator(sel).first().boundingBox();
      const headline = await box('.headline');
      assert.ok(headline.y >= 0 && headline.y + headline.height <= h, `${query}: the headline at ${headline.y}px`);
      const bar = await box('.controls');
      assert.ok(bar.y + bar.height <= h, `${query}: the date bar ends at ${bar.y + bar.height}px`);
      const legend = await box('main > section[aria-label="Legend"]:visible');
      assert.ok(legend.y + legend.height <= h, `${query}: the legend ends at ${legend.y + legend.height}px`);
      const map = await box('.map');
      const tile = await box('[data-country="FR"]');
      assert.ok(map.y >= 0 && map.y < h, `${query}: the map's top is at ${map.y}px`);
      assert.ok(map.y + 4 * (tile.height + 3) <= h, `${query}: four rows of the map in view (map at ${map.y}px, tiles ${tile.height}px)`);
      // Nothing is dropped to fit: the rest of the introduction is one click away.
      await page.getByText('How to read the map').click();
      assert.ok(await page.getByText(/from January 2026 the interim government of Delcy Rodríguez/).isVisible());
      if (query.includes('recognition')) {
        await page.getByText('How recognitions are counted').click();
        assert.ok(await page.getByText(/lapses with the interim government on 5 January 2023/).isVisible());
      }
      if (query === '') {
        await page.getByText('How to read the map').click();
        await shot(page, `first-screen-${w}x${h}`);
      }
      assert.deepEqual(problems, [], query);
      await context.close();
    }
  });
}

for (const [w, h] of [[1280, 800], [1366, 768], [1024, 768]]) {
  test(`at ${w}x${h} the panel sits beside the whole map and the date bar stays in view`, async () => {
    const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-02-04&country=US', { viewport: { width: w, height: h } });
    const panel = await page.locator('aside.panel').boundingBox();
    const map = await page.locator('.map-scroll').boundingBox();
    assert.ok(panel.x >= map.x + map.width - 1, 'the panel is beside the map, not below it');
    assert.ok(panel.y <= 1 && panel.height >= h - 2, 'the panel runs the height of the screen');
    const [br, fr] = await Promise.all(['BR', 'FR'].map((c) => page.locator(`[data-country="${c}"]`).boundingBox()));
    assert.ok(br.width >= 21 && Math.abs(br.width - fr.width) < 0.5, `tiles ${br.width} and ${fr.width} px`);
    assert.ok(br.x >= map.x && br.x + br.width <= map.x + map.width, 'the Americas are in view beside the panel');
    if (w >= 1280) {
      const fits = await page.$eval('.map-scroll', (e) => e.scrollWidth <= e.clientWidth + 1);
      assert.ok(fits, 'the whole map fits beside the panel, the Americas with the rest');
    }
    if (w === 1280 || w === 1366) await shot(page, `layout-${w}x${h}`);
    await page.mouse.wheel(0, 1200);
    await page.waitForTimeout(200);
    const bar = await page.locator('.controls').boundingBox();
    assert.ok(bar.y >= -1 && bar.y < 10, `the date bar is at ${bar.y}px after scrolling`);
    assert.ok(await page.getByRole('slider', { name: 'Date' }).isVisible());
    if (w === 1280) await shot(page, `layout-${w}x${h}-scrolled`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('at 1280x800 opening a country keeps the map and the slider where they were', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-02-04', { viewport: { width: 1280, height: 800 } });
  // Brazil's tile below the sticky date bar, as a reader scrolls to it.
  await page.evaluate(() => scrollTo(0, document.querySelector('[data-country="BR"]').getBoundingClientRect().top + scrollY - 450));
  await page.waitForTimeout(200);
  const before = await page.locator('[data-country="BR"]').boundingBox();
  await page.click('[data-country="BR"]');
  await page.locator('aside.panel h2', { hasText: 'Brazil' }).waitFor();
  await page.waitForTimeout(200);
  const after = await page.locator('[data-country="BR"]').boundingBox();
  assert.ok(after.y >= 0 && after.y + after.height <= 800, `Brazil's tile is in view at ${after.y}px`);
  assert.ok(Math.abs(after.y - before.y) < 40, `the map moved from ${before.y} to ${after.y}px`);
  const bar = await page.locator('.controls').boundingBox();
  assert.ok(bar.y >= -1 && bar.y < 10, 'the date bar is in view');
  await shot(page, 'layout-1280x800-open-country');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 375 px phone the headline, chart and layer switch fit without overflow', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '', { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page overflows by ${overflow}px`);
  assert.ok(await page.locator('.headline').isVisible());
  const headline = await page.locator('.headline').boundingBox();
  assert.ok(headline.y + headline.height <= 800, `the headline is on the first screen, ending at ${headline.y + headline.height}px`);
  await shot(page, 'layout-375x800');
  await page.getByRole('radio', { name: 'Formal recognition' }).check();
  await shot(page, 'layout-375x800-recognition');
  assert.deepEqual(problems, []);
  await context.close();
});
