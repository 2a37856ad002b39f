// End-to-end specification of the counts-over-time chart: it is drawn on the
// slider's scale, clicking it or pressing a key on it moves the slider, each
// series' peak is labelled with the same figure as its table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, open, screenshot, sliderDate } from './harness.mjs';

const env = useBrowser();

const dayIndex = (iso) => Math.round((Date.parse(iso) - Date.parse('2019-01-01')) / 86400000);
const isoAt = (i) => new Date(Date.parse('2019-01-01') + i * 86400000).toISOString().slice(0, 10);

test('clicking the chart moves the slider to that day', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-02-04');
  const max = await page.$eval('input[type=range]', (e) => Number(e.max));
  const plot = page.locator('.chart-plot');
  const box = await plot.boundingBox();
  await plot.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
  const want = Math.round(0.75 * max);
  const got = dayIndex(await sliderDate(page));
  assert.ok(Math.abs(got - want) <= 2, `clicked near ${isoAt(want)}, the slider shows ${isoAt(got)}`);
  assert.equal(await page.$eval('input[type=range]', (e) => Number(e.value)), got, 'the slider itself moved');
  // The cursor line sits where the slider's thumb does.
  const x = await page.$eval('.chart-plot .cursor', (l) => parseFloat(l.style.left));
  assert.ok(Math.abs(x - (got / max) * 100) < 0.1, `cursor at ${x}%`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the chart works by keyboard: arrows step between the days a count changes, Home and End', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-02-04');
  const chart = page.getByRole('slider', { name: 'Counts over time' });
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  const next = await sliderDate(page);
  assert.ok(next > '2019-02-04', next);
  await page.keyboard.press('ArrowLeft');
  assert.ok((await sliderDate(page)) < next);
  await page.keyboard.press('End');
  assert.equal(await page.$eval('input[type=range]', (e) => e.value === e.max), true);
  await page.keyboard.press('Home');
  assert.equal(await sliderDate(page), '2019-01-01');
  assert.equal(await chart.getAttribute('aria-valuetext'), '1 January 2019');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('chart-plot')), true, 'focus stays on the chart');
  assert.deepEqual(problems, []);
  await context.close();
});

/** The chart's table as { header: [...], rows: [[date, n, ...]] }. */
async function table(page) {
  if (!(await page.$eval('.chart-table', (d) => d.open))) await page.click('.chart-table summary');
  await page.waitForSelector('.counts-table tbody tr');
  return page.$eval('.counts-table', (t) => ({
    header: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
  }));
}

test('each series’ peak is labelled, with the figure its table gives, in both layers', async () => {
  for (const [layer, keys] of [['stance', ['opposition', 'government', 'neutral']], ['recognition', ['guaido', 'gonzalez', 'maduro']]]) {
    const { page, context, problems } = await open(env.browser, env.server.origin, `?date=2019-02-04&layer=${layer}`);
    const t = await table(page);
    assert.equal(t.header.length, keys.length + 1, layer);
    for (const [i, key] of keys.entries()) {
      const col = t.rows.map((r) => Number(r[i + 1]));
      const max = Math.max(...col);
      const label = await page.$eval(`.peak[data-series="${key}"]`, (e) => e.textContent);
      assert.match(label, new RegExp(` ${max} · \\d+ \\w{3} \\d{4}$`), `${layer} ${key}: ${label}`);
      assert.ok(await page.$(`.line[data-series="${key}"]`), `${key} line`);
    }
    const summary = await page.locator('.chart-summary').textContent();
    assert.match(summary, /at most \d+, first on \d+ \w+ \d{4}/);
    await screenshot(page, `chart-${layer}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
