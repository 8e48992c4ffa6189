// The TouchpointError class and the …Async forms (libuv thread pool, Promises).
//
// Written not to depend on the spelling of option, input or result keys where it can: async
// results are compared with the synchronous ones (deepEqual), not with literals, and inputs
// are CSV or Segment text (whose columns and keys are file formats).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
// Named ESM imports of the CommonJS entry: cjs-module-lexer must see every name.
import { TouchpointError, Dataset, nps, _panicForTests, _panicForTestsAsync } from '../touchpoint.js'
import * as touchpoint from '../touchpoint.js'

const entry = fileURLToPath(new URL('../touchpoint.js', import.meta.url))
const loader = fileURLToPath(new URL('../index.js', import.meta.url))
const SAMPLE = readFileSync(new URL('../../data/sample-events.ndjson', import.meta.url), 'utf8')
const vectorsDir = new URL('../../vectors/', import.meta.url)
import { jsCase } from '../../vectors/js-keys.mjs'

const CSV = [
  'customer_id,timestamp,channel,kind,survey,score',
  'c1,2026-01-01T00:00:00Z,web,page_view,,',
  'c1,2026-13-01,web,page_view,,',
  'c2,2026-01-02T00:00:00Z,email,survey_response,nps,11',
  'c2,2026-01-03T00:00:00Z,email,survey_response,nps,9',
  '',
].join('\n')

/**
 * Every analysis method and the options it runs with on the sample data: none, except the
 * two whose options are required (their keys, `steps`, `rules`, `name` and `rule`, are one
 * word in any spelling).
 */
const ANALYSES = {
  sessions: undefined,
  engagement: undefined,
  lifecycle: undefined,
  engagementScore: undefined,
  funnel: { steps: ['page_view', 'add_to_cart', 'purchase'] },
  retention: undefined,
  journeyMap: undefined,
  painPoints: undefined,
  cxPyramid: undefined,
  rfm: undefined,
  engagementTiers: undefined,
  ruleSegments: { rules: [{ name: 'buyers', rule: 'purchases >= 1' }] },
  overview: undefined,
  cxReport: undefined,
  purchaseHistories: undefined,
  experiment: { experimentId: 'checkout', metrics: [{ name: 'bought', measure: 'converted', kinds: ['purchase'] }] },
  voiceOfCustomer: { segmentTrait: 'plan' },
}
const READERS = ['fromEvents', 'fromColumns', 'readCsv', 'readSegment']

/**
 * The functions of churn risk and lifetime value that can take long (histories, fits,
 * lifetime values and churn risk over many customers), each with an …Async form, and the
 * arguments they run with here (`purchaseModel` / `spendModel` stand for the fitted models).
 */
const TRANSACTIONS = simulatedTransactions(100)
const VALUE_FUNCTIONS = {
  purchaseHistories: () => [TRANSACTIONS, { unit: 'day', observationEnd: '2024-06-29' }],
  fitPurchaseModel: (h) => [h, { penalizer: 0.01 }],
  fitSpendModel: (h) => [h, { penalizer: 0.01 }],
  lifetimeValue: (h, purchaseModel, spendModel) => [purchaseModel, spendModel, h, { months: 6 }],
  churnRisk: (h, purchaseModel, spendModel) => [purchaseModel, h, { spendModel, threshold: 0.9 }],
}

/**
 * Purchases of `customers` simulated customers over half a year, as transaction columns:
 * each buys at a rate of their own until they drop out (after any purchase, at a chance of
 * their own), as the purchase models assume. Deterministic (a fixed-seed generator).
 */
function simulatedTransactions(customers) {
  let seed = 11
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647
  const columns = { customerId: [], timestamp: [], value: [] }
  for (let i = 0; i < customers; i++) {
    let day = Math.floor(rand() * 90)
    const rate = 0.02 + rand() * rand() * 0.3
    const dropOut = 0.1 + rand() * 0.4
    const spend = 10 + rand() * 60
    while (day < 180) {
      columns.customerId.push(`c${i}`)
      columns.timestamp.push(Date.UTC(2024, 0, 1) + Math.floor(day * 86_400_000))
      columns.value.push(Math.round(spend * (0.5 + rand())))
      if (rand() < dropOut) break
      day += -Math.log(1 - rand()) / rate
    }
  }
  return columns
}

/** Asserts `err` is a TouchpointError with these properties (`undefined`: not checked). */
function isTouchpointError(err, { code, record, field } = {}) {
  assert.ok(err instanceof TouchpointError, `expected a TouchpointError, got ${err && err.stack}`)
  assert.ok(err instanceof Error)
  assert.equal(err.name, 'TouchpointError')
  assert.equal(err.constructor, TouchpointError)
  assert.deepEqual(Object.keys(err), ['code', 'record', 'field'])
  if (code !== undefined) assert.equal(err.code, code, err.message)
  if (record !== undefined) assert.equal(err.record, record)
  if (field !== undefined) assert.equal(err.field, field)
  assert.match(err.stack, /^TouchpointError: /)
  return true
}

/** What a call gave: `{ value }`, or `{ error }` with everything an error carries. */
async function outcome(call) {
  try {
    return { value: await call() }
  } catch (e) {
    return { error: { touchpoint: e instanceof TouchpointError, code: e.code, record: e.record, field: e.field, message: e.message } }
  }
}

/** Calls an …Async method: it must return a Promise and never throw synchronously. */
function promised(call) {
  let pending
  assert.doesNotThrow(() => { pending = call() })
  assert.ok(pending instanceof Promise, `expected a Promise, got ${pending}`)
  return pending
}

/** The outcomes of `ds[method](...args)` and `ds[method + 'Async'](...args)`. */
async function bothForms(target, method, ...args) {
  const sync = await outcome(() => target[method](...args))
  const async = await outcome(() => promised(() => target[`${method}Async`](...args)))
  return { sync, async }
}

/** What can be seen of a dataset, for comparing two. */
function view(ds) {
  assert.ok(ds instanceof Dataset)
  return { customers: ds.customerCount, events: ds.eventCount, summary: ds.summary(), rejected: ds.rejected, report: ds.cxReport() }
}

/** Calls `f` on every value nested in `value`. */
function walk(value, f) {
  f(value)
  if (value !== null && typeof value === 'object') for (const v of Object.values(value)) walk(v, f)
}

/** CSV of `rows` purchases by `customers` customers (customer i buys at rows i, i + customers, …). */
function bigCsv(rows, customers) {
  const lines = ['customer_id,timestamp,channel,kind,value']
  const base = Date.UTC(2026, 0, 1)
  for (let i = 0; i < rows; i++) {
    const t = new Date(base + (i % 2000) * 3_600_000 + Math.floor(i / customers) * 60_000).toISOString()
    lines.push(`c${i % customers},${t},${i % 3 ? 'web' : 'store'},purchase,${i % 97}`)
  }
  return lines.join('\n') + '\n'
}

test('every thrown error is a TouchpointError', () => {
  assert.throws(() => nps([9, 11]), (e) => isTouchpointError(e, { code: 'OUT_OF_RANGE', record: 'answer 2', field: 'score' }))
  assert.throws(() => nps('x'), (e) => isTouchpointError(e, { code: 'INVALID_ARGUMENT', record: null, field: 'answers' }))
  assert.throws(() => Dataset.readCsv(CSV), (e) => isTouchpointError(e, { code: 'INVALID_RECORD', record: 'line 3', field: 'timestamp' }))
  assert.throws(() => Dataset.readCsv('', 'sloppy'), (e) => isTouchpointError(e, { code: 'INVALID_CONFIG', field: 'mode' }))
  assert.throws(() => Dataset.readCsv(CSV, 'lenient').sessions(42), (e) => isTouchpointError(e, { code: 'INVALID_ARGUMENT', field: 'options' }))
  assert.throws(() => _panicForTests(), (e) => isTouchpointError(e, { code: 'INTERNAL' }))
})

test('TouchpointError can be constructed (and subclassed) from JavaScript', () => {
  const e = new TouchpointError('boom', 'INVALID_CONFIG', null, 'mode')
  isTouchpointError(e, { code: 'INVALID_CONFIG', record: null, field: 'mode' })
  assert.equal(e.message, 'boom')
  assert.equal(new TouchpointError('x', 'INTERNAL').record, null)
  class Mine extends TouchpointError {}
  assert.ok(new Mine('x', 'INTERNAL') instanceof TouchpointError)
})

test('without touchpoint.js (the raw loader index.js) errors are plain Errors with the same properties', () => {
  const script = `
    const { nps } = require(${JSON.stringify(loader)})
    try { nps([11]) } catch (e) {
      console.log(JSON.stringify([e instanceof Error, e.name, e.code, e.record, e.field]))
    }`
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.deepEqual(JSON.parse(out), [true, 'Error', 'OUT_OF_RANGE', 'answer 1', 'score'])
})

test('every method that can take long has an …Async form, and every analysis is listed here', () => {
  const methods = Object.getOwnPropertyNames(Dataset.prototype).filter((k) => {
    const d = Object.getOwnPropertyDescriptor(Dataset.prototype, k)
    return typeof d.value === 'function' && k !== 'constructor' && !k.endsWith('Async')
  })
  // `summary` is counts and two times, kept by the dataset: no work to move off the loop.
  // `forget` changes the dataset in place (test/privacy.test.mjs), and so does `partialState`
  // (it aligns the partition to the run's context first; run partitions in worker_threads to
  // keep the loop free); `export` has its own `exportAsync`, checked there.
  const own = new Set(['summary', 'forget', 'export', 'partialState'])
  assert.deepEqual(methods.filter((k) => !own.has(k)).sort(), Object.keys(ANALYSES).sort())
  assert.equal(typeof Dataset.prototype.exportAsync, 'function')
  for (const m of Object.keys(ANALYSES)) assert.equal(typeof Dataset.prototype[`${m}Async`], 'function', m)
  for (const r of READERS) assert.equal(typeof Dataset[`${r}Async`], 'function', r)
})

test('every …Async function of the value area settles as its synchronous form', async () => {
  const exported = Object.keys(touchpoint).filter((k) => typeof touchpoint[k] === 'function')
  for (const name of Object.keys(VALUE_FUNCTIONS)) assert.ok(exported.includes(`${name}Async`), name)
  // Every exported …Async function is one of the dataset readers' or listed here.
  const asyncFunctions = exported.filter((k) => k.endsWith('Async') && !k.startsWith('_'))
  // The other areas' …Async functions: sentiment's and the voice of the customer's (their own
  // settle tests below).
  const OTHER_ASYNC = ['sentimentsAsync', 'voiceOfCustomerAsync']
  assert.deepEqual(asyncFunctions.sort(), [...Object.keys(VALUE_FUNCTIONS).map((k) => `${k}Async`), ...OTHER_ASYNC].sort())
  const h = touchpoint.purchaseHistories(...VALUE_FUNCTIONS.purchaseHistories())
  const purchaseModel = touchpoint.fitPurchaseModel(...VALUE_FUNCTIONS.fitPurchaseModel(h))
  const spendModel = touchpoint.fitSpendModel(...VALUE_FUNCTIONS.fitSpendModel(h))
  // Plain values: a model is compared by what it saves.
  const plainValue = (v) => (v instanceof touchpoint.PurchaseModel || v instanceof touchpoint.SpendModel ? v.toJSON() : v)
  for (const [name, args] of Object.entries(VALUE_FUNCTIONS)) {
    const { sync, async } = await bothForms(touchpoint, name, ...args(h, purchaseModel, spendModel))
    assert.ok('value' in sync, `${name}: ${JSON.stringify(sync.error)}`)
    assert.deepEqual(plainValue(async.value), plainValue(sync.value), name)
    // A bad argument: the same error, a rejection (never a synchronous throw).
    const bad = await bothForms(touchpoint, name, 'fast', {})
    assert.ok(bad.sync.error?.touchpoint, name)
    assert.deepEqual(bad.async, bad.sync, name)
  }
  assert.ok((await touchpoint.fitPurchaseModelAsync(h, { penalizer: 0.01 })) instanceof touchpoint.PurchaseModel)
  // A core error on the pool thread, and a fit that does not converge.
  await assert.rejects(touchpoint.fitPurchaseModelAsync({ frequency: [1, -1], recency: [2, 0], T: [5, 5] }), (e) =>
    isTouchpointError(e, { code: 'OUT_OF_RANGE', record: 'record 2', field: 'frequency' }))
  await assert.rejects(touchpoint.fitPurchaseModelAsync(h, { maxIterations: 1 }), (e) => isTouchpointError(e, { code: 'NOT_CONVERGED', record: null }))
  await assert.rejects(promised(() => touchpoint.lifetimeValueAsync(purchaseModel, spendModel, h, { months: 0 })), (e) =>
    isTouchpointError(e, { code: 'INVALID_CONFIG', field: 'months' }))
})

test('sentimentsAsync settles as sentiments, bad arguments included', async () => {
  const texts = ['great', 'terrible', 'Le service client était vraiment horrible, je ne reviendrai jamais.']
  for (const args of [[texts], [texts, { detectLanguage: false }], ['fast', {}], [['ok', ''], null], [texts, { threshold: 3 }]]) {
    const { sync, async } = await bothForms(touchpoint, 'sentiments', ...args)
    assert.deepEqual(async, sync, JSON.stringify(args))
  }
})

test('voiceOfCustomerAsync settles as voiceOfCustomer, bad arguments included', async () => {
  const comments = [
    { customerId: 'a', timestamp: 0, touchpoint: 'delivery', text: 'Late delivery, damaged parcel, terrible.' },
    { customerId: 'b', timestamp: 0, touchpoint: 'delivery', text: 'Late again and the parcel was damaged. Awful.' },
    { customerId: 'c', timestamp: 0, touchpoint: 'delivery', text: 'Great delivery!' },
  ]
  for (const args of [[comments], [comments, { terms: 1 }], ['fast', {}], [[{ customerId: 'a', timestamp: 0 }]], [comments, { terms: -1 }]]) {
    const { sync, async } = await bothForms(touchpoint, 'voiceOfCustomer', ...args)
    assert.deepEqual(async, sync, JSON.stringify(args))
  }
})

test('on the sample data, every async analysis resolves to the synchronous result', async () => {
  const ds = Dataset.readSegment(SAMPLE, 'lenient')
  assert.ok(ds.customerCount > 100)
  // The sample has no experiment: `experiment` runs on exposures added to it.
  const exposures = Array.from({ length: 300 }, (_, i) => JSON.stringify({
    type: 'track', event: 'Experiment Viewed', userId: `x${i}`, timestamp: '2026-03-01T00:00:00Z',
    properties: { channel: 'web', experiment_id: 'checkout', variation_id: i % 2 },
  }) + (i % (2 + (i % 2)) ? '' : '\n' + JSON.stringify({
    type: 'track', event: 'Order Completed', userId: `x${i}`, timestamp: '2026-03-02T00:00:00Z',
    properties: { channel: 'web', revenue: 10 },
  })))
  const withExperiment = Dataset.readSegment(SAMPLE + '\n' + exposures.join('\n'), 'lenient')
  for (const [method, options] of Object.entries(ANALYSES)) {
    const { sync, async } = await bothForms(method === 'experiment' ? withExperiment : ds, method, options)
    assert.ok('value' in sync, `${method}: ${JSON.stringify(sync.error)}`)
    assert.ok(Object.keys(sync.value).length > 0, method)
    assert.deepEqual(async, sync, method)
  }
  // No options, undefined and null are the same call in both forms.
  assert.deepEqual(await ds.sessionsAsync(), ds.sessions())
  assert.deepEqual(await ds.sessionsAsync(null), ds.sessions(undefined))
})

test('on every vector case, each async analysis settles as the synchronous form returns or throws', async (t) => {
  let compared = 0
  let resolved = 0
  for (const file of readdirSync(vectorsDir).filter((f) => f.endsWith('.json')).sort()) {
    const { cases } = JSON.parse(readFileSync(new URL(file, vectorsDir), 'utf8'))
    for (const { name, op, input } of cases.map(jsCase)) {
      const method = op.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
      if (!(method in ANALYSES) || !(input.events || typeof input.segment === 'string')) continue
      const reader = typeof input.segment === 'string' ? ['readSegment', input.segment] : ['fromEvents', input.events]
      const read = await bothForms(Dataset, ...reader)
      assert.deepEqual(read.async.error, read.sync.error, name)
      if (read.sync.error) continue
      assert.deepEqual(view(read.async.value), view(read.sync.value), name)
      const args = op === 'cx_report' ? [input.stageMap] : [input.options]
      const { sync, async } = await bothForms(read.sync.value, method, ...args)
      assert.deepEqual(async, sync, name)
      if (sync.error) assert.ok(sync.error.touchpoint, `${name}: ${sync.error.message}`)
      compared++
      if ('value' in sync) resolved++
    }
  }
  t.diagnostic(`${compared} vector cases compared, ${resolved} of them resolved`)
  assert.ok(compared >= 80, `only ${compared} cases compared`)
  assert.ok(resolved >= 40, `only ${resolved} cases resolved`)
})

test('async readers resolve to the same dataset as the synchronous ones', async () => {
  for (const mode of [undefined, 'strict', 'lenient']) {
    const { sync, async } = await bothForms(Dataset, 'readSegment', SAMPLE, mode)
    assert.deepEqual(async.error, sync.error)
    if (mode === 'lenient') assert.equal(sync.value.rejected.length, 2)
    if (sync.value) assert.deepEqual(view(async.value), view(sync.value))
  }
  const csv = await bothForms(Dataset, 'readCsv', CSV, 'lenient')
  assert.deepEqual(view(csv.async.value), view(csv.sync.value))
  assert.equal(csv.sync.value.rejected.length, 2)
})

test('fromEventsAsync and fromColumnsAsync read what the synchronous forms read', async () => {
  // The input keys of events and columns are being renamed (customer_id → customerId): both
  // spellings are tried, the two forms must agree on each, and one spelling must read.
  const rows = [
    ['a', '2026-01-01T00:00:00Z', 'web', 'page_view', null],
    ['a', Date.UTC(2026, 0, 2), 'store', 'purchase', 12.5],
    ['b', Date.UTC(2026, 0, 3), 'web', 'page_view', null],
    ['b', 'not a time', 'web', 'page_view', null],
  ]
  let read = 0
  for (const id of ['customer_id', 'customerId']) {
    const events = rows.map(([c, t, ch, k, v]) => ({ [id]: c, timestamp: t, channel: ch, kind: k, ...(v === null ? {} : { value: v }) }))
    const columns = {
      [id]: rows.map((r) => r[0]),
      timestamp: rows.map((r) => r[1]),
      channel: rows.map((r) => r[2]),
      kind: rows.map((r) => r[3]),
      value: Float64Array.from(rows, (r) => r[4] ?? NaN),
    }
    for (const [method, input] of [['fromEvents', events], ['fromColumns', columns]]) {
      const strict = await bothForms(Dataset, method, input)
      assert.deepEqual(strict.async, strict.sync, `${method} ${id} strict`)
      assert.ok(strict.sync.error.touchpoint)
      const lenient = await bothForms(Dataset, method, input, 'lenient')
      assert.deepEqual(lenient.async.error, lenient.sync.error, `${method} ${id} lenient`)
      if (lenient.sync.error) continue
      assert.deepEqual(view(lenient.async.value), view(lenient.sync.value))
      // The other spelling reads no row (each lacks the customer id).
      if (lenient.sync.value.eventCount === 0) continue
      assert.equal(lenient.sync.value.eventCount, 3)
      assert.equal(lenient.sync.value.rejected.length, 1)
      assert.equal(strict.sync.error.record, 'record 4')
      assert.equal(strict.sync.error.field, 'timestamp')
      read++
    }
  }
  assert.equal(read, 2, 'one spelling of the keys reads, with both readers')
})

test('async forms never throw synchronously: bad arguments reject with a TouchpointError', async () => {
  const ds = Dataset.readCsv(CSV, 'lenient')
  for (const method of Object.keys(ANALYSES)) {
    const bad = method === 'cxReport' ? 42 : 'fast'
    const { sync, async } = await bothForms(ds, method, bad)
    assert.ok(sync.error, method)
    assert.deepEqual(async, sync, method)
    await assert.rejects(promised(() => ds[`${method}Async`](bad)), (e) => isTouchpointError(e, { code: 'INVALID_ARGUMENT', record: null }))
  }
  const pending = promised(() => ds.sessionsAsync({ nope: 1 }))
  await assert.rejects(pending, (e) => isTouchpointError(e, { code: 'INVALID_CONFIG', field: 'nope' }))
  // Made synchronously, so the stack names the caller.
  await pending.catch((e) => assert.match(e.stack, /async\.test\.mjs/))
  await assert.rejects(ds.cxReportAsync({ purchase: 'checkout' }), (e) => isTouchpointError(e, { code: 'INVALID_CONFIG' }))
  await assert.rejects(promised(() => Dataset.readCsvAsync(42)), (e) => isTouchpointError(e, { code: 'INVALID_ARGUMENT', field: 'text' }))
  await assert.rejects(promised(() => Dataset.readSegmentAsync(null)), (e) => isTouchpointError(e, { code: 'INVALID_ARGUMENT', field: 'text' }))
  await assert.rejects(promised(() => Dataset.readCsvAsync('', 'sloppy')), (e) => isTouchpointError(e, { code: 'INVALID_CONFIG', field: 'mode' }))
  await assert.rejects(promised(() => Dataset.fromEventsAsync({})), (e) => isTouchpointError(e, { code: 'INVALID_ARGUMENT', field: 'events' }))
  await assert.rejects(promised(() => Dataset.fromColumnsAsync([])), (e) => isTouchpointError(e, { code: 'INVALID_ARGUMENT', field: 'columns' }))
  await assert.rejects(promised(() => Dataset.fromColumnsAsync({ timestamp: [1] })), (e) => isTouchpointError(e, { code: 'INVALID_ARGUMENT' }))
})

test('core errors on the pool thread reject with a TouchpointError naming record and field', async () => {
  await assert.rejects(Dataset.readCsvAsync(CSV), (e) => isTouchpointError(e, { code: 'INVALID_RECORD', record: 'line 3', field: 'timestamp' }))
  await assert.rejects(Dataset.readCsvAsync(CSV.replace('2026-13-01', '2026-01-01T00:00:00Z')), (e) =>
    isTouchpointError(e, { code: 'OUT_OF_RANGE', record: 'line 4', field: 'score' }))
  await assert.rejects(Dataset.readSegmentAsync(SAMPLE), (e) => isTouchpointError(e, { code: 'OUT_OF_RANGE', record: 'line 58', field: 'properties.score' }))
  await assert.rejects(Dataset.readSegmentAsync('{"type":"track"'), (e) => isTouchpointError(e, { code: 'PARSE_ERROR', record: 'line 1' }))
})

test('a panic on the pool thread rejects with INTERNAL and the process lives on', async () => {
  await assert.rejects(promised(() => _panicForTestsAsync()), (e) => isTouchpointError(e, { code: 'INTERNAL', record: null, field: null }))
  assert.equal(nps([10]).nps, 100)
})

test('the event loop keeps ticking while a large read and a large analysis run; results stay plain numbers', async (t) => {
  // 300,000 rows over 250,000 customers: rfm's per-customer table alone is 2.5 million
  // values, past napi-rs's 1,000,000-value cap on returned JSON (which the synchronous form
  // hit before results were converted with Env::to_js_value).
  const csv = bigCsv(300_000, 250_000)
  let ticks = 0
  const timer = setInterval(() => ticks++, 1)
  try {
    let started = performance.now()
    const ds = await Dataset.readCsvAsync(csv)
    const readMs = performance.now() - started
    const readTicks = ticks
    ticks = 0
    started = performance.now()
    const report = await ds.rfmAsync()
    const rfmMs = performance.now() - started
    const rfmTicks = ticks
    t.diagnostic(`readCsvAsync, ${(csv.length / 1e6).toFixed(1)} MB, 300000 rows: ${readMs.toFixed(0)} ms, ${readTicks} ticks of a 1 ms timer meanwhile`)
    t.diagnostic(`rfmAsync, 250000 customers: ${rfmMs.toFixed(0)} ms, ${rfmTicks} ticks meanwhile`)
    assert.equal(ds.eventCount, 300_000)
    assert.equal(ds.customerCount, 250_000)
    assert.ok(readTicks >= 5, `only ${readTicks} ticks during a ${readMs.toFixed(0)} ms read`)
    assert.ok(rfmTicks >= 5, `only ${rfmTicks} ticks during a ${rfmMs.toFixed(0)} ms analysis`)

    // The synchronous forms block the loop (no tick can run inside them), and give the same.
    ticks = 0
    const sync = Dataset.readCsv(csv)
    const syncReport = sync.rfm()
    assert.equal(ticks, 0)
    const rows = Object.values(report).find((v) => Array.isArray(v) && v.length === 250_000)
    assert.ok(rows, 'a per-customer table of 250000 rows')
    assert.deepEqual(report, syncReport)
    let numbers = 0
    walk(report, (v) => {
      assert.notEqual(typeof v, 'bigint')
      if (typeof v === 'number') numbers++
    })
    assert.ok(numbers > 1_000_000, `${numbers} numbers`)
  } finally {
    clearInterval(timer)
  }
})

test('integers above 2^32 in a result are numbers, not BigInts', async () => {
  // An engagement tier from 5e9 events: its bounds are echoed in the report. (Options are
  // tried in both key spellings; one must be accepted.)
  const ds = Dataset.readCsv(bigCsv(10, 4))
  let checked = 0
  for (const min of ['min_events', 'minEvents']) {
    const options = { tiers: [{ name: 'some', [min]: 0 }, { name: 'huge', [min]: 5e9 }] }
    const { sync, async } = await bothForms(ds, 'engagementTiers', options)
    assert.deepEqual(async, sync)
    if (sync.error) continue
    const numbers = []
    walk(sync.value, (v) => { if (typeof v === 'number' || typeof v === 'bigint') numbers.push(v) })
    assert.ok(numbers.includes(5e9), JSON.stringify(sync.value))
    assert.ok(numbers.includes(5e9 - 1), JSON.stringify(sync.value))
    assert.ok(numbers.every((v) => typeof v === 'number'))
    checked++
  }
  assert.equal(checked, 1)
})

/** Runs `code` (CommonJS; `entry` is the path of touchpoint.js) in a worker; its first message. */
function inWorker(code) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`const entry = ${JSON.stringify(entry)};\n${code}`, { eval: true })
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (exitCode) => reject(new Error(`worker exited (${exitCode}) without a message`)))
  })
}

test('worker_threads: each environment throws its own TouchpointError class', async () => {
  const fromWorker = await inWorker(`
    const { parentPort } = require('node:worker_threads')
    const { nps, Dataset, TouchpointError } = require(entry)
    const out = {}
    try { nps([11]) } catch (e) { out.sync = [e instanceof TouchpointError, e.name, e.code, e.record] }
    Dataset.readCsvAsync('customer_id,timestamp,channel,kind\\nc1,bad,web,x\\n')
      .catch((e) => { out.async = [e instanceof TouchpointError, e.code, e.record, e.field] })
      .then(() => Dataset.readCsvAsync('customer_id,timestamp,channel,kind\\nc1,2026-01-01,web,x\\n'))
      .then((ds) => ds.cxReportAsync())
      .then((r) => { out.report = Object.keys(r).length > 0; parentPort.postMessage(out) })
  `)
  assert.deepEqual(fromWorker, {
    sync: [true, 'TouchpointError', 'OUT_OF_RANGE', 'answer 1'],
    async: [true, 'INVALID_RECORD', 'line 2', 'timestamp'],
    report: true,
  })
  // The worker registered its own class and has exited; this environment's is untouched.
  assert.throws(() => nps([11]), (e) => isTouchpointError(e, { code: 'OUT_OF_RANGE' }))
  await assert.rejects(Dataset.readCsvAsync(CSV), (e) => isTouchpointError(e, { code: 'INVALID_RECORD' }))
})

test('worker_threads: the worker\'s errors are not the main thread\'s class', async () => {
  // A worker's class is another object: an error made there fails `instanceof` here, and a
  // structured clone of it arrives as a plain Error.
  const cloned = await inWorker(`
    const { parentPort } = require('node:worker_threads')
    const { nps } = require(entry)
    try { nps([11]) } catch (e) { parentPort.postMessage(e) }
  `)
  assert.ok(cloned instanceof Error)
  assert.ok(!(cloned instanceof TouchpointError))
})

test('worker_threads: terminating a worker with a read pending is safe', async () => {
  const worker = new Worker(`
    const { parentPort } = require('node:worker_threads')
    const { Dataset } = require(${JSON.stringify(entry)})
    const rows = ['customer_id,timestamp,channel,kind']
    for (let i = 0; i < 200000; i++) rows.push('c' + (i % 100) + ',2026-01-01T00:00:00Z,web,page_view')
    Dataset.readCsvAsync(rows.join('\\n')).then(() => parentPort.postMessage('resolved'))
    parentPort.postMessage('pending')
  `, { eval: true })
  await new Promise((resolve) => worker.once('message', resolve))
  const exitCode = await worker.terminate()
  assert.equal(exitCode, 1)
  // This environment still works, its error class still registered.
  await assert.rejects(Dataset.readCsvAsync(CSV), (e) => isTouchpointError(e, { code: 'INVALID_RECORD' }))
  assert.equal((await Dataset.readCsvAsync('customer_id,timestamp,channel,kind\nc1,2026-01-01,web,x\n')).eventCount, 1)
})

test('touchpoint.js exports everything index.js does, plus TouchpointError, minus _registerErrorClass', async () => {
  const { createRequire } = await import('node:module')
  const require = createRequire(import.meta.url)
  const raw = Object.keys(require('../index.js')).filter((k) => k !== '_registerErrorClass')
  assert.ok(raw.length < Object.keys(require('../index.js')).length, 'index.js has _registerErrorClass')
  const cjs = require('../touchpoint.js')
  assert.deepEqual(Object.keys(cjs).sort(), [...raw, 'TouchpointError'].sort())
  const esm = await import('../touchpoint.js')
  assert.deepEqual(Object.keys(esm).filter((k) => k !== 'default').sort(), Object.keys(cjs).sort())
  assert.equal(esm.TouchpointError, TouchpointError)
  assert.equal(esm.Dataset, cjs.Dataset)
})
