import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { completeFormulas, extractFormulas, mergeFormulas, type FormulaCompletion, type FormulaKind, type FormulaSet } from '../../server/src/core/formulas';
import { escapeSnippet } from '../../server/src/core/formula-merge';
import { formulaPicks, parseBuiltinFormulas, snippetText } from '../../server/src/core/formula-picks';
import { findPlaceholders } from '../../server/src/core/placeholders';
import { readable, sentenceSpans, sentences } from '../../server/src/core/sentences';
import { EMPTY_META, type StatementMeta } from '../../server/src/core/types';
import { sampleCorpus, statement } from './corpus-fixture';

const meta = (over: Partial<StatementMeta> = {}): StatementMeta => ({ ...EMPTY_META, ...over });
const mined = (statements: { path: string; text: string; meta: StatementMeta }[]) =>
  statements.map((s) => ({ path: s.path, meta: s.meta, formulas: extractFormulas(s.text, s.meta) }));
const sampleSet = mergeFormulas(mined(sampleCorpus()));
const find = (set: FormulaSet, kind: FormulaKind, label: RegExp) => set.byKind[kind].find((f) => label.test(f.label));

/**
 * The tab stops of an LSP/VS Code snippet in order of appearance; throws on a syntax error
 * (an unescaped `$` or `}`, an unclosed placeholder, a malformed choice).
 */
function snippetTabStops(snippet: string): number[] {
  const stops: number[] = [];
  let i = 0;
  const body = (closer?: string): void => {
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\') { assert.match(snippet[i + 1] ?? '', /[\\$}]/, `bad escape at ${i} in ${snippet}`); i += 2; continue; }
      if (closer && c === closer) return;
      if (c === '}') throw new Error(`unescaped } at ${i} in ${snippet}`);
      if (c !== '$') { i++; continue; }
      const simple = /^\$(\d+)/.exec(snippet.slice(i));
      if (simple) { stops.push(Number(simple[1])); i += simple[0].length; continue; }
      const open = /^\$\{(\d+)([:|}])/.exec(snippet.slice(i));
      if (!open) throw new Error(`unescaped $ at ${i} in ${snippet}`);
      stops.push(Number(open[1]));
      i += open[0].length;
      if (open[2] === ':') { body('}'); assert.equal(snippet[i], '}', `unclosed placeholder in ${snippet}`); i++; }
      else if (open[2] === '|') {
        const choice = /^[^|]+(?:,[^|,]+)*\|\}/.exec(snippet.slice(i));
        if (!choice) throw new Error(`bad choice at ${i} in ${snippet}`);
        i += choice[0].length;
      }
    }
    if (closer) throw new Error(`unclosed placeholder in ${snippet}`);
  };
  body();
  return stops;
}

describe('snippet syntax check', () => {
  it('accepts placeholders, nesting, choices and escapes, and rejects what VS Code would misread', () => {
    assert.deepEqual(snippetTabStops('a ${1:b ${2:c}} $3 ${4|x,y|} \\$5 \\} $0'), [1, 2, 3, 4, 0]);
    for (const bad of ['a $ b', 'a } b', '${1:open', '${1|x,y}', 'a \\n']) assert.throws(() => snippetTabStops(bad), bad);
  });
});

describe('built-in snippets (snippets/statement.code-snippets)', () => {
  const file = join(__dirname, '../../../snippets/statement.code-snippets');
  const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string[]; body: string[]; description: string }>;
  it('are valid snippets with a prefix, a body and a description', () => {
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.prefix.length && s.description, name);
      assert.doesNotThrow(() => snippetTabStops(s.body.join('\n')), name);
    }
  });
  it('hold the standard UN formulas, each under its kind\'s trigger word', () => {
    const bodies = Object.values(snippets).map((s) => [s.prefix[0], s.body.join('\n')]);
    const has = (kind: string, re: RegExp) => assert.ok(bodies.some(([p, b]) => p === kind && re.test(b)), `${kind} ${re}`);
    has('salutation', /President.*Secretary-General.*Excellencies.*delegates.*ladies and gentlemen,/s);
    has('opening', /^I have the honour to speak on behalf of \$\{1:/);
    has('opening', /^At the outset, allow me to congratulate you, \$\{1\|Mr\. President,Madam President/);
    has('thanks', /^Let me start by thanking \$\{1:the Government of Japan\} for hosting/);
    has('closing', /^I thank you, \$\{1\|Mr\. President,Madam President/);
  });
});

describe('formula picks (Insert opening / Insert closing)', () => {
  const builtins = parseBuiltinFormulas(readFileSync(join(__dirname, '../../../snippets/statement.code-snippets'), 'utf8'));
  it('reads the built-in snippets as formulas of their kind, as they read once inserted', () => {
    const closing = builtins.find((b) => b.snippet.startsWith('I thank you, ${1|'))!;
    assert.deepEqual([closing.kind, closing.label], ['closing', 'I thank you, Mr. President.']);
    assert.equal(builtins.find((b) => b.snippet.startsWith('At the outset'))?.label,
      'At the outset, allow me to congratulate you, Mr. President, on your election to the presidency of the seventy-ninth session of the General Assembly. I assure you of the full support and cooperation of my delegation.');
    assert.equal(builtins.find((b) => b.snippet.startsWith('${1|Mr. President,Madam President,Mr. Chair,Madam Chair|},\n'))?.label,
      'Mr. President, Mr. Secretary-General, Heads of State and Government, Excellencies, Distinguished delegates, Ladies and gentlemen,');
    assert.equal(builtins.find((b) => /right of reply/.test(b.snippet))?.kind, 'opening');
  });
  it('lists the mined formulas of the group first, with their venues, occasions and statements to filter on', () => {
    const picks = formulaPicks('opening', sampleSet, builtins);
    assert.ok(picks.every((p) => ['salutation', 'thanks', 'opening'].includes(p.kind)));
    const first = picks.findIndex((p) => p.source === 'built-in');
    assert.ok(first > 0 && picks.slice(first).every((p) => p.source === 'built-in'));
    const host = picks.find((p) => p.label.startsWith('Let me start by thanking'))!;
    assert.equal(host.detail, 'Kyoto (delivered virtually) · 14th United Nations Congress on Crime Prevention and Criminal Justice · UK National Statement (March 2021)');
    assert.equal(host.description, 'Thanks · 1 statement, latest March 2021');
  });
  it('turns a snippet into its text: defaults, first choices, escapes, no tab stops', () => {
    assert.equal(snippetText('a ${1:b ${2:c}} ${3|x,y|} \\$ \\} $4 ${5} end$0'), 'a b c x $ } end');
  });
});

describe('placeholders', () => {
  const cases: [string, [string, string][]][] = [
    ['Let me start by thanking the Government of Japan for hosting this event.', [['country', 'the Government of Japan']]],
    ['The United Kingdom welcomes the Thirty-First Regular Session of the Commission on Crime Prevention and Criminal Justice.',
      [['country', 'The United Kingdom'], ['ordinal', 'Thirty-First'], ['name', 'the Commission on Crime Prevention and Criminal Justice']]],
    ['I congratulate you, Mr. President, on your election to the presidency of the General Assembly at its seventy-fourth session.',
      [['title', 'Mr. President'], ['name', 'the General Assembly'], ['ordinal', 'seventy-fourth']]],
    ['I also express my appreciation to His Excellency Ali Abdussalam Treki for his efforts.', [['person', 'His Excellency Ali Abdussalam Treki']]],
    ['It is a great pleasure to be here in Vienna for the first time.', [['place', 'Vienna']]],
    ['I thank you, Sir, for giving me the floor on 17 May 2022.', [['title', 'Sir'], ['date', '17 May 2022']]],
    ['Secretary-General Ban Ki-moon and Madam President met in New York in 2019.',
      [['person', 'Secretary-General Ban Ki-moon'], ['title', 'Madam President'], ['place', 'New York'], ['year', '2019']]],
    ['On behalf of the Malian delegation, I thank the 27 th session.', [['country', 'the Malian delegation'], ['ordinal', '27 th']]],
    // regression: "I’d" read as a name, and "the UK’s" kept its "’s"
    ['In closing, I’d like to thank the UNODC and the UK’s partners.', [['name', 'the UNODC'], ['name', 'the UK']]],
    // regression: "Secretary General," as a salutation left "General" as a name
    ['Secretary General, distinguished delegates,', []],
    // regression: a closing blessing ran on into the next name
    ['May God bless the Republic of Nauru and May God Bless the United Nations.', [['country', 'the Republic of Nauru'], ['name', 'the United Nations']]],
  ];
  for (const [sentence, expected] of cases) {
    it(sentence.slice(0, 60), () => {
      assert.deepEqual(findPlaceholders(sentence).map((s) => [s.kind, sentence.slice(s.start, s.end)]), expected);
    });
  }
});

describe('sentences', () => {
  it('does not break after titles, honorifics and initials', () => {
    const text = 'Mr. President, I thank you. H.E. Mr. Deiss spoke first. J. F. Kennedy said so! 58. Then we met.';
    assert.deepEqual(sentences(text, sentenceSpans(text, { start: 0, end: text.length })).map((s) => s.text),
      ['Mr. President, I thank you.', 'H.E. Mr. Deiss spoke first.', 'J. F. Kennedy said so!', 'Then we met.']);
  });
  it('joins words hyphenated across a PDF line break, but keeps compound numbers and extraction hyphens', () => {
    assert.equal(readable('the organi-\nsation at its seventy-\nfourth session,\n  seventy- fifth'), 'the organisation at its seventy-fourth session, seventy-fifth');
  });
});

describe('extractFormulas', () => {
  it('finds the thanks to the host and the closings of 000', () => {
    const c = extractFormulas(statement('000').text, statement('000').meta).candidates;
    assert.deepEqual(c.map((x) => [x.kind, x.text.slice(0, 30)]), [
      ['thanks', 'Let me start by thanking the G'],
      ['closing', 'To conclude, let me emphasise '],
      ['closing', 'Finally, let me express my gra'],
    ]);
  });
  it('takes a salutation line whole (003)', () => {
    const c = extractFormulas(statement('003').text, statement('003').meta).candidates;
    assert.equal(c.find((x) => x.kind === 'salutation')?.text, 'Mr Chairperson, Excellencies, distinguished guests, members of civil society,');
  });
  it('splits "Mr. President, ..." into a salutation and an opening in hard-wrapped PDF text', () => {
    const text = ['Mr. President, I should like to join previous', 'speakers in congratulating you on your election to the', 'presidency of the General Assembly at its fiftieth', 'session. The United Nations is fifty years old this', 'year and we have much to celebrate together today.'].join('\n');
    const c = extractFormulas(text, meta()).candidates;
    assert.deepEqual(c.filter((x) => x.kind !== 'closing').map((x) => [x.kind, x.text.slice(0, 40)]), [
      ['salutation', 'Mr. President,'],
      ['opening', 'I should like to join previous speakers '],
    ]);
  });
  it('skips header lines and finds the first sentence after a UN press dateline (004)', () => {
    const c = extractFormulas(statement('004').text, statement('004').meta).candidates;
    assert.equal(c[0].text, 'It is a great pleasure to be here in Vienna for the first time as Secretary-General.');
  });
  it('reads nothing from a statement in another language, or from an empty one', () => {
    assert.deepEqual(extractFormulas('Monsieur le Président, je vous remercie.', meta({ language: 'fr' })).candidates, []);
    assert.deepEqual(extractFormulas('', meta()).candidates, []);
  });
});

describe('mergeFormulas', () => {
  it('turns the host into a placeholder and cites the statement (000)', () => {
    const f = find(sampleSet, 'thanks', /^Let me start by thanking/)!;
    assert.equal(f.snippet, 'Let me start by thanking ${1:the Government of Japan} for hosting this event.');
    assert.deepEqual(f.placeholders, ['country: the Government of Japan']);
    assert.deepEqual(f.usedIn, [{ path: '000_0d605f3011f179aa.txt', title: 'UK National Statement', date: '2021-03', venue: 'Kyoto (delivered virtually)', occasion: '14th United Nations Congress on Crime Prevention and Criminal Justice' }]);
  });
  it('groups copies that differ only in apostrophes and counts statements (001, 002)', () => {
    const f = find(sampleSet, 'closing', /^In closing/)!;
    assert.equal(f.count, 2);
    assert.equal(f.lastDate, '2022-05-17');
    assert.deepEqual(f.usedIn.map((u) => u.date), ['2022-05-17', '2022-05']);
  });
  it('ranks by statements, then by the latest date', () => {
    const closings = sampleSet.byKind.closing;
    assert.equal(closings[0].label, 'Thank you.');
    assert.equal(closings[0].count, 4);
    for (let i = 1; i < closings.length; i++) {
      const [a, b] = [closings[i - 1], closings[i]];
      assert.ok(a.count > b.count || (a.count === b.count && a.lastDate >= b.lastDate), `${a.label} before ${b.label}`);
    }
  });
  it('keeps the prefix where the statements that use it go different ways', () => {
    const endings = ['we must act now.', 'peace is possible.', 'I thank you all.', 'the work goes on.', 'history will judge us.'];
    const statements = endings.map((e, i) => ({ path: `s${i}`, meta: meta({ title: `S${i}`, date: `200${i}` }), text: `Our work is long and hard.\n\nIn conclusion, ${e}` }));
    const set = mergeFormulas(mined(statements));
    const f = set.byKind.closing.find((x) => x.label.startsWith('In conclusion'))!;
    assert.equal(f.snippet, 'In conclusion, $0');
    assert.equal(f.count, 5);
    assert.equal(f.lastDate, '2004');
  });
  it('makes one formula of "I thank you, Mr. President." and "I thank you, Madam President."', () => {
    const who = ['Mr. President', 'Madam President', 'Mr. President'];
    const statements = who.map((w, i) => ({ path: `s${i}`, meta: meta({ date: `201${i}` }), text: `We met.\n\nI thank you, ${w}.` }));
    const set = mergeFormulas(mined(statements));
    assert.deepEqual(set.byKind.closing.map((f) => [f.snippet, f.count]), [['I thank you, ${1:Mr. President}.', 3]]);
  });
  it('escapes snippet syntax in the text', () => {
    assert.equal(escapeSnippet('costs $5 {a} \\ b'), 'costs \\$5 {a\\} \\\\ b');
    const set = mergeFormulas(mined([{ path: 'a', meta: meta(), text: 'We met.\n\nI thank you for the $5 million pledge}.' }]));
    assert.equal(set.byKind.closing[0].snippet, 'I thank you for the \\$5 million pledge\\}.');
  });
  it('accepts any iterable and keeps at most perKind formulas of a kind', () => {
    function* statements() {
      for (let i = 0; i < 30; i++) yield { path: `s${i}`, meta: meta(), formulas: extractFormulas(`Text.\n\nI thank you for ${i} reasons.`, meta()) };
    }
    assert.equal(mergeFormulas(statements(), { perKind: 7 }).byKind.closing.length, 7);
  });
  it('writes valid snippets: escaped text and tab stops numbered from 1', () => {
    for (const f of sampleSet.formulas) {
      const stops = snippetTabStops(f.snippet).filter((n) => n > 0);
      assert.deepEqual([...new Set(stops)], Array.from({ length: new Set(stops).size }, (_, i) => i + 1), f.snippet);
      assert.equal(f.placeholders.length, new Set(stops).size);
    }
  });
});

describe('completeFormulas', () => {
  const paragraph = (i: number) => `Paragraph ${i} says something about cooperation against organised crime across borders.`;
  const body = (n: number, from = 1) => Array.from({ length: n }, (_, i) => paragraph(from + i)).join('\n\n');
  /** The kinds offered at `|`, each once, alphabetically. */
  const kindsAt = (draft: string) => {
    const at = draft.indexOf('|');
    const items = completeFormulas(sampleSet, draft.slice(0, at) + draft.slice(at + 1), at);
    return [...new Set(items.map((i) => i.kind))].sort();
  };
  const cases: [string, string, FormulaKind[]][] = [
    ['an empty body after the title', '# Statement\n\n|', ['opening', 'salutation', 'thanks']],
    ['after the salutation, before a long body', `# Statement\n\nMr Chair,\n\n|\n\n${body(8)}`, ['opening', 'thanks']],
    // regression: paragraphs.ts does not take "Mr. President," for a salutation line
    ['after "Mr. President,"', `# Statement\n\nMr. President,\n\n|\n\n${body(8)}`, ['opening', 'thanks']],
    ['after the first paragraph', `# Statement\n\n${body(1)}\n\n|\n\n${body(8, 2)}`, ['opening', 'thanks']],
    ['in the middle of a long body', `# Statement\n\n${body(4)}\n\n|\n\n${body(5, 5)}`, []],
    ['in the last quarter', `# Statement\n\n${body(7)}\n\n|\n\n${body(1, 8)}`, ['closing']],
    ['after the last paragraph', `# Statement\n\n${body(8)}\n\n|`, ['closing']],
    ['mid-line', `# Statement\n\n${body(8)}\n\nWe must |`, []],
    ['after the start of a formula typed on its line', `# Statement\n\n${body(8)}\n\nIn clo|`, ['closing']],
    ['after one word of a formula typed on its line', `# Statement\n\n${body(8)}\n\nconclu|`, ['closing']],
    ['before text on the same line', `# Statement\n\n${body(8)}\n\n|In closing`, []],
    ['after a finished sentence on the line', `# Statement\n\n${body(8)}\n\nThank you. |`, []],
    ['inside a paragraph', `# Statement\n\n${paragraph(1)}\n|${paragraph(2)}`, []],
    ['inside the front matter', `---\ntitle: x\n|\n---\n\n`, []],
    ['on the trigger word anywhere', `# Statement\n\n${body(4)}\n\nclosing|\n\n${body(4, 5)}`, ['closing']],
    ['on five letters of a trigger word', `# Statement\n\n${body(4)}\n\nSo: salut|`, ['salutation']],
    ['not on four letters', `# Statement\n\n${body(4)}\n\nWe clos|`, []],
    ['on "thanks" only whole', `# Statement\n\n${body(4)}\n\nthanks|\n\n${body(4, 5)}`, ['thanks']],
  ];
  for (const [name, draft, expected] of cases) it(name, () => assert.deepEqual(kindsAt(draft), expected));

  it('reads only the start and the end of a long draft, and still places the cursor', () => {
    const long = body(400);
    const at = (draft: string) => {
      const i = draft.indexOf('|');
      return [...new Set(completeFormulas(sampleSet, draft.slice(0, i) + draft.slice(i + 1), i).map((x) => x.kind))].sort();
    };
    assert.deepEqual(at(`# S\n\n|\n\n${long}`), ['opening', 'salutation', 'thanks']);
    assert.deepEqual(at(`# S\n\n${long}\n\n|\n\n${long}`), []);
    assert.deepEqual(at(`# S\n\n${long}\n\n|\n\n${body(3)}`), ['closing']);
    assert.deepEqual(at(`# S\n\n${long}\n\n|`), ['closing']);
  });

  it('replaces the typed word and filters on the trigger', () => {
    const text = `# Statement\n\n${body(3)}\n\nclosi`;
    const items = completeFormulas(sampleSet, text, text.length);
    assert.ok(items.length > 0);
    for (const i of items) {
      assert.deepEqual(i.replace, { start: text.length - 5, end: text.length });
      assert.ok(i.filterText.startsWith('closing '));
    }
  });
  it('replaces what the line holds so far and keeps only the formulas that start with it', () => {
    const text = `# Statement\n\n${body(8)}\n\n  In clo`;
    const items = completeFormulas(sampleSet, text, text.length);
    assert.deepEqual(items.map((i) => i.label), ['In closing, I’d like to thank the UNODC again for facilitating this event.']);
    assert.deepEqual(items[0].replace, { start: text.length - 6, end: text.length });
  });
  it('documents the formula, its placeholders and the statements that used it', () => {
    const item = completeFormulas(sampleSet, 'thanks', 6).find((i) => i.label.startsWith('Let me start')) as FormulaCompletion;
    assert.match(item.documentation, /^Let me start by thanking \*\*the Government of Japan\*\* for hosting this event\.\n/);
    assert.match(item.documentation, /\n\nUsed in 1 statement:\n\n- UK National Statement/);
    assert.doesNotMatch(item.documentation, /Latest use in full/, 'the formula is the whole sentence');
    assert.match(item.documentation, /1\. country: the Government of Japan/);
    assert.match(item.documentation, /- UK National Statement \(March 2021, Kyoto \\\(delivered virtually\\\)\)$/m);
    assert.equal(item.detail, 'Thanks · 1 statement, latest March 2021');
  });
  it('quotes the latest use in full when the formula is only its start', () => {
    const item = completeFormulas(sampleSet, 'thanks', 6).find((i) => i.label.startsWith('I thank'))!;
    assert.match(item.documentation, /^I thank \*\*the United Nations\*\* staff based here, .* …\n/);
    assert.match(item.documentation, /\n\nLatest use in full:\n\n> I thank the United Nations staff based here, [^\n]+\.$/);
  });
  it('sorts in the order given: most used first', () => {
    const items = completeFormulas(sampleSet, `# S\n\n${body(8)}\n\n`, `# S\n\n${body(8)}\n\n`.length);
    assert.deepEqual(items.map((i) => i.sortText), [...items.map((i) => i.sortText)].sort());
    assert.equal(items[0].label, 'Thank you.');
  });
  it('answers on an empty set and at offsets outside the text', () => {
    assert.deepEqual(completeFormulas(mergeFormulas([]), '# S\n\n', 5), []);
    assert.doesNotThrow(() => completeFormulas(sampleSet, 'abc', 99));
    assert.doesNotThrow(() => completeFormulas(sampleSet, '', -1));
  });
});
