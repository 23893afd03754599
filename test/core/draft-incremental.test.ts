// The speechwriter's checks after an edit (draft-chunks.ts: only the changed chunk is read again) give the findings of
// a full run, and the service's speaking time after an edit is the one computed from scratch: on random edits of
// corpus statements, on a typing session, and on edits that change a result far from where they are made.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DraftMemo } from '../../server/src/core/draft-chunks';
import { draftChecks, type DraftCheckOptions } from '../../server/src/core/draft-checks';
import { houseSpelling } from '../../server/src/core/spelling';
import { speakingTime } from '../../server/src/core/timing';
import type { Finding } from '../../server/src/core/types';
import { sampleCorpus, sampleTables, serviceOver, statement } from './corpus-fixture';
import { randomEdits } from './random-edits';

const tables = sampleTables();
const OPTIONS: DraftCheckOptions = { tables, houseSpelling: 'american', noExpansion: ['UN'] };
const show = (text: string, fs: readonly Finding[]) => fs.map((f) => `${f.code} ${f.span.start}-${f.span.end} ${JSON.stringify(text.slice(f.span.start, f.span.end))} ${f.message} ${JSON.stringify(f.fixes ?? [])}`);
const full = (text: string, options = OPTIONS) => draftChecks(text, options, {});
const near = (text: string, at: number) => JSON.stringify(text.slice(Math.max(0, at - 30), at + 30));

describe('draft checks after an edit', () => {
  it('give the findings of a full run after each of 500 random edits of corpus statements', () => {
    let findings = 0;
    for (const { before, after, where } of randomEdits(500, 11)) {
      const memo = new DraftMemo();
      draftChecks(before, OPTIONS, {}, { memo });
      const got = draftChecks(after, OPTIONS, {}, { memo });
      assert.deepEqual(show(after, got), show(after, full(after)), `edit at ${where}: ${near(after, where)}`);
      findings += got.length;
    }
    assert.ok(findings > 1000, `the edited statements have findings to compare (${findings})`);
  });

  it('give the findings of a full run through a typing session of 150 edits on one draft', () => {
    let s = 5;
    const rnd = (n: number) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s >>> 8) % n; };
    const pieces = ['x', ' ', 'UNODC ', 'UN Office on Drugs and Crime ', '(UNODC)', '\n\n', 'organised ', 'SOCnet', '\n', 'Serious Organised Crime network', '# Heading\n\n'];
    let text = sampleCorpus().map((st) => st.text).join('\n\n');
    const memo = new DraftMemo();
    draftChecks(text, OPTIONS, {}, { memo });
    for (let i = 0; i < 150; i++) {
      const at = rnd(text.length + 1);
      text = rnd(3) === 0 ? text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + rnd(40))) : text.slice(0, at) + pieces[rnd(pieces.length)] + text.slice(at);
      assert.deepEqual(show(text, draftChecks(text, OPTIONS, {}, { memo })), show(text, full(text)), `edit ${i} at ${at}: ${near(text, at)}`);
    }
  });

  it('give the findings of a full run for edits at the blank lines between chunks: merging, splitting, typing at either edge', () => {
    let edits = 0;
    // and a draft whose paragraphs start and end with words the checks flag, so that a character typed or deleted at
    // either edge changes a finding
    const edges = ['Organised crime is a threat that UNODC has analysed and organised', 'Programmes of the UNODC are centralised, catalogued and organised', 'Organisations such as SOCnet have mobilised'];
    for (const st of [...sampleCorpus().slice(0, 3), { path: 'edges', text: [...edges, ...edges].join('\n\n') }]) {
      const text = st.text;
      for (const m of text.matchAll(/\n[ \t\r]*\n/g)) {
        const a = m.index!, b = a + m[0].length;
        const variants = [
          text.slice(0, a) + ' ' + text.slice(b), // two paragraphs merged
          text.slice(0, a) + 'x' + text.slice(a), // typed at a paragraph's end
          text.slice(0, a - 1) + text.slice(a), // its last character deleted
          text.slice(0, b) + 'x' + text.slice(b), // typed at the next one's start
          text.slice(0, b) + text.slice(b + 1), // its first character deleted
          text.slice(0, a + 1) + 'x' + text.slice(a + 1), // typed on the blank line
          text.slice(0, a) + '\n' + text.slice(b), // the blank line deleted
          text.slice(0, a) + '\n\nx' + text.slice(a), // a new paragraph
          text.slice(0, Math.max(0, a - 20)) + '\n\n' + text.slice(Math.max(0, a - 20)), // a paragraph split
        ];
        for (const after of variants) {
          const memo = new DraftMemo();
          draftChecks(text, OPTIONS, {}, { memo });
          assert.deepEqual(show(after, draftChecks(after, OPTIONS, {}, { memo })), show(after, full(after)), `${st.path} at ${a}: ${near(after, a)}`);
          edits++;
        }
      }
    }
    assert.ok(edits > 100, `${edits} edits`);
  });

  it('house spelling read a chunk at a time finds what the whole-text check finds', () => {
    for (const st of sampleCorpus()) {
      const whole = houseSpelling(st.text, 'american').map((f) => `${f.span.start}-${f.span.end} ${f.suggestion}`);
      const chunked = draftChecks(st.text, { houseSpelling: 'american' }, { 'acronym.unexpanded': 'off', 'timing.over': 'off' }).map((f) => `${f.span.start}-${f.span.end} ${f.fixes![0].edits[0].newText}`);
      assert.deepEqual(chunked, whole, st.path);
    }
  });

  it('deleting the first use of an acronym makes a later one, paragraphs away, the first use', () => {
    const paragraphs = ['We thank UNODC for this event.', 'Crime crosses borders.', 'Trafficking is a global threat.', 'We will keep working with UNODC.'];
    const before = paragraphs.join('\n\n');
    const memo = new DraftMemo();
    const [first] = draftChecks(before, OPTIONS, {}, { memo });
    assert.equal(first.span.start, before.indexOf('UNODC'));
    const after = before.replace('thank UNODC for', 'thank you for');
    const got = draftChecks(after, OPTIONS, {}, { memo });
    assert.deepEqual(show(after, got), show(after, full(after)));
    assert.deepEqual(got.map((f) => f.span.start), [after.lastIndexOf('UNODC')], 'the last paragraph now holds the first use');
  });

  it('a definition or the long form said paragraphs away changes a finding, and removing it brings it back', () => {
    const memo = new DraftMemo();
    const base = ['Thank you, Chair.', 'The UNODC has trained police officers.', 'It works in Europe and Africa.', 'The United Nations Office on Drugs and Crime (UNODC) reports to Vienna.'].join('\n\n');
    const [late] = draftChecks(base, OPTIONS, {}, { memo });
    assert.match(late.message, /before it is expanded/, 'defined only after its first use');
    // the long form said in full in the first paragraph: no finding at the use a paragraph later
    const said = base.replace('Thank you, Chair.', 'Thank you, Chair, and the UN Office of Drugs and Crime.');
    assert.deepEqual(draftChecks(said, OPTIONS, {}, { memo }), full(said));
    assert.deepEqual(full(said), []);
    // the definition far below deleted: the finding says it is never expanded
    const undefinedText = base.replace(' (UNODC)', '');
    const [never] = draftChecks(undefinedText, OPTIONS, {}, { memo });
    assert.deepEqual(show(undefinedText, [never]), show(undefinedText, full(undefinedText)));
    assert.match(never.message, /without being expanded/);
  });

  it('an unexpanded acronym is not one when a later paragraph writes the word otherwise ("VIENNA" and "Vienna")', () => {
    const memo = new DraftMemo();
    const before = ['VIENNA, 14 May', '', 'We meet in VIENNA today to discuss crime.', '', 'Our delegation thanks the host.'].join('\n');
    const flagged = draftChecks(before, {}, {}, { memo }).filter((f) => f.code === 'acronym.unexpanded');
    assert.equal(flagged.length, 1);
    const after = before.replace('thanks the host.', 'thanks Vienna, the host.');
    assert.deepEqual(show(after, draftChecks(after, {}, {}, { memo })), show(after, full(after, {})));
    assert.deepEqual(full(after, {}).filter((f) => f.code === 'acronym.unexpanded'), []);
  });
});

describe('speaking time after an edit', () => {
  const service = serviceOver(sampleCorpus());
  const text = statement('000').text;
  const options = { draft: { tables, wordsPerMinute: 120 } };

  it('is the time computed from scratch, with a heading edit re-shaping the sections far below it', () => {
    const key = 'file:///draft.statement';
    const first = service.check({ key, text }, options).speakingTime!;
    assert.deepEqual(first, speakingTime(text, { wordsPerMinute: 120 }));
    const policy = first.sections.find((s) => s.title === 'Policy')!;
    // "Policy" demoted under "Introduction": the introduction's section now runs to the end of the policy part
    const demoted = text.replace(/^(#+ *)?Policy$/m, '### Policy');
    assert.notEqual(demoted, text, '000 has a Policy heading');
    const after = service.check({ key, text: demoted }, options).speakingTime!;
    assert.deepEqual(after, speakingTime(demoted, { wordsPerMinute: 120 }));
    const intro = (t: typeof first) => t.sections.find((s) => s.title === 'Introduction')!;
    assert.ok(intro(after).words >= intro(first).words + policy.words, 'the introduction takes in the policy section');
  });

  it('a typed word changes the section it is typed in, and timing.over follows the target note edited at the top', () => {
    const key = 'file:///draft-2.statement';
    service.check({ key, text }, options);
    const at = text.indexOf('Thank you', text.length / 2);
    const typed = text.slice(0, at) + 'Indeed, ' + text.slice(at);
    const r = service.check({ key, text: typed }, options);
    assert.deepEqual(r.speakingTime, speakingTime(typed, { wordsPerMinute: 120 }));
    assert.ok(r.findings.some((f) => f.code === 'timing.over'));
    const longer = typed.replace('~3 minutes', '~30 minutes');
    const r2 = service.check({ key, text: longer }, options);
    assert.deepEqual(r2.speakingTime, speakingTime(longer, { wordsPerMinute: 120 }));
    assert.ok(!r2.findings.some((f) => f.code === 'timing.over'), 'within the new target');
    assert.deepEqual(show(longer, r2.findings), show(longer, service.check({ text: longer }, options).findings));
  });
});
