// Evaluation against the labelled mention corpus (data/labels/).
//
//   node scripts/eval/mentions.mjs [dev|test|train] ...   (default: dev test)
//   node scripts/eval/mentions.mjs agreement
//
// For each split: fact-level precision and recall (one fact is one article,
// actor and stance, as a reader meets it), the same at sentence level (one
// actor and stance in one sentence), each with 95% Wilson intervals, per
// language and overall; and candidate recall: the share of labelled facts
// whose sentence reaches the rules at all (the actor is found by the lexicon
// in a sentence the rules read, data/labels/scan.csv). A group's labelled
// act is its members' on the act's day (groups.csv), as the extractor reads
// it: "13 nations of the Lima Group said they wouldn't recognize" is a fact
// of each member. With VERBOSE=1 the dev and train errors are listed; the test
// split's never are (data/labels/README.md).
//
// The dataset's `events` are what the atlas shows: with schema 3, only those
// whose verifier confidence reaches the dataset's `threshold`. `facts` and
// `sentences` score those; `rules` scores every event the extractor gave,
// shown and held back (`unconfirmed`), at fact level: the rules alone.
//
// `agreement` compares the second, independent labelling with the first on
// the articles both labelled: Cohen's kappa overall and per label.
import { existsSync, readFileSync } from 'node:fs';
import { ROOT, firstLabels, labelsDir, membersOn, mentions, parseId, readTable, secondLabels, splitOf } from '../labels/labels.mjs';
import { wilson } from './stats.mjs';

const args = process.argv.slice(2);
const wanted = args.length ? args : ['dev', 'test'];
for (const a of wanted) {
  if (!['dev', 'test', 'train', 'agreement'].includes(a)) {
    console.error(`usage: mentions.mjs [dev|test|train|agreement]... (got ${a})`);
    process.exit(2);
  }
}

const rate = (k, n) => {
  const [lo, hi] = wilson(k, n);
  return `${n ? (k / n).toFixed(2) : '  -'} (${k}/${n}, ${lo.toFixed(2)}-${hi.toFixed(2)})`;
};

const men = new Map(mentions().map((m) => [m.id, m]));
const first = firstLabels();
const scanFile = new URL('scan.csv', labelsDir);
const candidates = existsSync(scanFile)
  ? new Set(readTable(scanFile).filter((r) => r.candidate === '1').map((r) => r.id))
  : null;
const dataset = JSON.parse(readFileSync(new URL('data/dataset.json', ROOT), 'utf8'));
const langOf = new Map(dataset.articles.map((a) => [a.id, a.lang]));
const extracted = [...dataset.events, ...(dataset.unconfirmed ?? [])];
const groups = new Set(readTable(new URL('data/gazetteer/groups.csv', ROOT)).map((g) => g.group));

/// Labelled positive mentions of one split, with what the reader takes.
function goldMentions(split) {
  const out = [];
  for (const [id, r] of first) {
    const p = parseId(id);
    if (!p || splitOf(p.article) !== split || r.label === 'none' || !r.label) continue;
    const m = men.get(id);
    const candidate = Boolean(m) && (!candidates || candidates.has(id));
    if ((m?.actor_kind ?? '') === 'group' || groups.has(p.actor)) {
      const day = r.date || m?.published || '';
      for (const member of membersOn(p.actor, day)) {
        out.push({ id: `${id}>${member}`, ...p, actor: member, stance: r.label, candidate });
      }
      continue;
    }
    out.push({ id, ...p, stance: r.label, candidate });
  }
  return out;
}

/// Every article of the split that has at least one labelled row.
function labelledArticles(split) {
  const s = new Set();
  for (const id of first.keys()) {
    const p = parseId(id);
    if (p && splitOf(p.article) === split) s.add(p.article);
  }
  return s;
}

function score(gold, got, keyLang) {
  const t = {};
  const errors = [];
  const bump = (l, f) => {
    for (const k of [l, 'all']) (t[k] ??= { tp: 0, fp: 0, fn: 0 })[f]++;
  };
  for (const k of got) {
    const hit = gold.has(k);
    bump(keyLang(k), hit ? 'tp' : 'fp');
    if (!hit) errors.push(`FP ${k}`);
  }
  for (const k of gold) {
    if (got.has(k)) continue;
    bump(keyLang(k), 'fn');
    errors.push(`FN ${k}`);
  }
  return { t, errors };
}

function report(split) {
  const arts = labelledArticles(split);
  const gm = goldMentions(split);
  const events = dataset.events.filter((e) => arts.has(e.article));
  const art = (k) => langOf.get(k.split(' ')[0]) ?? '?';
  const goldFacts = new Set(gm.map((g) => `${g.article} ${g.actor} ${g.stance}`));
  const factsOf = (evs) => new Set(evs.map((e) => `${e.article} ${e.actor} ${e.stance}`));
  const facts = score(goldFacts, factsOf(events), art);
  const rules = score(goldFacts, factsOf(extracted.filter((e) => arts.has(e.article))), art);
  const sentences = score(
    new Set(gm.map((g) => `${g.article} @${g.start} ${g.actor} ${g.stance}`)),
    new Set(events.map((e) => `${e.article} @${e.span.start} ${e.actor} ${e.stance}`)),
    art,
  );
  const shown = dataset.threshold === undefined ? 'every event (unscored dataset)' : `events with confidence >= ${dataset.threshold}`;
  console.log(`${split}: ${arts.size} labelled articles, ${gm.length} positive mentions; shown: ${shown}`);
  const systems = [['facts', facts], ['sentences', sentences]];
  if (dataset.threshold !== undefined) systems.push(['rules', rules]);
  for (const [name, s] of systems) {
    for (const [k, t] of Object.entries(s.t).sort()) {
      console.log(`  ${name.padEnd(9)} ${k.padEnd(3)} precision ${rate(t.tp, t.tp + t.fp)}  recall ${rate(t.tp, t.tp + t.fn)}`);
    }
  }
  const factCand = new Map();
  for (const g of gm) {
    const k = `${g.article} ${g.actor} ${g.stance}`;
    factCand.set(k, (factCand.get(k) ?? false) || g.candidate);
  }
  const reached = [...factCand.values()].filter(Boolean).length;
  console.log(`  candidate recall (facts) ${rate(reached, factCand.size)}${candidates ? '' : '  [no scan.csv: lexicon mentions only]'}`);
  if (split !== 'test' && process.env.VERBOSE) {
    for (const e of [...facts.errors].sort()) console.log(`  ${e}`);
  }
}

/// Cohen's kappa of two label sequences over the categories they use.
function kappa(a, b, cats) {
  const n = a.length;
  if (!n) return NaN;
  const agree = a.filter((x, i) => x === b[i]).length / n;
  const chance = cats.reduce((s, c) => s + (a.filter((x) => x === c).length / n) * (b.filter((x) => x === c).length / n), 0);
  return chance === 1 ? 1 : (agree - chance) / (1 - chance);
}

function agreement() {
  const second = secondLabels();
  const pairs = [...second].filter(([id]) => first.has(id)).map(([id, r]) => [id, first.get(id).label, r.label]);
  const arts = new Set(pairs.map(([id]) => parseId(id)?.article));
  console.log(`agreement: ${pairs.length} mentions labelled twice, in ${arts.size} articles`);
  console.log('  (the first labelling as it stands, adjudicated: data/labels/adjudication.csv; the figures before adjudication are in data/labels/CHANGES.md)');
  if (!pairs.length) return;
  const a = pairs.map((p) => p[1]), b = pairs.map((p) => p[2]);
  const cats = ['opposition', 'government', 'neutral', 'none'];
  const agree = pairs.filter((p) => p[1] === p[2]).length;
  console.log(`  observed agreement ${(agree / pairs.length).toFixed(3)}  Cohen's kappa (4 labels) ${kappa(a, b, cats).toFixed(3)}`);
  for (const c of cats) {
    const ka = kappa(a.map((x) => x === c), b.map((x) => x === c), [true, false]);
    const na = a.filter((x) => x === c).length, nb = b.filter((x) => x === c).length;
    console.log(`  ${c.padEnd(10)} kappa ${ka.toFixed(3)}  (first ${na}, second ${nb})`);
  }
  if (process.env.VERBOSE) for (const [id, x, y] of pairs.filter((p) => p[1] !== p[2])) console.log(`  ${x} / ${y}  ${id}`);
}

for (const w of wanted) (w === 'agreement' ? agreement() : report(w));
