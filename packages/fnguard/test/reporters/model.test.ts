import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderModelJson } from '../../src/reporters/model.js';
import { buildApi, buildApp } from '../helpers/app-builder.js';
import { fixtureApps } from '../helpers/scan-fixture.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/model.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

describe('model reporter', () => {
  it('validates against schemas/model.schema.json', () => {
    const apps = [...fixtureApps(), buildApp({ apis: [buildApi('ServerlessRestApi', { implicit: true, stages: [{ name: 'Prod', throttling: { rateLimit: 10 } }] })] })];
    const out = JSON.parse(renderModelJson({ target: 'examples', apps, warnings: [{ code: 'yaml-parse', message: 'bad indent' }] }));
    const ok = validate(out);
    if (!ok) console.error(validate.errors);
    expect(ok).toBe(true);
    expect(out.apps[0].roles[0].statements[0].Action).toEqual(['dynamodb:*']);
    expect(out.apps[0].functions[0].triggers[0].public).toBe(true);
  });

  it('the schema rejects a model with a malformed trigger', () => {
    const [app] = fixtureApps();
    const out = JSON.parse(renderModelJson({ target: 'x', apps: [app!], warnings: [] }));
    out.apps[0].functions[0].triggers[0].kind = 'carrier-pigeon';
    expect(validate(out)).toBe(false);
  });
});
