// Builds the split files data/labels/{train,dev,test}.csv from the mention
// list and the first labelling (data/labels/README.md): one row per labelled
// mention, with the verbatim sentence read from the article's bytes, so that
// every positive label carries the exact sentence that shows it.
//
//   node scripts/labels/build.mjs
//
// The test split is frozen: after a change to test.csv, `node --test
// tests/data/` fails until a line naming the new hash and the reason is added
// to data/labels/test.lock.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ROOT, firstLabels, labelsDir, mentions, parseId, problem, splitOf } from './labels.mjs';

const HEADER = ['id', 'article', 'lang', 'published', 'start', 'end', 'actor', 'actor_kind', 'label', 'kind', 'date', 'hard', 'note', 'sentence'];

const cell = (s) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

function sentenceAt(article, start, end, cache) {
  if (!cache.has(article)) cache.set(article, readFileSync(new URL(`data/articles/${article}.txt`, ROOT)));
  return cache.get(article).subarray(start, end).toString('utf8');
}

function main() {
  const men = new Map(mentions().map((m) => [m.id, m]));
  const rows = { train: [], dev: [], test: [] };
  const texts = new Map();
  let bad = 0;
  for (const [id, r] of firstLabels()) {
    const why = problem(r);
    if (why) {
      console.error(`data/labels/${r._file}:${r._line}: ${why}`);
      bad++;
      continue;
    }
    const p = parseId(id);
    const m = men.get(id);
    if (!m && !(r.note ?? '').startsWith('missed:')) {
      console.error(`data/labels/${r._file}:${r._line}: ${id} is not in mentions.csv and its note does not begin "missed:"`);
      bad++;
      continue;
    }
    const end = m ? Number(m.end) : sentenceEnd(p.article, p.start, texts);
    const out = {
      id, article: p.article, lang: m?.lang ?? '', published: m?.published ?? '', start: String(p.start), end: String(end),
      actor: p.actor, actor_kind: m?.actor_kind ?? 'missed', label: r.label, kind: r.kind ?? '', date: r.date ?? '',
      hard: r.hard ?? '', note: r.note ?? '', sentence: sentenceAt(p.article, p.start, end, texts),
    };
    rows[splitOf(p.article)].push(out);
  }
  for (const [split, list] of Object.entries(rows)) {
    list.sort((a, b) => a.article.localeCompare(b.article) || a.start - b.start || a.actor.localeCompare(b.actor));
    const text = [HEADER.join(','), ...list.map((o) => HEADER.map((h) => cell(o[h])).join(','))].join('\n') + '\n';
    const target = new URL(`${split}.csv`, labelsDir);
    const tmp = new URL(`.${split}.csv.tmp`, labelsDir);
    writeFileSync(tmp, text);
    renameSync(tmp, target);
    console.log(`data/labels/${split}.csv: ${list.length} mentions`);
  }
  if (bad) {
    console.error(`${bad} labelled rows skipped`);
    process.exitCode = 1;
  }
}

/// A missed mention's sentence ends at the line's end or the next full stop
/// followed by a space: the labeller gave only its start.
function sentenceEnd(article, start, cache) {
  const text = sentenceAt(article, 0, undefined, cache);
  const bytes = Buffer.from(text);
  for (let i = start; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) return i;
    if ((bytes[i] === 0x2e || bytes[i] === 0x3f || bytes[i] === 0x21) && (bytes[i + 1] === 0x20 || bytes[i + 1] === 0x0a)) return i + 1;
  }
  return bytes.length;
}

main();
