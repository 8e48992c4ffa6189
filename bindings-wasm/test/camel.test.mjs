// camelCase in, camelCase out (issue 7), in the browser: the sample data and the vectors' own
// events, read with camelCase inputs, give camelCase results equal to the shared vectors; inputs
// with snake_case keys are refused naming the camelCase key; errors name keys as written.

import { keysOf, mismatch, toCamel, toSnake } from '../../vectors/js-keys.mjs';

/** A vector event (snake_case) as a JavaScript user writes it, spelled out by hand. */
const jsEvent = ({ customer_id, ...rest }) => ({ customerId: customer_id, ...rest });

export async function run(t) {
  const { Dataset, TouchpointError } = t.wasm;
  const vector = async (file, name) => (await t.fetchJson(`/vectors/${file}`)).cases.find((c) => c.name === name);
  const report = await vector('cx_report.json', 'report: three customers');
  const journey = await vector('overview.json', 'overview: every analysis from one pass over the journey example');
  const sampleResponse = await fetch('/data/sample-events.ndjson');
  if (!sampleResponse.ok) throw new Error(`GET /data/sample-events.ndjson: HTTP ${sampleResponse.status}`);
  const sample = await sampleResponse.text();

  /** Calls fn, asserts it throws a TouchpointError with this code and field, returns it. */
  const throwsField = (fn, code, field, record) => {
    const err = t.throws(fn, TouchpointError, `expected ${code} naming ${field}`);
    t.equal(err.code, code, `code (message: ${err.message})`);
    t.equal(err.field, field, `field (message: ${err.message})`);
    if (record !== undefined) t.equal(err.record, record, 'record');
    return err;
  };

  /** Every field key of `result` is camelCase, and the snake spelling converts back to it. */
  const assertCamel = (result, what) => {
    const fields = keysOf(result).filter(([, isField]) => isField);
    t.ok(fields.length > 0, what);
    for (const [key] of fields) t.ok(!/_[a-z]/.test(key), `${what}: field ${key} is not camelCase`);
    t.deepEqual(toCamel(toSnake(result)), result, what);
  };

  t.test("the vectors' events, with camelCase inputs, give the vectors' results in camelCase", () => {
    const events = report.input.events.map(jsEvent);
    t.ok(events.every((e) => 'customerId' in e && !('customer_id' in e)));
    const ds = Dataset.fromEvents(events);
    const cx = ds.cxReport();
    ds.free();
    t.equal(mismatch(toCamel(report.expected), cx), null);
    t.ok('byChannel' in cx && 'stageDistribution' in cx && 'customersWithoutStage' in cx);
    assertCamel(cx, 'cxReport');

    const options = {
      funnel: { steps: ['page_view', 'add_to_cart', 'purchase'] },
      painPoints: { minEvidence: 1, top: 1 },
      pyramid: { minEvidence: 1 },
    };
    t.deepEqual(toSnake(options), journey.input.options, "the options, spelled by hand, are the vector's");
    const all = Dataset.fromEvents(journey.input.events.map(jsEvent));
    const overview = all.overview(options);
    all.free();
    t.equal(mismatch(toCamel(journey.expected), overview), null);
    t.ok(mismatch(journey.expected, overview) !== null, 'the snake_case result is not what JavaScript gets');
    assertCamel(overview, 'overview');
  });

  t.test('the sample data (Segment NDJSON) gives camelCase results; the overview equals each analysis alone', () => {
    const ds = Dataset.readSegment(sample, 'lenient');
    try {
      const calls = sample.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
      const ids = new Set(calls.map((c) => c.userId ?? c.anonymousId));
      const events = calls.filter((c) => ['track', 'page', 'screen'].includes(c.type)).length;
      const summary = ds.summary();
      t.deepEqual(Object.keys(summary), ['customers', 'events', 'firstEvent', 'lastEvent']);
      t.equal(summary.customers, ids.size);
      t.equal(summary.events, events - ds.rejected.length);

      // As core/tests/overview.rs does in Rust, with the options as JavaScript writes them.
      const options = {
        stageMap: { survey_response: 'own' },
        funnel: { steps: ['page_view', 'add_to_cart', 'purchase', 'survey_response', 'purchase'], windowSeconds: 2592000 },
        retention: { period: 'week', periods: 6 },
        painPoints: { minEvidence: 3 },
        pyramid: { minEvidence: 1 },
      };
      const all = ds.overview(options);
      t.deepEqual(Object.keys(all), ['cx', 'sessions', 'lifecycle', 'funnel', 'retention', 'rfm', 'journey', 'painPoints', 'pyramid']);
      t.deepEqual(all.cx, ds.cxReport({ survey_response: 'own' }));
      t.deepEqual(all.sessions, ds.sessions());
      t.deepEqual(all.lifecycle, ds.lifecycle({ stageMap: options.stageMap }));
      t.deepEqual(all.funnel, ds.funnel(options.funnel));
      t.deepEqual(all.retention, ds.retention(options.retention));
      t.deepEqual(all.rfm, ds.rfm());
      t.deepEqual(all.journey, ds.journeyMap());
      t.deepEqual(all.painPoints, ds.painPoints({ ...options.painPoints, stageMap: options.stageMap }));
      t.deepEqual(all.pyramid, ds.cxPyramid(options.pyramid));
      assertCamel(all, 'overview of the sample');
      t.ok(all.funnel.steps[2].customers > 0 && all.funnel.steps[2].conversionFromFirst > 0);
      t.ok(all.painPoints.ranked.length > 0);
      t.ok(all.rfm.scored > 0 && all.rfm.perCustomer[0].customerId.startsWith('cust-'));
      const channels = new Set(calls.map((c) => c.properties?.channel).filter(Boolean));
      for (const name of Object.keys(all.cx.byChannel)) t.ok(channels.has(name), `channel ${name}`);
    } finally {
      ds.free();
    }
  });

  t.test('fromEvents reads camelCase keys and names fields as written, in strict and lenient mode', () => {
    const ok = { customerId: 'a', timestamp: '2026-01-01T00:00:00Z', channel: 'web', kind: 'page_view', properties: { plan_tier: 'pro' } };
    const { customerId, ...noId } = ok;
    const snake = { customer_id: 'b', timestamp: 0, channel: 'web', kind: 'click' };
    const err = throwsField(() => Dataset.fromEvents([ok, snake]), 'INVALID_RECORD', 'customer_id', 'record 2');
    t.ok(/keys are camelCase: `customerId`/.test(err.message), err.message);
    const empty = throwsField(() => Dataset.fromEvents([{ ...ok, customerId: ' ' }]), 'INVALID_RECORD', 'customerId', 'record 1');
    t.ok(/field `customerId`: is only whitespace/.test(empty.message), empty.message);
    const ds = Dataset.fromEvents(
      [ok, noId, { ...ok, customerId: '' }, { ...ok, survey: { metric: 'nps', score: 11 } }, { ...ok, survey: { metric: 'nps' } }, snake],
      'lenient',
    );
    t.equal(ds.eventCount, 1);
    t.deepEqual(
      ds.rejected.map(({ record, field }) => [record, field]),
      [
        ['record 2', 'customerId'],
        ['record 3', 'customerId'],
        ['record 4', 'survey.score'],
        ['record 5', 'survey.score'],
        ['record 6', 'customer_id'],
      ],
    );
    t.ok(/missing field `customerId`/.test(ds.rejected[0].message), ds.rejected[0].message);
    ds.free();
  });

  t.test('options: camelCase keys in, errors naming them as written; data keys as written', () => {
    const ds = Dataset.fromEvents([
      { customerId: 'a', timestamp: '2026-03-01T09:00:00Z', channel: 'pop_up_shop', kind: 'page_view' },
      { customerId: 'a', timestamp: '2026-03-01T09:10:00Z', channel: 'pop_up_shop', kind: 'purchase', value: 5 },
    ]);
    try {
      const sessions = ds.sessions({ byChannel: true, perCustomer: true, inactivitySeconds: 60 });
      t.deepEqual(Object.keys(sessions.byChannel), ['pop_up_shop']);
      t.equal(sessions.inactivitySeconds, 60);
      t.deepEqual(sessions.perCustomer[0], { customerId: 'a', sessions: 2, events: 2, totalDurationSeconds: 0 });
      const snake = throwsField(() => ds.journeyMap({ path_length: 3 }), 'INVALID_CONFIG', 'path_length');
      t.ok(/keys are camelCase: `pathLength`/.test(snake.message), snake.message);
      throwsField(() => ds.journeyMap({ pathLength: 'long' }), 'INVALID_CONFIG', 'pathLength');
      const step = throwsField(() => ds.funnel({ steps: ['page_view', { kind: 'purchase', withinSeconds: -1 }] }), 'INVALID_CONFIG', 'steps[1].withinSeconds');
      t.ok(step.message.includes('`steps[1].withinSeconds`'), step.message);
      throwsField(() => ds.engagementScore({ halfLifeSeconds: 0 }), 'INVALID_CONFIG', 'halfLifeSeconds');
      throwsField(() => ds.engagementScore({ channelWeights: { pop_up_shop: -1 } }), 'INVALID_CONFIG', 'channelWeights.pop_up_shop');
      throwsField(() => ds.lifecycle({ stageMap: { add_to_cart: 'checkout' } }), 'INVALID_CONFIG', 'stageMap.add_to_cart');
      throwsField(() => ds.ruleSegments({ rules: [{ name: 'big_spenders', rule: 'revenue >' }] }), 'INVALID_CONFIG', 'rules.big_spenders.rule');
      throwsField(() => ds.cxReport({ add_to_cart: 'checkout' }), 'INVALID_CONFIG', 'stageMap.add_to_cart');
    } finally {
      ds.free();
    }
  });

  t.test('text readers name the fields of the text as written (CSV columns, Segment fields)', () => {
    throwsField(() => Dataset.readCsv('customer_id,timestamp,channel\na,2026-01-01,web\n'), 'INVALID_RECORD', 'kind', 'line 1');
    const ds = Dataset.readSegment('{"type":"track","event":"x","timestamp":"2026-01-01T00:00:00Z"}', 'lenient');
    t.deepEqual(ds.rejected.map((r) => r.field), ['userId']);
    ds.free();
  });
}
