// The speechwriter's checks as the language server runs them (draft-checks.ts), on real statements of corpus/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftChecks } from '../../server/src/core/draft-checks';
import { sampleTables, statement } from './corpus-fixture';

const tables = sampleTables();
const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('draft checks on corpus statements', () => {
  const text = statement('000').text;

  it('000: runs over its "~3 minutes", and says SOCnet before expanding it (which the archive never does)', () => {
    const found = draftChecks(text, { tables }, {});
    assert.deepEqual(found.map((f) => [f.code, at(text, f.span)]), [['acronym.unexpanded', 'SOCnet'], ['timing.over', '~3 minutes']]);
    assert.deepEqual(found[0].fixes, [], 'nothing knows what SOCnet stands for: no fix to offer');
  });

  it('000 in American house spelling: every British -ise word, with a fix that keeps its case', () => {
    const found = draftChecks(text, { tables, houseSpelling: 'american' }, { 'acronym.unexpanded': 'off', 'timing.over': 'off' });
    assert.ok(found.length > 0 && found.every((f) => f.code === 'spelling.house'));
    const organised = found.find((f) => at(text, f.span) === 'organised')!;
    assert.deepEqual(organised.fixes, [{ title: 'Change to “organized”', edits: [{ span: organised.span, newText: 'organized' }] }]);
    assert.equal(draftChecks(text, { tables, houseSpelling: 'british' }, { 'acronym.unexpanded': 'off', 'timing.over': 'off' }).length, 0, '000 is in British spelling');
  });

  it('the team glossary gives the expansion, and lectern.acronyms.noExpansion silences an acronym', () => {
    const draft = 'We thank SOCnet for its work.';
    const glossary = { entries: new Map([['SOCnet', { term: 'SOCnet', expansion: 'Serious Organised Crime network', preferred: '', notes: '', line: 3 }]]), problems: [] };
    const [f] = draftChecks(draft, { tables, glossary }, {});
    assert.deepEqual(f.fixes![0].edits, [{ span: { start: 9, end: 15 }, newText: 'Serious Organised Crime network (SOCnet)' }]);
    assert.deepEqual(draftChecks(draft, { tables, glossary, noExpansion: ['SOCnet'] }, {}), []);
  });

  it('a severity of off leaves a check out', () => {
    assert.deepEqual(draftChecks(text, { tables }, { 'acronym.unexpanded': 'off', 'timing.over': 'off' }), []);
    const [t] = draftChecks(text, { tables }, { 'acronym.unexpanded': 'off', 'timing.over': 'error' });
    assert.equal(t.severity, 'error');
  });
});
