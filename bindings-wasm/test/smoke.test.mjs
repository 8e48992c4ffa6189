// DEMO test module: exercises the harness against the throwaway crate used to
// verify scripts/build-wasm.sh (exports summarize / parse_json / always_fails).
// Replace with real touchpoint-wasm tests. Contract: export async run(t).
export async function run(t) {
  const w = t.wasm;

  t.test('serde struct comes back as a plain object', () => {
    const s = w.summarize('abc', [1, 2.5]);
    t.deepEqual(s, { name: 'abc', count: 2, values: [1, 2.5] });
  });

  // serde-wasm-bindgen defaults: maps -> Map, unit/null -> undefined
  // (use Serializer::json_compatible() for plain objects and null).
  t.test('serde_json value round-trips', () => {
    t.deepEqual(w.parse_json('{"a":[1,null,"x"]}'), new Map([['a', [1, undefined, 'x']]]));
  });

  t.test('Err(js_sys::Error) is thrown as a JS Error', () => {
    const err = t.throws(() => w.always_fails('boom'), Error);
    t.equal(err.message, 'boom');
  });

  t.test('bad json surfaces the serde_json message', () => {
    t.throws(() => w.parse_json('{'), /bad json: EOF/);
  });

  t.test('static server serves the repo (fetchJson)', async () => {
    const pkg = await t.fetchJson(new URL('package.json', import.meta.url));
    t.equal(pkg.type, 'module');
  });
}
