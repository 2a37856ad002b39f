// Why the dataset's wrong facts are wrong, counted by kind, for a split.
//
//   node scripts/eval/errors.mjs [dev|test|train] ...   (default: dev test)
//
// A fact (article, actor, stance) the dataset holds and the labels do not is
// a false color. Each is classified by what the labellers said of the event's
// own sentence and actor: a `none` with its hard case (the kind of sentence
// that fooled the rules: a legislature speaking, history, an object, ...), the
// other side or neutral, or no label at all (a mention the labellers did not
// see as this actor). Only counts are printed, per language and per the
// event's kind, so that the frozen test split can be analysed without its
// sentences being read for tuning (data/labels/README.md).
import { readFileSync } from 'node:fs';
import { ROOT, firstLabels, membersOn, mentions, parseId, readTable, splitOf } from '../labels/labels.mjs';

const args = process.argv.slice(2);
const wanted = args.length ? args : ['dev', 'test'];
for (const a of wanted) {
  if (!['dev', 'test', 'train'].includes(a)) {
    console.error(`usage: errors.mjs [dev|test|train]... (got ${a})`);
    process.exit(2);
  }
}

const first = firstLabels();
const published = new Map(mentions().map((m) => [m.id, m.published]));
const dataset = JSON.parse(readFileSync(new URL('data/dataset.json', ROOT), 'utf8'));
const langOf = new Map(dataset.articles.map((a) => [a.id, a.lang]));
const groups = new Set(readTable(new URL('data/gazetteer/groups.csv', ROOT)).map((g) => g.group));

/// The labels of one split: by sentence and actor, and the positive facts.
function labels(split) {
  const bySentence = new Map();
  const facts = new Set();
  const articles = new Set();
  for (const [id, r] of first) {
    const p = parseId(id);
    if (!p || splitOf(p.article) !== split) continue;
    articles.add(p.article);
    // A group's labelled act is its members' on the act's day, as in
    // mentions.mjs.
    const actors = groups.has(p.actor) ? membersOn(p.actor, r.date || published.get(id) || '') : [p.actor];
    for (const a of actors) {
      bySentence.set(`${p.article}@${p.start}:${a}`, r);
      if (r.label && r.label !== 'none') facts.add(`${p.article} ${a} ${r.label}`);
    }
  }
  return { bySentence, facts, articles };
}

/// What the labels say of the sentence behind a wrong event.
function why(e, bySentence) {
  const r = bySentence.get(`${e.article}@${e.span.start}:${e.actor}`);
  if (!r) return 'no label for this actor in this sentence';
  if (r.label === 'none') return `none: ${r.hard || 'no hard case named'}`;
  if (r.label === e.stance) return 'right here, wrong elsewhere (another sentence)';
  return `labelled ${r.label}`;
}

function count(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function report(split) {
  const { bySentence, facts, articles } = labels(split);
  const events = dataset.events.filter((e) => articles.has(e.article) && !groups.has(e.actor));
  const wrong = new Map();
  for (const e of events) {
    const fact = `${e.article} ${e.actor} ${e.stance}`;
    if (facts.has(fact)) continue;
    // One fact may rest on several events: each is a reason it was shown.
    if (!wrong.has(fact)) wrong.set(fact, []);
    wrong.get(fact).push(e);
  }
  const reasons = new Map();
  const byKind = new Map();
  const byLang = new Map();
  for (const list of wrong.values()) {
    // A fact is as wrong as its first event (in file order) is.
    const e = list[0];
    count(reasons, why(e, bySentence));
    count(byKind, e.kind);
    count(byLang, langOf.get(e.article) ?? '?');
  }
  const rows = (m) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  console.log(`${split}: ${wrong.size} false facts`);
  for (const [k, n] of rows(reasons)) console.log(`  ${String(n).padStart(3)}  ${k}`);
  console.log(`  by kind: ${rows(byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`  by language: ${rows(byLang).map(([k, n]) => `${k} ${n}`).join(', ')}`);
}

for (const split of wanted) report(split);
