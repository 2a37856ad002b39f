// `make bench`, the app's half: prints transfer size, first render and
// slider-to-grid latency, measured in headless Chromium against dist/, and
// the transfer and first render again for a build over twice today's corpus
// (target/bench-2x/dist, which `make bench` builds), since the budget must
// hold as the corpus grows.
// Figures, not pass/fail: a busy machine changes them, so no test asserts them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveDist, launch, dist } from './harness.mjs';

const budgetKB = 250;
const twice = path.resolve(dist, '../target/bench-2x/dist');

/** The first load's files of a build, gzipped as a static host would send them. */
function transfer(dir, label) {
  let raw = 0;
  let gz = 0;
  for (const f of fs.readdirSync(dir)) {
    if (!/\.(wasm|js|css|html|svg)$/.test(f)) continue;
    const body = fs.readFileSync(path.join(dir, f));
    raw += body.length;
    gz += zlib.gzipSync(body, { level: 9 }).length;
  }
  console.log(`${label}transfer: ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (budget ${budgetKB} KB gzipped) ${gz / 1024 <= budgetKB ? 'OK' : 'OVER'}`);
}

/**
 * First render: the moment the first colored tile is in the DOM, seen by a
 * MutationObserver installed before any page script runs; median of seven.
 */
async function firstRender(browser, origin, label) {
  const renders = [];
  for (let i = 0; i < 7; i++) {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-country="US"][data-stance="opposition"]')) {
          window.__firstRender = performance.now();
          obs.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(`${origin}/?date=2019-01-24`);
    await page.waitForFunction(() => window.__firstRender !== undefined);
    renders.push(await page.evaluate(() => window.__firstRender));
    await page.close();
  }
  renders.sort((a, b) => a - b);
  const median = renders[Math.floor(renders.length / 2)];
  console.log(`${label}first render: median ${median.toFixed(1)} ms after navigation start (target 200 ms); runs: ${renders.map((r) => r.toFixed(0)).join(', ')}`);
}

transfer(dist, '');
const server = await serveDist();
const browser = await launch();
try {
  await firstRender(browser, server.origin, '');
  if (fs.existsSync(path.join(twice, 'index.html'))) {
    const other = await serveDist(twice);
    try {
      transfer(twice, 'twice the corpus: ');
      await firstRender(browser, other.origin, 'twice the corpus: ');
    } finally {
      await other.close();
    }
  } else {
    console.log('twice the corpus: not built (make bench builds it in target/bench-2x)');
  }

  // Slider latency: from the input event to the grid's new colors being in
  // the DOM and laid out. Leptos applies updates in a microtask, so the
  // timer stops when a MutationObserver has seen the tiles change, then
  // forces style and layout. A run fails rather than report a number if a
  // tile changed after the timer stopped (an update split across tasks
  // would look fast) or the map does not show what the date says.
  const page = await browser.newPage();
  await page.goto(`${server.origin}/?date=2019-01-01`);
  await page.waitForSelector('[data-country="US"]');
  const jumps = (apart) => page.evaluate(async (apart) => {
    const input = document.querySelector('input[type=range]');
    const map = document.querySelector('.map');
    const max = Number(input.max);
    const out = [];
    for (let i = 0; i < 200; i++) {
      // Alternate between the empty start and a late date, so every move changes colors.
      const v = i % 2 === 0 ? max - ((i * 37) % 400) : 0;
      let timed = false;
      let late = 0;
      let obs;
      const changed = new Promise((resolve) => {
        obs = new MutationObserver((records) => {
          if (timed) late += records.length;
          else { timed = true; resolve(); }
        });
        obs.observe(map, { subtree: true, attributes: true, attributeFilter: ['data-stance'] });
      });
      const t0 = performance.now();
      input.value = String(v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await changed;
      map.getBoundingClientRect();
      out.push(performance.now() - t0);
      // Untimed: with `apart`, the next move comes a task later, so the
      // browser may paint in between and late updates would show here.
      if (apart) await new Promise((r) => setTimeout(r, 0));
      late += obs.takeRecords().length;
      obs.disconnect();
      if (late > 0) throw new Error(`${late} tiles changed after the timer stopped: timing would be wrong`);
      const colored = map.querySelectorAll('.tile:not([data-stance="none"])').length;
      if ((v === 0) !== (colored === 0)) throw new Error(`${colored} colored tiles at slider ${v}: the map did not follow`);
    }
    return out;
  }, apart);
  const report = (label, xs) => {
    xs.sort((a, b) => a - b);
    const p = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
    console.log(`${label}: p50 ${p(0.5).toFixed(2)} ms, p95 ${p(0.95).toFixed(2)} ms, max ${xs.at(-1).toFixed(2)} ms over ${xs.length} moves (target p95 8 ms)`);
  };
  report('slider jumps between an empty and a full map (worst case)', await jumps(false));
  // The same, with a task between moves as real input has: the browser
  // paints (here in software, --disable-gpu) and rasterizes while the next
  // move runs, so on a two-core machine this includes that contention.
  report('  the same, moves a task apart (paint and raster in between)', await jumps(true));

  // A drag: the slider walks 2019 to 2025 five days at a time, as a hand
  // does; every move is timed, whether or not a color changes.
  const drag = await page.evaluate(async () => {
    const input = document.querySelector('input[type=range]');
    const max = Number(input.max);
    const out = [];
    for (let v = 0; v <= max; v += 5) {
      const t0 = performance.now();
      input.value = String(v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Leptos applies updates in a microtask; wait for it, then for layout.
      await Promise.resolve();
      await new Promise((r) => queueMicrotask(r));
      // Check the update really happened within the timed span.
      const shown = document.querySelector('time').getAttribute('datetime');
      const want = new Date(Date.UTC(2019, 0, 1 + v)).toISOString().slice(0, 10);
      if (shown !== want) throw new Error(`the page showed ${shown} after moving to ${want}: timing would be wrong`);
      document.querySelector('.map').getBoundingClientRect();
      out.push(performance.now() - t0);
    }
    return out;
  });
  report('slider dragged through 2019-2025, five days per move', drag);
} finally {
  await browser.close();
  await server.close();
}
