// Read in context: a quote opens its article, fetched on demand from the
// same origin, with the quoted sentence highlighted at its exact bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { useBrowser, open, screenshot } from './harness.mjs';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const dataset = JSON.parse(fs.readFileSync(new URL('data/dataset.json', root), 'utf8'));
const articles = new Map(dataset.articles.map((a) => [a.id, a]));
/** The quote's bytes, cut from the article file at the event's span. */
const bytesAt = (e) => fs.readFileSync(new URL(`data/articles/${articles.get(e.article).file}`, root))
  .subarray(e.span.start, e.span.end).toString('utf8');

const env = useBrowser();

/** Opens the panel of `e`'s actor on its date and clicks "Read in context" under its quote. */
async function openQuote(e, options = {}) {
  const view = await open(env.browser, env.server.origin, `?date=${e.date}&country=${e.actor}`, options);
  const texts = [];
  view.page.on('request', (r) => { if (/\/articles-[0-9a-f]{8}\//.test(r.url())) texts.push(r.url()); });
  const figures = view.page.locator('.quotes figure.quote');
  await figures.first().waitFor();
  const index = await figures.evaluateAll((els, q) => els.findIndex((f) => f.querySelector('blockquote').textContent === q), e.quote);
  assert.ok(index >= 0, `the panel of ${e.actor} shows the quote`);
  assert.deepEqual(texts, [], 'no article text is fetched before a reader asks');
  const button = figures.nth(index).getByRole('button', { name: 'Read in context' });
  await button.focus();
  await view.page.keyboard.press('Enter');
  await view.page.locator('#context-quote').waitFor();
  return { ...view, texts, button };
}

test('a quote opens its article with exactly the quoted bytes highlighted, in view', async () => {
  // Front matter and accented letters before the quote: byte offsets, not
  // UTF-16 ones, must find it.
  const e = dataset.events.find((x) => x.article === '010_sinsaberquehacer_2019-01-23' && x.actor === 'AR');
  const { page, context, problems, texts } = await openQuote(e);
  const dialog = page.getByRole('dialog');
  assert.equal(await page.$eval('#context-quote', (m) => m.textContent), bytesAt(e));
  assert.equal(bytesAt(e), e.quote);
  assert.equal(texts.length, 1, 'one request, for this article only');
  assert.ok(texts[0].startsWith(env.server.origin), 'from the same origin');
  // Title, outlet, date and link; the text is text: no element but the mark.
  const a = articles.get(e.article);
  assert.equal(await dialog.locator('h2').textContent(), a.title ?? 'Untitled article');
  assert.match(await dialog.locator('.context-meta').textContent(), new RegExp(a.outlet));
  assert.match(await dialog.locator('.context-meta').textContent(), /23 January 2019/);
  assert.equal(await dialog.locator('.context-meta a').getAttribute('href'), a.url);
  assert.deepEqual(await page.$$eval('.article-text *', (els) => els.map((x) => x.tagName)), ['MARK']);
  // Focus is inside the dialog and the quote is within the visible text.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'context-title');
  await page.waitForFunction(() => {
    const m = document.querySelector('#context-quote').getBoundingClientRect();
    const box = document.querySelector('.article-text').getBoundingClientRect();
    return m.top >= box.top - 1 && m.top < box.bottom;
  });
  await screenshot(page, 'context-desktop');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Escape closes the article and focus returns to the button that opened it', async () => {
  const e = dataset.events.find((x) => x.actor === 'US' && x.date >= '2019-01-23');
  const { page, context, problems } = await openQuote(e);
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.equal(await page.locator('aside.panel').count(), 1, 'the country panel stays open');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Read in context');
  assert.equal(await page.evaluate(() => document.activeElement.closest('figure').querySelector('blockquote').textContent), e.quote);
  // The close button works too.
  await page.keyboard.press('Enter');
  await page.locator('#context-quote').waitFor();
  await page.getByRole('button', { name: 'Close the article' }).click();
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every quote of a country highlights exactly its own bytes', async () => {
  const events = dataset.events.filter((x) => x.actor === 'BR');
  const last = events.at(-1);
  const { page, context, problems } = await openQuote(last);
  await page.keyboard.press('Escape');
  const figures = page.locator('.quotes figure.quote');
  const n = await figures.count();
  assert.equal(n, events.length);
  for (let i = 0; i < n; i++) {
    const quote = await figures.nth(i).locator('blockquote').textContent();
    await figures.nth(i).getByRole('button', { name: 'Read in context' }).click();
    const mark = await page.locator('#context-quote').textContent();
    const e = events.find((x) => x.quote === quote);
    assert.equal(mark, bytesAt(e), `quote ${i}`);
    await page.keyboard.press('Escape');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('an article without a web address says so and names what is known', async () => {
  const withOutlet = dataset.events.find((x) => !articles.get(x.article).url && articles.get(x.article).outlet);
  const { page, context } = await openQuote(withOutlet);
  const meta = await page.locator('.context-meta').textContent();
  assert.match(meta, new RegExp(`No web address is known for this article; it was published by ${articles.get(withOutlet.article).outlet}\\.`));
  assert.equal(await page.locator('.context-meta a').count(), 0);
  await context.close();
});

test('the article view passes axe with no serious or critical issue, and fits a phone', async () => {
  const e = dataset.events.find((x) => x.article === '010_sinsaberquehacer_2019-01-23' && x.actor === 'AR');
  for (const [name, options] of [['light', {}], ['dark', { colorScheme: 'dark' }], ['phone', { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true }]]) {
    const { page, context } = await openQuote(e, options);
    await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((x) => x.target).join(' ')}`), [], name);
    if (name === 'phone') {
      const box = await page.getByRole('dialog').boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 375, `the dialog fits: ${JSON.stringify(box)}`);
      await page.screenshot({ path: new URL('tests/e2e/artifacts/context-phone.png', root).pathname });
    }
    await context.close();
  }
});
