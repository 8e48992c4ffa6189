// The live engine in the browser (docs/guide-live.md): signals returned and passed to the
// onSignal callback, ids deduplicated, time passing, snapshots as Uint8Array, the errors.
// The numbers themselves are pinned by vectors/live.json (vectors.test.mjs).

const ev = (customerId, timestamp, kind, extra = {}) => ({ customerId, timestamp, channel: 'web', kind, ...extra });

export async function run(t) {
  const { LiveEngine, TouchpointError } = t.wasm;

  const throwsCode = (fn, code, field, record) => {
    const e = t.throws(fn);
    t.ok(e instanceof TouchpointError, `a TouchpointError: ${e}`);
    t.equal(e.code, code, e.message);
    if (field !== undefined) t.equal(e.field, field);
    if (record !== undefined) t.equal(e.record, record);
  };

  t.test('live: signals are returned and passed to onSignal, in order', () => {
    const heard = [];
    const engine = new LiveEngine({ segments: [{ name: 'buyers', rule: 'purchases >= 1' }] }, (s) => heard.push(s));
    const first = engine.push(ev('ana', '2026-03-02T09:00:00Z', 'page_view', { id: 'm1' }));
    const more = engine.push([ev('ana', new Date('2026-03-02T10:00:00Z'), 'purchase', { value: 30, id: 2 })]);
    t.deepEqual(heard, [...first, ...more]);
    t.deepEqual(more.map((s) => s.signal), ['stage_entered', 'health_band_changed', 'segment_entered']);
    t.deepEqual(engine.push([ev('ana', '2026-03-02T09:00:00Z', 'page_view', { id: 'm1' })]), []);
    t.equal(engine.stats.duplicates, 1);
    const later = engine.advance(new Date('2026-04-10T00:00:00Z'));
    t.deepEqual(later.slice(0, 2).map((s) => [s.signal, s.at]), [
      ['lifecycle_changed', '2026-03-09T00:00:00Z'],
      ['became_at_risk', '2026-04-01T10:00:00Z'],
    ]);
    const state = engine.customer('ana');
    t.deepEqual([state.lifecycleStatus, state.atRisk, state.segments], ['dormant', true, ['buyers']]);
    t.equal(engine.customer('nobody'), null);
    const back = LiveEngine.restore(engine.snapshot());
    t.deepEqual(back.customers(), engine.customers());
    t.deepEqual(back.advance('2026-06-01T00:00:00Z'), engine.advance('2026-06-01T00:00:00Z'));
    engine.free();
    back.free();
  });

  t.test('live: bad input is refused by name and a refused batch takes nothing', () => {
    const engine = new LiveEngine();
    const good = ev('c', '2026-03-02T09:00:00Z', 'click');
    throwsCode(() => engine.push([good, { ...good, id: 1.5 }]), 'INVALID_RECORD', 'id', 'record 2');
    throwsCode(() => engine.push([good, { ...good, timestamp: 'soon' }]), 'INVALID_RECORD', 'timestamp', 'record 2');
    t.equal(engine.stats.events, 0);
    throwsCode(() => new LiveEngine({ engagementScore: { scale: null } }), 'INVALID_CONFIG', 'engagementScore.scale');
    throwsCode(() => new LiveEngine(undefined, 'not a function'), 'INVALID_ARGUMENT', 'onSignal');
    const bytes = engine.snapshot();
    throwsCode(() => LiveEngine.restore(bytes.subarray(0, bytes.length - 2)), 'PARSE_ERROR');
    const later = Uint8Array.from(bytes);
    later[4] = 9;
    const e = t.throws(() => LiveEngine.restore(later));
    t.ok(/version 9, written by a later touchpoint/.test(e.message), e.message);
    engine.free();
  });
}
