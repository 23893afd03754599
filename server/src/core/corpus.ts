// The corpus as the service sees it: one or more index layers plus the statements removed since
// they were built. A full build gives one layer; a changed or added statement file becomes a small
// new layer and its old version is marked removed, so one file's change costs one file's indexing
// (milliseconds), not a rebuild. `compact` folds the layers back into one without re-reading text.
import { assembleIndex, bucketBitsFor, docOf, fingerprintHash, radixSortPairs, type CorpusIndex, type IndexedStatement } from './corpus-index';

export interface CorpusLayer {
  readonly index: CorpusIndex;
  /** Global id of the layer's statement 0: ids are stable across layers. */
  readonly firstDoc: number;
}

export interface Corpus {
  readonly layers: readonly CorpusLayer[];
  /** Global ids of statements no longer in the corpus. */
  readonly removed: ReadonlySet<number>;
  /** Ids handed out so far (removed ones included). */
  readonly idCount: number;
}

export function isCorpus(x: CorpusIndex | Corpus): x is Corpus {
  return 'layers' in x;
}

export function singleLayer(index: CorpusIndex): Corpus {
  return { layers: [{ index, firstDoc: 0 }], removed: new Set(), idCount: index.statements.length };
}

/** The statement with a global id, or undefined when removed or unknown. */
export function statementAt(corpus: Corpus, docId: number): IndexedStatement | undefined {
  return corpus.removed.has(docId) ? undefined : anyStatementAt(corpus, docId);
}

/** The statement with a global id, removed or not. */
function anyStatementAt(corpus: Corpus, docId: number): IndexedStatement | undefined {
  for (const l of corpus.layers) {
    const local = docId - l.firstDoc;
    if (local >= 0 && local < l.index.statements.length) return l.index.statements[local];
  }
  return undefined;
}

/**
 * The global id of the live statement read from `path` (a path is live in one layer at most).
 * Each layer's paths are mapped once, when first asked: a file change used to walk all of UNGDC's
 * statements twice (withChanges and the service's map), 3 + 6.5 ms of each change (profile).
 */
export function liveDocOf(corpus: Corpus, path: string): number | undefined {
  for (let l = corpus.layers.length - 1; l >= 0; l--) {
    const { index, firstDoc } = corpus.layers[l];
    const local = pathsOf(index).get(path);
    if (local !== undefined && !corpus.removed.has(firstDoc + local)) return firstDoc + local;
  }
  return undefined;
}

const layerPaths = new WeakMap<CorpusIndex, Map<string, number>>();

/** Path → local statement number of a layer (a path twice in one layer: its last statement). */
function pathsOf(index: CorpusIndex): Map<string, number> {
  let paths = layerPaths.get(index);
  if (!paths) {
    paths = new Map();
    for (let i = 0; i < index.statements.length; i++) paths.set(index.statements[i].path, i);
    layerPaths.set(index, paths);
  }
  return paths;
}

/** Every live statement with its global id. */
export function* liveStatements(corpus: Corpus): Generator<[number, IndexedStatement]> {
  for (const l of corpus.layers) {
    for (let i = 0; i < l.index.statements.length; i++) if (!corpus.removed.has(l.firstDoc + i)) yield [l.firstDoc + i, l.index.statements[i]];
  }
}

export function liveCount(corpus: Corpus): number {
  return corpus.layers.reduce((n, l) => n + l.index.statements.length, 0) - corpus.removed.size;
}

/** Words of the live statements: the layers' totals minus the removed statements' (no walk over every statement). */
export function liveWords(corpus: Corpus): number {
  let n = corpus.layers.reduce((sum, l) => sum + l.index.totalWords, 0);
  for (const id of corpus.removed) n -= anyStatementAt(corpus, id)?.words ?? 0;
  return n;
}

/**
 * The corpus after some statement files changed: `removedPaths` (deleted, changed or renamed-away
 * files) are marked removed, and `added` (the new versions and new files) becomes a new layer.
 */
export function withChanges(corpus: Corpus, added: CorpusIndex | undefined, removedPaths: Iterable<string>): Corpus {
  const removed = new Set(corpus.removed);
  for (const path of removedPaths) { const id = liveDocOf(corpus, path); if (id !== undefined) removed.add(id); }
  const layers = added && added.statements.length ? [...corpus.layers, { index: added, firstDoc: corpus.idCount }] : corpus.layers;
  return { layers, removed, idCount: corpus.idCount + (added?.statements.length ?? 0) };
}

/** Layers beyond the first, in statements: past this share of the base it pays to compact. */
export function needsCompaction(corpus: Corpus): boolean {
  const base = corpus.layers[0]?.index.statements.length ?? 0;
  const rest = corpus.idCount - base;
  return corpus.layers.length > 8 || rest + corpus.removed.size > Math.max(50, base * 0.05);
}

/**
 * After a file change: folds everything into one layer once the changes outgrow 5% of the base;
 * before that, past 8 layers, folds only the small layers into one (milliseconds), keeping the
 * base. Compacting UNGDC's base on every 8th single-file change stalled the server 1.5-2.8 s
 * (bench: p99 of one file changed 2.77 s); the small layers alone hold a few statements.
 */
export function compactAfterChange(corpus: Corpus): Corpus {
  const base = corpus.layers[0];
  if (!base || corpus.layers.length === 1) return corpus;
  const rest = corpus.idCount - base.index.statements.length;
  if (rest + corpus.removed.size > Math.max(50, base.index.statements.length * 0.05)) return singleLayer(compact(corpus));
  if (corpus.layers.length <= 8) return corpus;
  const baseDocs = base.firstDoc + base.index.statements.length;
  const folded = compact({ layers: corpus.layers.slice(1), removed: corpus.removed, idCount: corpus.idCount });
  return {
    layers: [base, { index: folded, firstDoc: baseDocs }],
    removed: new Set([...corpus.removed].filter((id) => id < baseDocs)),
    idCount: baseDocs + folded.statements.length,
  };
}

/** One layer holding the live statements, renumbered from 0; fingerprints are reused, not recomputed. */
export function compact(corpus: Corpus): CorpusIndex {
  const statements: IndexedStatement[] = [];
  const starts: number[] = [];
  let total = 0;
  const capacity = corpus.layers.reduce((n, l) => n + l.index.fpPos.length, 0);
  const hashes = new Uint32Array(capacity), positions = new Uint32Array(capacity);
  let n = 0;
  for (const { index: ix, firstDoc } of corpus.layers) {
    const newStart = new Int32Array(ix.statements.length).fill(-1);
    for (let d = 0; d < ix.statements.length; d++) {
      if (corpus.removed.has(firstDoc + d)) continue;
      newStart[d] = total;
      starts.push(total);
      statements.push(ix.statements[d]);
      total += ix.statements[d].words;
    }
    for (let b = 0; b < ix.bucket.length - 1; b++) {
      for (let i = ix.bucket[b]; i < ix.bucket[b + 1]; i++) {
        const d = docOf(ix, ix.fpPos[i]);
        if (newStart[d] < 0) continue;
        hashes[n] = fingerprintHash(ix, b, i);
        positions[n] = newStart[d] + ix.fpPos[i] - ix.docStart[d];
        n++;
      }
    }
  }
  // a large layer keeps only its top bucketBits + 8 hash bits: re-bucket with no more bits than it has
  const bits = Math.min(bucketBitsFor(n), ...corpus.layers.filter((l) => !l.index.fpHash).map((l) => l.index.bucketBits));
  const sorted = radixSortPairs(hashes.subarray(0, n), positions.subarray(0, n));
  return assembleIndex(statements, starts, total, sorted.keys, sorted.values, bits);
}
