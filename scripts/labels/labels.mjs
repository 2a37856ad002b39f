// The labelled mention corpus (data/labels/README.md): reading the mention
// list and the labellers' files, the split of an article, and the check that a
// labelled row is what the codebook allows. Shared by the split builder, the
// evaluation and the data tests, so all three read the labels one way.
import { readFileSync, readdirSync } from 'node:fs';
import { parseCsv } from '../gazetteer/csv.mjs';

export const ROOT = new URL('../../', import.meta.url);
export const LABELS = ['opposition', 'government', 'neutral', 'none'];
export const KINDS = [
  'recognition', 'derecognition', 'rupture', 'restoration', 'diplomatic_withdrawal', 'result_rejection',
  'endorsement', 'statement', 'call_for_dialogue', 'welcome',
];
export const HARD = [
  '', 'speaker_not_government', 'irrealis', 'history_undated', 'venezuela_act', 'object_only',
  'quoted_critic', 'org_members', 'other_subject', 'list_member',
];
/// Files written by one labeller each; `labels-second.csv` is the second,
/// independent labelling used for agreement only.
export const SECOND = 'labels-second.csv';

/// train: the rounds the rules were written on and the blocks 700-799 and 900-1099
/// gathered for training; test: the frozen split shared with data/eval
/// (article number 2 modulo 3, from 200 to 599) and the block 600-699 kept
/// for testing alone; dev: the rest.
export function splitOf(article) {
  const n = Number.parseInt(article, 10);
  if (!Number.isFinite(n)) return 'dev';
  if (n < 200 || (n >= 700 && n < 800) || (n >= 900 && n < 1100)) return 'train';
  if (n >= 600 && n < 700) return 'test';
  return n % 3 === 2 ? 'test' : 'dev';
}

/// Rows of a CSV file as objects keyed by its header; `_line` is the row's
/// line number for error messages.
export function readTable(path) {
  const text = readFileSync(path, 'utf8');
  const [head, ...rows] = parseCsv(text);
  return rows
    .filter((r) => r.length > 1 || r[0] !== '')
    .map((r, i) => ({ ...Object.fromEntries(head.map((h, j) => [h, r[j] ?? ''])), _line: i + 2, _n: r.length, _head: head.length }));
}

export const labelsDir = new URL('data/labels/', ROOT);

export function mentions() {
  return readTable(new URL('mentions.csv', labelsDir));
}

/// The first labelling: every `labels-*.csv` but the second labeller's, as a
/// map from id to row (with the file it came from).
export function firstLabels() {
  const out = new Map();
  for (const f of labelFiles().filter((f) => f !== SECOND)) {
    for (const r of readTable(new URL(f, labelsDir))) {
      if (!out.has(r.id)) out.set(r.id, { ...r, _file: f });
    }
  }
  return out;
}

export function secondLabels() {
  const files = labelFiles();
  if (!files.includes(SECOND)) return new Map();
  return new Map(readTable(new URL(SECOND, labelsDir)).map((r) => [r.id, r]));
}

export function labelFiles() {
  return readdirSync(labelsDir).filter((f) => /^labels-.*\.csv$/.test(f)).sort();
}

let groupRows;

/// The members of `group` on `day` (data/gazetteer/groups.csv, dated as the
/// extractor reads them): a group's labelled act is its members' on that day.
export function membersOn(group, day) {
  groupRows ??= readTable(new URL('data/gazetteer/groups.csv', ROOT));
  return groupRows.filter((g) => g.group === group && g.from <= day && (!g.to || day < g.to)).map((g) => g.member);
}

/// `article@start:ACTOR` to its parts.
export function parseId(id) {
  const m = /^(.+)@(\d+):([A-Za-z0-9_-]+)$/.exec(id ?? '');
  return m ? { article: m[1], start: Number(m[2]), actor: m[3] } : null;
}

/// What is wrong with one labelled row, or null.
export function problem(r) {
  if (!parseId(r.id)) return `id ${JSON.stringify(r.id)} is not article@start:ACTOR`;
  if (!LABELS.includes(r.label)) return `label ${JSON.stringify(r.label)} is not one of ${LABELS.join(', ')}`;
  if (r.label !== 'none' && !KINDS.includes(r.kind)) return `a ${r.label} label needs a kind (got ${JSON.stringify(r.kind)})`;
  if (r.date && !/^\d{4}-\d{2}-\d{2}$/.test(r.date)) return `date ${JSON.stringify(r.date)} is not YYYY-MM-DD`;
  if (!HARD.includes(r.hard ?? '')) return `hard ${JSON.stringify(r.hard)} is not one of the README's values`;
  return null;
}
