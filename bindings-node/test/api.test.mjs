// Idiomatic use of the Node API: values, errors, strict vs lenient reads, panics, bad arguments.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { toCamel } from '../../vectors/js-keys.mjs'

const require = createRequire(import.meta.url)
const touchpoint = require('../touchpoint.js')
const { nps, csat, ces, Dataset, _panicForTests } = touchpoint

/** Runs `fn`, asserts it throws a real Error with the given code (and record/field), returns it. */
function throwsCode(fn, { code, record, field }) {
  let caught
  assert.throws(fn, (err) => {
    caught = err
    return true
  })
  assert.ok(caught instanceof Error, `expected an Error, got ${caught}`)
  assert.equal(caught.code, code, caught.message)
  if (record !== undefined) assert.equal(caught.record, record)
  if (field !== undefined) assert.equal(caught.field, field)
  assert.equal(typeof caught.message, 'string')
  assert.ok(caught.message.length > 0)
  return caught
}

const CSV = [
  'customer_id,timestamp,channel,kind,survey,score',
  'c1,2026-01-01T00:00:00Z,web,page_view,,',
  'c1,2026-13-01,web,page_view,,',
  'c2,2026-01-02T00:00:00Z,email,survey_response,nps,11',
  'c2,2026-01-03T00:00:00Z,email,survey_response,nps,9',
  '',
].join('\n')

test('nps computes the score and returns a plain object with camelCase keys', () => {
  const s = nps([10, 9, 8, 3])
  assert.equal(Object.getPrototypeOf(s), Object.prototype)
  assert.equal(s.responses, 4)
  assert.equal(s.promoters, 2)
  assert.equal(s.passives, 1)
  assert.equal(s.detractors, 1)
  assert.equal(s.nps, 25)
  assert.equal(s.promoterShare, 50)
  assert.equal(typeof s.marginOfError, 'number')
  assert.ok(!('margin_of_error' in s) && !('promoter_share' in s), 'no snake_case keys')
  assert.equal(typeof s.responses, 'number', 'counts are numbers, not BigInt')
  assert.deepEqual(JSON.parse(JSON.stringify(s)), s)
})

test('no answers is no data: null, never NaN', () => {
  const s = nps([])
  assert.equal(s.responses, 0)
  assert.equal(s.nps, null)
  assert.equal(s.marginOfError, null)
  assert.equal(csat([]).csat, null)
  assert.equal(ces([]).mean, null)
})

test('csat and ces', () => {
  assert.deepEqual(csat([5, 4, 1]), { responses: 3, satisfied: 2, csat: (200 / 3), mean: 10 / 3, counts: [1, 0, 0, 1, 1] })
  const e = ces([7, 6, 1, 4])
  assert.equal(e.lowEffort, 2)
  assert.equal(e.highEffort, 1)
  assert.equal(e.lowEffortShare, 50)
  assert.deepEqual(e.counts, [1, 0, 0, 1, 0, 1, 1])
})

test('a core error is an Error with code, record and field', () => {
  const err = throwsCode(() => nps([9, 11]), { code: 'OUT_OF_RANGE', record: 'answer 2', field: 'score' })
  assert.match(err.message, /11 is out of range/)
  assert.equal(err.name, 'TouchpointError')
  assert.ok(err instanceof touchpoint.TouchpointError)
  assert.ok(err instanceof Error)
  assert.match(err.stack, /OUT_OF_RANGE|out of range/)
  throwsCode(() => nps([7.5]), { code: 'OUT_OF_RANGE', record: 'answer 1' })
  throwsCode(() => nps([NaN]), { code: 'OUT_OF_RANGE', record: 'answer 1' })
  throwsCode(() => csat([0]), { code: 'OUT_OF_RANGE', record: 'answer 1', field: 'score' })
  throwsCode(() => ces([8]), { code: 'OUT_OF_RANGE', record: 'answer 1', field: 'score' })
})

test('strict read throws at the first bad line', () => {
  throwsCode(() => Dataset.readCsv(CSV), { code: 'INVALID_RECORD', record: 'line 3', field: 'timestamp' })
  throwsCode(() => Dataset.readCsv(CSV, 'strict'), { code: 'INVALID_RECORD', record: 'line 3', field: 'timestamp' })
})

test('lenient read skips bad lines and lists every one in rejected', () => {
  const ds = Dataset.readCsv(CSV, 'lenient')
  assert.ok(ds instanceof Dataset)
  assert.equal(ds.customerCount, 2)
  assert.equal(ds.eventCount, 2)
  assert.deepEqual(
    ds.rejected.map(({ code, record, field }) => ({ code, record, field })),
    [
      { code: 'INVALID_RECORD', record: 'line 3', field: 'timestamp' },
      { code: 'OUT_OF_RANGE', record: 'line 4', field: 'score' },
    ],
  )
  assert.equal(typeof ds.rejected[0].message, 'string')
  assert.equal(ds.cxReport().overall.nps.promoters, 1)
})

test('a strict read that succeeds has no rejected records', () => {
  const ds = Dataset.readCsv('customer_id,timestamp,channel,kind\nc1,2026-01-01,web,page_view\n')
  assert.deepEqual(ds.rejected, [])
  assert.deepEqual(ds.summary(), {
    customers: 1,
    events: 1,
    firstEvent: '2026-01-01T00:00:00Z',
    lastEvent: '2026-01-01T00:00:00Z',
  })
})

test('an unknown mode is INVALID_CONFIG naming the option', () => {
  throwsCode(() => Dataset.readSegment('', 'sloppy'), { code: 'INVALID_CONFIG', record: null, field: 'mode' })
  throwsCode(() => Dataset.fromEvents([], 'Strict!'), { code: 'INVALID_CONFIG', field: 'mode' })
})

test('fromEvents names the bad record and field', () => {
  const ok = { customerId: 'a', timestamp: '2026-01-01T00:00:00Z', channel: 'web', kind: 'purchase', value: 10 }
  throwsCode(() => Dataset.fromEvents([ok, { ...ok, survey: { metric: 'nps', score: 12 } }]), {
    code: 'OUT_OF_RANGE',
    record: 'record 2',
    field: 'survey.score',
  })
  const { timestamp, ...noTime } = ok
  throwsCode(() => Dataset.fromEvents([ok, ok, noTime]), { code: 'INVALID_RECORD', record: 'record 3', field: 'timestamp' })
  const lenient = Dataset.fromEvents([ok, noTime, { ...ok, customerId: 'b', timestamp: 1767225600000 }], 'lenient')
  assert.equal(lenient.eventCount, 2)
  assert.equal(lenient.rejected.length, 1)
  assert.equal(lenient.rejected[0].record, 'record 2')
})

test('fromEvents reads camelCase keys and names fields as written, in strict and lenient mode', () => {
  const ok = { customerId: 'a', timestamp: '2026-01-01T00:00:00Z', channel: 'web', kind: 'page_view', properties: { plan_tier: 'pro' } }
  const { customerId, ...noId } = ok
  const snake = { customer_id: 'b', timestamp: 0, channel: 'web', kind: 'click' }
  const err = throwsCode(() => Dataset.fromEvents([ok, snake]), { code: 'INVALID_RECORD', record: 'record 2', field: 'customer_id' })
  assert.match(err.message, /keys are camelCase: `customerId`/)
  const empty = throwsCode(() => Dataset.fromEvents([{ ...ok, customerId: ' ' }]), { code: 'INVALID_RECORD', record: 'record 1', field: 'customerId' })
  assert.match(empty.message, /field `customerId`: is only whitespace/)
  const ds = Dataset.fromEvents(
    [ok, noId, { ...ok, customerId: '' }, { ...ok, survey: { metric: 'nps', score: 11 } }, { ...ok, survey: { metric: 'nps' } }, snake],
    'lenient',
  )
  assert.equal(ds.eventCount, 1)
  assert.deepEqual(
    ds.rejected.map(({ record, field }) => [record, field]),
    [
      ['record 2', 'customerId'],
      ['record 3', 'customerId'],
      ['record 4', 'survey.score'],
      ['record 5', 'survey.score'],
      ['record 6', 'customer_id'],
    ],
  )
  assert.match(ds.rejected[0].message, /missing field `customerId`/)
  assert.deepEqual(Object.keys(ds.rejected[0]).sort(), ['code', 'field', 'message', 'record'])
})

test('readSegment reads NDJSON: identify gives customers, track gives events', () => {
  const text = [
    JSON.stringify({ type: 'identify', userId: 'u1', traits: { plan: 'gold' } }),
    JSON.stringify({ type: 'identify', userId: 'u9' }),
    JSON.stringify({ type: 'track', userId: 'u1', event: 'Order Completed', timestamp: '2026-02-01T10:00:00Z', properties: { channel: 'web', revenue: 20 } }),
  ].join('\n')
  const ds = Dataset.readSegment(text)
  assert.equal(ds.customerCount, 2)
  assert.equal(ds.eventCount, 1)
  const report = ds.cxReport()
  assert.equal(report.customersWithoutStage, 1)
  assert.equal(report.stageDistribution.find((s) => s.stage === 'buy').customers, 1)
})

test('cxReport: a stage map override moves survey answers into a stage', () => {
  const events = [
    { customerId: 'a', timestamp: '2026-01-01T00:00:00Z', channel: 'email', kind: 'survey_response', survey: { metric: 'nps', score: 10 } },
  ]
  const ds = Dataset.fromEvents(events)
  assert.equal(ds.cxReport().noStage.nps.responses, 1)
  assert.equal(ds.cxReport(null).noStage.nps.responses, 1)
  // The keys of the stage map are kinds: data, written as they are.
  const moved = ds.cxReport({ survey_response: 'discover' })
  assert.equal(moved.noStage.nps.responses, 0)
  assert.equal(moved.byStage[0].stage, 'discover')
  assert.equal(moved.byStage[0].nps.nps, 100)
  assert.equal(moved.byChannel.email.nps.promoters, 1)
  const err = throwsCode(() => ds.cxReport({ add_to_cart: 'checkout' }), { code: 'INVALID_CONFIG', record: null, field: 'stageMap.add_to_cart' })
  assert.match(err.message, /`stageMap.add_to_cart`/)
})

test('static readers work detached from the class', () => {
  const { readCsv } = Dataset
  const ds = readCsv('customer_id,timestamp,channel,kind\nc1,2026-01-01,web,page_view\n')
  assert.ok(ds instanceof Dataset)
  assert.equal(ds.eventCount, 1)
})

test('arguments of the wrong type are INVALID_ARGUMENT naming the argument', () => {
  throwsCode(() => nps(['a']), { code: 'INVALID_ARGUMENT', record: 'answer 1', field: 'answers' })
  throwsCode(() => nps('10'), { code: 'INVALID_ARGUMENT', field: 'answers' })
  throwsCode(() => nps(), { code: 'INVALID_ARGUMENT', field: 'answers' })
  throwsCode(() => csat([null]), { code: 'INVALID_ARGUMENT', field: 'answers' })
  throwsCode(() => Dataset.fromEvents({}), { code: 'INVALID_ARGUMENT', field: 'events' })
  throwsCode(() => Dataset.readCsv(42), { code: 'INVALID_ARGUMENT', field: 'text' })
  throwsCode(() => Dataset.readSegment('', 1), { code: 'INVALID_ARGUMENT', field: 'mode' })
  const ds = Dataset.fromEvents([])
  throwsCode(() => ds.cxReport('discover'), { code: 'INVALID_ARGUMENT', field: 'stageMap' })
  throwsCode(() => ds.cxReport({ purchase: 3 }), { code: 'INVALID_ARGUMENT', field: 'stageMap' })
})

test('a non-object event is INVALID_RECORD naming the record', () => {
  throwsCode(() => Dataset.fromEvents([42]), { code: 'INVALID_RECORD', record: 'record 1' })
})

test('a panic in Rust becomes an INTERNAL Error and the addon keeps working', () => {
  const err = throwsCode(() => _panicForTests(), { code: 'INTERNAL', record: null, field: null })
  assert.match(err.message, /deliberate panic/)
  throwsCode(() => _panicForTests(), { code: 'INTERNAL' })
  assert.equal(nps([10, 0]).nps, 0)
  assert.equal(Dataset.fromEvents([]).customerCount, 0)
})

test('Dataset has no public constructor (napi-rs throws its own Error, without a code)', () => {
  assert.throws(() => new Dataset(), (err) => err instanceof Error && /constructor/.test(err.message))
})

// ---------------------------------------------------------------- dataset analyses

const JOURNEY = [
  { customerId: 'ana', timestamp: '2026-03-01T09:00:00Z', channel: 'email', kind: 'email_open' },
  { customerId: 'ana', timestamp: '2026-03-01T09:05:00Z', channel: 'web', kind: 'page_view' },
  { customerId: 'ana', timestamp: '2026-03-01T09:15:00Z', channel: 'web', kind: 'purchase', value: 30 },
  { customerId: 'ben', timestamp: '2026-03-02T10:00:00Z', channel: 'web', kind: 'page_view' },
]

test('analyses: options are optional; undefined, null and {} are the defaults', () => {
  const ds = Dataset.fromEvents(JOURNEY)
  const map = ds.journeyMap()
  assert.deepEqual(ds.journeyMap(null), map)
  assert.deepEqual(ds.journeyMap({}), map)
  assert.deepEqual(map.topPaths[0], { path: ['email_open', 'page_view', 'purchase'], customers: 1, share: 50 })
  assert.equal(map.channelSwitching.multichannelCustomers, 1)
  assert.equal(ds.cxPyramid().levels.length, 6)
  assert.ok(Array.isArray(ds.painPoints({ minEvidence: 1 }).ranked))
})

test('analyses: every method returns plain objects with camelCase keys, data keys as written', () => {
  const ds = Dataset.fromEvents(JOURNEY)
  const calls = {
    journeyMap: undefined,
    painPoints: undefined,
    cxPyramid: undefined,
    sessions: undefined,
    engagement: undefined,
    lifecycle: undefined,
    engagementScore: undefined,
    funnel: { steps: ['page_view', 'purchase'] },
    retention: undefined,
    rfm: undefined,
    engagementTiers: undefined,
    ruleSegments: { rules: [{ name: 'buyers', rule: 'purchases >= 1' }] },
  }
  for (const [method, options] of Object.entries(calls)) {
    const result = ds[method](options)
    assert.equal(Object.getPrototypeOf(result), Object.prototype, method)
    assert.ok(!JSON.stringify(result).match(/"[a-z0-9]+_[a-z]\w*":/), `${method}: snake_case key in ${JSON.stringify(result)}`)
  }
  // Fields are camelCase, map keys are data: a channel named pop_up_shop, a trait value at_risk.
  const store = Dataset.fromEvents([
    { customerId: 'a', timestamp: '2026-03-01T09:00:00Z', channel: 'pop_up_shop', kind: 'page_view' },
    { customerId: 'a', timestamp: '2026-03-01T09:10:00Z', channel: 'pop_up_shop', kind: 'purchase', value: 5 },
  ])
  const sessions = store.sessions({ byChannel: true, perCustomer: true, inactivitySeconds: 60 })
  assert.deepEqual(Object.keys(sessions.byChannel), ['pop_up_shop'])
  assert.equal(sessions.byChannel.pop_up_shop.sessionsPerCustomer.mean, 2)
  assert.equal(sessions.inactivitySeconds, 60)
  assert.deepEqual(sessions.perCustomer[0], { customerId: 'a', sessions: 2, events: 2, totalDurationSeconds: 0 })
  const score = store.engagementScore({ weights: { page_view: 2 }, channelWeights: { pop_up_shop: 3 } })
  assert.deepEqual(Object.keys(score.trendCounts).sort(), ['down', 'flat', 'up'])
})

test('analyses: an unknown or mistyped option is INVALID_CONFIG naming it; a non-object is INVALID_ARGUMENT', () => {
  const ds = Dataset.fromEvents(JOURNEY)
  throwsCode(() => ds.journeyMap({ pathLenght: 3 }), { code: 'INVALID_CONFIG', record: null, field: 'pathLenght' })
  throwsCode(() => ds.journeyMap({ pathLength: 'long' }), { code: 'INVALID_CONFIG', field: 'pathLength' })
  throwsCode(() => ds.journeyMap({ pathLength: 0 }), { code: 'INVALID_CONFIG', field: 'pathLength' })
  // The snake_case spelling of an option is refused, naming its camelCase spelling.
  const snake = throwsCode(() => ds.journeyMap({ path_length: 3 }), { code: 'INVALID_CONFIG', field: 'path_length' })
  assert.match(snake.message, /keys are camelCase: `pathLength`/)
  // Checks made after reading name the option as written, through lists and data keys.
  const step = throwsCode(() => ds.funnel({ steps: ['page_view', { kind: 'purchase', withinSeconds: -1 }] }), {
    code: 'INVALID_CONFIG',
    field: 'steps[1].withinSeconds',
  })
  assert.match(step.message, /`steps\[1\]\.withinSeconds`/)
  throwsCode(() => ds.funnel({ steps: ['page_view', { kind: 'purchase', withinSecond: 1 }] }), { code: 'INVALID_CONFIG', field: 'steps[1].withinSecond' })
  throwsCode(() => ds.engagementScore({ halfLifeSeconds: 0 }), { code: 'INVALID_CONFIG', field: 'halfLifeSeconds' })
  throwsCode(() => ds.engagementScore({ channelWeights: { pop_up_shop: -1 } }), { code: 'INVALID_CONFIG', field: 'channelWeights.pop_up_shop' })
  throwsCode(() => ds.lifecycle({ stageMap: { add_to_cart: 'checkout' } }), { code: 'INVALID_CONFIG', field: 'stageMap.add_to_cart' })
  throwsCode(() => ds.ruleSegments({ rules: [{ name: 'big_spenders', rule: 'revenue >' }] }), { code: 'INVALID_CONFIG', field: 'rules.big_spenders.rule' })
  throwsCode(() => ds.painPoints({ weights: { slowness: 2 } }), { code: 'INVALID_CONFIG', field: 'weights.slowness' })
  throwsCode(() => ds.cxPyramid({ thresholds: [1, 2] }), { code: 'INVALID_CONFIG', field: 'thresholds' })
  throwsCode(() => ds.funnel({ steps: [{ kind: 'purchase', optinal: true }] }), { code: 'INVALID_CONFIG' })
  throwsCode(() => ds.journeyMap('kind'), { code: 'INVALID_ARGUMENT', field: 'options' })
  throwsCode(() => ds.journeyMap([]), { code: 'INVALID_ARGUMENT', field: 'options' })
  throwsCode(() => ds.sessions(3), { code: 'INVALID_ARGUMENT', field: 'options' })
})

test('NaN and infinite values are refused with record and field, not lost', () => {
  const good = { customerId: 'a', timestamp: '2026-01-01T00:00:00Z', channel: 'web', kind: 'purchase' }
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(() => Dataset.fromEvents([good, { ...good, value: bad }]), (e) =>
      e instanceof Error && e.code === 'INVALID_RECORD' && e.record === 'record 2' && e.field === 'value')
  }
  const ds = Dataset.fromEvents([{ ...good, value: NaN }, good], 'lenient')
  assert.equal(ds.eventCount, 1)
  assert.deepEqual(ds.rejected.map((r) => [r.record, r.field]), [['record 1', 'value']])
})

test('an unreadable record is rejected on its own in lenient mode', () => {
  const good = { customerId: 'a', timestamp: '2026-01-01T00:00:00Z', channel: 'web', kind: 'page_view' }
  const ds = Dataset.fromEvents([good, 5, { ...good, timestamp: true }], 'lenient')
  assert.equal(ds.eventCount, 1)
  assert.deepEqual(ds.rejected.map((r) => r.record), ['record 2', 'record 3'])
  assert.equal(ds.rejected[1].field, 'timestamp')
})

// ---------------------------------------------------------------- Dataset.fromColumns

/** The events of the first case of vectors/cx_report.json (in JavaScript spelling), and the same events as columns. */
function reportColumns() {
  const vector = JSON.parse(readFileSync(new URL('../../vectors/cx_report.json', import.meta.url), 'utf8'))
  const events = toCamel(vector.cases[0].input.events)
  const columns = {
    customerId: events.map((e) => e.customerId),
    timestamp: events.map((e) => e.timestamp),
    channel: events.map((e) => e.channel),
    kind: events.map((e) => e.kind),
    value: events.map((e) => e.value ?? null),
    survey: events.map((e) => e.survey?.metric ?? null),
    score: events.map((e) => e.survey?.score ?? null),
  }
  return { events, columns }
}

test('fromColumns gives the same dataset as fromEvents on the same data', () => {
  const { events, columns } = reportColumns()
  assert.ok(columns.survey.some((s) => s !== null), 'the vector has survey answers')
  const expected = Dataset.fromEvents(events)
  const ds = Dataset.fromColumns(columns)
  assert.ok(ds instanceof Dataset)
  assert.deepEqual(ds.summary(), expected.summary())
  assert.deepEqual(ds.cxReport(), expected.cxReport())
  assert.deepEqual(ds.journeyMap(), expected.journeyMap())
  assert.deepEqual(ds.rejected, [])
  // Typed arrays: NaN is the missing value of a Float64Array, and fills score where no survey is.
  const typed = Dataset.fromColumns({
    ...columns,
    value: Float64Array.from(columns.value, (v) => v ?? NaN),
    score: Float64Array.from(columns.score, (v) => v ?? NaN),
  })
  assert.deepEqual(typed.cxReport(), expected.cxReport())
})

test('fromColumns: timestamps as Float64Array, BigInt64Array, numbers or Dates', () => {
  const { events, columns } = reportColumns()
  const expected = Dataset.fromEvents(events).cxReport()
  const millis = columns.timestamp.map((t) => Date.parse(t))
  for (const timestamp of [Float64Array.from(millis), BigInt64Array.from(millis, BigInt), millis, millis.map((ms) => new Date(ms))]) {
    assert.deepEqual(Dataset.fromColumns({ ...columns, timestamp }).cxReport(), expected, timestamp.constructor.name)
  }
})

test('fromColumns: columns of unequal length are INVALID_ARGUMENT naming the column', () => {
  const { columns } = reportColumns()
  const err = throwsCode(() => Dataset.fromColumns({ ...columns, kind: columns.kind.slice(1) }), {
    code: 'INVALID_ARGUMENT',
    record: null,
    field: 'kind',
  })
  assert.match(err.message, /has 10 rows, customerId has 11/)
  throwsCode(() => Dataset.fromColumns({ ...columns, timestamp: new Float64Array(3) }, 'lenient'), { code: 'INVALID_ARGUMENT', field: 'timestamp' })
  throwsCode(() => Dataset.fromColumns({ ...columns, score: [] }), { code: 'INVALID_ARGUMENT', field: 'score' })
})

test('fromColumns: a missing, misspelt or mistyped column is INVALID_ARGUMENT naming it', () => {
  const { columns } = reportColumns()
  const { kind, ...noKind } = columns
  throwsCode(() => Dataset.fromColumns(noKind), { code: 'INVALID_ARGUMENT', field: 'kind' })
  throwsCode(() => Dataset.fromColumns({ ...columns, scores: columns.score }), { code: 'INVALID_ARGUMENT', field: 'scores' })
  const { customerId, ...snake } = columns
  const err = throwsCode(() => Dataset.fromColumns({ ...snake, customer_id: customerId }), { code: 'INVALID_ARGUMENT', field: 'customer_id' })
  assert.match(err.message, /did you mean `customerId`\?/)
  throwsCode(() => Dataset.fromColumns(snake), { code: 'INVALID_ARGUMENT', field: 'customerId' })
  throwsCode(() => Dataset.fromColumns({ ...columns, channel: 'web' }), { code: 'INVALID_ARGUMENT', field: 'channel' })
  throwsCode(() => Dataset.fromColumns({ ...columns, value: new Int32Array(11) }), { code: 'INVALID_ARGUMENT', field: 'value' })
  throwsCode(() => Dataset.fromColumns([]), { code: 'INVALID_ARGUMENT', field: 'columns' })
  throwsCode(() => Dataset.fromColumns(), { code: 'INVALID_ARGUMENT', field: 'columns' })
  throwsCode(() => Dataset.fromColumns(columns, 'sloppy'), { code: 'INVALID_CONFIG', field: 'mode' })
})

test('fromColumns: a bad kind or timestamp names record N and the column; lenient lists it in rejected', () => {
  const { events, columns } = reportColumns()
  const bad = {
    ...columns,
    kind: columns.kind.map((k, i) => (i === 2 ? '' : i === 6 ? 42 : k)),
    timestamp: columns.timestamp.map((t, i) => (i === 4 ? 'yesterday' : i === 8 ? null : t)),
  }
  throwsCode(() => Dataset.fromColumns(bad), { code: 'INVALID_RECORD', record: 'record 3', field: 'kind' })
  throwsCode(() => Dataset.fromColumns({ ...columns, timestamp: bad.timestamp }), {
    code: 'INVALID_RECORD',
    record: 'record 5',
    field: 'timestamp',
  })
  const millis = Float64Array.from(columns.timestamp, (t) => Date.parse(t))
  millis[1] = NaN
  const err = throwsCode(() => Dataset.fromColumns({ ...columns, timestamp: millis }), { code: 'INVALID_RECORD', record: 'record 2', field: 'timestamp' })
  assert.match(err.message, /NaN is not a whole number of milliseconds/)

  const ds = Dataset.fromColumns(bad, 'lenient')
  assert.deepEqual(
    ds.rejected.map(({ code, record, field }) => [code, record, field]),
    [
      ['INVALID_RECORD', 'record 3', 'kind'],
      ['INVALID_RECORD', 'record 5', 'timestamp'],
      ['INVALID_RECORD', 'record 7', 'kind'],
      ['INVALID_RECORD', 'record 9', 'timestamp'],
    ],
  )
  assert.match(ds.rejected[1].message, /cannot read `yesterday`/)
  assert.match(ds.rejected[2].message, /expected a string, got a number/)
  const kept = events.filter((_, i) => ![2, 4, 6, 8].includes(i))
  assert.deepEqual(ds.cxReport(), Dataset.fromEvents(kept).cxReport())
})

test('fromColumns: NaN is "no value" for value; for a survey answer\'s score it is an error', () => {
  const { columns } = reportColumns()
  const value = Float64Array.from(columns.value, (v) => v ?? NaN)
  assert.equal(Dataset.fromColumns({ ...columns, value }).cxReport().overall.nps.responses, 2)
  value[3] = Infinity
  throwsCode(() => Dataset.fromColumns({ ...columns, value }), { code: 'OUT_OF_RANGE', record: 'record 4', field: 'value' })
  const survey = columns.survey.indexOf('nps')
  const score = columns.score.map((s, i) => (i === survey ? NaN : s))
  throwsCode(() => Dataset.fromColumns({ ...columns, score }), { code: 'INVALID_RECORD', record: `record ${survey + 1}`, field: 'score' })
  const outOfRange = columns.score.map((s, i) => (i === survey ? 11 : s))
  throwsCode(() => Dataset.fromColumns({ ...columns, score: outOfRange }), { code: 'OUT_OF_RANGE', record: `record ${survey + 1}`, field: 'score' })
})

test('index.d.ts has no doc line mangled by napi-derive (a raw string `r"` from a macro)', () => {
  const dts = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')
  const mangled = dts.split('\n').filter((line) => /^\s*(\*\s*)?r#*"/.test(line))
  assert.deepEqual(mangled, [])
  // The analyses' docs are there (declared through the `analyses!` macro).
  assert.match(dts, /\* The funnel: how many customers reach each step/)
})
