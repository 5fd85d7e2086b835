// Measures request inspection against the labelled WAF corpus and times it.
// Usage: npx tsc -b packages/runtime && node bench/inspection.mjs [corpus-dir] [--misses]
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages/runtime/dist/inspect');
if (!existsSync(join(dist, 'index.js'))) {
  console.error('build first: npx tsc -b packages/runtime');
  process.exit(1);
}
const { inspectEvent, inspectValue } = await import(join(dist, 'index.js'));
const { loadCorpus, tallyCorpus, isRequired } = await import(join(dist, 'corpus.js'));

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const dir = args.find((a) => !a.startsWith('--')) ?? join(root, '../shared/data/waf');
if (!existsSync(join(dir, 'attacks.jsonl'))) {
  console.error(`corpus not found at ${dir}`);
  process.exit(1);
}
const attacks = loadCorpus(dir, 'attacks.jsonl');
const benign = loadCorpus(dir, 'benign.jsonl');

const misses = [];
const flagged = [];
const tally = tallyCorpus(attacks, benign, (e) => inspectEvent(e), (record, detections) => {
  if (record.label === 'attack' && detections.length === 0 && isRequired(record) && record.family !== 'other') misses.push(record);
  if (record.label === 'benign' && detections.length > 0) flagged.push([record, detections]);
});

const pct = (a, b) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
const families = ['sqli', 'nosqli', 'cmdi', 'lfi', 'ssrf', 'xss', 'proto', 'other'];
console.log('family  attacks caught   %      same-fam  PL<=2+patt caught   %      benign flagged');
let totals = { attacks: 0, caught: 0, same: 0, required: 0, requiredCaught: 0, benign: 0, benignFlagged: 0 };
for (const family of families) {
  const t = tally.get(family);
  if (!t) continue;
  console.log(`${family.padEnd(7)} ${String(t.attacks).padStart(7)} ${String(t.caught).padStart(6)} ${pct(t.caught, t.attacks)}  ${String(t.caughtSameFamily).padStart(8)}  ${String(t.required).padStart(10)} ${String(t.requiredCaught).padStart(6)} ${pct(t.requiredCaught, t.required)}  ${String(t.benign).padStart(6)} ${String(t.benignFlagged).padStart(7)}`);
  if (family !== 'other') {
    totals = { attacks: totals.attacks + t.attacks, caught: totals.caught + t.caught, same: totals.same + t.caughtSameFamily, required: totals.required + t.required, requiredCaught: totals.requiredCaught + t.requiredCaught, benign: totals.benign, benignFlagged: totals.benignFlagged };
  }
}
let benignAll = 0;
let benignFlaggedAll = 0;
for (const t of tally.values()) { benignAll += t.benign; benignFlaggedAll += t.benignFlagged; }
console.log(`${'7 fams'.padEnd(7)} ${String(totals.attacks).padStart(7)} ${String(totals.caught).padStart(6)} ${pct(totals.caught, totals.attacks)}  ${String(totals.same).padStart(8)}  ${String(totals.required).padStart(10)} ${String(totals.requiredCaught).padStart(6)} ${pct(totals.requiredCaught, totals.required)}  ${String(benignAll).padStart(6)} ${String(benignFlaggedAll).padStart(7)} (${pct(benignFlaggedAll, benignAll).trim()} of all benign)`);

// Throughput: every corpus value through inspectValue, then whole ~2 KB API Gateway events.
const values = [...attacks, ...benign].map((r) => r.value);
for (let i = 0; i < 2; i++) for (const v of values) inspectValue(v);
let t0 = performance.now();
let rounds = 0;
while (performance.now() - t0 < 1500) { for (const v of values) inspectValue(v); rounds++; }
const valueRate = (rounds * values.length) / ((performance.now() - t0) / 1000);

const typical = {
  version: '2.0', routeKey: 'POST /orders', rawPath: '/orders/12345/items',
  rawQueryString: 'page=2&sort=created_at&filter=status%3Dopen&q=blue+running+shoes',
  cookies: ['session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl', 'theme=dark'],
  headers: {
    host: 'api.example.com', 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    accept: 'application/json', 'accept-language': 'en-GB,en;q=0.9', 'content-type': 'application/json', referer: 'https://shop.example.com/cart?step=2',
    'x-correlation-id': '5f2b8c1e-8d1a-4c55-9b8e-2f1f0c7b9a11', authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln',
  },
  requestContext: { domainName: 'api.example.com', http: { method: 'POST', path: '/orders/12345/items' }, requestId: 'bench' },
  pathParameters: { orderId: '12345' },
  body: JSON.stringify({
    customer: { name: "Dana O'Reilly", email: 'dana@example.com', phone: '+44 20 7946 0958' },
    shipping: { line1: '221B Baker Street', city: 'London', postcode: 'NW1 6XE', notes: 'Leave with the concierge; ring twice if no answer.' },
    items: Array.from({ length: 6 }, (_, i) => ({ sku: `SKU-${1000 + i}`, qty: i + 1, note: `Gift wrap item ${i}, size 10" x 12" & ribbon` })),
    comment: 'Please deliver after 5pm. Select the cheaper option from the menu if both are available.',
  }),
  isBase64Encoded: false,
};
const size = JSON.stringify(typical).length;
for (let i = 0; i < 200; i++) inspectEvent(typical);
// best of 10 rounds, wall and CPU time: shared machines make single runs noisy
let eventMicros = Infinity;
let eventCpuMicros = Infinity;
for (let round = 0; round < 10; round++) {
  const cpu0 = process.cpuUsage();
  t0 = performance.now();
  for (let i = 0; i < 100; i++) inspectEvent(typical);
  const cpu = process.cpuUsage(cpu0);
  eventMicros = Math.min(eventMicros, ((performance.now() - t0) * 1000) / 100);
  eventCpuMicros = Math.min(eventCpuMicros, (cpu.user + cpu.system) / 100);
}
// reference workload on the same machine: parse + serialise the same event, to normalise for load
let refMicros = Infinity;
for (let round = 0; round < 10; round++) {
  t0 = performance.now();
  for (let i = 0; i < 100; i++) JSON.stringify(JSON.parse(JSON.stringify(typical)));
  refMicros = Math.min(refMicros, ((performance.now() - t0) * 1000) / 100);
}
if (inspectEvent(typical).length > 0) console.log('WARNING: the typical event was flagged', inspectEvent(typical));
console.log(`\nthroughput: ${Math.round(valueRate).toLocaleString('en-US')} values/s (inspectValue over ${values.length} corpus values)`);
console.log(`typical API Gateway event (${size} bytes JSON): ${eventMicros.toFixed(1)} µs per inspectEvent (best-of-10 mean wall; ${eventCpuMicros.toFixed(1)} µs CPU)`);
console.log(`reference: JSON round trip of the same event ${refMicros.toFixed(1)} µs -> inspection costs ${(eventMicros / refMicros).toFixed(1)}x a JSON round trip`);

if (showMisses) {
  for (const r of misses) console.log('MISS', r.family, r.source === 'crs' ? r.paranoia_level : r.source, r.id, r.part ?? '', JSON.stringify(r.value.slice(0, 120)));
  for (const [r, d] of flagged) console.log('FP', r.family, r.id, JSON.stringify(r.value.slice(0, 120)), d.map((x) => `${x.rule}@${x.path}`).join(' '));
}
