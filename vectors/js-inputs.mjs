// The inputs both JavaScript packages accept, and how they refuse the rest: one matrix run
// unchanged by the Node suite (bindings-node/test/inputs.test.mjs, also through the `…Async`
// forms) and the browser suite (bindings-wasm/test/api.test.mjs, which loads this file as
// /vectors/js-inputs.mjs). Each case names what it calls, builds its input afresh (a generator
// runs once) and gives the expected outcome: a few fields of the result, or the error's
// `{ code, record, field }`. No import, no DOM or Node API.

const event = (fields = {}) => ({
  customerId: 'ana',
  timestamp: '2026-03-01T10:00:00Z',
  channel: 'web',
  kind: 'purchase',
  value: 20,
  ...fields,
})

/** The dataset the analysis cases run on: two purchases of `ana`, one of `ben`. */
const EVENTS = [
  event(),
  event({ timestamp: '2026-03-05T10:00:00Z', value: 30 }),
  event({ customerId: 'ben', timestamp: '2026-03-02T10:00:00Z', channel: 'email' }),
]

const refused = (code, record, field) => ({ error: { code, record, field } })

/** `{ call, input, expect }` (and `mode` for a reader, `options` for an analysis: for `cxReport`, its stage map). */
export const INPUT_CASES = [
  // Survey answers: arrays, typed arrays and any iterable of numbers.
  { name: 'nps of an array', call: 'nps', input: () => [9, 10, 3], expect: { ok: { responses: 3, score: (2 / 3 - 1 / 3) * 100 } } },
  { name: 'nps of a Float64Array', call: 'nps', input: () => new Float64Array([9, 10]), expect: { ok: { responses: 2, score: 100 } } },
  { name: 'nps of an Int8Array', call: 'nps', input: () => new Int8Array([9, 3]), expect: { ok: { responses: 2, score: 0 } } },
  { name: 'nps of a Set', call: 'nps', input: () => new Set([9, 10]), expect: { ok: { responses: 2, score: 100 } } },
  { name: 'csat of a generator', call: 'csat', input: () => (function* () { yield 5; yield 2 })(), expect: { ok: { responses: 2, score: 50 } } },
  { name: 'ces of a Uint8Array', call: 'ces', input: () => new Uint8Array([7, 6, 1]), expect: { ok: { responses: 3, score: 14 / 3 } } },
  { name: 'csat of a Map is refused (its elements are pairs)', call: 'csat', input: () => new Map([[5, 5]]), expect: refused('INVALID_ARGUMENT', 'answer 1', 'answers') },
  { name: 'nps of a string is refused', call: 'nps', input: () => '910', expect: refused('INVALID_ARGUMENT', null, 'answers') },
  // BigInts are numbers, read exactly (Number(big)); one off the scale is OUT_OF_RANGE, never wrapped.
  { name: 'nps of a BigInt64Array', call: 'nps', input: () => new BigInt64Array([9n, 3n]), expect: { ok: { responses: 2, score: 0 } } },
  { name: 'nps of BigInts: -(2^64)+10 is not a promoter', call: 'nps', input: () => [9n, -(2n ** 64n) + 10n], expect: refused('OUT_OF_RANGE', 'answer 2', 'score') },
  { name: 'nps of a DataView is refused', call: 'nps', input: () => new DataView(new ArrayBuffer(8)), expect: refused('INVALID_ARGUMENT', null, 'answers') },
  { name: 'nps of an array-like object is refused', call: 'nps', input: () => ({ length: 1, 0: 10 }), expect: refused('INVALID_ARGUMENT', null, 'answers') },
  { name: 'nps with a text answer names it', call: 'nps', input: () => new Set([9, '10']), expect: refused('INVALID_ARGUMENT', 'answer 2', 'answers') },
  { name: 'nps of a throwing generator', call: 'nps', input: () => (function* () { yield 9; throw new Error('boom') })(), expect: refused('INVALID_ARGUMENT', null, 'answers') },
  { name: 'nps of a Float64Array with NaN', call: 'nps', input: () => new Float64Array([9, NaN]), expect: refused('OUT_OF_RANGE', 'answer 2', 'score') },

  // Event lists: arrays and any iterable.
  { name: 'fromEvents of a Set', call: 'fromEvents', input: () => new Set(EVENTS), expect: { ok: { customers: 2, events: 3, rejected: [] } } },
  { name: 'fromEvents of a generator', call: 'fromEvents', input: () => (function* () { yield* EVENTS })(), expect: { ok: { customers: 2, events: 3, rejected: [] } } },
  { name: 'fromEvents of a string is refused', call: 'fromEvents', input: () => 'events', expect: refused('INVALID_ARGUMENT', null, 'events') },
  { name: 'fromEvents of a plain object is refused', call: 'fromEvents', input: () => ({ 0: EVENTS[0] }), expect: refused('INVALID_ARGUMENT', null, 'events') },

  // Dates in records: the timestamp, and in properties and traits (as their ISO text).
  {
    name: 'a Date timestamp',
    call: 'fromEvents',
    input: () => [event({ timestamp: new Date(Date.UTC(2026, 2, 1, 10)) }), event({ timestamp: new Date(Date.UTC(2026, 2, 2, 10, 0, 0, 5)) })],
    expect: { ok: { customers: 1, events: 2, rejected: [], first: '2026-03-01T10:00:00Z', last: '2026-03-02T10:00:00.005Z' } },
  },
  { name: 'an invalid Date timestamp is refused (strict)', call: 'fromEvents', input: () => [event(), event({ timestamp: new Date(NaN) })], expect: refused('INVALID_RECORD', 'record 2', 'timestamp') },
  {
    name: 'an invalid Date timestamp is listed (lenient)',
    call: 'fromEvents',
    mode: 'lenient',
    input: () => [event(), event({ timestamp: new Date('not a date') }), event({ customerId: 'ben' })],
    expect: { ok: { customers: 2, events: 2, rejected: [{ code: 'INVALID_RECORD', record: 'record 2', field: 'timestamp' }] } },
  },
  {
    name: 'a Date in traits is its ISO text',
    call: 'fromEvents',
    input: () => [event({ traits: { since: new Date(Date.UTC(2025, 0, 2)) }, properties: { at: new Date(0) } })],
    then: (ds) => ds.ruleSegments({ rules: [{ name: 'since', rule: 'since == "2025-01-02T00:00:00.000Z"' }] }).segments[0].customers,
    expect: { ok: { customers: 1, events: 1, rejected: [], then: 1 } },
  },
  // NaN and ±Infinity are out of range (as from Rust and Python), never "not given".
  { name: 'a NaN value is refused, naming it', call: 'fromEvents', input: () => [event({ value: NaN })], expect: refused('OUT_OF_RANGE', 'record 1', 'value') },
  { name: 'a -Infinity value is listed (lenient)', call: 'fromEvents', mode: 'lenient', input: () => [event(), event({ value: -Infinity })], expect: { ok: { customers: 1, events: 1, rejected: [{ code: 'OUT_OF_RANGE', record: 'record 2', field: 'value' }] } } },
  { name: 'an Infinity answer is refused, naming it', call: 'fromEvents', input: () => [event({ kind: 'survey_response', answers: { nps: Infinity } })], expect: refused('OUT_OF_RANGE', 'record 1', 'answers.nps') },
  { name: 'a NaN survey score is refused, naming it', call: 'fromEvents', input: () => [event({ kind: 'survey_response', survey: { metric: 'csat', score: NaN } })], expect: refused('OUT_OF_RANGE', 'record 1', 'survey.score') },
  { name: 'the text "NaN" as a value is still the wrong type', call: 'fromEvents', input: () => [event({ value: 'NaN' })], expect: refused('INVALID_RECORD', 'record 1', 'value') },
  { name: 'a NaN timestamp is not a whole number of milliseconds', call: 'fromEvents', input: () => [event({ timestamp: NaN })], expect: refused('INVALID_RECORD', 'record 1', 'timestamp') },
  { name: 'a NaN in properties is kept as text', call: 'fromEvents', input: () => [event({ properties: { value: NaN } })], expect: { ok: { customers: 1, events: 1, rejected: [] } } },
  { name: 'a BigInt customer id is exact', call: 'fromEvents', input: () => [event({ customerId: 9007199254740993n })], then: (ds) => ds.ruleSegments({ rules: [{ name: 'all', rule: 'true' }], includeMembers: true }).segments[0].members, expect: { ok: { customers: 1, events: 1, rejected: [], then: ['9007199254740993'] } } },
  { name: 'a BigInt value is refused, naming it', call: 'fromEvents', input: () => [event({ value: 40n })], expect: refused('INVALID_RECORD', 'record 1', 'value') },
  {
    name: 'a cyclic record is refused, naming it',
    call: 'fromEvents',
    input: () => {
      const cyclic = event()
      cyclic.properties = { self: cyclic }
      return [event(), cyclic]
    },
    expect: refused('INVALID_RECORD', 'record 2', 'properties'),
  },
  { name: 'a function in properties is refused, naming the record', call: 'fromEvents', input: () => [event(), event({ properties: { f: () => 1 } })], expect: refused('INVALID_ARGUMENT', 'record 2', 'events') },
  { name: 'a property set to undefined is left out (as JSON does)', call: 'fromEvents', input: () => [event({ properties: { gone: undefined } })], expect: { ok: { customers: 1, events: 1, rejected: [] } } },

  // Options: a Date for a time, NaN refused (never read as "not given").
  { name: 'rfm asOf a Date', call: 'rfm', options: () => ({ asOf: new Date(Date.UTC(2026, 3, 1)) }), pick: (r) => r.asOf, expect: { ok: '2026-04-01T00:00:00Z' } },
  { name: 'engagementScore asOf a Date', call: 'engagementScore', options: () => ({ asOf: new Date(Date.UTC(2026, 3, 1)) }), pick: (r) => r.asOf, expect: { ok: '2026-04-01T00:00:00Z' } },
  { name: 'engagementTiers asOf a Date', call: 'engagementTiers', options: () => ({ asOf: new Date(Date.UTC(2026, 3, 1)) }), pick: (r) => r.asOf, expect: { ok: '2026-04-01T00:00:00Z' } },
  { name: 'ruleSegments asOf a Date', call: 'ruleSegments', options: () => ({ rules: [{ name: 'all', rule: 'true' }], asOf: new Date(Date.UTC(2026, 3, 1)) }), pick: (r) => r.asOf, expect: { ok: '2026-04-01T00:00:00Z' } },
  { name: 'rfm asOf an invalid Date is refused', call: 'rfm', options: () => ({ asOf: new Date(NaN) }), expect: refused('INVALID_CONFIG', null, 'asOf') },
  { name: 'rfm asOf NaN is refused', call: 'rfm', options: () => ({ asOf: NaN }), expect: refused('INVALID_CONFIG', null, 'asOf') },
  { name: 'engagementScore scale NaN is refused', call: 'engagementScore', options: () => ({ scale: NaN }), expect: refused('INVALID_CONFIG', null, 'scale') },
  { name: 'engagementTiers windowDays Infinity is refused', call: 'engagementTiers', options: () => ({ windowDays: Infinity }), expect: refused('INVALID_CONFIG', null, 'windowDays') },
  { name: 'cyclic options are refused', call: 'rfm', options: () => { const o = {}; o.self = o; return o }, expect: refused('INVALID_CONFIG', null, 'self') },
  { name: 'a function in options is refused', call: 'rfm', options: () => ({ asOf: () => 0 }), expect: refused('INVALID_ARGUMENT', null, 'options') },
  { name: 'options as an array are refused', call: 'rfm', options: () => [], expect: refused('INVALID_ARGUMENT', null, 'options') },

  // Host values JSON cannot carry faithfully: nesting past limits::MAX_DEPTH (64) or a cycle
  // (never a crash), lone surrogates (never U+FFFD: 'x\ud800' and 'x\udbff' are not one customer).
  { name: 'properties nested 10,000 deep are refused, naming them', call: 'fromEvents', input: () => [event(), event({ properties: nested(10_000) })], expect: refused('INVALID_RECORD', 'record 2', 'properties') },
  { name: 'traits nested 10,000 deep are listed (lenient)', call: 'fromEvents', mode: 'lenient', input: () => [event({ traits: nested(10_000) }), event({ customerId: 'ben' })], expect: { ok: { customers: 1, events: 1, rejected: [{ code: 'INVALID_RECORD', record: 'record 1', field: 'traits' }] } } },
  { name: 'properties nested 64 deep are read', call: 'fromEvents', input: () => [event({ properties: nested(64) })], expect: { ok: { customers: 1, events: 1, rejected: [] } } },
  { name: 'a circular property is refused, naming it', call: 'fromEvents', input: () => { const p = { plan: 'gold' }; p.self = p; return [event({ properties: p })] }, expect: refused('INVALID_RECORD', 'record 1', 'properties') },
  { name: 'lone surrogates in ids are refused, not merged', call: 'fromEvents', mode: 'lenient', input: () => [event({ customerId: 'x\ud800' }), event({ customerId: 'x\udbff' }), event()], expect: { ok: { customers: 1, events: 1, rejected: [{ code: 'INVALID_RECORD', record: 'record 1', field: 'customerId' }, { code: 'INVALID_RECORD', record: 'record 2', field: 'customerId' }] } } },
  { name: 'a lone surrogate in a property is refused, naming it', call: 'fromEvents', input: () => [event({ properties: { plan: 'gold\udc00' } })], expect: refused('INVALID_RECORD', 'record 1', 'properties.plan') },
  { name: 'a lone surrogate in a kind column is refused, naming the row', call: 'fromColumns', input: () => columns({ kind: ['click', 'cl\udfffck', 'click'] }), expect: refused('INVALID_RECORD', 'record 2', 'kind') },
  { name: 'a lone surrogate in a trait column is refused, naming the row', call: 'fromColumns', input: () => columns({ traits: { plan: ['gold', 'gold', 'g\ud800'] } }), expect: refused('INVALID_RECORD', 'record 3', 'traits.plan') },
  { name: 'lone surrogates in an id column are listed, not merged (lenient)', call: 'fromColumns', mode: 'lenient', input: () => columns({ customerId: ['x\ud800', 'x\udbff', 'ana'] }), expect: { ok: { customers: 1, events: 1, rejected: [{ code: 'INVALID_RECORD', record: 'record 1', field: 'customerId' }, { code: 'INVALID_RECORD', record: 'record 2', field: 'customerId' }] } } },
  { name: 'a lone surrogate in CSV text is a parse error on its line', call: 'readCsv', input: () => 'customer_id,timestamp,channel,kind\nc1,0,web,click\nx\ud800,0,web,click\n', expect: refused('PARSE_ERROR', 'line 3', null) },
  { name: 'a lone surrogate in CSV text is listed on its line (lenient)', call: 'readCsv', mode: 'lenient', input: () => 'customer_id,timestamp,channel,kind\nc1,0,web,click\nx\ud800,0,web,click\n', expect: { ok: { customers: 1, events: 1, rejected: [{ code: 'PARSE_ERROR', record: 'line 3', field: null }] } } },
  { name: 'a lone surrogate in Segment text is a parse error on its line', call: 'readSegment', input: () => segmentLine('a') + '\n' + segmentLine('x\udbff') + '\n', expect: refused('PARSE_ERROR', 'line 2', null) },
  { name: 'a lone surrogate in a stage map is a config error naming the entry', call: 'cxReport', options: () => ({ click: 'discover\ud800' }), pick: (r) => r, expect: refused('INVALID_CONFIG', null, 'stageMap.click') },
  { name: 'a lone surrogate in a stage map kind is a config error', call: 'cxReport', options: () => ({ ['cl\ud800ck']: 'discover' }), pick: (r) => r, expect: { error: { code: 'INVALID_CONFIG', record: null, field: 'stageMap.cl\ufffdck' } } },
  { name: 'options nested 10,000 deep are refused, naming the option', call: 'ruleSegments', options: () => ({ rules: nested(10_000) }), expect: refused('INVALID_CONFIG', null, 'rules') },
  { name: 'a lone surrogate in an option is refused, naming it', call: 'journeyMap', options: () => ({ startKind: 'purchase\ud800' }), expect: refused('INVALID_CONFIG', null, 'startKind') },
  { name: 'a NaN funnel step window is refused, naming it', call: 'funnel', options: () => ({ steps: [{ kind: 'purchase' }, { kind: 'purchase', withinSeconds: NaN }] }), expect: refused('INVALID_CONFIG', null, 'steps[1].withinSeconds') },
]

/** Three click events as columns (`fromColumns`), with `fields` replaced. */
function columns(fields = {}) {
  return { customerId: ['a', 'b', 'c'], timestamp: [0, 0, 0], channel: ['web', 'web', 'web'], kind: ['click', 'click', 'click'], ...fields }
}

/** One Segment `track` call of `userId`, as a line of NDJSON (`\u` escapes kept as they are). */
function segmentLine(userId) {
  return `{"type":"track","userId":"${userId}","event":"e","timestamp":"2026-01-01T00:00:00Z","properties":{"channel":"web"}}`
}

/** An object nested `levels` deep: `{ a: { a: … {} } }`. */
function nested(levels) {
  let value = {}
  for (let i = 1; i < levels; i++) value = { a: value }
  return value
}

/** The answer metrics: `call` is the function; `score` is its headline field (`nps`, `csat`; the mean for `ces`). */
const METRICS = new Set(['nps', 'csat', 'ces'])

/** The readers a case may call with `input` (and `mode`): each returns a dataset. */
const READERS = new Set(['fromEvents', 'fromColumns', 'readCsv', 'readSegment'])

/**
 * Runs case `c` with `api` (`{ nps, csat, ces, Dataset }` of either package) and returns its
 * outcome in the form of `c.expect`. `isAsync`: through the readers' (`Dataset.fromEventsAsync`,
 * `readCsvAsync`, …) and the analyses' `…Async` forms (Node). Datasets are freed when the package has `free` (wasm).
 */
export async function outcome(api, c, isAsync = false) {
  const made = []
  const keep = (ds) => (made.push(ds), ds)
  const fromEvents = async (events, mode) => keep(await (isAsync ? api.Dataset.fromEventsAsync(events, mode) : api.Dataset.fromEvents(events, mode)))
  try {
    if (METRICS.has(c.call)) {
      const summary = api[c.call](c.input())
      return { ok: { responses: summary.responses, score: summary[c.call] ?? summary.mean } }
    }
    if (READERS.has(c.call)) {
      const ds = keep(await (isAsync ? api.Dataset[`${c.call}Async`](c.input(), c.mode) : api.Dataset[c.call](c.input(), c.mode)))
      const summary = ds.summary()
      const ok = {
        customers: ds.customerCount,
        events: ds.eventCount,
        rejected: ds.rejected.map(({ code, record, field }) => ({ code, record, field })),
      }
      if (c.expect.ok?.first) Object.assign(ok, { first: summary.firstEvent, last: summary.lastEvent })
      if (c.then) ok.then = c.then(ds)
      return { ok }
    }
    const ds = await fromEvents(EVENTS)
    const report = await (isAsync ? ds[`${c.call}Async`](c.options()) : ds[c.call](c.options()))
    return { ok: c.pick(report) }
  } catch (e) {
    return { error: { code: e.code, record: e.record, field: e.field } }
  } finally {
    for (const ds of made) ds.free?.()
  }
}
