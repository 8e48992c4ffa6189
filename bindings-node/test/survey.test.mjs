// Survey programmes from JavaScript: rows with Dates and camelCase ids, long rows, invitations,
// a custom survey in camelCase, two waves, and the errors. The numbers themselves are pinned by
// vectors/survey.json (test/vectors.test.mjs).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { surveyTemplate, scoreSurvey, compareSurveyWaves, TouchpointError } = require('../touchpoint.js')

function throwsCode(fn, { code, record, field }) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof TouchpointError, `expected a TouchpointError, got ${err?.stack}`)
    assert.ok(err instanceof Error)
    assert.equal(err.code, code, err.message)
    if (record !== undefined) assert.equal(err.record, record, err.message)
    if (field !== undefined) assert.equal(err.field, field, err.message)
    return true
  })
}

test('a template in camelCase, and a custom survey written in camelCase', () => {
  const t = surveyTemplate('engagement')
  assert.deepEqual(t.engagementIndex, ['csat', 'will_buy_again', 'nps', 'delivers_promise', 'fair_solution'])
  assert.deepEqual(t.questions[0].topBox, [4, 5])
  const survey = { id: 'onboarding', questions: [{ id: 'easy', type: 'ces', points: 5, topBox: [5] }], engagementIndex: ['easy'] }
  const r = scoreSurvey(survey, [{ customerId: 1, timestamp: new Date(0), easy: 5 }, { customerId: 2, timestamp: 0, easy: 4 }], { minResponses: 1 })
  assert.equal(r.overall.questions[0].rating.topBox, 1)
  assert.equal(r.engagementIndex.index, 87.5)
  assert.deepEqual(r.engagementIndex.perCustomer.map((c) => c.customerId), ['1', '2'])
  assert.deepEqual(r.warnings, [])
})

test('long rows, invitations and a period', () => {
  const day = 86_400_000
  const rows = [
    { responseId: 'r1', customerId: 'a', timestamp: new Date(day), channel: 'email', question: 'nps', answer: 9 },
    { responseId: 'r1', customerId: 'a', timestamp: new Date(day), channel: 'email', question: 'comment', answer: 'Lovely staff' },
    { responseId: 'r2', customerId: 'b', timestamp: new Date(2 * day), channel: 'email', question: 'nps', answer: 4 },
  ]
  const invitations = [{ customerId: 'a', timestamp: 0, channel: 'email' }, { customer_id: 'c', timestamp: 0, channel: 'sms' }]
  const r = scoreSurvey('nps', rows, { layout: 'long', period: 'day', invitations })
  assert.equal(r.responses, 2)
  assert.equal(r.overall.questions[0].nps.nps, 0)
  assert.equal(r.overall.questions[1].sentiment.positive, 1)
  assert.equal(r.overall.responseRate.invitations, 2)
  assert.equal(r.overall.responseRate.responded, 1)
  assert.equal(r.responsesWithoutInvitation, 1)
  // The invitations' day is a group too: two invitations, no responses.
  assert.deepEqual(r.byPeriod.map((g) => [g.group, g.responses, g.responseRate.invitations]), [['1970-01-01', 0, 2], ['1970-01-02', 1, 0], ['1970-01-03', 1, 0]])
})

test('two waves compare from the reports', () => {
  const wave = (answers) => scoreSurvey('csat', answers.map((csat, i) => ({ customerId: i, timestamp: 0, csat })))
  const c = compareSurveyWaves(wave([1, 2, 3, 4, 5]), wave([2, 4, 4, 5, 5]), { alpha: 0.1 })
  assert.equal(c.alpha, 0.1)
  assert.deepEqual(c.changes.map((x) => x.measure), ['mean', 'top_box_share'])
  assert.equal(c.changes[1].difference, 40)
  throwsCode(() => compareSurveyWaves(wave([1]), wave([2]), { alpha: 2 }), { code: 'INVALID_CONFIG' })
})

test('errors name the row and the field', () => {
  const row = { customerId: 'c1', timestamp: 0 }
  throwsCode(() => scoreSurvey('nps', [{ ...row, nps: 10 }, { ...row, nps: 11 }]), { code: 'OUT_OF_RANGE', record: 'record 2', field: 'nps' })
  throwsCode(() => scoreSurvey('nps', [{ ...row, q9: 1 }]), { code: 'INVALID_RECORD', record: 'record 1', field: 'q9' })
  // A column is named as the row has it, never respelled.
  throwsCode(() => scoreSurvey('engagement', [{ ...row, fair_solution: 9 }]), { code: 'OUT_OF_RANGE', field: 'fair_solution' })
  throwsCode(() => scoreSurvey('nps', [{ ...row, ip_address: '1.2.3.4' }]), { code: 'INVALID_RECORD', field: 'ip_address' })
  throwsCode(() => scoreSurvey('nps', [{ ...row, comment: 'x'.repeat(10 * 1024 * 1024) }]), { code: 'OUT_OF_RANGE', field: 'comment' })
  throwsCode(() => scoreSurvey('nps', [{ timestamp: 0, nps: 3 }]), { code: 'INVALID_RECORD', field: 'customer_id' })
  throwsCode(() => surveyTemplate('loyalty'), { code: 'INVALID_CONFIG' })
  throwsCode(() => scoreSurvey('nps', [], { minResponseRate: 2 }), { code: 'INVALID_CONFIG' })
  throwsCode(() => scoreSurvey('nps', 'rows'), { code: 'INVALID_ARGUMENT' })
})
