import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inferMeta, readFrontMatter } from '../../server/src/core/metadata';
import { indexStatements } from '../../server/src/core/service';
import { loadCorpus } from '../../server/src/node/load-corpus';
import { CORPUS_DIR, sampleCorpus } from './corpus-fixture';
import { indexFiles } from '../../server/src/node/index-files';
import { decodeStatement, decodeStatementHead, HEAD_CHARS, DEFAULT_EXCLUDE, DEFAULT_INCLUDE, listStatementFiles, listStatementPaths } from '../../server/src/node/statement-files';

// Bad input is reported and skipped; the rest is indexed.
describe('statement files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-files-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'good.txt'), 'A perfectly good statement with enough words to index.');
  writeFileSync(join(dir, 'sub', 'nested.md'), '---\ntitle: Nested\n---\nAnother good statement, in Markdown.');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 statement', 'latin1'));
  writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(21 * 1024 * 1024, 0x61));
  writeFileSync(join(dir, 'notes.docx'), 'not a statement');
  const spec = { folders: [dir, join(dir, 'missing')], include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, maxFileBytes: 5 * 1024 * 1024 };

  it('lists statement files by glob and reports a missing folder', async () => {
    const { files, problems } = await listStatementFiles(spec);
    assert.deepEqual(files.map((f) => f.path.slice(dir.length + 1)).sort(), ['binary.txt', 'empty.txt', 'good.txt', 'huge.txt', 'latin1.txt', 'sub/nested.md']);
    assert.deepEqual(problems.map((p) => p.message), ['corpus folder not found; skipped']);
  });

  it('indexes the good files and says why each bad one was skipped', async () => {
    const loaded = await loadCorpus(spec);
    assert.deepEqual(loaded.index.statements.map((s) => s.path.slice(dir.length + 1)), ['good.txt', 'sub/nested.md']);
    assert.equal(loaded.index.statements[1].meta.title, 'Nested');
    const why = Object.fromEntries(loaded.problems.map((p) => [p.path.slice(dir.length + 1) || p.path, p.message]));
    assert.match(why['binary.txt'], /binary/);
    assert.match(why['empty.txt'], /empty/);
    assert.match(why['latin1.txt'], /not valid UTF-8/);
    assert.match(why['huge.txt'], /21\.0 MB, over the 5 MB limit/);
  });

  it('lists the same paths without their sizes and times; a listed file gone before it is read is a problem', async () => {
    const stated = await listStatementFiles(spec);
    const listed = await listStatementPaths(spec);
    assert.deepEqual(listed.files, stated.files.map(({ path, folder }) => ({ path, folder })));
    assert.deepEqual(listed.problems, stated.problems);
    const gone = { path: join(dir, 'gone.txt'), folder: dir };
    const indexed = indexFiles([...listed.files.filter((f) => f.path.endsWith('good.txt')), gone], spec.maxFileBytes);
    assert.deepEqual(indexed.index.statements.map((s) => s.path), [join(dir, 'good.txt')]);
    assert.deepEqual(indexed.stamps.map((s) => s.path), [join(dir, 'good.txt')]);
    assert.deepEqual(indexed.problems, [{ path: gone.path, message: 'cannot read: ENOENT; skipped' }]);
  });

  it('strips a byte-order mark', () => {
    assert.deepEqual(decodeStatement(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), { text: 'A' });
  });

  it('indexes the corpus files read as bytes (one reused read buffer, long and short files in turn) as their decoded texts index', async () => {
    const fromFiles = await loadCorpus({ folders: [CORPUS_DIR], include: ['*.txt'], exclude: [], maxFileBytes: spec.maxFileBytes });
    const fromTexts = indexStatements(sampleCorpus().map((st) => ({ ...st, path: join(CORPUS_DIR, st.path) })));
    assert.deepEqual(fromFiles.index.statements, fromTexts.statements);
    for (const k of ['fpLow', 'fpPos', 'bucket', 'docStart', 'fpHash'] as const) assert.deepEqual(fromFiles.index[k], fromTexts[k], k);
  });

  it('decodes the start only as indexing needs it: the same problems, and the same metadata as the whole text gives', () => {
    const pad = (n: number, s: string) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
    const texts = [
      ...sampleCorpus().map((st) => st.text),
      '\ufeffA', '\ufeff \n', '', ' \n\t ', pad(20000, ' \n') + 'late words', pad(20000, ' \u3000\n'),
      '---\ntitle: Long\n' + pad(30000, 'body text ') + '\n---\nwords', '\ufeff---\ntitle: After a BOM\n---\nwords', '\ufeff\ufeff---\ntitle: Two\n---\nx',
      // multi-byte characters across the cut, the 3,000th code unit in a surrogate pair
      pad(HEAD_CHARS * 3 + 2, 'é') + ' tail', pad(200, 'é') + pad(HEAD_CHARS, 'a') + ' tail', pad(400, 'é') + pad(HEAD_CHARS, 'a') + ' tail', pad(HEAD_CHARS + 5, 'a'), pad(HEAD_CHARS * 3 + 3, '联') + ' tail', pad(HEAD_CHARS * 2 + 1, '𝐀') + ' tail', 'x' + pad(HEAD_CHARS * 3, '𝐀'),
    ];
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text);
      const whole = decodeStatement(bytes), start = decodeStatementHead(bytes);
      const what = JSON.stringify(text.slice(0, 40));
      if ('problem' in whole) { assert.deepEqual(start, whole, what); continue; }
      assert.ok('head' in start, what);
      assert.ok(whole.text.startsWith(start.head) && (start.head.length >= HEAD_CHARS || start.head === whole.text), what);
      if (whole.text.startsWith('---') || whole.text.startsWith('\ufeff---')) assert.equal(start.head, whole.text, what);
      assert.deepEqual(readFrontMatter(start.head), readFrontMatter(whole.text), what);
      assert.deepEqual(inferMeta(start.head), inferMeta(whole.text), what);
    }
    for (const bad of [new Uint8Array([0x41, 0, 0x42]), new Uint8Array([0x43, 0x61, 0x66, 0xe9]), new Uint8Array(0)]) assert.deepEqual(decodeStatementHead(bad), decodeStatement(bad));
  });
});
