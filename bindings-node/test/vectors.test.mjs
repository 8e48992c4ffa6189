// Replays every case of every ../../vectors/*.json file through the Node API, dispatching
// ops and matching results exactly as core/tests/vectors.rs does.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { nps, csat, ces, Dataset } = require('../touchpoint.js')

const vectorsDir = new URL('../../vectors/', import.meta.url)

/** The ops with a function of their own; every other op is a dataset analysis. */
const FUNCTION_OPS = new Set(['nps', 'csat', 'ces', 'cx_report', 'read_segment', 'read_csv'])

/** `journey_map` → `journeyMap`: the method name of an analysis op. */
const camel = (op) => op.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

const isBound = (op) => FUNCTION_OPS.has(op) || typeof Dataset.prototype[camel(op)] === 'function'

/**
 * The ops the Rust replay (core/tests/vectors.rs) dispatches: the string patterns of its
 * `match op` arms. Empty when the file is not there (a packed copy of this test).
 */
function coreOps() {
  const file = new URL('../../core/tests/vectors.rs', import.meta.url)
  if (!existsSync(file)) return new Set()
  return new Set([...readFileSync(file, 'utf8').matchAll(/"([a-z_]+)"\s*(?==>|\|)/g)].map((m) => m[1]))
}

/** The dataset of an analysis case: Segment NDJSON `segment` if given, else `events` (both strict). */
function dataset(input) {
  return typeof input.segment === 'string' ? Dataset.readSegment(input.segment) : Dataset.fromEvents(input.events)
}

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
      // A dataset analysis (docs/bindings.md): `input: {events | segment, options}` → `ds.<camelCaseOp>(options)`.
      if (!isBound(op)) {
        throw new TypeError(`op ${op} has a core function (core/tests/vectors.rs) but no method Dataset.prototype.${camel(op)} in Node`)
      }
      return dataset(input)[camel(op)](input.options)
  }
}

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

const inCore = coreOps()
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
    // An op the core replays must be bound (the case runs and fails); an op the core does
    // not have yet either (vectors written first) is skipped.
    const skip = isBound(c.op) || inCore.has(c.op) ? false : `op ${c.op} is in neither the core's replay nor Node yet`
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
