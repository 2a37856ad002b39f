// Shared set-up for the browser tests: a static file server for dist/ on
// 127.0.0.1 and Debian's Chromium driven by playwright-core. Every page is
// watched for console errors, page errors and requests to any other host.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');
export const artifacts = path.join(root, 'tests/e2e/artifacts');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
};

/**
 * Serves dist/ (or another build's folder) like any static host would;
 * resolves to { origin, close }.
 */
export function serveDist(dir = dist) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error('dist/index.html is missing: run `make build` first');
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/**
 * Launches headless Chromium with the flags this closed network needs.
 * Playwright gives every launch a fresh, empty profile directory.
 */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * Opens `query` (e.g. "?date=2019-01-24") in a new page and waits for the
 * map. Returns { page, problems } where problems collects console errors,
 * page errors and requests that leave the origin.
 */
export async function open(browser, origin, query = '', options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to another host: ${u}`);
  });
  await page.goto(`${origin}/${query}`);
  await page.waitForSelector('[data-country="US"]', { timeout: 15000 });
  return { page, context, problems };
}

/** Saves a screenshot under tests/e2e/artifacts for a person to look at. */
export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** The data-stance of every country tile, as { XX: stance }. */
export async function stances(page) {
  return page.$$eval('.tile[data-country]', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.country, e.dataset.stance])));
}

/** Sets the Date slider to a day index and fires input, like a drag. */
export async function setSlider(page, index) {
  await page.$eval('input[type=range]', (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, index);
}

export const sliderDate = (page) => page.$eval('time', (t) => t.getAttribute('datetime'));

/**
 * The server and browser a test file shares: started before its first test,
 * closed after its last. Returns { server, browser }, filled in by then.
 */
export function useBrowser() {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await serveDist();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
