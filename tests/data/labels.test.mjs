// Checks for the labelled mention corpus (data/labels/README.md): every
// label is one the codebook allows, every positive carries its verbatim
// sentence, no mention is decided twice by the first labelling, and the
// frozen test split changes only with a recorded reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ROOT, SECOND, labelFiles, labelsDir, mentions, parseId, problem, readTable, splitOf } from '../../scripts/labels/labels.mjs';

const men = new Map(mentions().map((m) => [m.id, m]));

test('every mention names its sentence by a byte span of its article', () => {
  const texts = new Map();
  for (const m of men.values()) {
    if (!texts.has(m.article)) texts.set(m.article, readFileSync(new URL(`data/articles/${m.article}.txt`, ROOT)));
    const s = texts.get(m.article).subarray(Number(m.start), Number(m.end)).toString('utf8');
    assert.equal(s.split(/\s+/).join(' ').trim(), m.sentence, `mentions.csv:${m._line}`);
  }
});

test('every labelled row is well formed and names a mention or a missed one', () => {
  for (const f of labelFiles()) {
    for (const r of readTable(new URL(f, labelsDir))) {
      const where = `data/labels/${f}:${r._line}`;
      assert.equal(r._n, r._head, `${where}: ${r._n} fields, header has ${r._head}`);
      assert.equal(problem(r), null, where);
      assert.ok(men.has(r.id) || r.note.startsWith('missed:'), `${where}: ${r.id} is neither in mentions.csv nor marked missed:`);
    }
  }
});

test('the first labelling decides each mention once', () => {
  const seen = new Map();
  for (const f of labelFiles().filter((f) => f !== SECOND)) {
    for (const r of readTable(new URL(f, labelsDir))) {
      assert.ok(!seen.has(r.id), `${r.id} labelled in ${seen.get(r.id)} and data/labels/${f}:${r._line}`);
      seen.set(r.id, `data/labels/${f}:${r._line}`);
    }
  }
});

test('the split files hold verbatim sentences, each in its own split', () => {
  for (const split of ['train', 'dev', 'test']) {
    const texts = new Map();
    for (const r of readTable(new URL(`${split}.csv`, labelsDir))) {
      assert.equal(splitOf(r.article), split, `${split}.csv:${r._line}`);
      assert.deepEqual(parseId(r.id)?.article, r.article);
      if (!texts.has(r.article)) texts.set(r.article, readFileSync(new URL(`data/articles/${r.article}.txt`, ROOT)));
      const bytes = texts.get(r.article).subarray(Number(r.start), Number(r.end)).toString('utf8');
      assert.equal(r.sentence, bytes, `${split}.csv:${r._line}: the sentence is not the article's bytes`);
    }
  }
});

test('the frozen test split changes only with a recorded reason', () => {
  const hash = createHash('sha256').update(readFileSync(new URL('test.csv', labelsDir))).digest('hex');
  const lock = readFileSync(new URL('test.lock', labelsDir), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const last = lock.at(-1) ?? '';
  const [recorded, ...reason] = last.split(/\s+/);
  assert.equal(
    hash,
    recorded,
    `data/labels/test.csv changed (sha256 ${hash}); if the change is meant, add a line "${hash} <reason>" to data/labels/test.lock`,
  );
  assert.ok(reason.join(' ').length > 10, 'data/labels/test.lock: the last line gives no reason');
});
