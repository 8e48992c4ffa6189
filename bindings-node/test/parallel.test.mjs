// The thread setting (setThreads / threads): results do not depend on it, in the sync and
// the …Async forms.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Dataset, TouchpointError, setThreads, threads } = require('../touchpoint.js')

const KINDS = ['page_view', 'add_to_cart', 'purchase', 'survey_response', 'email_open']
const CHANNELS = ['web', 'app', 'email', 'store']
const START = 1_767_225_600_000 // 2026-01-01

/** Several events for each of `customers` customers: more than one range of customers. */
function events(customers) {
  const out = []
  for (let c = 0; c < customers; c++) {
    for (let i = 0; i < 1 + (c % 7); i++) {
      const kind = KINDS[(c * 7 + i * 3) % 5]
      const e = {
        customerId: `c${c}`,
        timestamp: START + ((c * 13 + i * 29) % 90) * 86_400_000 + i * 60_000,
        channel: CHANNELS[(c + i) % 4],
        kind,
      }
      if (kind === 'purchase') e.value = (c % 97) * 0.37 + 1.0
      if (kind === 'survey_response') e.survey = { metric: 'nps', score: (c + i) % 11 }
      out.push(e)
    }
  }
  return out
}

test('one thread and every core give the same reports, sync and async', async () => {
  const ds = Dataset.fromEvents(events(6000))
  const options = { funnel: { steps: ['page_view', 'add_to_cart', 'purchase'] } }
  const reports = async () =>
    JSON.stringify([ds.overview(options), ds.sessions({ byChannel: true }), await ds.retentionAsync()])
  try {
    setThreads(1)
    assert.equal(threads(), 1)
    const one = await reports()
    setThreads(0)
    assert.ok(threads() >= 1)
    assert.equal(await reports(), one)
    setThreads(3)
    assert.equal(threads(), 3)
    assert.equal(await reports(), one)
  } finally {
    setThreads(0)
  }
})

test('a thread count out of range is INVALID_CONFIG naming threads; a non-number INVALID_ARGUMENT', () => {
  for (const bad of [-1, 1025, 1.5, NaN, Infinity]) {
    assert.throws(() => setThreads(bad), (e) => {
      assert.ok(e instanceof TouchpointError, String(e))
      assert.equal(e.code, 'INVALID_CONFIG', `${bad}: ${e.message}`)
      assert.equal(e.field, 'threads')
      return true
    })
  }
  for (const bad of ['2', null, undefined, {}]) {
    assert.throws(() => setThreads(bad), (e) => {
      assert.ok(e instanceof TouchpointError, String(e))
      assert.equal(e.code, 'INVALID_ARGUMENT', `${bad}: ${e.message}`)
      assert.equal(e.field, 'threads')
      return true
    })
  }
})
