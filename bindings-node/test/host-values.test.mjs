// Host values the core cannot hold: nothing nested or circular crashes the process, and
// well-formed text with U+FFFD itself is read as it is. Lone surrogates (refused naming the
// row and column, the line or the option, never read as U+FFFD) are shared cases of both
// JavaScript packages, in vectors/js-inputs.mjs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'

const require = createRequire(import.meta.url)
const { Dataset } = require('../touchpoint.js')

test('well-formed text with U+FFFD itself is read as it is', () => {
  const ds = Dataset.fromColumns({ customerId: ['x\ufffd', 'x\ud83d\ude00'], timestamp: [0, 0], channel: ['web', 'web'], kind: ['click', 'click'] })
  assert.equal(ds.customerCount, 2)
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
