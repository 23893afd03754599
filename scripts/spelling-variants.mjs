// Generates server/src/core/spelling-variants.ts: British/American spelling pairs for the `spelling.house` check,
// derived from two maintained, MIT-licensed word lists (SCOWL-based, by Street Side Software for cspell):
//   @cspell/dict-en_us    (American; SCOWL en_US-large)
//   @cspell/dict-en-gb-mit (British; accepts both -ise and the Oxford -ize, but not -yze: "organize", "analyse")
// Every decision comes from list membership; the rewrite rules below only propose which pairs to look up.
//
//   npm install --no-save cspell-trie-lib@9.7.0 @cspell/dict-en_us@4.4.43 @cspell/dict-en-gb-mit@3.1.32
//   node scripts/spelling-variants.mjs            (run from the folder whose node_modules holds them)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../server/src/core/spelling-variants.ts');

function packageDir(name) {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const p = join(dir, 'node_modules', name);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (see the header of this script)`);
  }
}

const version = (name) => JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;
const trieLib = await import(pathToFileURL(join(packageDir('cspell-trie-lib'), 'dist/index.js')).href);

function words(pkg, file) {
  const text = gunzipSync(readFileSync(join(packageDir(pkg), file))).toString('utf8');
  const set = new Set();
  for (const w of trieLib.iteratorTrieWords(trieLib.importTrie(text.split('\n')))) {
    // lower-case letters only: proper nouns, possessives and compounds take part through their parts
    if (/^[a-z]+$/.test(w)) set.add(w);
  }
  return set;
}

const US = words('@cspell/dict-en_us', 'en_US.trie.gz');
const GB = words('@cspell/dict-en-gb-mit', 'en_GB.trie.gz');

/**
 * British → American rewrites that propose a pair: [pattern, replacement, is it the -ise/-ize pair, guard]. The guards
 * keep coincidences out ("does"/"des", "hour"/"hor", "polling"/"poling" are all in the lists but are not variants).
 */
const vowelBefore = (w, i) => /[aeiouy]/.test(w.slice(0, i));
const RULES = [
  [/is(?=[eai])/g, 'iz', true],                   // organise, organising, organisation
  [/ys(?=[eai])/g, 'yz', false],                  // analyse (Oxford keeps it)
  [/our/g, 'or', false, vowelBefore],             // colour, behaviour (not hour, flour, course)
  [/tre(?=$|s$)/g, 'ter', false],                 // centre, theatres
  [/bre(?=$|s$)/g, 'ber', false],                 // fibre
  [/([tb])r(?=ed$|ing$)/g, '$1er', false],        // centred, centring
  // travelled, labelling, jeweller, woollen: only where the single-l stem is itself a word (not polling, taller)
  [/ll(?=(?:ed|ing|er|ers|or|ors|ous|ously|y|en|ens|ery|est|ist|ists)$)/g, 'l', false, (w, i) => GB.has(w.slice(0, i + 1))],
  [/l(?=$|s$|ment|ments|ful|fully|fulness)/g, 'll', false, (w, i) => w.length >= 5 && !/ful$|fuls$/.test(w.slice(0, i + 1) + w.slice(i + 1).replace(/s$/, ''))], // fulfil, enrolment, skilful
  [/nce(?=$|s$)/g, 'nse', false, (w) => w.length >= 6], // defence, licence (not pence)
  [/ise(?=$|s$|d$)/g, 'ice', false, (w) => w.length >= 7], // practise (the verb)
  [/[ao]e(?=[a-z]{2})/g, 'e', false, (w) => w.length >= 6], // paediatric, manoeuvre (not does, shoes, heroes)
  [/ogue(?=$|s$)/g, 'og', false],                 // catalogue, dialogue
  [/amme(?=$|s$)/g, 'am', false],                 // programme
  [/dgement/g, 'dgment', false],                  // judgement, acknowledgement
  [/(?<=[aeiou]g)eing$/g, 'ing', false],          // ageing
  [/oul(?=d|t)/g, 'ol', false],                   // mould, moult, smoulder
  [/yre/g, 'ire', false],                         // tyre
  [/ey$/g, 'ay', false],                          // grey
  [/sce(?=pt)/g, 'ske', false],                   // sceptic
  [/ium$/g, 'um', false],                         // aluminium
];

/** Every single rewrite of one occurrence of each rule; then one more rewrite on top (manoeuvre → maneuver). */
function candidates(word) {
  const out = new Map();
  const step = (w, iz) => {
    for (const [re, rep, isIz, guard] of RULES) {
      for (const m of w.matchAll(re)) {
        if (guard && !guard(w, m.index)) continue;
        const c = w.slice(0, m.index) + w.slice(m.index).replace(new RegExp(re.source), rep);
        if (c !== w && !out.has(c)) out.set(c, iz || isIz);
      }
    }
  };
  step(word, false);
  for (const [c, iz] of [...out]) step(c, iz);
  return out;
}

// One code per pair, read by spelling.ts: which modes flag which side.
//   b = british and oxford flag the American form  (colour/color, defence/defense)
//   z = british flags the -ize form; oxford and american flag the -ise form (organise/organize)
//   Z = an -ise/-ize pair that differs in more than that (anaesthetise/anesthetize): british and american flag
//   a = american flags the British form
const pairs = [];
for (const g of [...GB].sort()) {
  if (US.has(g) && !GB.has(g)) continue;
  for (const [u, iz] of candidates(g)) {
    if (u === g || !US.has(u)) continue;
    if (iz) {
      if (US.has(g)) continue; // "prise"/"prize" are two words, not two spellings
      pairs.push(`${g} ${u} ${GB.has(u) ? 'z' : 'Z'}`);
      continue;
    }
    const code = (GB.has(u) ? '' : 'b') + (US.has(g) ? '' : 'a');
    if (code) pairs.push(`${g} ${u} ${code}`);
  }
}

// a /*! legal comment */ so that esbuild keeps the notices in the bundle (its default for legal comments: end of file)
const header = `// GENERATED by scripts/spelling-variants.mjs: do not edit; re-run the script to update.
// British/American spelling pairs ("british american code", one per line; the codes are explained in the script).
/*! Spelling pairs derived from @cspell/dict-en_us@${version('@cspell/dict-en_us')} and @cspell/dict-en-gb-mit@${version('@cspell/dict-en-gb-mit')}:
 * MIT License, Copyright (c) 2017-2025 Street Side Software <support@streetsidesoftware.nl>.
 * Their word lists come from SCOWL (http://wordlist.aspell.net):
 *   Copyright 2000-2018 by Kevin Atkinson
 *   Permission to use, copy, modify, distribute and sell these word lists, the associated scripts, the output created
 *   from the scripts, and its documentation for any purpose is hereby granted without fee, provided that the above
 *   copyright notice appears in all copies and that both that copyright notice and this permission notice appear in
 *   supporting documentation. Kevin Atkinson makes no representations about the suitability of this array for any
 *   purpose. It is provided "as is" without express or implied warranty.
 * SCOWL's further (permissive) notices: @cspell/dict-en_us/src/hunspell/README_en_US-large.txt. */
`;
writeFileSync(OUT, `${header}export const SPELLING_PAIRS = ${JSON.stringify(pairs.join('\n'))};\n`);
console.log(`${pairs.length} pairs (${US.size} American, ${GB.size} British words) -> ${OUT}`);
