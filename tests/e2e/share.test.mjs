// Share, cite and embed: the page title follows the date, a link and an
// embed snippet to copy, the map as SVG and PNG images of the current view
// (in the layer on show), and the compact view (?embed=1) on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowser, open, screenshot, setSlider, stances } from './harness.mjs';

const root = new URL('../../', import.meta.url);
const layout = Object.fromEntries(fs.readFileSync(new URL('data/gazetteer/layout.csv', root), 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(',')).map(([c, col, row]) => [c, [Number(col), Number(row)]]));
const dayIndex = (iso) => Math.round((Date.parse(iso) - Date.parse('2019-01-01')) / 86400000);

const env = useBrowser();

/// The RGBA of each [x, y] of a PNG, decoded by the page's own canvas.
function pngPixels(page, png, at) {
  return page.evaluate(async ({ data, at }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return at.map(([x, y]) => [...g.getImageData(x, y, 1, 1).data]);
  }, { data: png.toString('base64'), at });
}

test('the page title names the chosen date and the page has link-preview metadata', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  assert.match(await page.title(), /^24 January 2019 — Stance Atlas/);
  await setSlider(page, dayIndex('2023-06-01'));
  await page.waitForFunction(() => document.title.startsWith('1 June 2023'));
  const meta = await page.$$eval('meta[property^="og:"], meta[name="description"]', (els) =>
    Object.fromEntries(els.map((m) => [m.getAttribute('property') ?? m.getAttribute('name'), m.content])));
  for (const key of ['og:title', 'og:description', 'description']) assert.ok(meta[key]?.length > 20, key);
  assert.ok(!Object.values(meta).some((v) => /https?:/.test(v)), 'no address to another host in the metadata');
  assert.equal(await page.$$eval('meta[property="og:image"]', (els) => els.length), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('copy link puts the address of the current view on the clipboard', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24&country=US');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByText('The link is copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${env.server.origin}/?date=2019-01-24&country=US`);
  assert.equal(await page.getByLabel('Link to this view').inputValue(), `${env.server.origin}/?date=2019-01-24&country=US`);
  // The citation names the dataset's version, its date and the licence.
  const cite = await page.getByLabel('Cite the data').inputValue();
  assert.match(cite, /version [0-9a-f]{8}, news up to \d+ \w+ 20\d\d\. Licensed CC BY 4\.0\. http/);
  assert.match(await page.locator('.licence').textContent(), /CC BY 4\.0/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Download SVG saves the current map with title, date, legend and source', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG' }).click()]);
  assert.equal(download.suggestedFilename(), 'stance-atlas-map-2019-01-24.svg');
  const svg = fs.readFileSync(await download.path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    return { root: doc.documentElement.localName, width: doc.documentElement.getAttribute('width'), texts };
  }, svg);
  assert.equal(parsed.error, undefined);
  assert.equal(parsed.root, 'svg');
  assert.ok(parsed.texts.some((t) => t.includes('24 January 2019')), 'the date');
  assert.ok(parsed.texts.some((t) => t.startsWith('Source: Stance Atlas dataset')), 'the source line');
  const opposition = await page.$eval('[data-count="opposition"]', (e) => e.textContent);
  assert.ok(parsed.texts.includes(`Backs the opposition (${opposition})`), 'the legend with the page’s count');
  const codes = Object.keys(await stances(page)).filter((c) => c !== 'VE');
  for (const code of codes) assert.ok(parsed.texts.includes(code), code);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Download PNG saves a valid image of the current view', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG' }).click()]);
  const svg = fs.readFileSync(await svgFile.path(), 'utf8');
  const [w, h] = svg.match(/width="(\d+)" height="(\d+)"/).slice(1).map(Number);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
  assert.equal(download.suggestedFilename(), 'stance-atlas-map-2019-01-24.png');
  const png = fs.readFileSync(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [2 * w, 2 * h], 'twice the SVG’s size');
  // The United States' tile is drawn in the opposition's blue, as on the page.
  const [col, row] = layout.US;
  const [pixel] = await pngPixels(page, png, [[2 * (24 + col * 26 + 11), 2 * (84 + row * 26 + 5)]]);
  assert.equal(await page.$eval('[data-country="US"]', (e) => e.dataset.stance), 'opposition');
  assert.ok(Math.abs(pixel[0] - 0x00) < 12 && Math.abs(pixel[1] - 0x72) < 12 && Math.abs(pixel[2] - 0xb2) < 12, `US pixel ${pixel}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('with the recognition layer on, the SVG and PNG downloads draw that layer', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-02-04');
  await page.getByRole('radio', { name: 'Formal recognition' }).check();
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG' }).click()]);
  assert.equal(svgFile.suggestedFilename(), 'stance-atlas-recognition-map-2019-02-04.svg');
  const svg = fs.readFileSync(await svgFile.path(), 'utf8');
  // Each tile's fill in the image, by its code.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const fills = {};
    for (const t of doc.querySelectorAll('text[font-weight="700"][text-anchor="middle"]')) {
      let el = t.previousElementSibling;
      while (el && el.getAttribute('rx') !== '4') el = el.previousElementSibling;
      fills[t.textContent] = el?.getAttribute('fill');
    }
    return { texts: [...doc.querySelectorAll('text')].map((t) => t.textContent), fills, title: doc.querySelector('title').textContent };
  }, svg);
  assert.equal(parsed.error, undefined);
  assert.ok(parsed.texts.some((t) => t.startsWith('Formal recognition, 4 February 2019')), 'the subtitle names the layer');
  assert.match(parsed.title, /formal recognition$/);
  // The legend is the recognition legend, with the page's counts.
  const count = (key) => page.$eval(`.rec-legend [data-count="${key}"]`, (e) => e.textContent);
  assert.ok(parsed.texts.includes(`Recognises Guaidó as interim president (${await count('guaido')})`), 'Guaidó');
  assert.ok(parsed.texts.includes(`Recognises Maduro's government (${await count('maduro')})`), 'Maduro');
  assert.ok(parsed.texts.includes(`No recognition in force (${await count('none')})`), 'none');
  assert.ok(!parsed.texts.some((t) => t.startsWith('Backs the opposition')), 'no stance legend');
  // Every tile has its recognition's color, whatever its stance.
  const tiles = await page.$$eval('.map .tile:not(.subject)', (els) => els.map((e) => [e.dataset.country, e.dataset.recognition, e.dataset.recEvidence, e.dataset.stance]));
  const want = { guaido: '#0072b2', gonzalez: 'url(#gon)', maduro: 'url(#gov)', none: '#f1efea' };
  for (const [code, rec, evidence] of tiles.filter(([, , ev]) => ev !== 'previous-government')) {
    assert.equal(parsed.fills[code], want[rec], `${code} (${rec}, ${evidence})`);
  }
  const [plain] = tiles.find(([, rec, , stance]) => rec === 'none' && stance !== 'none');
  // The PNG is a valid image of the same layer: a tile with a stance but no recognition is drawn blank.
  const [w, h] = svg.match(/width="(\d+)" height="(\d+)"/).slice(1).map(Number);
  const [pngFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
  assert.equal(pngFile.suggestedFilename(), 'stance-atlas-recognition-map-2019-02-04.png');
  const png = fs.readFileSync(await pngFile.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [2 * w, 2 * h], 'twice the SVG’s size');
  const pixels = await pngPixels(page, png, ['US', plain].map((c) => [2 * (24 + layout[c][0] * 26 + 11), 2 * (84 + layout[c][1] * 26 + 5)]));
  const near = (px, hex) => [0, 1, 2].every((i) => Math.abs(px[i] - parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16)) < 12);
  assert.ok(near(pixels[0], '#0072b2'), `US, recognising Guaidó: ${pixels[0]}`);
  assert.ok(near(pixels[1], '#f1efea'), `${plain}, no recognition: ${pixels[1]}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed snippet loads the compact view: map, slider and legend only', async () => {
  const { page, context, problems } = await open(env.browser, env.server.origin, '?date=2019-01-24');
  const snippet = await page.getByLabel('Embed code (map, slider and legend)').inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&amp;date=2019-01-24" title="[^"]+"/);
  await page.setContent(`<!doctype html><html lang="en"><title>A story</title><link rel="icon" href="data:,"><body>${snippet}</body></html>`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('[data-country="US"][data-stance="opposition"]');
  assert.equal(await frame.$eval('time', (t) => t.getAttribute('datetime')), '2019-01-24');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the compact view stands alone: no panel, toolbar or share tools, and a tile opens the full atlas', async () => {
  for (const [name, viewport] of [['embed-desktop', { width: 1280, height: 800 }], ['embed-phone', { width: 375, height: 800 }]]) {
    const { page, context, problems } = await open(env.browser, env.server.origin, '?embed=1&date=2019-01-24&country=US', { viewport });
    assert.equal(await page.getByRole('slider', { name: 'Date' }).count(), 1);
    assert.equal(await page.locator('.legend').count(), 1);
    for (const absent of ['aside.panel', '.toolbar', '.share', '.compare', '.masthead', '.colophon']) {
      assert.equal(await page.locator(absent).count(), 0, absent);
    }
    await setSlider(page, dayIndex('2019-01-04'));
    assert.equal(await page.$eval('time', (t) => t.getAttribute('datetime')), '2019-01-04');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('[data-country="CN"]')]);
    await popup.waitForLoadState();
    assert.match(popup.url(), /\?date=2019-01-04&country=CN$/);
    assert.equal(await page.locator('aside.panel').count(), 0);
    await screenshot(page, name);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
