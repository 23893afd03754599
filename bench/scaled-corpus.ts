// The corpus copied N times under changed names, for the scale benchmark (`--scale N`): copy k
// holds every statement file as `<name>-c<k>.txt` (copy 0 keeps the original names) and a
// manifest.tsv whose rows name the renamed files, so each copy is indexed as distinct statements
// with their metadata. Files are hard links to the originals (no 2 GB of copies; the originals are
// never written: the benchmark replaces a file it changes, it does not write through the link),
// or copies where the file system cannot link. Generated under /tmp, never committed.
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ScaledCorpus { readonly folder: string; readonly copies: number; readonly files: number; readonly bytes: number; readonly ms: number }

const renamed = (name: string, k: number) => (k === 0 ? name : name.replace(/(\.[^./]+)?$/, (ext) => `-c${k}${ext}`));

export function makeScaledCorpus(source: string, target: string, copies: number): ScaledCorpus {
  const t0 = performance.now();
  rmSync(target, { recursive: true, force: true });
  let files = 0, bytes = 0;
  const place = (from: string, to: string) => {
    try { linkSync(from, to); } catch { copyFileSync(from, to); }
    files++; bytes += statSync(from).size;
  };
  for (let k = 0; k < copies; k++) {
    const root = copies === 1 ? target : join(target, `copy-${k}`);
    const walk = (rel: string) => {
      mkdirSync(join(root, rel), { recursive: true });
      for (const e of readdirSync(join(source, rel), { withFileTypes: true })) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(r);
        else if (e.name === 'manifest.tsv') writeFileSync(join(root, r), renameManifest(readFileSync(join(source, r), 'utf8'), k));
        else if (e.isFile()) place(join(source, r), join(root, rel, renamed(e.name, k)));
      }
    };
    walk('');
  }
  return { folder: target, copies, files, bytes, ms: performance.now() - t0 };
}

function renameManifest(tsv: string, k: number): string {
  if (k === 0) return tsv;
  return tsv.split('\n').map((line, i) => {
    if (i === 0 || !line) return line;
    const tab = line.indexOf('\t');
    return tab < 0 ? line : renamed(line.slice(0, tab), k) + line.slice(tab);
  }).join('\n');
}

