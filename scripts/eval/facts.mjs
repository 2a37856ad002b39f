// Fact-level evaluation of the extractor against hand-labelled facts.
//
//   node scripts/eval/facts.mjs [dev|test|all]      (default: dev)
//
// A fact is one (article, country, stance) a careful reader takes from an
// article (data/eval/*-facts.csv, written beside the articles when they joined
// the corpus). The dataset's events are reduced to the same triples; precision
// is the share of extracted triples that are labelled facts, recall the share
// of labelled facts the extractor found. Only articles that have labels count.
//
// The split is by article (each round's articles are distinct stories): an
// article whose number is 2 modulo 3 is in the frozen test split
// (data/eval/README.md); rules are tuned on dev only.
import { readFileSync, readdirSync } from 'node:fs';
import { parseCsv } from '../gazetteer/csv.mjs';
import { wilson } from './stats.mjs';

const ROOT = new URL('../../', import.meta.url);
const which = process.argv[2] ?? 'dev';
if (!['dev', 'test', 'all'].includes(which)) {
  console.error(`usage: facts.mjs [dev|test|all] (got ${which})`);
  process.exit(2);
}

export function splitOf(article) {
  const n = Number.parseInt(article, 10);
  return Number.isFinite(n) && n % 3 === 2 ? 'test' : 'dev';
}

const gold = new Map(); // article -> Set of "CC stance"
const lang = new Map();
for (const f of readdirSync(new URL('data/eval/', ROOT)).filter((f) => f.endsWith('-facts.csv'))) {
  const [head, ...rows] = parseCsv(readFileSync(new URL(`data/eval/${f}`, ROOT), 'utf8'));
  const col = Object.fromEntries(head.map((h, i) => [h, i]));
  for (const r of rows) {
    if (r.length < head.length) continue;
    const a = r[col.article];
    if (which !== 'all' && splitOf(a) !== which) continue;
    if (!gold.has(a)) gold.set(a, new Set());
    gold.get(a).add(`${r[col.country]} ${r[col.stance]}`);
  }
}
const ds = JSON.parse(readFileSync(new URL('data/dataset.json', ROOT), 'utf8'));
for (const a of ds.articles) lang.set(a.id, a.lang);
const got = new Map();
for (const e of ds.events) {
  if (!gold.has(e.article)) continue;
  if (!got.has(e.article)) got.set(e.article, new Set());
  got.get(e.article).add(`${e.actor} ${e.stance}`);
}

const fmt = (k, n) => {
  const [lo, hi] = wilson(k, n);
  return `${n ? (k / n).toFixed(2) : '-'} (${k}/${n}, 95% CI ${lo.toFixed(2)}-${hi.toFixed(2)})`;
};

const tally = {};
const errors = [];
for (const [a, facts] of gold) {
  const l = lang.get(a) ?? '?';
  for (const key of [l, 'all']) tally[key] ??= { tp: 0, fp: 0, fn: 0 };
  const found = got.get(a) ?? new Set();
  for (const f of found) {
    const hit = facts.has(f);
    for (const key of [l, 'all']) tally[key][hit ? 'tp' : 'fp']++;
    if (!hit) errors.push(`FP ${a} ${f}`);
  }
  for (const f of facts) {
    if (found.has(f)) continue;
    for (const key of [l, 'all']) tally[key].fn++;
    errors.push(`FN ${a} ${f}`);
  }
}
console.log(`${which}: ${gold.size} labelled articles`);
for (const [k, t] of Object.entries(tally).sort()) {
  console.log(`  ${k.padEnd(4)} precision ${fmt(t.tp, t.tp + t.fp)}  recall ${fmt(t.tp, t.tp + t.fn)}`);
}
if (which !== 'test' && process.env.VERBOSE) for (const e of errors.sort()) console.log(e);
