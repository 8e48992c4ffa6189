// The inputs the Node package accepts, run from the same matrix as the browser package
// (vectors/js-inputs.mjs; bindings-wasm/test/api.test.mjs runs it too): iterables and typed
// arrays of answers and events, Dates in records and options, NaN and invalid Dates refused
// with the record and field named. Each case also runs through the `…Async` forms.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { INPUT_CASES, outcome } from '../../vectors/js-inputs.mjs'

const require = createRequire(import.meta.url)
const touchpoint = require('../touchpoint.js')
const { Dataset } = touchpoint

for (const c of INPUT_CASES) {
  test(`same inputs as the browser: ${c.name}`, async () => {
    assert.deepEqual(await outcome(touchpoint, c), c.expect)
  })
  if (!['nps', 'csat', 'ces'].includes(c.call)) {
    test(`same inputs as the browser, async: ${c.name}`, async () => {
      assert.deepEqual(await outcome(touchpoint, c, true), c.expect)
    })
  }
}

test('a Date in a record is read, never changed: the caller keeps their object', () => {
  const when = new Date(Date.UTC(2026, 2, 1, 9, 30))
  const record = { customerId: 'ana', timestamp: when, channel: 'web', kind: 'click', properties: { at: when } }
  const ds = Dataset.fromEvents([record])
  assert.equal(ds.summary().firstEvent, '2026-03-01T09:30:00Z')
  assert.equal(record.timestamp, when)
  assert.equal(record.properties.at, when)
})

test('an invalid Date names itself in the message, in records and options', () => {
  const bad = { customerId: 'ana', timestamp: new Date('nope'), channel: 'web', kind: 'click' }
  const [rejection] = Dataset.fromEvents([bad], 'lenient').rejected
  assert.match(rejection.message, /Invalid Date/)
  assert.throws(() => Dataset.fromEvents([]).rfm({ asOf: new Date(NaN) }), (e) => /Invalid Date/.test(e.message))
})

test('a generator of events is read once, in order', () => {
  let pulled = 0
  function* events() {
    for (const id of ['a', 'b', 'c']) {
      pulled += 1
      yield { customerId: id, timestamp: `2026-03-0${pulled}T00:00:00Z`, channel: 'web', kind: 'click' }
    }
  }
  const ds = Dataset.fromEvents(events())
  assert.equal(pulled, 3)
  assert.deepEqual([ds.customerCount, ds.summary().firstEvent, ds.summary().lastEvent], [3, '2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z'])
})

test('the replacer is the same in both packages (bindings-node/src/js.rs, bindings-wasm/js/json.js)', () => {
  const { readFileSync } = require('node:fs')
  const body = (path) => {
    const text = readFileSync(new URL(path, import.meta.url), 'utf8')
    const start = text.indexOf('function keep(key, v) {')
    assert.ok(start >= 0, `no replacer in ${path}`)
    const end = start + text.slice(start).search(/\n\s*return v;?\n/)
    return text.slice(start, end).replace(/;/g, '').replace(/\s+/g, ' ')
  }
  assert.equal(body('../src/js.rs'), body('../../bindings-wasm/js/json.js'))
})
