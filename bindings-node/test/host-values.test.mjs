// Host values the core cannot hold, in the Node-only readers (columns, text, stage maps):
// lone surrogates are refused naming the row and column (never read as U+FFFD, which
// merged 'x\ud800' and 'x\udbff' into one customer), and nothing nested or circular crashes
// the process. The shared cases (records, options) are in vectors/js-inputs.mjs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'

const require = createRequire(import.meta.url)
const { Dataset } = require('../touchpoint.js')

const refused = (f, code, record, field) =>
  assert.throws(f, (e) => {
    assert.deepEqual({ code: e.code, record: e.record, field: e.field }, { code, record, field })
    return true
  })

test('lone surrogates in string columns name the row and column, in strict and lenient mode', () => {
  const columns = { customerId: ['x\ud800', 'x\udbff', 'ana'], timestamp: [0, 0, 0], channel: ['web', 'web', 'web'], kind: ['click', 'click', 'click'] }
  refused(() => Dataset.fromColumns(columns), 'INVALID_RECORD', 'record 1', 'customerId')
  const ds = Dataset.fromColumns(columns, 'lenient')
  assert.equal(ds.customerCount, 1)
  assert.deepEqual(ds.rejected.map((r) => [r.record, r.field]), [['record 1', 'customerId'], ['record 2', 'customerId']])
  refused(() => Dataset.fromColumns({ ...columns, customerId: ['a', 'b', 'c'], kind: ['click', 'cl\udfffck', 'click'] }), 'INVALID_RECORD', 'record 2', 'kind')
  refused(() => Dataset.fromColumns({ ...columns, customerId: ['a', 'b', 'c'], traits: { plan: ['gold', 'gold', 'g\ud800'] } }), 'INVALID_RECORD', 'record 3', 'traits.plan')
})

test('well-formed text with U+FFFD itself is read as it is', () => {
  const ds = Dataset.fromColumns({ customerId: ['x\ufffd', 'x\ud83d\ude00'], timestamp: [0, 0], channel: ['web', 'web'], kind: ['click', 'click'] })
  assert.equal(ds.customerCount, 2)
})

test('lone surrogates in CSV and Segment text name the line, sync and async', async () => {
  const csv = 'customer_id,timestamp,channel,kind\nc1,0,web,click\nx\ud800,0,web,click\n'
  assert.throws(() => Dataset.readCsv(csv), (e) => e.name === 'TouchpointError' && e.record === 'line 3')
  await assert.rejects(Dataset.readCsvAsync(csv), (e) => e.name === 'TouchpointError' && e.record === 'line 3')
  const segment = '{"type":"track","userId":"a","event":"e","timestamp":"2026-01-01T00:00:00Z","properties":{"channel":"web"}}\n{"type":"track","userId":"x\udbff","event":"e","timestamp":"2026-01-01T00:00:00Z","properties":{"channel":"web"}}\n'
  assert.throws(() => Dataset.readSegment(segment), (e) => e.name === 'TouchpointError' && e.record === 'line 2')
})

test('a lone surrogate in a stage map is a config error naming it', () => {
  const ds = Dataset.fromEvents([{ customerId: 'a', timestamp: 0, channel: 'web', kind: 'click' }])
  refused(() => ds.cxReport({ click: 'discover\ud800' }), 'INVALID_CONFIG', null, 'stageMap.click')
})

test('deep and circular arguments never crash the process', () => {
  // In a child process, so that a regression (a stack overflow) cannot end this test run.
  const script = `
    const { Dataset } = require(${JSON.stringify(require.resolve('../touchpoint.js'))})
    let deep = {}; for (let i = 0; i < 100000; i++) deep = { a: deep }
    const cyc = {}; cyc.self = cyc
    const e = { customerId: 'a', timestamp: 0, channel: 'web', kind: 'click' }
    const out = []
    for (const f of [
      () => Dataset.fromEvents([{ ...e, properties: deep }]),
      () => Dataset.fromEvents([{ ...e, traits: cyc }]),
      () => Dataset.fromEvents([e]).journeyMap({ startKind: deep }),
      () => Dataset.fromEvents([e]).cxReport(cyc),
    ]) { try { f(); out.push('ok') } catch (err) { out.push(err.code + ' ' + err.field) } }
    console.log(out.join('|'))`
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout.trim(), 'INVALID_RECORD properties|INVALID_RECORD traits|INVALID_CONFIG startKind|INVALID_CONFIG stageMap.self')
})
