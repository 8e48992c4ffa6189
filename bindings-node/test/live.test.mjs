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

// ---- the durable store: a writer killed at random points loses nothing acknowledged

import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE = fileURLToPath(new URL('../touchpoint.js', import.meta.url))
const event = (n) => ({ id: `m${n}`, customerId: `c${n % 50}`, timestamp: 1772323200000 + n * 60000, channel: 'web', kind: ['page_view', 'purchase', 'click'][n % 3] })
const WRITER = `
const { LiveEngine } = require(${JSON.stringify(PACKAGE)})
const [path, start, total] = [process.argv[1], +process.argv[2], +process.argv[3]]
const event = ${event.toString()}
const engine = LiveEngine.open(path)
for (let i = start; i < total; i += 5) {
  const batch = []
  for (let n = i; n < Math.min(i + 5, total); n++) batch.push(event(n))
  engine.push(batch)
  process.stdout.write('ack ' + Math.min(i + 5, total) + '\\n')
}
`

/** Runs a writer from `start`, kills it after `ms` (if still running); the last ack. */
function writer(path, start, total, ms) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', WRITER, path, String(start), String(total)], { stdio: ['ignore', 'pipe', 'ignore'] })
    let last = 0
    let killed = false
    let text = ''
    child.stdout.on('data', (d) => {
      text += d
      const acks = text.match(/ack (\d+)/g)
      if (acks) last = +acks[acks.length - 1].slice(4)
    })
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL')
    }, ms)
    child.on('close', () => {
      clearTimeout(timer)
      resolve({ last, killed })
    })
  })
}

test('a killed writer loses nothing acknowledged and counts nothing twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-live-'))
  const path = join(dir, 'live.redb')
  const total = 30000
  LiveEngine.open(path, { segments: [{ name: 'buyers', rule: 'purchases >= 2' }] }).close()
  let acked = 0
  let kills = 0
  const delays = [150, 400, 60, 700, 250, 500]
  for (const ms of delays) {
    const { last, killed } = await writer(path, Math.max(0, acked - 15), total, ms)
    acked = Math.max(acked, last)
    kills += killed ? 1 : 0
    if (acked >= total) break
  }
  assert.ok(kills >= 2, `only ${kills} writers were killed`)
  const store = LiveEngine.open(path)
  assert.ok(store.stats.events >= acked, `${store.stats.events} stored, ${acked} acknowledged`)
  const events = Array.from({ length: total }, (_, n) => event(n))
  store.push(events.slice(Math.max(0, acked - 5)))
  const once = new LiveEngine({ segments: [{ name: 'buyers', rule: 'purchases >= 2' }] })
  once.push(events)
  assert.equal(store.stats.events, total)
  assert.deepEqual(store.customers(), once.customers())
  store.checkpoint()
  store.close()
  const again = LiveEngine.open(path)
  assert.deepEqual(again.customers(), once.customers())
  again.close()
  throwsCode(() => again.customers(), { code: 'INVALID_ARGUMENT' })
  rmSync(dir, { recursive: true, force: true })
})

test('a store refuses other options and files that are not stores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-live-'))
  const path = join(dir, 's.redb')
  const first = LiveEngine.open(path, { atRiskDays: 10 })
  // Open in this process: another open is refused until it is closed.
  throwsCode(() => LiveEngine.open(path), { code: 'STORE_ERROR' })
  first.close()
  throwsCode(() => LiveEngine.open(path, { atRiskDays: 20 }), { code: 'INVALID_CONFIG', field: 'options' })
  const reopened = LiveEngine.open(path)
  assert.equal(reopened.options.atRiskDays, 10)
  reopened.close()
  const junk = join(dir, 'junk.redb')
  writeFileSync(junk, 'not a store'.repeat(100))
  throwsCode(() => LiveEngine.open(junk), { code: 'STORE_ERROR' })
  throwsCode(() => new LiveEngine().checkpoint(), { code: 'INVALID_ARGUMENT', field: 'checkpoint' })
  rmSync(dir, { recursive: true, force: true })
})
