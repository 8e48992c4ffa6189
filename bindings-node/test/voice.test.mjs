// Free text on events from JavaScript: the same texts from event objects, columns, CSV and
// Segment; the voice of the customer over a dataset (sync and async); negative feedback as a
// pain point; the errors. The numbers themselves are pinned by vectors/voice.json and
// vectors/pain_points.json (test/vectors.test.mjs).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Dataset, voiceOfCustomer, TouchpointError } = require('../touchpoint.js')

const DAY = 86_400_000
const LATE = 'The delivery was late and the parcel arrived damaged.'
const RAIN = 'Late again, the parcel was left in the rain. Terrible.'
const GREAT = 'Quick delivery, great packaging!'

const EVENTS = [
  { customerId: 'a', timestamp: 0, channel: 'web', kind: 'purchase', traits: { plan: 'pro' } },
  { customerId: 'a', timestamp: 2 * DAY, channel: 'support', kind: 'ticket_opened', text: LATE },
  { customerId: 'b', timestamp: 2 * DAY, channel: 'support', kind: 'ticket_opened', text: RAIN, traits: { plan: 'free' } },
  { customerId: 'c', timestamp: DAY, channel: 'web', kind: 'review', text: GREAT, traits: { plan: 'pro' } },
  { customerId: 'c', timestamp: 3 * DAY, channel: 'web', kind: 'click', text: '' },
]

function throwsCode(fn, { code, record, field }) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof TouchpointError, `expected a TouchpointError, got ${err?.stack}`)
    assert.equal(err.code, code, err.message)
    if (record !== undefined) assert.equal(err.record, record, err.message)
    if (field !== undefined) assert.equal(err.field, field, err.message)
    return true
  })
}

test('every reader carries the text; the voice of a dataset is the voice of its comments', async () => {
  const ds = Dataset.fromEvents(EVENTS)
  const columns = Dataset.fromColumns({
    customerId: EVENTS.map((e) => e.customerId),
    timestamp: EVENTS.map((e) => e.timestamp),
    channel: EVENTS.map((e) => e.channel),
    kind: EVENTS.map((e) => e.kind),
    text: EVENTS.map((e) => e.text ?? null),
    traits: { plan: EVENTS.map((e) => e.traits?.plan ?? null) },
  })
  const quote = (t) => (t === undefined ? '' : `"${t}"`)
  const csv = Dataset.readCsv(
    ['customer_id,timestamp,channel,kind,text,traits.plan']
      .concat(EVENTS.map((e) => [e.customerId, new Date(e.timestamp).toISOString(), e.channel, e.kind, quote(e.text), e.traits?.plan ?? ''].join(',')))
      .join('\n'),
  )
  const segment = Dataset.readSegment(
    EVENTS.map((e) =>
      JSON.stringify({ type: 'track', userId: e.customerId, event: e.kind, timestamp: new Date(e.timestamp).toISOString(), properties: { channel: e.channel, comment: e.text } }),
    ).join('\n'),
  )
  const options = { segmentTrait: 'plan', minComments: 1 }
  const report = ds.voiceOfCustomer(options)
  assert.deepEqual(columns.voiceOfCustomer(options), report)
  assert.deepEqual(csv.voiceOfCustomer(options), report)
  assert.deepEqual(await ds.voiceOfCustomerAsync(options), report)
  // Segment events carry no traits here: the same but for the segments.
  const fromSegment = segment.voiceOfCustomer(options)
  assert.deepEqual(fromSegment.byTouchpoint, report.byTouchpoint)
  assert.deepEqual(fromSegment.bySegment.map((g) => g.group), [null])

  assert.equal(report.overall.comments, 3) // the empty text is no text
  assert.deepEqual(report.byTouchpoint.map((g) => [g.group, g.negative]), [['review', 0], ['ticket_opened', 2]])
  assert.deepEqual(report.bySegment.map((g) => [g.group, g.comments]), [['free', 1], ['pro', 2]])
  assert.deepEqual(report.byStage.map((g) => g.group), ['own', 'advocate'])
  // The same report from comment rows, each the text's event with its kind as touchpoint.
  const rows = [
    { customerId: 'a', timestamp: 2 * DAY, channel: 'support', touchpoint: 'ticket_opened', stage: 'own', segment: 'pro', text: LATE },
    { customerId: 'b', timestamp: 2 * DAY, channel: 'support', touchpoint: 'ticket_opened', stage: 'own', segment: 'free', text: RAIN },
    { customerId: 'c', timestamp: DAY, channel: 'web', touchpoint: 'review', stage: 'advocate', segment: 'pro', text: GREAT },
  ]
  assert.deepEqual(voiceOfCustomer(rows, { minComments: 1 }), report)
  // The text travels with the customer's data.
  assert.equal(ds.export('a').events[1].text, LATE)
})

test('negative feedback is a pain point', () => {
  const ds = Dataset.fromEvents(EVENTS)
  const pains = ds.painPoints({ minEvidence: 1, top: 100 }).ranked.filter((p) => p.signal === 'negative_feedback')
  assert.deepEqual(
    pains.map((p) => [p.scope, p.name, p.value, p.evidence]),
    [['channel', 'support', 100, 2], ['stage', 'own', 100, 2], ['channel', 'web', 0, 1], ['stage', 'advocate', 0, 1]],
  )
})

test('a text over 1 MiB or not text is refused, naming the record and the field', () => {
  const long = 'x'.repeat((1 << 20) + 1)
  const base = { customerId: 'a', timestamp: 0, channel: 'web', kind: 'review' }
  throwsCode(() => Dataset.fromEvents([{ ...base, text: long }]), { code: 'OUT_OF_RANGE', record: 'record 1', field: 'text' })
  throwsCode(() => Dataset.fromEvents([{ ...base, text: 5 }]), { code: 'INVALID_RECORD', record: 'record 1', field: 'text' })
  throwsCode(
    () => Dataset.fromColumns({ customerId: ['a', 'b'], timestamp: [0, 0], channel: ['web', 'web'], kind: ['review', 'review'], text: ['fine', long] }),
    { code: 'OUT_OF_RANGE', record: 'record 2', field: 'text' },
  )
  const lenient = Dataset.fromColumns({ customerId: ['a', 'b'], timestamp: [0, 0], channel: ['web', 'web'], kind: ['review', 'review'], text: ['fine', 7] }, 'lenient')
  assert.deepEqual(lenient.rejected.map((e) => [e.code, e.record, e.field]), [['INVALID_RECORD', 'record 2', 'text']])
  throwsCode(() => Dataset.fromEvents(EVENTS).voiceOfCustomer({ stageMap: { review: 'nowhere' } }), { code: 'INVALID_CONFIG' })
})
