import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleCorpus, serviceOver, statement } from './corpus-fixture';

const corpus = sampleCorpus();
const service = serviceOver(corpus);
const PARAGRAPH = 'Turning to the main agenda, the UK welcomes the Commission’s thematic focus on strengthening the use of digital evidence in criminal justice and countering cyber crime.';
const NEW_TEXT = 'Our delegation is grateful to the Chair for convening this meeting and looks forward to a constructive exchange with every region represented here today.';

function check(text: string, path?: string) {
  return service.check({ text, path }).findings.map((f) => ({ ...f, text: text.slice(f.span.start, f.span.end) }));
}

describe('reuse detection on the sample corpus', () => {
  it('flags a verbatim paragraph with both publications of the speech as sources', () => {
    const draft = `${NEW_TEXT}\n\n${PARAGRAPH}\n\n${NEW_TEXT.replace('Chair', 'Bureau')}`;
    const [f, ...rest] = check(draft);
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'reuse.verbatim');
    assert.equal(f.text, PARAGRAPH);
    assert.deepEqual(f.sources.map((s) => s.path).sort(), ['001_c705dcbdf9d00de9.txt', '002_527f5d6f7f83fa1b.txt']);
    assert.ok(f.sources.every((s) => s.similarity === 1));
    const src = statement('002');
    assert.equal(src.text.slice(f.sources.find((s) => s.path.startsWith('002'))!.span.start, f.sources.find((s) => s.path.startsWith('002'))!.span.end), PARAGRAPH);
    assert.match(f.message, /^Reused verbatim from “.*Commission on Crime Prevention and Criminal Justice” .*; also in 1 other statement\.$/);
  });

  it('still calls it verbatim after quote style, case, spacing, emphasis and line wraps change', () => {
    const reformatted = "turning to the main agenda, the UK welcomes\nthe COMMISSION'S   thematic focus on **strengthening** the use of\ndigital evidence in criminal justice and countering cyber crime.";
    const [f] = check(reformatted);
    assert.equal(f?.code, 'reuse.verbatim');
    assert.equal(f.text, reformatted);
  });

  it('flags a lightly edited copy as reuse.edited with its similarity', () => {
    const edited = PARAGRAPH.replace('the UK welcomes', 'the United Kingdom warmly welcomes').replace('digital evidence', 'electronic evidence');
    const [f] = check(edited);
    assert.equal(f?.code, 'reuse.edited');
    assert.ok(f.sources[0].similarity > 0.8 && f.sources[0].similarity < 1, `similarity ${f.sources[0].similarity}`);
    assert.match(f.message, /Reused with edits \(\d+% similar\)/);
  });

  it('covers only the copied sentence inside an otherwise new paragraph', () => {
    const sentence = 'A single instance of abuse can span multiple jurisdictions, and the threat continues to grow and evolve as offenders exploit rising global internet access and new technologies.';
    const src = statement('002').text;
    assert.ok(src.includes(sentence.slice(0, 60)));
    const draft = `${NEW_TEXT} ${sentence} ${NEW_TEXT.replace('grateful', 'thankful')}`;
    const [f] = check(draft);
    assert.ok(f, 'found');
    assert.ok(f.text.startsWith('A single instance of abuse'), f.text);
    assert.ok(f.text.length < sentence.length + 20, f.text);
  });

  it('finds nothing in new text', () => assert.deepEqual(check(NEW_TEXT), []));

  describe('a passage the archive holds several times', () => {
    const SOCNET = 'The UK has created “SOCnet”, an innovative overseas network of organised crime and illicit finance policy officers covering over 100 countries.';
    // the sample corpus plus n other statements that quote the SOCnet sentence among text of their own
    const withCopies = (n: number) => serviceOver([...corpus, ...Array.from({ length: n }, (_, i) => ({
      path: `copy-${i}.txt`, meta: corpus[0].meta,
      text: `Statement ${i} opens with words of its own about topic number ${i}.\n\n${SOCNET}\n\nIt closes on subject ${i} in yet other words.`,
    }))]);
    const findings = (n: number) => withCopies(n).check({ text: `${NEW_TEXT}\n\n${SOCNET}\n` }).findings;

    it('flags a copy of a passage found in four statements, naming all four', () => {
      const [f, ...rest] = findings(3);
      assert.equal(rest.length, 0);
      assert.equal(f.code, 'reuse.verbatim');
      assert.equal(f.sources.length, 4);
    });

    it('reports a passage found in five statements or more as common, with its count', () => {
      const found = findings(7);
      assert.deepEqual(found.map((f) => f.code), ['reuse.common']);
      assert.ok(found[0].statementCount! >= 5, String(found[0].statementCount));
    });
  });

  it('takes sentences 1, 3, 2 of one source paragraph as one finding, even with a long sentence 2', () => {
    const s1 = 'The UK has created “SOCnet”, an innovative overseas network of organised crime and illicit finance policy officers covering over 100 countries.';
    const s2 = 'SOCnet has facilitated joint organised crime threat assessments in Europe; supported legislative change to target illicit financial flows in the Americas; and delivered accelerated police training and crime reporting hotlines in Africa.';
    const s3 = 'It is a successful cooperation model that I warmly commend to other states.';
    const draft = `${NEW_TEXT}\n\n${s1} ${s3} ${s2}\n\n${NEW_TEXT.replace('Chair', 'Bureau')}`;
    const found = check(draft);
    assert.equal(found.length, 1, found.map((f) => f.text).join(' | '));
    assert.equal(found[0].text, `${s1} ${s3} ${s2}`);
    assert.equal(found[0].sources[0].path, statement('000').path);
  });

  it('reports one source passage used twice in the draft as two findings', () => {
    const draft = `${PARAGRAPH}\n\nA different paragraph.\n\n${PARAGRAPH.replace('Turning', 'Now turning')}`;
    const found = check(draft).filter((f) => f.code !== 'reuse.internal');
    assert.deepEqual(found.map((f) => f.text), [PARAGRAPH, PARAGRAPH.replace('Turning', 'turning')]);
  });

  it('never reports a corpus statement against itself, only against the other publication', () => {
    const s = statement('002');
    const findings = check(s.text, s.path);
    assert.ok(findings.length >= 1);
    for (const f of findings) for (const src of f.sources) assert.notEqual(src.path, s.path);
  });

  it('ignores passages shorter than the minimum length', () => {
    const short = 'the use of digital evidence in criminal justice';
    assert.deepEqual(service.check({ text: short }, { minWords: 12 }).findings, []);
  });

  it('reports a paragraph repeated within the draft as reuse.internal', () => {
    const draft = `${NEW_TEXT}\n\nSomething else entirely, said once.\n\n${NEW_TEXT}`;
    const f = check(draft).filter((x) => x.code === 'reuse.internal');
    assert.equal(f.length, 1);
    assert.equal(f[0].span.start, draft.lastIndexOf(NEW_TEXT));
    assert.equal(f[0].internalSpan?.start, 0);
  });

  it('answers an empty draft with no findings', () => assert.deepEqual(check(''), []));
});
