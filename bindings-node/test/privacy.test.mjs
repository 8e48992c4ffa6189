// Privacy (docs/guide-privacy.md): ds.forget in place with its receipt, ds.export (camelCase
// or null) and its …Async form, pseudonymize against node:crypto, the readers' option
// { mode, pseudonymKey } on every reader, and forget refused while an …Async analysis runs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Dataset, TouchpointError, pseudonymize } = require('../touchpoint.js')

const EVENTS = [
  { anonymousId: 'zq-anon', timestamp: '2026-03-01T09:00:00Z', channel: 'web', kind: 'page_view' },
  { customerId: 'zq-ana', anonymousId: 'zq-anon', timestamp: '2026-03-01T09:05:00Z', channel: 'web', kind: 'sign_up', traits: { email: 'zq@example.com' } },
  { customerId: 'zq-ana', timestamp: '2026-03-02T10:00:00Z', channel: 'store', kind: 'purchase', value: 40, properties: { sku: 'A-1' } },
  { customerId: 'zq-ben', timestamp: '2026-03-03T10:00:00Z', channel: 'web', kind: 'purchase', value: 25 },
]
const KEY = 'a key of 16 bytes or more'
const hmac = (key, id) => createHmac('sha256', key).update(id).digest('hex')

/** Asserts `fn` throws a TouchpointError with this code (and field, if given). */
function throwsCode(fn, code, field) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TouchpointError, `expected a TouchpointError, got ${e && e.stack}`)
    assert.equal(e.code, code, e.message)
    if (field !== undefined) assert.equal(e.field, field)
    return true
  })
}

test('forget removes the whole customer in place and returns a receipt of counts only', () => {
  const ds = Dataset.fromEvents(EVENTS)
  assert.equal(ds.customerCount, 2)
  const receipt = ds.forget('zq-anon')
  assert.deepEqual(receipt, { found: true, customers: 1, events: 3, traits: 1, ids: 2 })
  assert.equal(Object.getPrototypeOf(receipt), Object.prototype)
  assert.deepEqual([ds.customerCount, ds.eventCount], [1, 1])
  assert.equal(ds.export('zq-ana'), null)
  // Nothing of the forgotten customer is left in any result.
  const everything = JSON.stringify([ds.summary(), ds.overview(), ds.rfm(), ds.sessions({ perCustomer: true })])
  for (const gone of ['zq-ana', 'zq-anon', 'zq@example.com', 'A-1']) assert.ok(!everything.includes(gone), gone)
  assert.ok(everything.includes('zq-ben'))
  assert.deepEqual(ds.forget('zq-ana'), { found: false, customers: 0, events: 0, traits: 0, ids: 0 })
})

test('forget takes a list of ids; an invalid one refuses the whole list', () => {
  const ds = Dataset.fromEvents(EVENTS)
  throwsCode(() => ds.forget(['zq-ben', '']), 'INVALID_RECORD', 'id')
  assert.equal(ds.customerCount, 2, 'nothing was forgotten')
  throwsCode(() => ds.forget(''), 'INVALID_RECORD', 'id')
  throwsCode(() => ds.forget(42), 'INVALID_ARGUMENT', 'id')
  const receipt = ds.forget(['zq-ben', 'zq-ana', 'nobody'])
  assert.deepEqual(receipt, { found: true, customers: 2, events: 4, traits: 1, ids: 3 })
  assert.deepEqual([ds.customerCount, ds.eventCount], [0, 0])
})

test('export: camelCase keys, events that read back, derived rows; null when nothing is held', async () => {
  const ds = Dataset.fromEvents(EVENTS)
  const exported = ds.export('zq-anon')
  assert.equal(exported.customerId, 'zq-ana')
  assert.deepEqual(exported.ids, ['zq-anon'])
  assert.deepEqual(exported.traits, { email: 'zq@example.com' })
  assert.deepEqual(Object.keys(exported.derived).sort(), ['engagementScore', 'lifecycle', 'rfm', 'sessions'])
  assert.equal(exported.derived.rfm.customerId, 'zq-ana')
  assert.equal(exported.derived.rfm.monetary, 40)
  assert.ok(!JSON.stringify(exported).includes('customer_id'), 'no snake_case field')
  assert.equal(exported.events[2].properties.sku, 'A-1')
  const again = Dataset.fromEvents(exported.events)
  assert.deepEqual([again.customerCount, again.eventCount], [1, 3])
  assert.equal(ds.export('nobody'), null)
  throwsCode(() => ds.export(''), 'INVALID_RECORD', 'id')
  throwsCode(() => ds.export(42), 'INVALID_ARGUMENT', 'id')
  assert.deepEqual(await ds.exportAsync('zq-anon'), exported)
  assert.equal(await ds.exportAsync('nobody'), null)
  await assert.rejects(ds.exportAsync(''), (e) => e instanceof TouchpointError && e.code === 'INVALID_RECORD')
  await assert.rejects(ds.exportAsync(7), (e) => e instanceof TouchpointError && e.code === 'INVALID_ARGUMENT')
})

test('pseudonymize is node:crypto HMAC-SHA-256 in hex, for a string, Buffer or Uint8Array key', () => {
  const want = hmac(KEY, 'zq-ana')
  assert.match(want, /^[0-9a-f]{64}$/)
  assert.equal(pseudonymize(KEY, 'zq-ana'), want)
  assert.equal(pseudonymize(Buffer.from(KEY), 'zq-ana'), want)
  assert.equal(pseudonymize(new TextEncoder().encode(KEY), 'zq-ana'), want)
  const bytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 200) % 256) // not UTF-8
  assert.equal(pseudonymize(bytes, 'zoë@example.com'), hmac(bytes, 'zoë@example.com'))
  assert.equal(pseudonymize('clé secrète 🔑 de test', 'zoë'), hmac('clé secrète 🔑 de test', 'zoë'))
  assert.notEqual(pseudonymize(KEY, 'zq-ben'), want)
  throwsCode(() => pseudonymize('fifteen-bytes!!', 'zq-ana'), 'INVALID_CONFIG', 'pseudonymKey')
  throwsCode(() => pseudonymize(12345678901234567890, 'zq-ana'), 'INVALID_CONFIG', 'pseudonymKey')
  throwsCode(() => pseudonymize(KEY, ''), 'INVALID_RECORD', 'id')
  throwsCode(() => pseudonymize(KEY, 42), 'INVALID_ARGUMENT', 'id')
})

test('a key with a lone surrogate is refused, never read as U+FFFD', () => {
  // Both would be the same bytes if the surrogates were replaced.
  throwsCode(() => pseudonymize('a key of 16 bytes \uD800', 'zq-ana'), 'INVALID_CONFIG', 'pseudonymKey')
  throwsCode(() => pseudonymize('a key of 16 bytes \uDFFF', 'zq-ana'), 'INVALID_CONFIG', 'pseudonymKey')
  throwsCode(() => Dataset.fromEvents(EVENTS, { pseudonymKey: '\uD83D a key of 16 bytes' }), 'INVALID_CONFIG', 'pseudonymKey')
  assert.equal(pseudonymize('a key of 16 bytes \uD83D\uDD11', 'x'), hmac('a key of 16 bytes 🔑', 'x'))
})

const CSV = 'customer_id,timestamp,channel,kind\nzq-ana,2026-03-01T09:00:00Z,web,purchase\n'
const SEGMENT = '{"type":"track","userId":"zq-ana","event":"Order Completed","timestamp":"2026-03-01T09:00:00Z","properties":{"channel":"web"}}\n'
const COLUMNS = { customerId: ['zq-ana'], timestamp: ['2026-03-01T09:00:00Z'], channel: ['web'], kind: ['purchase'] }
/** Each reader (and its …Async form) with its input. */
const READERS = { fromEvents: EVENTS, readCsv: CSV, readSegment: SEGMENT, fromColumns: COLUMNS }

test('every reader and its …Async form take { mode, pseudonymKey }: ids are pseudonyms', async () => {
  const ana = hmac(KEY, 'zq-ana')
  for (const [reader, input] of Object.entries(READERS)) {
    for (const key of [KEY, Buffer.from(KEY), new TextEncoder().encode(KEY)]) {
      for (const ds of [Dataset[reader](input, { pseudonymKey: key }), await Dataset[`${reader}Async`](input, { mode: 'strict', pseudonymKey: key })]) {
        assert.equal(ds.export(ana)?.customerId, ana, reader)
        assert.equal(ds.export('zq-ana'), null, reader)
        assert.ok(!JSON.stringify(ds.rfm()).includes('zq-'), `${reader}: no raw id in a result`)
      }
    }
    // The mode alone, as a string or in the object, and an object without a key: raw ids.
    assert.equal(Dataset[reader](input, 'lenient').export('zq-ana').customerId, 'zq-ana', reader)
    assert.equal(Dataset[reader](input, { mode: 'lenient' }).export('zq-ana').customerId, 'zq-ana', reader)
    assert.equal(Dataset[reader](input, { pseudonymKey: null }).export('zq-ana').customerId, 'zq-ana', reader)
    throwsCode(() => Dataset[reader](input, { mode: 'sloppy', pseudonymKey: KEY }), 'INVALID_CONFIG', 'mode')
    throwsCode(() => Dataset[reader](input, { pseudonymKey: 'too short' }), 'INVALID_CONFIG', 'pseudonymKey')
    throwsCode(() => Dataset[reader](input, { pseudonymKey: 42 }), 'INVALID_CONFIG', 'pseudonymKey')
    await assert.rejects(Dataset[`${reader}Async`](input, { pseudonymKey: 'too short' }), (e) => e.code === 'INVALID_CONFIG' && e.field === 'pseudonymKey')
  }
  // The anonymous id is a pseudonym too, tied to the same customer; traits are data, kept.
  const ds = Dataset.fromEvents(EVENTS, { mode: 'lenient', pseudonymKey: KEY })
  const exported = ds.export(ana)
  assert.deepEqual(exported.ids, [hmac(KEY, 'zq-anon')])
  assert.deepEqual(exported.traits, { email: 'zq@example.com' })
  // A lenient read with a key still lists its rejections.
  const lenient = Dataset.fromEvents([...EVENTS, { customerId: '', timestamp: 0, channel: 'web', kind: 'x' }], { mode: 'lenient', pseudonymKey: KEY })
  assert.equal(lenient.rejected.length, 1)
  assert.equal(lenient.rejected[0].record, 'record 5')
})

test('forget while an …Async analysis holds the dataset is INVALID_ARGUMENT; afterwards it forgets', async () => {
  const many = Array.from({ length: 20_000 }, (_, i) => ({ customerId: `c${i % 5000}`, timestamp: 1_772_000_000_000 + i * 60_000, channel: 'web', kind: 'purchase', value: 1 }))
  const ds = Dataset.fromEvents([...EVENTS, ...many])
  const running = ds.sessionsAsync({ perCustomer: true })
  throwsCode(() => ds.forget('zq-ana'), 'INVALID_ARGUMENT')
  assert.equal(ds.customerCount, 5002, 'nothing was forgotten')
  const report = await running
  assert.ok(JSON.stringify(report).includes('zq-ana'), 'the running analysis saw the dataset as it was')
  assert.deepEqual(ds.forget('zq-ana').customers, 1)
  assert.ok(!JSON.stringify(await ds.sessionsAsync({ perCustomer: true })).includes('zq-ana'))
})
