// Screenshots for a person to judge: the map at the dates a reader of the
// news would check, on a laptop and a phone, with one country's panel open.
//
//   node tests/e2e/screenshots.mjs [DATE[:COUNTRY]]...
//
// Writes tests/e2e/artifacts/shot-DATE[-COUNTRY]-WIDTHxHEIGHT.png. Not a
// test: it asserts nothing; open the pictures and look.
import { launch, open, screenshot, serveDist } from './harness.mjs';

const DEFAULT = ['2019-02-15', '2021-06-01', '2023-06-01:BR', '2025-01-15', '2026-01-20:US', 'end'];
const SIZES = [[1280, 800], [375, 800]];

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT;
const server = await serveDist();
const browser = await launch();
try {
  for (const spec of wanted) {
    const [date, country] = spec.split(':');
    for (const [width, height] of SIZES) {
      const query = `?${date === 'end' ? '' : `date=${date}`}${country ? `&country=${country}` : ''}`;
      const { page, context, problems } = await open(browser, server.origin, query, { viewport: { width, height } });
      await page.waitForTimeout(400);
      const name = `shot-${date}${country ? `-${country}` : ''}-${width}x${height}`;
      await screenshot(page, name);
      console.log(`${name}.png${problems.length ? `  problems: ${problems.join('; ')}` : ''}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
