// The thread setting in the browser (setThreads / threads): one thread whatever the setting,
// which is still checked as in Node, so code written for Node runs unchanged.

export async function run(t) {
  const { Dataset, TouchpointError, setThreads, threads } = t.wasm;

  const throwsCode = (fn, code, field) => {
    const e = t.throws(fn);
    t.ok(e instanceof TouchpointError, `a TouchpointError: ${e}`);
    t.equal(e.code, code, e.message);
    t.equal(e.field, field);
  };

  t.test('parallel: the browser has one thread; the setting changes no result', () => {
    const events = [];
    for (let c = 0; c < 3000; c++) {
      const e = { customerId: `c${c}`, timestamp: 1_767_225_600_000 + c * 60_000, channel: 'web', kind: c % 3 ? 'page_view' : 'purchase' };
      events.push(c % 3 ? e : { ...e, value: 5 });
    }
    const ds = Dataset.fromEvents(events);
    const before = JSON.stringify(ds.overview());
    setThreads(4);
    t.equal(threads(), 1);
    t.equal(JSON.stringify(ds.overview()), before);
    setThreads(0);
    t.equal(threads(), 1);
  });

  t.test('parallel: a bad thread count is refused as in Node', () => {
    for (const bad of [-1, 1025, 1.5, NaN]) throwsCode(() => setThreads(bad), 'INVALID_CONFIG', 'threads');
    for (const bad of ['2', null, undefined]) throwsCode(() => setThreads(bad), 'INVALID_ARGUMENT', 'threads');
  });
}
