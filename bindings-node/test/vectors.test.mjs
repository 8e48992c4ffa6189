// Replays every case of every ../../vectors/*.json file through the Node API, dispatching
// ops and matching results exactly as core/tests/vectors.rs does.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { nps, csat, ces, Dataset } = require('../index.js')

const vectorsDir = new URL('../../vectors/', import.meta.url)

function run(op, input) {
  switch (op) {
    case 'nps':
      return nps(input.answers)
    case 'csat':
      return csat(input.answers)
    case 'ces':
      return ces(input.answers)
    case 'cx_report':
      return Dataset.fromEvents(input.events).cxReport(input.stage_map)
    case 'read_segment':
    case 'read_csv': {
      const ds = op === 'read_csv' ? Dataset.readCsv(input.text, input.mode) : Dataset.readSegment(input.text, input.mode)
      return { summary: ds.summary(), rejected: ds.rejected, report: ds.cxReport() }
    }
    default:
      throw new Error(`unknown op ${op}`)
  }
}

/** The ops this binding implements; a case of any other op is reported as skipped, not passed. */
const BOUND_OPS = new Set(['nps', 'csat', 'ces', 'cx_report', 'read_segment', 'read_csv'])

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Subset match: every key of `expected` must match in `actual`; numbers within 1e-9. Returns the mismatches. */
function matches(expected, actual, path) {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const ok = Math.abs(expected - actual) <= 1e-9 * Math.max(Math.abs(expected), 1)
    return ok ? [] : [`${path}: expected ${expected}, got ${actual}`]
  }
  if (isObject(expected) && isObject(actual)) {
    return Object.entries(expected).flatMap(([k, ev]) => {
      if (Object.hasOwn(actual, k)) return matches(ev, actual[k], `${path}.${k}`)
      return ev === null ? [] : [`${path}.${k}: missing`]
    })
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return [`${path}: expected ${expected.length} items, got ${actual.length}`]
    }
    return expected.flatMap((ev, i) => matches(ev, actual[i], `${path}[${i}]`))
  }
  if (expected === actual) return []
  return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
}

const files = readdirSync(vectorsDir).filter((f) => f.endsWith('.json')).sort()

test('the matcher itself rejects mismatches', () => {
  assert.deepEqual(matches({ a: 1, b: null }, { a: 1 + 1e-12 }, ''), [])
  assert.equal(matches({ a: 1 }, { a: 1.001 }, '').length, 1)
  assert.equal(matches({ a: 1 }, {}, '').length, 1)
  assert.equal(matches([1], [1, 2], '').length, 1)
  assert.equal(matches({ a: null }, { a: 0 }, '').length, 1)
  assert.equal(matches('x', 'y', '').length, 1)
})

test('vector files are present', () => {
  assert.ok(files.length >= 3, `vector files missing in ${vectorsDir.pathname}`)
})

for (const file of files) {
  const doc = JSON.parse(readFileSync(new URL(file, vectorsDir), 'utf8'))
  for (const c of doc.cases) {
    const skip = BOUND_OPS.has(c.op) ? false : `op ${c.op} is not bound in Node (yet)`
    test(`${file}:${c.name}`, { skip }, () => {
      let actual
      try {
        actual = run(c.op, c.input)
      } catch (err) {
        if (!('error' in c)) throw err
        assert.ok(err instanceof Error, 'a thrown value must be an Error')
        const info = { code: err.code, message: err.message, record: err.record, field: err.field }
        assert.deepEqual(matches(c.error, info, 'error'), [])
        return
      }
      assert.ok(!('error' in c), `expected an error ${JSON.stringify(c.error)}, got ${JSON.stringify(actual)}`)
      assert.deepEqual(matches(c.expected, actual, ''), [])
    })
  }
}
