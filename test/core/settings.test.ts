import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings, SETTING_CHECKS } from '../../server/src/lsp/settings';

describe('settings', () => {
  it('merges a partial severity map over the defaults', () => {
    const { settings } = parseSettings({ diagnostics: { severity: { 'reuse.common': 'off' } } });
    assert.deepEqual(settings.diagnostics.severity, {
      'reuse.verbatim': 'warning', 'reuse.edited': 'warning', 'reuse.common': 'off', 'reuse.internal': 'warning',
      'acronym.unexpanded': 'warning', 'spelling.house': 'warning', 'timing.over': 'warning',
    });
  });
  it('rejects an unknown diagnostic code', () => {
    assert.equal(parseSettings({ diagnostics: { severity: { 'reuse.typo': 'off' } } }).errors.length, 1);
  });

  it('uses every default for a missing section', () => {
    assert.deepEqual(parseSettings(undefined), { settings: DEFAULT_SETTINGS, errors: [] });
    assert.deepEqual(parseSettings(null), { settings: DEFAULT_SETTINGS, errors: [] });
  });

  // one row per key: a good value is taken, a bad one is reported and the fallback kept
  const table: [keyof typeof SETTING_CHECKS, unknown, unknown][] = [
    ['corpus.paths', ['archive', '/abs/statements'], 'archive'],
    ['corpus.include', ['**/*.txt'], [1, 2]],
    ['corpus.exclude', ['drafts/**'], 'drafts'],
    ['reuse.minWords', 20, 3],
    ['reuse.approvedFile', 'team/boilerplate.md', ''],
    ['diagnostics.severity', { 'reuse.verbatim': 'error', 'reuse.edited': 'warning', 'reuse.common': 'off', 'reuse.internal': 'hint', 'acronym.unexpanded': 'information', 'spelling.house': 'off', 'timing.over': 'error' }, { 'timing.over': 'fatal' }],
    ['spelling.house', 'oxford', 'canadian'],
    ['acronyms.noExpansion', ['UN', 'INTERPOL'], 'UN'],
    ['glossary.file', 'team/glossary.md', ''],
    ['timing.wordsPerMinute', 140, 1000],
  ];
  for (const [key, good, bad] of table) {
    const [section, name] = key.split('.');
    const raw = (v: unknown) => ({ [section]: { [name]: v } });
    const read = (s: unknown) => (s as Record<string, Record<string, unknown>>)[section][name];
    it(`lectern.${key}: takes ${JSON.stringify(good)}`, () => {
      const { settings, errors } = parseSettings(raw(good));
      assert.deepEqual(errors, []);
      assert.deepEqual(read(settings), good);
    });
    it(`lectern.${key}: rejects ${JSON.stringify(bad)} and keeps the last good value`, () => {
      const last = parseSettings(raw(good)).settings;
      const { settings, errors } = parseSettings(raw(bad), last);
      assert.equal(errors.length, 1);
      assert.match(errors[0], new RegExp(`^lectern\\.${key.replace('.', '\\.')} must be`));
      assert.deepEqual(read(settings), good);
    });
  }
});
