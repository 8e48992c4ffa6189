// Every reader: integer customer ids, traits with the events, several survey answers on one
// response, and identity (anonymous ids tied to customers), from event objects, Segment,
// CSV and columns.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Dataset } = require('../index.js')

const MEMBERS = { rules: [{ name: 'pro', rule: 'plan == "pro"' }], includeMembers: true }

/** A survey export: NPS, CSAT and CES on one row, integer ids, a plan trait. */
const EXPORT = {
  customerId: [101, 102n, 103, 101],
  timestamp: ['2026-03-03T10:00:00Z', '2026-03-01T09:00:00Z', '2026-03-02T12:00:00Z', '2026-03-01T08:00:00Z'],
  channel: ['email', 'web', 'app', 'web'],
  kind: ['survey_response', 'survey_response', 'survey_response', 'purchase'],
  nps: [9, 6, 10, null],
  csat: new Float64Array([5, 2, NaN, NaN]),
  ces: [6, 3, 7, null],
  traits: { plan: ['pro', 'free', 'pro', 'free'] },
}

function checkExport(ds) {
  assert.equal(ds.customerCount, 3)
  const { overall } = ds.cxReport()
  assert.equal(overall.nps.responses, 3)
  assert.equal(overall.nps.nps, (2 / 3 - 1 / 3) * 100)
  assert.deepEqual([overall.csat.responses, overall.ces.responses], [2, 3])
  const seg = ds.ruleSegments(MEMBERS).segments[0]
  assert.deepEqual(seg.members.sort(), ['101', '103'])
}

test('fromColumns: integer ids, answer columns and trait columns', () => {
  checkExport(Dataset.fromColumns(EXPORT))
  const typed = Dataset.fromColumns({ ...EXPORT, customerId: new BigInt64Array([101n, 102n, 103n, 101n]) })
  checkExport(typed)
})

test('fromEvents: the same export as event objects', () => {
  const events = EXPORT.kind.map((kind, i) => ({
    customerId: EXPORT.customerId[i],
    timestamp: EXPORT.timestamp[i],
    channel: EXPORT.channel[i],
    kind,
    answers: { nps: EXPORT.nps[i], csat: Number.isNaN(EXPORT.csat[i]) ? null : EXPORT.csat[i], ces: EXPORT.ces[i] },
    traits: { plan: EXPORT.traits.plan[i] },
  }))
  checkExport(Dataset.fromEvents(events))
})

test('fromColumns: a bad id, answer or trait cell names the row and the column', () => {
  const bad = {
    ...EXPORT,
    customerId: [101, 1.5, 103, 2 ** 60],
    nps: [9, 6, 11, null],
    traits: { plan: ['pro', {}, 'pro', 'free'] },
  }
  const ds = Dataset.fromColumns(bad, 'lenient')
  assert.deepEqual(
    ds.rejected.map((r) => [r.record, r.field, r.code]),
    [
      ['record 2', 'customerId', 'INVALID_RECORD'],
      ['record 3', 'nps', 'OUT_OF_RANGE'],
      ['record 4', 'customerId', 'INVALID_RECORD'],
    ],
  )
  assert.match(ds.rejected[0].message, /not an id/)
  assert.match(ds.rejected[2].message, /2\^53/)
  const traitOnly = Dataset.fromColumns({ ...EXPORT, traits: { plan: ['pro', 3, true, []] } }, 'lenient')
  assert.deepEqual(traitOnly.rejected.map((r) => [r.record, r.field]), [['record 4', 'traits.plan']])
  assert.throws(() => Dataset.fromColumns({ ...EXPORT, traits: ['pro'] }), (e) => e.code === 'INVALID_ARGUMENT' && e.field === 'traits')
  assert.throws(() => Dataset.fromColumns({ ...EXPORT, nps: [1] }), (e) => e.code === 'INVALID_ARGUMENT' && e.field === 'nps')
  assert.throws(() => Dataset.fromColumns({ ...EXPORT, NPS: [1, 2, 3, 4] }), (e) => e.code === 'INVALID_ARGUMENT' && e.field === 'NPS')
})

test('identity: an anonymous journey counts for the customer who signs in', () => {
  const columns = {
    customerId: [null, null, 7, 8],
    anonymousId: ['v-1', 'v-1', 'v-1', null],
    timestamp: ['2026-03-01T09:00:00Z', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', '2026-03-01T12:00:00Z'],
    channel: ['social', 'web', 'web', 'web'],
    kind: ['impression', 'add_to_cart', 'purchase', 'page_view'],
  }
  const ds = Dataset.fromColumns(columns)
  assert.equal(ds.customerCount, 2)
  assert.deepEqual(ds.funnel({ steps: ['impression', 'add_to_cart', 'purchase'] }).steps.map((s) => s.customers), [1, 1, 1])
  const segment = [
    { type: 'page', anonymousId: 'v-2', timestamp: '2026-03-01T09:00:00Z', context: { channel: 'web' } },
    { type: 'identify', anonymousId: 'v-2', userId: 'ana', timestamp: '2026-03-01T09:30:00Z', traits: { plan: 'pro' } },
    { type: 'group', userId: 'ana', groupId: 'acme', traits: { tier: 'gold' } },
    { type: 'alias', previousId: 'ana', userId: 'crm-1' },
  ].map((c) => JSON.stringify(c)).join('\n')
  const seg = Dataset.readSegment(segment)
  assert.equal(seg.customerCount, 1)
  const rule = { rules: [{ name: 'gold', rule: 'traits.account.tier == "gold" and plan == "pro"' }], includeMembers: true }
  assert.deepEqual(seg.ruleSegments(rule).segments[0].members, ['crm-1'])
})
