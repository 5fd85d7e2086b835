// Measures request inspection against the labelled WAF corpus and times it.
// Usage: npx tsc -b packages/runtime && node bench/inspection.mjs [corpus-dir] [--misses]
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// INSPECT_DIST=/tmp/inspect-before/inspect compares another build (run the two alternately)
const dist = process.env.INSPECT_DIST ?? join(root, 'packages/runtime/dist/inspect');
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

// A browser-originated API Gateway HTTP API (v2) event of about 2 KB: JSON body with ~25 fields
// of ordinary text, numbers, emails, URLs and dates, the headers a browser sends, query params.
// `variant` changes every body value and the query (a new order from a new customer) so the
// verdict cache cannot answer them; keys and browser headers repeat as they do in production.
const typicalEvent = (variant = 0) => {
  const v = variant === 0 ? '' : ` ${variant}`;
  return {
    version: '2.0', routeKey: 'POST /orders', rawPath: `/orders/${12345 + variant}/items`,
    rawQueryString: `page=${2 + variant}&sort=created_at&filter=status%3Dopen&q=blue+running+shoes${v.replace(' ', '+')}`,
    queryStringParameters: { page: String(2 + variant), sort: 'created_at', filter: 'status=open', q: `blue running shoes${v}` },
    cookies: ['session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl', 'theme=dark'],
    headers: {
      host: 'api.example.com', 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      accept: 'application/json', 'accept-language': 'en-GB,en;q=0.9', 'accept-encoding': 'gzip, deflate, br', 'content-type': 'application/json', 'content-length': '812',
      origin: 'https://shop.example.com', referer: 'https://shop.example.com/cart?step=2', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty',
      'x-correlation-id': '5f2b8c1e-8d1a-4c55-9b8e-2f1f0c7b9a11', authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln',
      'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https', 'x-amzn-trace-id': 'Root=1-65f1c2a3-0123456789abcdef01234567',
    },
    requestContext: { domainName: 'api.example.com', http: { method: 'POST', path: `/orders/${12345 + variant}/items` }, requestId: 'bench' },
    pathParameters: { orderId: String(12345 + variant) },
    body: JSON.stringify({
      customer: { name: `Dana O'Reilly${v}`, email: `dana${variant || ''}@example.com`, phone: '+44 20 7946 0958', website: `https://dana.example.org/profile${v.trim()}` },
      shipping: { line1: `221B Baker Street${v}`, city: 'London', postcode: 'NW1 6XE', notes: `Leave with the concierge; ring twice if no answer.${v}` },
      items: Array.from({ length: 6 }, (_, i) => ({ sku: `SKU-${1000 + i + variant}`, qty: i + 1, price: 19.99 + i, note: `Gift wrap item ${i}${v}, size 10" x 12" & ribbon` })),
      comment: `Please deliver after 5pm. Select the cheaper option from the menu if both are available.${v}`,
      createdAt: '2024-05-01T10:22:33Z', giftMessage: `Happy birthday, Sam! Love from all of us (and the dog)${v}`,
    }),
    isBase64Encoded: false,
  };
};
const typical = typicalEvent();
const size = JSON.stringify(typical).length;
const { clearInspectionCache } = await import(join(dist, 'value.js'));
// CPU time per event: median of 15 rounds of 100 events. `make(i)` builds the i-th event
// outside the timed region; `cold` clears the verdict cache before every event.
function timeEvents(make, cold) {
  const events = Array.from({ length: 100 }, (_, i) => make(i));
  for (let i = 0; i < 300; i++) { if (cold) clearInspectionCache(); inspectEvent(events[i % 100]); }
  const cpuRounds = [];
  const wallRounds = [];
  for (let round = 0; round < 15; round++) {
    const built = Array.from({ length: 100 }, (_, i) => make(round * 100 + i + 1));
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    for (let i = 0; i < 100; i++) { if (cold) clearInspectionCache(); inspectEvent(built[i]); }
    const cpu = process.cpuUsage(cpu0);
    wallRounds.push(((performance.now() - w0) * 1000) / 100);
    cpuRounds.push((cpu.user + cpu.system) / 100);
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { cpu: median(cpuRounds), wall: median(wallRounds) };
}
const repeated = timeEvents(() => typical, false);
const fresh = timeEvents((i) => typicalEvent(i + 1), false);
const cold = timeEvents((i) => typicalEvent(i + 1), true);
// reference workload on the same machine: parse + serialise the same event, to normalise for load
let refMicros = Infinity;
for (let round = 0; round < 10; round++) {
  t0 = performance.now();
  for (let i = 0; i < 100; i++) JSON.stringify(JSON.parse(JSON.stringify(typical)));
  refMicros = Math.min(refMicros, ((performance.now() - t0) * 1000) / 100);
}
for (const i of [0, 1, 77]) if (inspectEvent(typicalEvent(i)).length > 0) console.log('WARNING: the typical event was flagged', inspectEvent(typicalEvent(i)));
console.log(`\nthroughput: ${Math.round(valueRate).toLocaleString('en-US')} values/s (inspectValue over ${values.length} corpus values)`);
console.log(`typical API Gateway event (${size} bytes JSON), median µs CPU (wall) per inspectEvent:`);
console.log(`  same event repeated            ${repeated.cpu.toFixed(1).padStart(6)} (${repeated.wall.toFixed(1)})`);
console.log(`  new body/query per event       ${fresh.cpu.toFixed(1).padStart(6)} (${fresh.wall.toFixed(1)})   <- the figure to quote`);
console.log(`  verdict cache cleared per event ${cold.cpu.toFixed(1).padStart(5)} (${cold.wall.toFixed(1)})`);
console.log(`reference: JSON round trip of the same event ${refMicros.toFixed(1)} µs wall -> fresh inspection costs ${(fresh.wall / refMicros).toFixed(1)}x a JSON round trip`);

// Benign text a request carries that is new every time (prose, headers, user agents, query
// strings): fresh strings each round so the verdict cache cannot answer, median ns per value.
const PROSE = [
  'Leave with the concierge; ring twice if no answer.', 'Happy birthday, Sam! Love from all of us (and the dog)',
  'Please deliver after 5pm. Select the cheaper option from the menu if both are available.', 'Tom & Jerry; classic cartoons',
  'R&D budget for Q3 (draft)', "Where's my order? It was supposed to arrive on Monday; please advise.", 'Fish & chips, salt & vinegar; no peas!',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'max-age=0, no-cache', 'status=open', 'page=2&sort=created_at&q=blue+shoes',
  'Meet me by the station at 6; if it rains, on the bus instead.', 'All items shipped as one parcel, signed for by the neighbour (no. 12).',
];
{
  const perRound = (round) => PROSE.map((p) => `${p} ${round}`);
  for (let r = 0; r < 200; r++) for (const v of perRound(r)) inspectValue(v);
  const rounds = [];
  for (let r = 0; r < 30; r++) {
    const batch = Array.from({ length: 20 }, (_, k) => perRound(1000 + r * 20 + k)).flat();
    const c0 = process.cpuUsage();
    for (const v of batch) inspectValue(v);
    const c = process.cpuUsage(c0);
    rounds.push(((c.user + c.system) * 1000) / batch.length);
  }
  rounds.sort((a, b) => a - b);
  console.log(`benign prose/headers/user agents through inspectValue (new each time): median ${(rounds[15] / 1000).toFixed(2)} µs CPU per value`);
}

if (showMisses) {
  for (const r of misses) console.log('MISS', r.family, r.source === 'crs' ? r.paranoia_level : r.source, r.id, r.part ?? '', JSON.stringify(r.value.slice(0, 120)));
  for (const [r, d] of flagged) console.log('FP', r.family, r.id, JSON.stringify(r.value.slice(0, 120)), d.map((x) => `${x.rule}@${x.path}`).join(' '));
}
