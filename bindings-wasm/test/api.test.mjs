// The JavaScript surface of touchpoint-wasm beyond the shared vectors: error objects (the
// exported TouchpointError class), strict vs lenient reading, argument checking, result shapes
// and camelCase keys, and (LAST, because it re-instantiates the module) what a panic turns into.

import { jsCase, toCamel } from '../../vectors/js-keys.mjs';
import * as vectors from './vectors.test.mjs';
import { INPUT_CASES, outcome } from '../../vectors/js-inputs.mjs';

const EVENTS = [
  { customerId: 'ana', timestamp: '2026-03-01T09:00:00Z', channel: 'web', kind: 'page_view' },
  { customerId: 'ana', timestamp: '2026-03-01T09:05:00Z', channel: 'web', kind: 'purchase', value: 40 },
  {
    customerId: 'ana',
    timestamp: '2026-03-02T10:00:00Z',
    channel: 'email',
    kind: 'survey_response',
    survey: { metric: 'nps', score: 10 },
  },
  {
    customerId: 'ben',
    timestamp: '2026-03-03T12:00:00Z',
    channel: 'sms',
    kind: 'survey_response',
    survey: { metric: 'nps', score: 3 },
  },
];

const NDJSON = [
  '{"type":"identify","userId":"cara","traits":{"plan":"pro"}}',
  '{"type":"track","userId":"ana","event":"Order Completed","timestamp":"2026-03-01T09:05:00Z","properties":{"channel":"web","revenue":40}}',
  '{"type":"track","userId":"ana","event":"Survey Response","timestamp":"2026-03-02T10:00:00Z","properties":{"channel":"email","survey":"nps","score":11}}',
  'not json',
  '{"type":"track","userId":"ben","event":"Survey Response","timestamp":"2026-03-03T12:00:00Z","properties":{"channel":"sms","survey":"nps","score":9}}',
].join('\n');

export async function run(t) {
  const w = t.wasm;
  const { Dataset, TouchpointError } = w;

  /** Calls fn, asserts it throws a TouchpointError with these properties, returns it. */
  const throwsCode = (fn, code, { record, field } = {}) => {
    const err = t.throws(fn, Error, `expected ${code}`);
    t.ok(err instanceof Error, 'a real Error');
    t.ok(err instanceof TouchpointError, `an instance of the exported TouchpointError (got ${err?.constructor?.name})`);
    t.equal(err.name, 'TouchpointError', 'name');
    t.equal(err.code, code, `code (message: ${err.message})`);
    if (record !== undefined) t.equal(err.record, record, 'record');
    if (field !== undefined) t.equal(err.field, field, 'field');
    t.equal(typeof err.message, 'string');
    t.equal(typeof err.stack, 'string', 'has a stack');
    return err;
  };

  // --- errors -------------------------------------------------------------------------
  t.test('NaN and infinite values are refused with record and field, not lost', () => {
    const good = { customerId: 'a', timestamp: '2026-01-01T00:00:00Z', channel: 'web', kind: 'purchase' };
    for (const bad of [NaN, Infinity, -Infinity]) {
      throwsCode(() => Dataset.fromEvents([good, { ...good, value: bad }]), 'OUT_OF_RANGE', { record: 'record 2', field: 'value' });
    }
    const ds = Dataset.fromEvents([{ ...good, value: NaN }, good], 'lenient');
    t.equal(ds.eventCount, 1);
    t.deepEqual(ds.rejected.map((r) => [r.record, r.field]), [['record 1', 'value']]);
    ds.free();
  });


  t.test('a core error is a real Error with code, record and field', () => {
    const err = throwsCode(() => w.nps([10, 11]), 'OUT_OF_RANGE', { record: 'answer 2', field: 'score' });
    t.ok(/11 is out of range/.test(err.message), err.message);
    t.ok(String(err).startsWith('TouchpointError: '), String(err));
    t.deepEqual(Object.keys(err).sort(), ['code', 'field', 'record'], 'code/record/field are own enumerable properties');
    t.ok(!Object.hasOwn(err, 'name'), 'name is not an own property');
    t.equal(Object.getPrototypeOf(err), TouchpointError.prototype);
    t.equal(Object.getOwnPropertyDescriptor(TouchpointError.prototype, 'name').enumerable, false);
  });

  t.test('TouchpointError is a real exported class', () => {
    t.equal(typeof TouchpointError, 'function');
    t.equal(TouchpointError.name, 'TouchpointError');
    t.ok(TouchpointError.prototype instanceof Error, 'extends Error');
    const made = new TouchpointError('made by hand', { code: 'INVALID_CONFIG', field: 'mode' });
    t.ok(made instanceof TouchpointError && made instanceof Error);
    t.deepEqual([made.name, made.message, made.code, made.record, made.field], ['TouchpointError', 'made by hand', 'INVALID_CONFIG', null, 'mode']);
    t.ok(!(new Error('plain') instanceof TouchpointError), 'a plain Error is not one');
    t.deepEqual(JSON.parse(JSON.stringify(made)), { code: 'INVALID_CONFIG', record: null, field: 'mode' });
  });

  t.test('an error that names no record has record: null (not undefined)', () => {
    const err = throwsCode(() => Dataset.readCsv('customer_id,timestamp,channel,kind\n', 'sloppy'), 'INVALID_CONFIG', {
      field: 'mode',
    });
    t.equal(err.record, null);
  });

  t.test('every core code surfaces: INVALID_RECORD, PARSE_ERROR, INVALID_CONFIG', () => {
    throwsCode(() => Dataset.fromEvents([EVENTS[0], { customerId: 'x', channel: 'web', kind: 'click' }]), 'INVALID_RECORD', {
      record: 'record 2',
      field: 'timestamp',
    });
    throwsCode(() => Dataset.readSegment('[{"type": "track",'), 'PARSE_ERROR', { record: 'line 1', field: null });
    const ds = Dataset.fromEvents(EVENTS);
    throwsCode(() => ds.cxReport({ add_to_cart: 'checkout' }), 'INVALID_CONFIG', { record: null, field: 'stageMap.add_to_cart' });
    throwsCode(() => ds.journeyMap({ pathLenght: 3 }), 'INVALID_CONFIG', { record: null, field: 'pathLenght' });
    ds.free();
  });

  // --- arguments ----------------------------------------------------------------------

  t.test('answers of the wrong type are INVALID_ARGUMENT naming the element', () => {
    throwsCode(() => w.nps([10, '9']), 'INVALID_ARGUMENT', { record: 'answer 2', field: 'answers' });
    throwsCode(() => w.csat([4, null]), 'INVALID_ARGUMENT', { record: 'answer 2', field: 'answers' });
    throwsCode(() => w.ces('7'), 'INVALID_ARGUMENT', { record: null, field: 'answers' });
    throwsCode(() => w.nps(), 'INVALID_ARGUMENT', { field: 'answers' });
    throwsCode(() => w.nps({ length: 1, 0: 10 }), 'INVALID_ARGUMENT', { field: 'answers' });
  });

  t.test('answers may be a typed array or any iterable; NaN is OUT_OF_RANGE, not coerced', () => {
    const plain = w.nps([10, 9, 8, 3]);
    t.deepEqual(w.nps(new Float64Array([10, 9, 8, 3])), plain);
    t.deepEqual(w.nps(new Uint8Array([10, 9, 8, 3])), plain);
    t.deepEqual(w.nps(new Set([10, 9, 8, 3])), plain);
    t.deepEqual(w.nps((function* () { yield* [10, 9, 8, 3]; })()), plain);
    throwsCode(() => w.nps([10, NaN]), 'OUT_OF_RANGE', { record: 'answer 2', field: 'score' });
  });

  t.test('text, mode, stageMap and options of the wrong type are INVALID_ARGUMENT', () => {
    throwsCode(() => Dataset.readCsv(42), 'INVALID_ARGUMENT', { field: 'text' });
    throwsCode(() => Dataset.readSegment(new Uint8Array(2)), 'INVALID_ARGUMENT', { field: 'text' });
    throwsCode(() => Dataset.fromEvents(EVENTS[0]), 'INVALID_ARGUMENT', { field: 'events' });
    throwsCode(() => Dataset.fromEvents(EVENTS, 42), 'INVALID_ARGUMENT', { field: 'mode' });
    // An object is the reader options ({ mode, pseudonymKey }, privacy.test.mjs); its mode is checked the same way.
    throwsCode(() => Dataset.fromEvents(EVENTS, { mode: 42 }), 'INVALID_ARGUMENT', { field: 'mode' });
    const ds = Dataset.fromEvents(EVENTS);
    throwsCode(() => ds.cxReport(['purchase', 'buy']), 'INVALID_ARGUMENT', { field: 'stageMap' });
    throwsCode(() => ds.cxReport({ purchase: 3 }), 'INVALID_ARGUMENT', { field: 'stageMap.purchase' });
    throwsCode(() => ds.journeyMap('channel'), 'INVALID_ARGUMENT', { field: 'options' });
    ds.free();
  });

  t.test('an event nested too deep or circular is INVALID_RECORD naming the record and field', () => {
    const cyclic = { ...EVENTS[0], properties: {} };
    cyclic.properties.self = cyclic;
    const lenient = Dataset.fromEvents([EVENTS[0], cyclic], 'lenient');
    t.deepEqual(lenient.rejected.map((r) => [r.code, r.record, r.field]), [['INVALID_RECORD', 'record 2', 'properties']]);
    lenient.free();
    // A BigInt is written as its decimal text: exact as an id, refused as a value.
    throwsCode(() => Dataset.fromEvents([{ ...EVENTS[1], value: 40n }]), 'INVALID_RECORD', { record: 'record 1', field: 'value' });
    let deep = {};
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    throwsCode(() => Dataset.fromEvents([{ ...EVENTS[0], properties: deep }]), 'INVALID_RECORD', { record: 'record 1', field: 'properties' });
    t.equal(w.nps([10]).nps, 100, 'the module still works after a very deep object');
  });

  t.test('a Date is accepted as timestamp; an invalid Date is INVALID_RECORD', () => {
    const ds = Dataset.fromEvents([{ ...EVENTS[0], timestamp: new Date(Date.UTC(2026, 2, 1, 9, 30)) }]);
    t.equal(ds.summary().firstEvent, '2026-03-01T09:30:00Z');
    ds.free();
    throwsCode(() => Dataset.fromEvents([{ ...EVENTS[0], timestamp: new Date('nope') }]), 'INVALID_RECORD', {
      record: 'record 1',
      field: 'timestamp',
    });
  });

  // The inputs both packages accept (and refuse) alike: the matrix the Node suite runs too.
  for (const c of INPUT_CASES) {
    t.test(`same inputs as Node: ${c.name}`, async () => t.deepEqual(await outcome(w, c), c.expect));
  }

  // --- strict and lenient -------------------------------------------------------------

  t.test('strict (the default) throws at the first bad line', () => {
    throwsCode(() => Dataset.readSegment(NDJSON), 'OUT_OF_RANGE', { record: 'line 3', field: 'properties.score' });
    throwsCode(() => Dataset.readSegment(NDJSON, 'strict'), 'OUT_OF_RANGE', { record: 'line 3' });
    throwsCode(() => Dataset.readSegment(NDJSON, null), 'OUT_OF_RANGE', { record: 'line 3' });
  });

  t.test('lenient skips bad records and lists every one in rejected', () => {
    const ds = Dataset.readSegment(NDJSON, 'lenient');
    t.equal(ds.customerCount, 3, 'cara (identify only), ana, ben');
    t.equal(ds.eventCount, 2);
    const rejected = ds.rejected;
    t.ok(Array.isArray(rejected));
    t.deepEqual(
      rejected.map((r) => [r.code, r.record, r.field]),
      [
        ['OUT_OF_RANGE', 'line 3', 'properties.score'],
        ['PARSE_ERROR', 'line 4', null],
      ],
    );
    t.deepEqual(Object.keys(rejected[0]).sort(), ['code', 'field', 'message', 'record']);
    t.ok(rejected[0].message.includes('11'), rejected[0].message);
    t.ok(ds.rejected !== rejected, 'a fresh array on each access');
    const report = ds.cxReport();
    t.equal(report.overall.nps.responses, 1);
    t.equal(report.overall.nps.nps, 100);
    ds.free();
  });

  t.test('lenient CSV and event lists report rejections too; strict lists none', () => {
    const csv = 'customer_id,timestamp,channel,kind,survey,score\nana,2026-03-01,web,purchase,,\nben,yesterday,web,click,,\n';
    const ds = Dataset.readCsv(csv, 'lenient');
    t.deepEqual(ds.rejected.map((r) => [r.code, r.record, r.field]), [['INVALID_RECORD', 'line 3', 'timestamp']]);
    ds.free();
    const ev = Dataset.fromEvents([EVENTS[0], 'nope', EVENTS[1]], 'lenient');
    t.equal(ev.eventCount, 2);
    t.deepEqual(ev.rejected.map((r) => [r.code, r.record]), [['INVALID_RECORD', 'record 2']]);
    ev.free();
    const strict = Dataset.fromEvents(EVENTS);
    t.deepEqual(strict.rejected, []);
    strict.free();
  });

  // --- results ------------------------------------------------------------------------

  t.test('results are plain objects with camelCase keys; no data is null', () => {
    const s = w.nps([]);
    t.equal(Object.getPrototypeOf(s), Object.prototype, 'a plain object');
    t.deepEqual(Object.keys(s).sort(), [
      'detractorShare',
      'detractors',
      'marginOfError',
      'nps',
      'passiveShare',
      'passives',
      'promoterShare',
      'promoters',
      'responses',
    ]);
    t.equal(s.nps, null);
    t.equal(s.marginOfError, null);
    t.equal(s.responses, 0);
    const c = w.csat([5, 4, 1]);
    t.ok(Array.isArray(c.counts) && c.counts.length === 5, 'counts is an array');
    t.deepEqual(c.counts, [1, 0, 0, 1, 1]);
  });

  t.test('the CX report: plain objects for maps, arrays in journey order, numbers for counts', () => {
    const ds = Dataset.fromEvents(EVENTS);
    t.equal(ds.customerCount, 2);
    t.equal(ds.eventCount, 4);
    t.deepEqual(ds.summary(), {
      customers: 2,
      events: 4,
      firstEvent: '2026-03-01T09:00:00Z',
      lastEvent: '2026-03-03T12:00:00Z',
    });
    const r = ds.cxReport();
    t.equal(Object.getPrototypeOf(r.byChannel), Object.prototype, 'byChannel is a plain object, not a Map');
    t.deepEqual(Object.keys(r.byChannel).sort(), ['email', 'sms', 'web']);
    t.equal(r.byChannel.email.nps.nps, 100);
    t.deepEqual(r.byStage.map((s) => s.stage), ['discover', 'shop', 'buy', 'own', 'advocate']);
    t.equal(r.byStage[2].nps.responses, 1, "ana answered after buying");
    t.equal(r.noStage.nps.responses, 1, 'ben answered before any stage');
    t.equal(r.customersWithoutStage, 1);
    t.equal(typeof r.stageDistribution[2].customers, 'number');
    ds.free();
  });

  t.test('stageMap as an object or a Map; null maps a kind to no stage', () => {
    const ds = Dataset.fromEvents(EVENTS);
    const viaObject = ds.cxReport({ survey_response: 'discover', purchase: null });
    const viaMap = ds.cxReport(new Map([['survey_response', 'discover'], ['purchase', null]]));
    t.deepEqual(viaMap, viaObject);
    t.equal(viaObject.customersWithoutStage, 0, 'survey answers now count as discover');
    t.equal(viaObject.stageDistribution[2].customers, 0, 'purchase no longer means buy');
    t.deepEqual(ds.cxReport(undefined), ds.cxReport(), 'undefined is the default mapping');
    ds.free();
  });

  t.test('journeyMap: defaults, options, typed result', () => {
    const ds = Dataset.fromEvents(EVENTS);
    const j = ds.journeyMap();
    t.ok(Array.isArray(j.transitions) && j.transitions.length > 0);
    t.equal(j.channelSwitching.customers, 2);
    const byChannel = ds.journeyMap({ node: 'channel', topPaths: 1 });
    t.equal(byChannel.topPaths.length, 1);
    t.deepEqual(byChannel.topPaths[0].path.length > 0, true);
    ds.free();
  });

  t.test('init() again is harmless', async () => {
    await w.default();
    t.equal(w.nps([10]).nps, 100);
  });

  t.test('a Dataset supports `using` (Symbol.dispose is free)', () => {
    const ds = Dataset.fromEvents(EVENTS);
    t.equal(typeof ds[Symbol.dispose], 'function');
    ds[Symbol.dispose]();
  });

  // --- Dataset.fromColumns -------------------------------------------------------------

  // The first case of vectors/cx_report.json (in JavaScript spelling), as events and as columns.
  const reportEvents = toCamel((await t.fetchJson('/vectors/cx_report.json')).cases[0].input.events);
  const reportColumns = () => ({
    customerId: reportEvents.map((e) => e.customerId),
    timestamp: reportEvents.map((e) => e.timestamp),
    channel: reportEvents.map((e) => e.channel),
    kind: reportEvents.map((e) => e.kind),
    value: reportEvents.map((e) => e.value ?? null),
    survey: reportEvents.map((e) => e.survey?.metric ?? null),
    score: reportEvents.map((e) => e.survey?.score ?? null),
  });

  t.test('fromColumns gives the same dataset as fromEvents on the same data', () => {
    const columns = reportColumns();
    t.ok(columns.survey.some((s) => s !== null), 'the vector has survey answers');
    const expected = Dataset.fromEvents(reportEvents);
    const ds = Dataset.fromColumns(columns);
    t.ok(ds instanceof Dataset);
    t.deepEqual(ds.summary(), expected.summary());
    t.deepEqual(ds.cxReport(), expected.cxReport());
    t.deepEqual(ds.journeyMap(), expected.journeyMap());
    t.deepEqual(ds.rejected, []);
    // Typed arrays: NaN is the missing value of a Float64Array, and fills score where no survey is.
    const typed = Dataset.fromColumns({
      ...columns,
      value: Float64Array.from(columns.value, (v) => v ?? NaN),
      score: Float64Array.from(columns.score, (v) => v ?? NaN),
    });
    t.deepEqual(typed.cxReport(), expected.cxReport());
    for (const d of [expected, ds, typed]) d.free();
  });

  t.test('fromColumns: timestamps as Float64Array, BigInt64Array, numbers or Dates', () => {
    const columns = reportColumns();
    const expected = Dataset.fromEvents(reportEvents);
    const millis = columns.timestamp.map((ts) => Date.parse(ts));
    for (const timestamp of [Float64Array.from(millis), BigInt64Array.from(millis, BigInt), millis, millis.map((ms) => new Date(ms))]) {
      const ds = Dataset.fromColumns({ ...columns, timestamp });
      t.deepEqual(ds.cxReport(), expected.cxReport(), timestamp.constructor.name);
      ds.free();
    }
    expected.free();
  });

  t.test('fromColumns: columns of unequal length are INVALID_ARGUMENT naming the column', () => {
    const columns = reportColumns();
    const err = throwsCode(() => Dataset.fromColumns({ ...columns, kind: columns.kind.slice(1) }), 'INVALID_ARGUMENT', {
      record: null,
      field: 'kind',
    });
    t.ok(/has 10 rows, customerId has 11/.test(err.message), err.message);
    throwsCode(() => Dataset.fromColumns({ ...columns, timestamp: new Float64Array(3) }, 'lenient'), 'INVALID_ARGUMENT', { field: 'timestamp' });
    throwsCode(() => Dataset.fromColumns({ ...columns, score: [] }), 'INVALID_ARGUMENT', { field: 'score' });
  });

  t.test('fromColumns: a missing, misspelt or mistyped column is INVALID_ARGUMENT naming it', () => {
    const { kind, ...noKind } = reportColumns();
    const columns = reportColumns();
    throwsCode(() => Dataset.fromColumns(noKind), 'INVALID_ARGUMENT', { field: 'kind' });
    throwsCode(() => Dataset.fromColumns({ ...columns, scores: columns.score }), 'INVALID_ARGUMENT', { field: 'scores' });
    const { customerId, ...snake } = columns;
    const err = throwsCode(() => Dataset.fromColumns({ ...snake, customer_id: customerId }), 'INVALID_ARGUMENT', { field: 'customer_id' });
    t.ok(/did you mean `customerId`\?/.test(err.message), err.message);
    throwsCode(() => Dataset.fromColumns(snake), 'INVALID_ARGUMENT', { field: 'customerId' });
    throwsCode(() => Dataset.fromColumns({ ...columns, channel: 'web' }), 'INVALID_ARGUMENT', { field: 'channel' });
    throwsCode(() => Dataset.fromColumns({ ...columns, value: new Int32Array(11) }), 'INVALID_ARGUMENT', { field: 'value' });
    throwsCode(() => Dataset.fromColumns([]), 'INVALID_ARGUMENT', { field: 'columns' });
    throwsCode(() => Dataset.fromColumns(), 'INVALID_ARGUMENT', { field: 'columns' });
    throwsCode(() => Dataset.fromColumns(columns, 'sloppy'), 'INVALID_CONFIG', { field: 'mode' });
  });

  t.test('fromColumns: a bad kind or timestamp names record N and the column; lenient lists it in rejected', () => {
    const columns = reportColumns();
    const bad = {
      ...columns,
      kind: columns.kind.map((k, i) => (i === 2 ? '' : i === 6 ? 42 : k)),
      timestamp: columns.timestamp.map((ts, i) => (i === 4 ? 'yesterday' : i === 8 ? null : ts)),
    };
    throwsCode(() => Dataset.fromColumns(bad), 'INVALID_RECORD', { record: 'record 3', field: 'kind' });
    throwsCode(() => Dataset.fromColumns({ ...columns, timestamp: bad.timestamp }), 'INVALID_RECORD', {
      record: 'record 5',
      field: 'timestamp',
    });
    const millis = Float64Array.from(columns.timestamp, (ts) => Date.parse(ts));
    millis[1] = NaN;
    const err = throwsCode(() => Dataset.fromColumns({ ...columns, timestamp: millis }), 'INVALID_RECORD', {
      record: 'record 2',
      field: 'timestamp',
    });
    t.ok(/NaN is not a whole number of milliseconds/.test(err.message), err.message);

    const ds = Dataset.fromColumns(bad, 'lenient');
    t.deepEqual(
      ds.rejected.map(({ code, record, field }) => [code, record, field]),
      [
        ['INVALID_RECORD', 'record 3', 'kind'],
        ['INVALID_RECORD', 'record 5', 'timestamp'],
        ['INVALID_RECORD', 'record 7', 'kind'],
        ['INVALID_RECORD', 'record 9', 'timestamp'],
      ],
    );
    t.ok(/cannot read `yesterday`/.test(ds.rejected[1].message), ds.rejected[1].message);
    t.ok(/expected a string, got a number/.test(ds.rejected[2].message), ds.rejected[2].message);
    const kept = Dataset.fromEvents(reportEvents.filter((_, i) => ![2, 4, 6, 8].includes(i)));
    t.deepEqual(ds.cxReport(), kept.cxReport());
    ds.free();
    kept.free();
  });

  t.test("fromColumns: NaN is \"no value\" for value; for a survey answer's score it is an error", () => {
    const columns = reportColumns();
    const value = Float64Array.from(columns.value, (v) => v ?? NaN);
    const ds = Dataset.fromColumns({ ...columns, value });
    t.equal(ds.cxReport().overall.nps.responses, 2);
    ds.free();
    value[3] = Infinity;
    throwsCode(() => Dataset.fromColumns({ ...columns, value }), 'OUT_OF_RANGE', { record: 'record 4', field: 'value' });
    const survey = columns.survey.indexOf('nps');
    const score = columns.score.map((s, i) => (i === survey ? NaN : s));
    throwsCode(() => Dataset.fromColumns({ ...columns, score }), 'INVALID_RECORD', { record: `record ${survey + 1}`, field: 'score' });
    const outOfRange = columns.score.map((s, i) => (i === survey ? 11 : s));
    throwsCode(() => Dataset.fromColumns({ ...columns, score: outOfRange }), 'OUT_OF_RANGE', { record: `record ${survey + 1}`, field: 'score' });
  });

  t.test('fromColumns: strings with a lone surrogate are refused naming the row and column, never read as U+FFFD', () => {
    const columns = { customerId: ['a\ud800', 'a\udbff', 'b'], timestamp: [0, 1, 2], channel: ['web', 'web', 'web'], kind: ['click', 'click', 'click'] };
    throwsCode(() => Dataset.fromColumns(columns), 'INVALID_RECORD', { record: 'record 1', field: 'customerId' });
    const ds = Dataset.fromColumns(columns, 'lenient');
    t.equal(ds.customerCount, 1);
    t.deepEqual(ds.rejected.map((r) => [r.code, r.record, r.field]), [['INVALID_RECORD', 'record 1', 'customerId'], ['INVALID_RECORD', 'record 2', 'customerId']]);
    ds.free();
    // Well-formed text with U+FFFD itself, or a surrogate pair, is read as it is.
    const fine = Dataset.fromColumns({ ...columns, customerId: ['x\ufffd', 'x\ud83d\ude00', 'b'] });
    t.equal(fine.customerCount, 3);
    fine.free();
  });

  // --- churn risk and lifetime value ----------------------------------------------------

  // CDNOW's customers in weeks, and lifetimes' fitted parameters, from the shared vectors.
  const valueCases = (await t.fetchJson('/vectors/value.json')).cases.map(jsCase);
  const cdnow = valueCases.find((c) => c.op === 'fit_purchase_model' && c.input.options?.model === 'bg_nbd').input.histories;
  const ltvCase = valueCases.find((c) => c.op === 'lifetime_value').input;
  const same = (a, b) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

  t.test('a fitted PurchaseModel saved with JSON.stringify predicts identically after fromJSON', () => {
    const fitted = w.fitPurchaseModel({ ...cdnow, unit: 'week' });
    const text = JSON.stringify(fitted);
    const loaded = w.PurchaseModel.fromJSON(text);
    t.ok(loaded instanceof w.PurchaseModel, 'a PurchaseModel');
    t.deepEqual(loaded.toJSON(), fitted.toJSON(), 'the same model, every field');
    t.deepEqual(Object.keys(JSON.parse(text)).sort(), ['customers', 'distinctHistories', 'iterations', 'logLikelihood', 'model', 'params', 'standardErrors', 'unit', 'unitMultiplier']);
    const a = fitted.predict({ ...cdnow, unit: 'week' }, 39);
    const b = loaded.predict({ ...cdnow, unit: 'week' }, 39);
    t.ok(a.probabilityAlive instanceof Float64Array && a.expectedPurchases instanceof Float64Array, 'columns are Float64Arrays');
    t.equal(a.customerId.length, 2357);
    t.ok(same(a.probabilityAlive, b.probabilityAlive), 'probabilityAlive bit for bit');
    t.ok(same(a.expectedPurchases, b.expectedPurchases), 'expectedPurchases bit for bit');
    // The object form, and the snake_case form a Python or Rust program saves, read the same.
    const snake = { ...fitted.toJSON(), standard_errors: fitted.standardErrors, log_likelihood: fitted.logLikelihood, distinct_histories: fitted.distinctHistories, unit_multiplier: 1 };
    for (const k of ['standardErrors', 'logLikelihood', 'distinctHistories', 'unitMultiplier']) delete snake[k];
    for (const saved of [fitted.toJSON(), snake]) {
      const m = w.PurchaseModel.fromJSON(saved);
      t.ok(same(m.predict({ ...cdnow, unit: 'week' }, 39).expectedPurchases, a.expectedPurchases), 'read back exactly');
    }
    t.equal(fitted.unit, 'week');
    t.equal(fitted.customers, 2357);
    t.ok(Math.abs(fitted.params.r - 0.2426) < 1e-3, `r = ${fitted.params.r}`);
    fitted.free();
    loaded.free();
  });

  t.test('models passed as arguments stay usable; saved ones are accepted in their place', () => {
    const pm = w.PurchaseModel.fromJSON(ltvCase.purchaseModel);
    const sm = w.SpendModel.fromJSON(ltvCase.spendModel);
    const first = w.lifetimeValue(pm, sm, ltvCase.histories, ltvCase.options);
    const again = w.lifetimeValue(pm, sm, ltvCase.histories, ltvCase.options);
    const saved = w.lifetimeValue(pm.toJSON(), JSON.stringify(sm), ltvCase.histories, ltvCase.options);
    t.ok(first.clv instanceof Float64Array);
    t.ok(same(first.clv, again.clv) && same(first.clv, saved.clv), 'the same values each time');
    t.equal(pm.model, 'bg_nbd');
    t.equal(sm.params.p, ltvCase.spendModel.params.p);
    const risk = w.churnRisk(pm, ltvCase.histories, { spendModel: sm, threshold: 0.5 });
    t.equal(risk.customers, ltvCase.histories.frequency.length);
    t.ok(risk.valueAtRisk > 0 && risk.rows[0].rank === 1, 'ranked by value at risk');
    t.ok(risk.rows.every((r, i) => i === 0 || r.valueAtRisk <= risk.rows[i - 1].valueAtRisk), 'descending');
    const withoutSpend = w.churnRisk(pm, ltvCase.histories);
    t.equal(withoutSpend.valueAtRisk, null);
    t.equal(withoutSpend.rows[0].clv, null);
    t.equal(sm.expectedSpend(0, 0), sm.predict({ frequency: [0], monetaryValue: [0] }).expectedSpend[0]);
    throwsCode(() => w.lifetimeValue(sm, sm, ltvCase.histories), 'INVALID_CONFIG', { field: 'model' });
    throwsCode(() => w.lifetimeValue(42, sm, ltvCase.histories), 'INVALID_ARGUMENT', { field: 'purchaseModel' });
    pm.free();
    sm.free();
  });

  t.test('purchaseHistories: from a dataset and from transaction columns alike', () => {
    const tx = {
      customerId: ['a', 'b', 'a', 'a'],
      timestamp: ['2026-01-01T10:00:00Z', new Date('2026-01-02T00:00:00Z'), Date.parse('2026-01-03T00:00:00Z'), '2026-01-06T12:00:00Z'],
      value: [10, 5, 20, 30],
    };
    const h = w.purchaseHistories(tx);
    t.deepEqual(h.customerId, ['a', 'b']);
    t.ok(h.T instanceof Float64Array && !('t' in h), 'T keeps its name');
    t.deepEqual([...h.frequency], [2, 0]);
    t.deepEqual([...h.recency], [5, 0]);
    t.deepEqual([...h.T], [5, 4]);
    t.deepEqual([...h.monetaryValue], [25, 0]);
    t.equal(h.unit, 'day');
    const events = tx.customerId.map((c, i) => ({ customerId: c, timestamp: tx.timestamp[i], channel: 'web', kind: 'purchase', value: tx.value[i] }));
    const ds = Dataset.fromEvents(events);
    t.deepEqual(vectors.plain(ds.purchaseHistories()), vectors.plain(h));
    const split = ds.purchaseHistories({ calibrationEnd: '2026-01-03T12:00:00Z', unit: 'day' });
    t.deepEqual([...split.holdout.frequency], [1, 0]);
    ds.free();
    throwsCode(() => w.purchaseHistories({ ...tx, timestamp: ['2026-01-01', 'soon', 0, 0] }), 'INVALID_RECORD', { record: 'record 2', field: 'timestamp' });
    throwsCode(() => w.purchaseHistories({ ...tx, customerId: ['a', null, 'a', 'a'] }), 'INVALID_RECORD', { record: 'record 2', field: 'customerId' });
    throwsCode(() => w.purchaseHistories({ ...tx, value: [1, 2, NaN, 4] }), 'OUT_OF_RANGE', { record: 'record 3', field: 'value' });
    throwsCode(() => w.purchaseHistories({ ...tx, value: [1, 2] }), 'INVALID_ARGUMENT', { field: 'value' });
    throwsCode(() => w.purchaseHistories({ ...tx, when: [] }), 'INVALID_ARGUMENT', { field: 'when' });
    throwsCode(() => w.purchaseHistories(tx, { unitMultiplier: 0 }), 'INVALID_CONFIG', { field: 'unitMultiplier' });
    throwsCode(() => w.purchaseHistories(tx, { unit_multiplier: 2 }), 'INVALID_CONFIG');
  });

  t.test('value errors: codes, records and fields (NOT_CONVERGED included)', () => {
    throwsCode(() => w.fitPurchaseModel(cdnow, { maxIterations: 1 }), 'NOT_CONVERGED');
    throwsCode(() => w.fitPurchaseModel({ frequency: [1, 2], recency: [1, 5], T: [3, 4] }), 'OUT_OF_RANGE', { record: 'record 2', field: 'recency' });
    throwsCode(() => w.fitPurchaseModel({ frequency: [1, 0], recency: [1, 0], T: [3, -4] }), 'OUT_OF_RANGE', { record: 'record 2', field: 'T' });
    throwsCode(() => w.fitPurchaseModel({ frequency: [1, 'x'], recency: [1, 1], T: [3, 3] }), 'INVALID_ARGUMENT', { record: 'record 2', field: 'frequency' });
    throwsCode(() => w.fitPurchaseModel({ frequency: [1], recency: [1], t: [3] }), 'INVALID_ARGUMENT', { field: 't' });
    throwsCode(() => w.fitPurchaseModel({ frequency: [1], recency: [1] }), 'INVALID_ARGUMENT', { field: 'T' });
    throwsCode(() => w.fitPurchaseModel(cdnow, { model: 'bgnbd' }), 'INVALID_CONFIG', { field: 'model' });
    throwsCode(() => w.fitSpendModel({ frequency: [1, 2], monetaryValue: [5, 0] }), 'OUT_OF_RANGE', { record: 'record 2', field: 'monetaryValue' });
    throwsCode(() => w.fitSpendModel({ frequency: [1] }), 'INVALID_ARGUMENT', { field: 'monetaryValue' });
    const pm = w.PurchaseModel.fromParams('bg_nbd', { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, { unit: 'week' });
    throwsCode(() => w.lifetimeValue(pm, ltvCase.spendModel, { ...ltvCase.histories, unit: 'day' }), 'INVALID_CONFIG', { field: 'unit' });
    throwsCode(() => w.lifetimeValue(pm, ltvCase.spendModel, ltvCase.histories, { discountRate: -1 }), 'INVALID_CONFIG', { field: 'discountRate' });
    throwsCode(() => w.churnRisk(pm, ltvCase.histories, { threshold: 2 }), 'INVALID_CONFIG', { field: 'threshold' });
    throwsCode(() => w.calibrationReport(pm, ltvCase.histories), 'INVALID_CONFIG', { field: 'holdout' });
    throwsCode(() => pm.predict(ltvCase.histories, -1), 'INVALID_CONFIG', { field: 'horizon' });
    throwsCode(() => pm.probabilityAlive(1, 'a', 3), 'INVALID_ARGUMENT', { field: 'recency' });
    throwsCode(() => pm.probabilityOfPurchases(1.5, 3), 'INVALID_ARGUMENT', { field: 'n' });
    throwsCode(() => w.PurchaseModel.fromParams('bg_nbd', { r: 1, alpha: 1, a: 1 }), 'INVALID_CONFIG', { field: 'params' });
    throwsCode(() => w.PurchaseModel.fromJSON('{"model": "bg_nbd",'), 'INVALID_ARGUMENT', { field: 'json' });
    throwsCode(() => w.PurchaseModel.fromJSON({ model: 'bg_nbd', params: { r: 1, alpha: 1, a: 1, b: 1 }, extra: 1 }), 'INVALID_CONFIG');
    t.ok(Math.abs(pm.probabilityAlive(0, 0, 10) - 1) < 1e-12, 'no repeat purchase: alive (BG/NBD)');
    t.ok(Math.abs(pm.probabilityOfPurchases(0, 0) - 1) < 1e-12, 'nothing bought in no time');
    pm.free();
  });

  // --- panics (LAST: they re-instantiate the module) ------------------------------------

  // --- sentiment ----------------------------------------------------------------------
  t.test('sentiment: a string and its UTF-8 bytes agree; bad bytes name the record', () => {
    const text = 'Not bad at all, would order again!';
    const s = w.sentiment(text, { detectLanguage: false });
    t.equal(s.label, 'positive');
    t.deepEqual(w.sentiment(new TextEncoder().encode(text), { detectLanguage: false }), s);
    throwsCode(() => w.sentiments(['ok', new Uint8Array([0x6f, 0xff])]), 'INVALID_RECORD', { record: 'record 2', field: 'text' });
    throwsCode(() => w.sentiments(['ok', null]), 'INVALID_RECORD', { record: 'record 2', field: 'text' });
    throwsCode(() => w.sentiment(42), 'INVALID_ARGUMENT', { field: 'text' });
    throwsCode(() => w.sentiments('one text'), 'INVALID_ARGUMENT', { field: 'texts' });
    throwsCode(() => w.SentimentAnalyzer.withLexicons([{}]), 'INVALID_ARGUMENT', { record: 'record 1', field: 'lexicons' });
    throwsCode(() => w.sentiment('ok', { threshold: 2 }), 'INVALID_CONFIG', { field: 'threshold' });
  });

  t.test('sentiment: a Lexicon stays usable after an analyzer took it; stale after a panic', () => {
    const lexicon = w.Lexicon.english();
    lexicon.setWord('refund', -1.5);
    const analyzer = w.SentimentAnalyzer.withLexicons([lexicon]);
    t.equal(analyzer.score('I asked for a refund').compound, -0.3612);
    lexicon.setWord('refund', 1.5);
    t.equal(analyzer.score('I asked for a refund').compound, -0.3612, 'the analyzer holds its own copy');
    t.equal(lexicon.valence('refund'), 1.5);
    try {
      w._panicForTests();
    } catch (err) {
      t.equal(err.code, 'INTERNAL');
    }
    throwsCode(() => analyzer.score('ok'), 'INTERNAL');
    throwsCode(() => lexicon.valence('good'), 'INTERNAL');
    analyzer.free();
    lexicon.free();
    t.equal(w.sentiment('great', { detectLanguage: false }).compound, 0.6249, 'a fresh instance scores');
  });

  t.test('a panic becomes an INTERNAL Error, and the module keeps working', () => {
    const before = w.nps([10, 9, 8, 3]);
    const err = throwsCode(() => w._panicForTests(), 'INTERNAL', { record: null, field: null });
    t.ok(err instanceof TouchpointError, 'a panic throws a TouchpointError');
    t.ok(err.message.includes('deliberate panic'), err.message);
    t.ok(!(err instanceof WebAssembly.RuntimeError), 'not a RuntimeError');
    t.deepEqual(w.nps([10, 9, 8, 3]), before, 'a fresh instance computes the same');
    throwsCode(() => w._panicForTests(), 'INTERNAL'); // the hook is installed in the new instance too
    const ds = Dataset.fromEvents(EVENTS);
    t.equal(ds.cxReport().overall.nps.nps, 0);
    ds.free();
  });

  t.test('after a panic, older Datasets throw INTERNAL and their free() does nothing', () => {
    const old = Dataset.fromEvents(EVENTS);
    const other = Dataset.fromEvents(EVENTS.slice(0, 2));
    const oldModel = w.PurchaseModel.fromParams('bg_nbd', { r: 1, alpha: 1, a: 1, b: 1 });
    try {
      w._panicForTests();
    } catch (err) {
      t.equal(err.code, 'INTERNAL');
    } finally {
      old.free(); // the usual cleanup: must not touch the new instance's memory
    }
    const fresh = Dataset.fromEvents(EVENTS.slice(0, 3));
    const stale = throwsCode(() => other.summary(), 'INTERNAL');
    t.ok(stale instanceof TouchpointError, 'a stale object throws the same class');
    t.ok(/created before an internal error/.test(stale.message), stale.message);
    throwsCode(() => other.eventCount, 'INTERNAL');
    throwsCode(() => other.cxReport(), 'INTERNAL');
    other.free();
    other.free();
    throwsCode(() => oldModel.probabilityAlive(1, 1, 2), 'INTERNAL');
    throwsCode(() => w.churnRisk(oldModel, { frequency: [1], recency: [1], T: [2] }), 'INTERNAL');
    oldModel.free();
    const freshModel = w.PurchaseModel.fromParams('bg_nbd', { r: 1, alpha: 1, a: 1, b: 1 });
    t.equal(w.churnRisk(freshModel, { frequency: [1], recency: [1], T: [2] }).customers, 1, 'new models work');
    t.equal(fresh.eventCount, 3, 'the new dataset is intact');
    t.equal(fresh.cxReport().overall.nps.responses, 1);
    fresh.free();
    t.deepEqual(
      [w.nps([10, 9, 8, 3]).nps, w.csat([5, 4, 1]).csat, w.ces([7, 1]).mean],
      [25, 200 / 3, 4],
      'later calls compute correctly',
    );
  });
}
