// Churn risk and lifetime value from JavaScript: purchase histories as typed columns, the
// model classes (fit, save, load, predict), lifetime value, churn risk, the calibration
// report, and their errors. The numbers themselves are pinned by vectors/value.json
// (test/vectors.test.mjs); here, the JavaScript shapes and how the pieces fit together.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'

const require = createRequire(import.meta.url)
const tp = require('../touchpoint.js')
const { Dataset, PurchaseModel, SpendModel, TouchpointError } = tp

/** Asserts `fn` throws a TouchpointError with these properties (`undefined`: not checked). */
function throwsCode(fn, { code, record, field }) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof TouchpointError, `expected a TouchpointError, got ${err?.stack}`)
    if (code !== undefined) assert.equal(err.code, code, err.message)
    if (record !== undefined) assert.equal(err.record, record, err.message)
    if (field !== undefined) assert.equal(err.field, field, err.message)
    return true
  })
}

const VALUE = JSON.parse(readFileSync(new URL('../../vectors/value.json', import.meta.url), 'utf8'))
const vector = (name) => VALUE.cases.find((c) => c.name.startsWith(name)).input

/** lifetimes' CDNOW summary (weeks), 2,357 customers: `frequency`, `recency`, `T`. */
const CDNOW = vector('fit bg_nbd on CDNOW (').histories
/** 40 CDNOW customers with their mean repeat spend, in weeks. */
const CLV = vector('lifetime_value:')

const DAY = 86_400_000
const T0 = Date.UTC(2024, 0, 1)
/** Five customers' purchases: `a` three days, `b` two, `c`, `d` and `e` one each. */
const TRANSACTIONS = {
  customerId: ['a', 'b', 'a', 'c', 'a', 'b', 'd', 'e', 'a'],
  timestamp: [0, 1, 8, 4, 31, 33, 40, 50, 31].map((d) => T0 + d * DAY),
  value: [10, 20, 30, 5, 40, 25, 8, 12, -15],
}

test('purchaseHistories: typed columns, T spelled T, refunds taken off, Dates, text and BigInt64Array times', () => {
  const h = tp.purchaseHistories(TRANSACTIONS)
  assert.deepEqual(Object.keys(h), ['unit', 'unitMultiplier', 'includeFirstPurchase', 'customerId', 'frequency', 'recency', 'T', 'monetaryValue'])
  assert.equal(h.unit, 'day')
  assert.equal(h.unitMultiplier, 1)
  assert.equal(h.includeFirstPurchase, false)
  assert.deepEqual(h.customerId, ['a', 'b', 'c', 'd', 'e'])
  for (const k of ['frequency', 'recency', 'T', 'monetaryValue']) assert.ok(h[k] instanceof Float64Array, k)
  assert.deepEqual([...h.frequency], [2, 1, 0, 0, 0])
  assert.deepEqual([...h.recency], [31, 32, 0, 0, 0])
  assert.deepEqual([...h.T], [50, 49, 46, 10, 0])
  // a: day 8 (30) and day 31 (40 − 15 refunded): mean 27.5.
  assert.deepEqual([...h.monetaryValue], [27.5, 25, 0, 0, 0])
  // The same times as Dates, as text and as a BigInt64Array.
  const dates = TRANSACTIONS.timestamp.map((ms) => new Date(ms))
  assert.deepEqual(tp.purchaseHistories({ ...TRANSACTIONS, timestamp: dates }), h)
  assert.deepEqual(tp.purchaseHistories({ ...TRANSACTIONS, timestamp: dates.map((d) => d.toISOString()) }), h)
  assert.deepEqual(tp.purchaseHistories({ ...TRANSACTIONS, timestamp: BigInt64Array.from(TRANSACTIONS.timestamp, BigInt) }), h)
  assert.deepEqual(tp.purchaseHistories({ ...TRANSACTIONS, timestamp: Float64Array.from(TRANSACTIONS.timestamp), value: Float64Array.from(TRANSACTIONS.value) }), h)
  // Integer ids are their decimal text; weeks; a split.
  assert.deepEqual(tp.purchaseHistories({ ...TRANSACTIONS, customerId: [1, 2, 1, 3, 1, 2, 4, 5, 1] }).customerId, ['1', '2', '3', '4', '5'])
  assert.equal(tp.purchaseHistories(TRANSACTIONS, { unit: 'week' }).unit, 'week')
  const split = tp.purchaseHistories(TRANSACTIONS, { calibrationEnd: new Date(T0 + 20 * DAY), observationEnd: T0 + 50 * DAY })
  assert.deepEqual(split.customerId, ['a', 'b', 'c'])
  assert.deepEqual([...split.holdout.frequency], [1, 1, 0])
  assert.equal(split.holdout.duration, 30)
})

test('ds.purchaseHistories reads the purchase events as purchaseHistories reads the transactions', async () => {
  const ds = Dataset.fromColumns({
    ...TRANSACTIONS,
    channel: TRANSACTIONS.value.map(() => 'web'),
    kind: TRANSACTIONS.value.map((v) => (v < 0 ? 'refund' : 'purchase')),
    value: TRANSACTIONS.value.map(Math.abs),
  })
  const h = ds.purchaseHistories({ unit: 'day' })
  assert.deepEqual(h, tp.purchaseHistories(TRANSACTIONS))
  assert.deepEqual(await ds.purchaseHistoriesAsync({ unit: 'day' }), h)
  throwsCode(() => ds.purchaseHistories({ unit: 'fortnight' }), { code: 'INVALID_CONFIG', field: 'unit' })
  throwsCode(() => ds.purchaseHistories({ unitMultiplier: 0 }), { code: 'INVALID_CONFIG', field: 'unitMultiplier' })
  throwsCode(() => ds.purchaseHistories({ unit_multiplier: 2 }), { code: 'INVALID_CONFIG' })
})

test('purchaseHistories refuses bad transactions naming the row and the column', () => {
  const bad = (column, i, v) => ({ ...TRANSACTIONS, [column]: TRANSACTIONS[column].map((x, j) => (j === i ? v : x)) })
  throwsCode(() => tp.purchaseHistories(bad('customerId', 2, null)), { code: 'INVALID_RECORD', record: 'record 3', field: 'customerId' })
  throwsCode(() => tp.purchaseHistories(bad('customerId', 2, 1.5)), { code: 'INVALID_RECORD', record: 'record 3', field: 'customerId' })
  throwsCode(() => tp.purchaseHistories(bad('timestamp', 4, 'soon')), { code: 'INVALID_RECORD', record: 'record 5', field: 'timestamp' })
  throwsCode(() => tp.purchaseHistories(bad('timestamp', 4, new Date(NaN))), { code: 'INVALID_RECORD', record: 'record 5', field: 'timestamp' })
  throwsCode(() => tp.purchaseHistories(bad('timestamp', 1, Date.UTC(1800, 0, 1))), { code: 'OUT_OF_RANGE', record: 'record 2', field: 'timestamp' })
  throwsCode(() => tp.purchaseHistories(bad('value', 6, Infinity)), { code: 'OUT_OF_RANGE', record: 'record 7', field: 'value' })
  throwsCode(() => tp.purchaseHistories(bad('value', 6, '8')), { code: 'INVALID_ARGUMENT', record: 'record 7', field: 'value' })
  // The first bad row, whatever its column.
  throwsCode(() => tp.purchaseHistories({ ...bad('timestamp', 5, 'x'), value: bad('value', 3, NaN).value }), { record: 'record 4', field: 'value' })
  throwsCode(() => tp.purchaseHistories({ ...TRANSACTIONS, value: [1] }), { code: 'INVALID_ARGUMENT', field: 'value' })
  throwsCode(() => tp.purchaseHistories({ customerId: ['a'] }), { code: 'INVALID_ARGUMENT', field: 'timestamp' })
  throwsCode(() => tp.purchaseHistories({ ...TRANSACTIONS, customer_id: ['a'] }), { code: 'INVALID_ARGUMENT', field: 'customer_id' })
  throwsCode(() => tp.purchaseHistories([]), { code: 'INVALID_ARGUMENT', field: 'transactions' })
  throwsCode(() => tp.purchaseHistories(TRANSACTIONS, { calibrationEnd: T0, observationEnd: T0 }), { code: 'INVALID_CONFIG', field: 'calibrationEnd' })
})

test('fitPurchaseModel: a PurchaseModel with lifetimes\' parameters, saved and loaded by JSON', () => {
  const m = tp.fitPurchaseModel(CDNOW)
  assert.ok(m instanceof PurchaseModel)
  assert.equal(m.model, 'bg_nbd')
  assert.equal(m.customers, 2357)
  assert.ok(m.distinctHistories > 0 && m.distinctHistories < 2357)
  assert.ok(m.iterations > 0)
  assert.equal(m.unit, 'day')
  assert.equal(m.unitMultiplier, 1)
  assert.ok(m.logLikelihood < 0)
  assert.deepEqual(Object.keys(m.standardErrors).sort(), ['a', 'alpha', 'b', 'r'])
  // lifetimes 0.11.3 on CDNOW: r 0.2426, alpha 4.4135, a 0.7929, b 2.4258.
  assert.ok(Math.abs(m.params.r - 0.2426) < 1e-3 && Math.abs(m.params.alpha - 4.4135) < 1e-3)
  const saved = JSON.stringify(m)
  assert.deepEqual(JSON.parse(saved), m.toJSON())
  assert.deepEqual(Object.keys(m.toJSON()), ['model', 'params', 'standardErrors', 'logLikelihood', 'customers', 'distinctHistories', 'iterations', 'unit', 'unitMultiplier'])
  const loaded = PurchaseModel.fromJSON(saved)
  assert.deepEqual(loaded.toJSON(), m.toJSON())
  assert.deepEqual(PurchaseModel.fromJSON(JSON.parse(saved)).toJSON(), m.toJSON())
  // A model saved with the core's snake_case keys (Python, Rust) loads too.
  const snake = { model: 'bg_nbd', params: m.params, log_likelihood: m.logLikelihood, unit: 'week', unit_multiplier: 2 }
  assert.equal(PurchaseModel.fromJSON(snake).unitMultiplier, 2)
  // The other models.
  for (const model of ['mbg_nbd', 'pareto_nbd']) assert.equal(tp.fitPurchaseModel(CDNOW, { model }).model, model)
  assert.deepEqual(Object.keys(tp.fitPurchaseModel(CDNOW, { model: 'pareto_nbd' }).params).sort(), ['alpha', 'beta', 'r', 's'])
})

test('PurchaseModel: predictions per customer agree with the per-history methods', () => {
  const m = PurchaseModel.fromJSON(CLV.purchase_model)
  assert.equal(m.unit, 'week')
  const h = { customerId: CLV.histories.customer_id, frequency: CLV.histories.frequency, recency: CLV.histories.recency, T: CLV.histories.T }
  const p = m.predict(h, 10)
  assert.deepEqual(Object.keys(p), ['customerId', 'probabilityAlive', 'expectedPurchases'])
  assert.deepEqual(p.customerId, h.customerId)
  assert.ok(p.probabilityAlive instanceof Float64Array && p.expectedPurchases instanceof Float64Array)
  for (let i = 0; i < h.frequency.length; i++) {
    assert.equal(p.probabilityAlive[i], m.probabilityAlive(h.frequency[i], h.recency[i], h.T[i]))
    assert.equal(p.expectedPurchases[i], m.expectedPurchases(10, h.frequency[i], h.recency[i], h.T[i]))
  }
  // Typed arrays in give the same; ids default to the row numbers.
  const typed = { frequency: Int32Array.from(h.frequency), recency: Float64Array.from(h.recency), T: h.T.values() }
  const q = m.predict(typed, 10)
  assert.deepEqual([...q.probabilityAlive], [...p.probabilityAlive])
  assert.deepEqual(q.customerId.slice(0, 3), ['1', '2', '3'])
  const newCustomer = m.expectedPurchasesNewCustomer(39)
  assert.ok(newCustomer > 0)
  const probabilities = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 40].map((n) => m.probabilityOfPurchases(n, 39))
  assert.ok(probabilities.every((x) => x >= 0 && x <= 1))
  const given = PurchaseModel.fromParams('bg_nbd', m.params, { unit: 'week' })
  assert.deepEqual(given.toJSON(), { ...m.toJSON(), standardErrors: null, logLikelihood: null, customers: 0, distinctHistories: 0, iterations: 0 })
})

test('SpendModel and lifetimeValue: typed columns, the models given as classes or as saved JSON', async () => {
  const m = PurchaseModel.fromJSON(CLV.purchase_model)
  const s = SpendModel.fromJSON(CLV.spend_model)
  assert.equal(s.model, 'gamma_gamma')
  const h = { customerId: CLV.histories.customer_id, frequency: CLV.histories.frequency, recency: CLV.histories.recency, T: CLV.histories.T, monetaryValue: CLV.histories.monetary_value, unit: 'week' }
  const clv = tp.lifetimeValue(m, s, h, { months: 12, discountRate: 0.01 })
  assert.deepEqual(Object.keys(clv), ['customerId', 'clv'])
  assert.ok(clv.clv instanceof Float64Array)
  assert.deepEqual(tp.lifetimeValue(m.toJSON(), JSON.parse(JSON.stringify(s)), h, { months: 12, discountRate: 0.01 }), clv)
  assert.deepEqual(await tp.lifetimeValueAsync(m, s, h, { months: 12, discountRate: 0.01 }), clv)
  const spend = s.predict(h)
  assert.equal(spend.expectedSpend[0], s.expectedSpend(h.frequency[0], h.monetaryValue[0]))
  // Histories in days with a model in weeks: refused, naming `unit`.
  throwsCode(() => tp.lifetimeValue(m, s, { ...h, unit: 'day' }), { code: 'INVALID_CONFIG', field: 'unit' })
  throwsCode(() => tp.lifetimeValue(m, s, { ...h, monetaryValue: undefined }), { code: 'INVALID_ARGUMENT', field: 'monetaryValue' })
  throwsCode(() => tp.lifetimeValue(s, m, h), { code: 'INVALID_CONFIG' })
  throwsCode(() => tp.lifetimeValue(m, 'gamma_gamma', h), { code: 'INVALID_ARGUMENT', field: 'spendModel' })
  // A fit from a summary frame's columns.
  const fitted = tp.fitSpendModel({ frequency: CLV.histories.frequency, monetaryValue: CLV.histories.monetary_value })
  assert.ok(fitted instanceof SpendModel && fitted.customers > 0)
  assert.deepEqual(SpendModel.fromJSON(JSON.stringify(fitted)).toJSON(), fitted.toJSON())
  throwsCode(() => tp.fitSpendModel({ frequency: [0, 0], monetaryValue: [0, 0] }), { code: 'INVALID_CONFIG' })
  throwsCode(() => SpendModel.fromParams({ p: 1, q: 2 }), { code: 'INVALID_CONFIG', field: 'params' })
})

test('churnRisk ranks by value at risk; calibrationReport compares with the holdout', () => {
  const m = PurchaseModel.fromJSON(CLV.purchase_model)
  const s = SpendModel.fromJSON(CLV.spend_model)
  const h = { customerId: CLV.histories.customer_id, frequency: CLV.histories.frequency, recency: CLV.histories.recency, T: CLV.histories.T, monetaryValue: CLV.histories.monetary_value, unit: 'week' }
  const risk = tp.churnRisk(m, h, { spendModel: s, threshold: 0.5 })
  const n = h.customerId.length
  assert.ok(n > 30)
  assert.equal(risk.customers, n)
  assert.equal(risk.horizon, 4.345)
  assert.deepEqual(Object.keys(risk.rows[0]), ['rank', 'customerId', 'probabilityAlive', 'expectedPurchases', 'atRisk', 'purchasesAtRisk', 'clv', 'valueAtRisk'])
  assert.deepEqual(risk.rows.map((r) => r.rank), [...Array(n).keys()].map((i) => i + 1))
  for (let i = 1; i < risk.rows.length; i++) assert.ok(risk.rows[i - 1].valueAtRisk >= risk.rows[i].valueAtRisk)
  assert.equal(risk.atRisk, risk.rows.filter((r) => r.probabilityAlive < 0.5).length)
  const clv = tp.lifetimeValue(m, s, h)
  const row = risk.rows.find((r) => r.customerId === h.customerId[0])
  assert.equal(row.clv, clv.clv[0])
  // Without a spend model: no values, ranked by purchases at risk; monetaryValue not needed.
  const plain = tp.churnRisk(m, { ...h, monetaryValue: undefined })
  assert.equal(plain.valueAtRisk, null)
  assert.ok(plain.rows.every((r) => r.clv === null && r.valueAtRisk === null))
  throwsCode(() => tp.churnRisk(m, h, { threshold: 2 }), { code: 'INVALID_CONFIG', field: 'threshold' })
  throwsCode(() => tp.churnRisk(m, h, { spendModel: 3 }), { code: 'INVALID_ARGUMENT', field: 'spendModel' })
  throwsCode(() => tp.churnRisk(m, h, { spend: s }), { code: 'INVALID_CONFIG', field: 'spend' })

  const split = tp.purchaseHistories(TRANSACTIONS, { calibrationEnd: T0 + 20 * DAY, observationEnd: T0 + 50 * DAY })
  const day = PurchaseModel.fromParams('bg_nbd', m.params)
  const report = tp.calibrationReport(day, split, { maxFrequency: 1 })
  assert.equal(report.customers, 3)
  assert.equal(report.actualPurchases, 2)
  assert.equal(report.duration, 30)
  assert.deepEqual(report.groups.map((g) => [g.frequency, g.orMore, g.customers]), [[0, false, 2], [1, true, 1]])
  throwsCode(() => tp.calibrationReport(day, tp.purchaseHistories(TRANSACTIONS)), { code: 'INVALID_CONFIG', field: 'holdout' })
})

test('bad histories: the customer\'s row and the field, in the JavaScript spelling', () => {
  const h = { frequency: [1, 2, 0], recency: [3, 5, 0], T: [10, 11, 5] }
  throwsCode(() => tp.fitPurchaseModel({ ...h, recency: [3, 12, 0] }), { code: 'OUT_OF_RANGE', record: 'record 2', field: 'recency' })
  throwsCode(() => tp.fitPurchaseModel({ ...h, T: [10, 11, -5] }), { code: 'OUT_OF_RANGE', record: 'record 3', field: 'T' })
  throwsCode(() => tp.fitPurchaseModel({ ...h, T: [10, 11, NaN] }), { code: 'OUT_OF_RANGE', record: 'record 3', field: 'T' })
  throwsCode(() => tp.fitPurchaseModel({ ...h, recency: [3, 'x', 0] }), { code: 'INVALID_ARGUMENT', record: 'record 2', field: 'recency' })
  throwsCode(() => tp.fitPurchaseModel({ ...h, T: [10, 11] }), { code: 'INVALID_ARGUMENT', field: 'T' })
  throwsCode(() => tp.fitPurchaseModel({ frequency: [1], recency: [1] }), { code: 'INVALID_ARGUMENT', field: 'T' })
  throwsCode(() => tp.fitPurchaseModel({ frequency: [1], recency: [1], t: [2] }), { code: 'INVALID_ARGUMENT', field: 't' })
  throwsCode(() => tp.fitPurchaseModel({ ...h, monetary_value: [1, 2, 3] }), { code: 'INVALID_ARGUMENT', field: 'monetary_value' })
  throwsCode(() => tp.fitPurchaseModel({ ...h, customerId: ['a', '', 'c'] }), { code: 'INVALID_RECORD', record: 'record 2', field: 'customerId' })
  throwsCode(() => tp.fitPurchaseModel({ ...h, unit: 'fortnight' }), { code: 'INVALID_ARGUMENT', field: 'unit' })
  throwsCode(() => tp.fitPurchaseModel({ frequency: [], recency: [], T: [] }), { code: 'INVALID_CONFIG' })
  throwsCode(() => tp.fitPurchaseModel(CDNOW, { model: 'bg_nbd2' }), { code: 'INVALID_CONFIG', field: 'model' })
  throwsCode(() => tp.fitPurchaseModel(CDNOW, { maxIterations: 0 }), { code: 'INVALID_CONFIG', field: 'maxIterations' })
  throwsCode(() => tp.fitPurchaseModel(CDNOW, { maxIterations: 1 }), { code: 'NOT_CONVERGED', record: null })
  throwsCode(() => tp.fitPurchaseModel(CDNOW, { initialParams: { r: 1, z: 2 } }), { code: 'INVALID_CONFIG', field: 'initialParams' })
  throwsCode(() => tp.fitPurchaseModel('histories'), { code: 'INVALID_ARGUMENT', field: 'histories' })
  const m = PurchaseModel.fromParams('bg_nbd', { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 })
  throwsCode(() => m.predict({ ...h, recency: [3, 5, 0], holdout: { frequency: [1, 0, 2] } }), { code: 'INVALID_ARGUMENT', field: 'holdout.monetaryValue' })
  throwsCode(() => m.predict({ frequency: [1], recency: [1], T: [2] }, -1), { code: 'INVALID_CONFIG', field: 'horizon' })
  throwsCode(() => m.probabilityAlive(1, 2, '3'), { code: 'INVALID_ARGUMENT', field: 'T' })
  throwsCode(() => m.expectedPurchases(-1, 1, 2, 3), { code: 'INVALID_ARGUMENT', field: 'horizon' })
  throwsCode(() => m.probabilityOfPurchases(1.5, 3), { code: 'INVALID_ARGUMENT', field: 'n' })
  throwsCode(() => PurchaseModel.fromParams('bg_nbd', { r: 1, alpha: 1, a: 1 }), { code: 'INVALID_CONFIG', field: 'params' })
  throwsCode(() => PurchaseModel.fromParams('bgnbd', { r: 1 }), { code: 'INVALID_CONFIG', field: 'model' })
  throwsCode(() => PurchaseModel.fromParams('bg_nbd', m.params, { unitMultiplier: 0 }), { code: 'INVALID_CONFIG', field: 'unitMultiplier' })
  throwsCode(() => PurchaseModel.fromJSON('{"model": '), { code: 'INVALID_ARGUMENT', field: 'json' })
  throwsCode(() => PurchaseModel.fromJSON({ model: 'bg_nbd', params: m.params, extra: 1 }), { code: 'INVALID_CONFIG' })
  throwsCode(() => PurchaseModel.fromJSON(42), { code: 'INVALID_ARGUMENT', field: 'json' })
  assert.throws(() => new PurchaseModel())
})
