// `make bench`, the app's half: prints transfer size, first render and
// slider-to-grid latency, measured in headless Chromium against dist/.
// Figures, not pass/fail: a busy machine changes them, so no test asserts them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveDist, launch, dist } from './harness.mjs';

const budgetKB = 250;
let raw = 0;
let gz = 0;
for (const f of fs.readdirSync(dist)) {
  if (!/\.(wasm|js|css|html|svg)$/.test(f)) continue;
  const body = fs.readFileSync(path.join(dist, f));
  raw += body.length;
  gz += zlib.gzipSync(body, { level: 9 }).length;
}
console.log(`transfer: ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (budget ${budgetKB} KB gzipped) ${gz / 1024 <= budgetKB ? 'OK' : 'OVER'}`);

const server = await serveDist();
const browser = await launch();
try {
  const renders = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/?date=2019-01-24`);
    await page.waitForSelector('[data-country="US"][data-stance="opposition"]');
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return performance.now() - (nav ? nav.startTime : 0);
    });
    renders.push(t);
    await page.close();
  }
  renders.sort((a, b) => a - b);
  console.log(`first render: median ${renders[2].toFixed(1)} ms after navigation (target 200 ms); runs: ${renders.map((r) => r.toFixed(0)).join(', ')}`);

  const page = await browser.newPage();
  await page.goto(`${server.origin}/?date=2019-01-01`);
  await page.waitForSelector('[data-country="US"]');
  const samples = await page.evaluate(async () => {
    const input = document.querySelector('input[type=range]');
    const out = [];
    const max = Number(input.max);
    for (let i = 0; i < 200; i++) {
      const v = Math.floor((i * 37) % max);
      const t0 = performance.now();
      input.value = String(v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Reading layout forces the grid's update to complete before timing ends.
      document.querySelector('.map').getBoundingClientRect();
      out.push(performance.now() - t0);
    }
    return out;
  });
  samples.sort((a, b) => a - b);
  const p = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  console.log(`slider input to updated grid: p50 ${p(0.5).toFixed(2)} ms, p95 ${p(0.95).toFixed(2)} ms, max ${samples.at(-1).toFixed(2)} ms (target p95 8 ms)`);
} finally {
  await browser.close();
  await server.close();
}
