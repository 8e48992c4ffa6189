// camelCase in, camelCase out (issue 7): the sample data and the vectors' own events, read with
// camelCase inputs, give camelCase results equal to the shared vectors; field keys round-trip,
// data keys (channels, stages, segment names, kinds) stay as written.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { keysOf, mismatch, toCamel, toSnake } from '../../vectors/js-keys.mjs'

const require = createRequire(import.meta.url)
const { Dataset } = require('../index.js')

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
const vector = (file, name) => JSON.parse(read(`vectors/${file}`)).cases.find((c) => c.name === name)

/** A vector event (snake_case) as a JavaScript user writes it, spelled out by hand. */
const jsEvent = ({ customer_id, ...rest }) => ({ customerId: customer_id, ...rest })

/** Every field key of `result` is camelCase, and the snake spelling converts back to it. */
function assertCamel(result, what) {
  const fields = keysOf(toSnake(result)).filter(([, isField]) => isField)
  assert.ok(fields.length > 0, what)
  for (const [key] of keysOf(result).filter(([, isField]) => isField)) {
    assert.ok(!/_[a-z]/.test(key), `${what}: field ${key} is not camelCase`)
  }
  assert.deepEqual(toCamel(toSnake(result)), result, what)
}

test('the vectors\' events, with camelCase inputs, give the vectors\' results in camelCase', () => {
  const report = vector('cx_report.json', 'report: three customers')
  const events = report.input.events.map(jsEvent)
  assert.ok(events.every((e) => 'customerId' in e && !('customer_id' in e)))
  const cx = Dataset.fromEvents(events).cxReport()
  assert.equal(mismatch(toCamel(report.expected), cx), null)
  assert.ok('byChannel' in cx && 'stageDistribution' in cx && 'customersWithoutStage' in cx)
  assertCamel(cx, 'cxReport')

  const all = vector('overview.json', 'overview: every analysis from one pass over the journey example')
  const options = {
    funnel: { steps: ['page_view', 'add_to_cart', 'purchase'] },
    painPoints: { minEvidence: 1, top: 1 },
    pyramid: { minEvidence: 1 },
  }
  assert.deepEqual(toSnake(options), all.input.options, 'the options, spelled by hand, are the vector\'s')
  const overview = Dataset.fromEvents(all.input.events.map(jsEvent)).overview(options)
  assert.equal(mismatch(toCamel(all.expected), overview), null)
  assertCamel(overview, 'overview')
  // The snake_case result of the vector is not what JavaScript gets.
  assert.notEqual(mismatch(all.expected, overview), null)
})

test('the sample data (Segment NDJSON) gives camelCase results; the overview equals each analysis alone', () => {
  const text = read('data/sample-events.ndjson')
  const ds = Dataset.readSegment(text, 'lenient')
  // Independent counts from the file itself: every call names its customer; track, page and
  // screen calls are events (less the rejected ones).
  const calls = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
  const ids = new Set(calls.map((c) => c.userId ?? c.anonymousId))
  const events = calls.filter((c) => ['track', 'page', 'screen'].includes(c.type)).length
  const summary = ds.summary()
  assert.deepEqual(Object.keys(summary), ['customers', 'events', 'firstEvent', 'lastEvent'])
  assert.equal(summary.customers, ids.size)
  assert.equal(summary.events, events - ds.rejected.length)
  assert.equal(ds.eventCount, summary.events)

  // As core/tests/overview.rs does in Rust, with the options as JavaScript writes them.
  const options = {
    stageMap: { survey_response: 'own' },
    funnel: { steps: ['page_view', 'add_to_cart', 'purchase', 'survey_response', 'purchase'], windowSeconds: 2592000 },
    retention: { period: 'week', periods: 6 },
    painPoints: { minEvidence: 3 },
    pyramid: { minEvidence: 1 },
  }
  const all = ds.overview(options)
  assert.deepEqual(Object.keys(all), ['cx', 'sessions', 'lifecycle', 'funnel', 'retention', 'rfm', 'journey', 'painPoints', 'pyramid'])
  assert.deepEqual(all.cx, ds.cxReport({ survey_response: 'own' }))
  assert.deepEqual(all.sessions, ds.sessions())
  assert.deepEqual(all.lifecycle, ds.lifecycle({ stageMap: options.stageMap }))
  assert.deepEqual(all.funnel, ds.funnel(options.funnel))
  assert.deepEqual(all.retention, ds.retention(options.retention))
  assert.deepEqual(all.rfm, ds.rfm())
  assert.deepEqual(all.journey, ds.journeyMap())
  assert.deepEqual(all.painPoints, ds.painPoints({ ...options.painPoints, stageMap: options.stageMap }))
  assert.deepEqual(all.pyramid, ds.cxPyramid(options.pyramid))
  assertCamel(all, 'overview of the sample')
  // Something to look at, in camelCase: a funnel that converts, ranked pain points, RFM rows.
  assert.ok(all.funnel.steps[2].customers > 0 && all.funnel.steps[2].conversionFromFirst > 0)
  assert.ok(all.painPoints.ranked.length > 0)
  assert.ok(all.rfm.scored > 0 && all.rfm.perCustomer[0].customerId.startsWith('cust-'))
  // Data keys as written: the channels of the file are the keys of byChannel.
  const channels = new Set(calls.map((c) => c.properties?.channel).filter(Boolean))
  for (const name of Object.keys(all.cx.byChannel)) assert.ok(channels.has(name), `channel ${name}`)
  const rejected = ds.rejected
  assert.ok(rejected.every((r) => Object.keys(r).join() === 'code,message,record,field'))
})
