// The live engine from Node (docs/guide-live.md): an EventEmitter of signals, events one at a
// time or as any iterable, ids deduplicated, time passing, snapshots, the errors. The numbers
// themselves are pinned by vectors/live.json (test/vectors.test.mjs).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { LiveEngine, TouchpointError } = require('../touchpoint.js')

const ev = (customerId, timestamp, kind, extra = {}) => ({ customerId, timestamp, channel: 'web', kind, ...extra })

function throwsCode(fn, { code, record, field }) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof TouchpointError, `expected a TouchpointError, got ${err?.stack}`)
    assert.equal(err.code, code, err.message)
    if (record !== undefined) assert.equal(err.record, record, err.message)
    if (field !== undefined) assert.equal(err.field, field, err.message)
    return true
  })
}

test('signals are returned and emitted, in order', () => {
  const engine = new LiveEngine({ segments: [{ name: 'buyers', rule: 'purchases >= 1' }] })
  assert.ok(engine instanceof EventEmitter)
  const heard = []
  engine.on('signal', (s) => heard.push(s))
  const first = engine.push(ev('ana', '2026-03-02T09:00:00Z', 'page_view', { id: 'm1' }))
  const more = engine.push(new Set([ev('ana', new Date('2026-03-02T10:00:00Z'), 'purchase', { value: 30, id: 2 })]))
  assert.deepEqual(heard, [...first, ...more])
  assert.deepEqual(more.map((s) => s.signal), ['stage_entered', 'health_band_changed', 'segment_entered'])
  assert.deepEqual([more[0].customerId, more[0].from, more[0].to, more[0].late], ['ana', 'shop', 'buy', false])
  // The same id again is a duplicate: dropped, counted, nothing emitted.
  assert.deepEqual(engine.push([ev('ana', '2026-03-02T09:00:00Z', 'page_view', { id: 'm1' })]), [])
  assert.equal(engine.stats.duplicates, 1)
  const later = engine.advance(new Date('2026-04-10T00:00:00Z'))
  assert.deepEqual(later.slice(0, 2).map((s) => [s.signal, s.at]), [
    ['lifecycle_changed', '2026-03-09T00:00:00Z'],
    ['became_at_risk', '2026-04-01T10:00:00Z'],
  ])
  assert.equal(engine.now, '2026-04-10T00:00:00Z')
  const state = engine.customer('ana')
  assert.deepEqual([state.lifecycleStatus, state.atRisk, state.segments, state.purchases], ['dormant', true, ['buyers'], 1])
  assert.equal(engine.customer('nobody'), null)
  assert.equal(engine.options.engagementScore.scale, 10)
})

test('a snapshot restores an engine that goes on alike', () => {
  const engine = new LiveEngine({ computedTraits: [{ name: 'views', aggregate: 'count', kinds: ['page_view'], windowSeconds: 604800 }] })
  engine.push([ev('ana', '2026-03-02T09:00:00Z', 'page_view', { id: 'a' }), ev('ben', '2026-03-03T09:00:00Z', 'purchase')])
  const bytes = engine.snapshot()
  assert.ok(bytes instanceof Uint8Array)
  assert.equal(Buffer.from(bytes.subarray(0, 4)).toString(), 'TPLV')
  const back = LiveEngine.restore(bytes)
  assert.ok(back instanceof LiveEngine)
  assert.deepEqual(back.customers(), engine.customers())
  assert.deepEqual(back.customer('ana').computedTraits, { views: 1 })
  assert.deepEqual(back.push(ev('ana', '2026-03-02T09:00:00Z', 'page_view', { id: 'a' })), [])
  assert.deepEqual(back.advance('2026-05-01T00:00:00Z'), engine.advance('2026-05-01T00:00:00Z'))
})

test('bad input is refused by name, and a refused batch takes nothing', () => {
  const engine = new LiveEngine()
  const good = ev('c', '2026-03-02T09:00:00Z', 'click')
  throwsCode(() => engine.push([good, { ...good, id: 1.5 }]), { code: 'INVALID_RECORD', record: 'record 2', field: 'id' })
  throwsCode(() => engine.push([good, { ...good, timestamp: 'soon' }]), { code: 'INVALID_RECORD', record: 'record 2', field: 'timestamp' })
  throwsCode(() => engine.push([good, { ...good, value: NaN }]), { code: 'OUT_OF_RANGE', record: 'record 2', field: 'value' })
  assert.equal(engine.stats.events, 0)
  throwsCode(() => new LiveEngine({ engagementScore: { scale: null } }), { code: 'INVALID_CONFIG', field: 'engagementScore.scale' })
  throwsCode(() => new LiveEngine({ computedTraits: [{ name: 'x', aggregate: 'sum' }] }), { code: 'INVALID_CONFIG', field: 'computedTraits.x.of' })
  throwsCode(() => new LiveEngine({ atRiskDays: 0 }), { code: 'INVALID_CONFIG', field: 'atRiskDays' })
  const bytes = engine.snapshot()
  throwsCode(() => LiveEngine.restore(bytes.subarray(0, bytes.length - 2)), { code: 'PARSE_ERROR' })
  const later = Uint8Array.from(bytes)
  later[4] = 9
  assert.throws(() => LiveEngine.restore(later), /version 9, written by a later touchpoint/)
  throwsCode(() => engine.advance({}), { code: 'INVALID_ARGUMENT', field: 'now' })
})
