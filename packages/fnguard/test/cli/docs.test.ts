import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesMarkdown } from '../../src/reporters/rules.js';
import { RULES } from '../../src/rules/index.js';

const DOC = new URL('../../../../docs/rules.md', import.meta.url);

describe('docs/rules.md', () => {
  it('matches the rule metadata (regenerate: fnguard rules --format markdown > docs/rules.md)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderRulesMarkdown(RULES));
  });
  it('documents every rule with its fixes', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const rule of RULES) {
      expect(doc).toContain(`## ${rule.id}`);
      if (rule.fix.sam !== undefined) expect(doc).toContain(rule.fix.sam);
    }
  });
});
