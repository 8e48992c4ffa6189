// Privacy in the browser (docs/guide-privacy.md): ds.forget in place with its receipt,
// ds.export (camelCase or null), pseudonymize against Web Crypto's HMAC-SHA-256, and the
// readers' option { mode, pseudonymKey } on every reader.

const EVENTS = [
  { anonymousId: 'zq-anon', timestamp: '2026-03-01T09:00:00Z', channel: 'web', kind: 'page_view' },
  { customerId: 'zq-ana', anonymousId: 'zq-anon', timestamp: '2026-03-01T09:05:00Z', channel: 'web', kind: 'sign_up', traits: { email: 'zq@example.com' } },
  { customerId: 'zq-ana', timestamp: '2026-03-02T10:00:00Z', channel: 'store', kind: 'purchase', value: 40, properties: { sku: 'A-1' } },
  { customerId: 'zq-ben', timestamp: '2026-03-03T10:00:00Z', channel: 'web', kind: 'purchase', value: 25 },
];
const KEY = 'a key of 16 bytes or more';
const CSV = 'customer_id,timestamp,channel,kind\nzq-ana,2026-03-01T09:00:00Z,web,purchase\n';
const SEGMENT = '{"type":"track","userId":"zq-ana","event":"Order Completed","timestamp":"2026-03-01T09:00:00Z","properties":{"channel":"web"}}\n';
const COLUMNS = { customerId: ['zq-ana'], timestamp: ['2026-03-01T09:00:00Z'], channel: ['web'], kind: ['purchase'] };

/** HMAC-SHA-256 of `id` under `key` (bytes or text) in lowercase hex, by Web Crypto. */
async function hmac(key, id) {
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key;
  const k = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(id)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function run(t) {
  const { Dataset, TouchpointError, pseudonymize } = t.wasm;

  /** Asserts `fn` throws a TouchpointError with this code (and field, if given). */
  const throwsCode = (fn, code, field) => {
    const e = t.throws(fn);
    t.ok(e instanceof TouchpointError, `a TouchpointError: ${e}`);
    t.equal(e.code, code, e.message);
    if (field !== undefined) t.equal(e.field, field);
  };

  t.test('privacy: forget removes the whole customer in place and returns a receipt of counts only', () => {
    const ds = Dataset.fromEvents(EVENTS);
    t.deepEqual(ds.forget('zq-anon'), { found: true, customers: 1, events: 3, traits: 1, ids: 2 });
    t.deepEqual([ds.customerCount, ds.eventCount], [1, 1]);
    t.equal(ds.export('zq-ana'), null);
    const everything = JSON.stringify([ds.summary(), ds.overview(), ds.rfm(), ds.sessions({ perCustomer: true })]);
    for (const gone of ['zq-ana', 'zq-anon', 'zq@example.com', 'A-1']) t.ok(!everything.includes(gone), gone);
    t.ok(everything.includes('zq-ben'));
    t.deepEqual(ds.forget('zq-ana'), { found: false, customers: 0, events: 0, traits: 0, ids: 0 });
    ds.free();
  });

  t.test('privacy: forget takes a list of ids; an invalid one refuses the whole list', () => {
    const ds = Dataset.fromEvents(EVENTS);
    throwsCode(() => ds.forget(['zq-ben', '']), 'INVALID_RECORD', 'id');
    t.equal(ds.customerCount, 2, 'nothing was forgotten');
    throwsCode(() => ds.forget(42), 'INVALID_ARGUMENT', 'id');
    throwsCode(() => ds.forget(['zq-ben', 42]), 'INVALID_ARGUMENT', 'id');
    t.deepEqual(ds.forget(['zq-ben', 'zq-ana', 'nobody']), { found: true, customers: 2, events: 4, traits: 1, ids: 3 });
    t.deepEqual([ds.customerCount, ds.eventCount], [0, 0]);
    ds.free();
  });

  t.test('privacy: export has camelCase keys and events that read back; null when nothing is held', () => {
    const ds = Dataset.fromEvents(EVENTS);
    const exported = ds.export('zq-anon');
    t.equal(exported.customerId, 'zq-ana');
    t.deepEqual(exported.ids, ['zq-anon']);
    t.deepEqual(exported.traits, { email: 'zq@example.com' });
    t.deepEqual(Object.keys(exported.derived).sort(), ['engagementScore', 'lifecycle', 'rfm', 'sessions']);
    t.equal(exported.derived.rfm.monetary, 40);
    t.ok(!JSON.stringify(exported).includes('customer_id'), 'no snake_case field');
    const again = Dataset.fromEvents(exported.events);
    t.deepEqual([again.customerCount, again.eventCount], [1, 3]);
    again.free();
    t.equal(ds.export('nobody'), null);
    throwsCode(() => ds.export(''), 'INVALID_RECORD', 'id');
    ds.free();
  });

  t.test('privacy: pseudonymize is Web Crypto HMAC-SHA-256 in hex, for a string or Uint8Array key', async () => {
    const want = await hmac(KEY, 'zq-ana');
    t.ok(/^[0-9a-f]{64}$/.test(want));
    t.equal(pseudonymize(KEY, 'zq-ana'), want);
    t.equal(pseudonymize(new TextEncoder().encode(KEY), 'zq-ana'), want);
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 200) % 256); // not UTF-8
    t.equal(pseudonymize(bytes, 'zoë@example.com'), await hmac(bytes, 'zoë@example.com'));
    t.equal(pseudonymize('clé secrète 🔑 de test', 'zoë'), await hmac('clé secrète 🔑 de test', 'zoë'));
    throwsCode(() => pseudonymize('fifteen-bytes!!', 'zq-ana'), 'INVALID_CONFIG', 'pseudonymKey');
    throwsCode(() => pseudonymize(12345, 'zq-ana'), 'INVALID_CONFIG', 'pseudonymKey');
    throwsCode(() => pseudonymize(KEY, ''), 'INVALID_RECORD', 'id');
    // A lone surrogate is refused, never read as U+FFFD (both keys would be the same bytes).
    throwsCode(() => pseudonymize('a key of 16 bytes \uD800', 'zq-ana'), 'INVALID_CONFIG', 'pseudonymKey');
    throwsCode(() => pseudonymize('a key of 16 bytes \uDFFF', 'zq-ana'), 'INVALID_CONFIG', 'pseudonymKey');
  });

  t.test('privacy: every reader takes { mode, pseudonymKey }: ids are pseudonyms', async () => {
    const ana = await hmac(KEY, 'zq-ana');
    const readers = { fromEvents: EVENTS, readCsv: CSV, readSegment: SEGMENT, fromColumns: COLUMNS };
    for (const [reader, input] of Object.entries(readers)) {
      for (const key of [KEY, new TextEncoder().encode(KEY)]) {
        const ds = Dataset[reader](input, { mode: 'strict', pseudonymKey: key });
        t.equal(ds.export(ana)?.customerId, ana, reader);
        t.equal(ds.export('zq-ana'), null, reader);
        t.ok(!JSON.stringify(ds.rfm()).includes('zq-'), `${reader}: no raw id in a result`);
        ds.free();
      }
      for (const options of ['lenient', { mode: 'lenient' }, { pseudonymKey: null }]) {
        const raw = Dataset[reader](input, options);
        t.equal(raw.export('zq-ana').customerId, 'zq-ana', reader);
        raw.free();
      }
      throwsCode(() => Dataset[reader](input, { mode: 'sloppy', pseudonymKey: KEY }), 'INVALID_CONFIG', 'mode');
      throwsCode(() => Dataset[reader](input, { pseudonymKey: 'too short' }), 'INVALID_CONFIG', 'pseudonymKey');
      throwsCode(() => Dataset[reader](input, { pseudonymKey: '\uD83D a key of 16 bytes' }), 'INVALID_CONFIG', 'pseudonymKey');
    }
    const ds = Dataset.fromEvents(EVENTS, { pseudonymKey: KEY });
    const exported = ds.export(ana);
    t.deepEqual(exported.ids, [await hmac(KEY, 'zq-anon')]);
    t.deepEqual(exported.traits, { email: 'zq@example.com' });
    ds.free();
  });
}
