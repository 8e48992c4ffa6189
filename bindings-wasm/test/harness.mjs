// Tiny in-browser test framework used by browser.html (no dependencies).
//
// A test module exports `async function run(t)` and registers tests with
// `t.test(name, fn)`; `fn` may be async and gets the same `t`. run() may await
// (e.g. to fetch fixtures) before registering. Available on `t`:
//   t.test(name, fn)             register a test
//   t.wasm                       the initialised wasm package module (set by the page)
//   t.fetchJson(url)             fetch + JSON.parse, e.g. t.fetchJson('/vectors/x.json')
//   t.ok(value, msg?)            assert truthy
//   t.equal(actual, expected, msg?)      assert Object.is
//   t.deepEqual(actual, expected, msg?)  assert structural equality (JSON-like values, Map, Set, Date)
//   t.throws(fn, match?, msg?)   assert fn throws (match: RegExp on message, or Error class); returns the error
//   t.rejects(fnOrPromise, match?, msg?) async version of throws
//
// Usage (see browser.html):
//   const runner = createRunner({ wasm });
//   await runner.load(await import('./smoke.test.mjs'), 'smoke');  // calls run(t)
//   const results = await runner.runAll();
//   // -> { passed, failed, failures: [{ name, message }], done: true }
// Each result is also logged to the console as "ok - name" / "not ok - name".

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (v) => {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, replacer) ?? String(v);
  } catch {
    return String(v);
  }
};
function replacer(_k, v) {
  if (v === undefined) return '<undefined>'; // JSON would print null in arrays
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Map) return { Map: [...v] };
  if (v instanceof Set) return { Set: [...v] };
  return v;
}

function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof Set) return a.size === b.size && [...a].every((v) => b.has(v));
  if (ArrayBuffer.isView(a)) return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

function checkError(err, match, msg) {
  if (match === undefined) return err;
  const message = err?.message ?? String(err);
  if (match instanceof RegExp ? match.test(message) : err instanceof match) return err;
  throw new AssertionError(`${msg ? msg + ': ' : ''}wrong error: ${err?.name}: ${message} (expected ${match})`);
}

export function createRunner({ wasm = null } = {}) {
  const tests = [];
  let prefix = '';

  const t = {
    wasm,
    test(name, fn) {
      if (typeof fn !== 'function') throw new TypeError(`test "${name}": fn must be a function`);
      tests.push({ name: prefix + name, fn });
    },
    async fetchJson(url) {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
      return res.json();
    },
    ok(value, msg = 'expected a truthy value') {
      if (!value) throw new AssertionError(`${msg} (got ${show(value)})`);
    },
    equal(actual, expected, msg) {
      if (!Object.is(actual, expected))
        throw new AssertionError(`${msg ? msg + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
    },
    deepEqual(actual, expected, msg) {
      if (!deepEqual(actual, expected))
        throw new AssertionError(`${msg ? msg + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
    },
    throws(fn, match, msg) {
      try {
        fn();
      } catch (err) {
        return checkError(err, match, msg);
      }
      throw new AssertionError(`${msg ? msg + ': ' : ''}expected an exception`);
    },
    async rejects(fnOrPromise, match, msg) {
      try {
        await (typeof fnOrPromise === 'function' ? fnOrPromise() : fnOrPromise);
      } catch (err) {
        return checkError(err, match, msg);
      }
      throw new AssertionError(`${msg ? msg + ': ' : ''}expected a rejection`);
    },
  };

  const results = { passed: 0, failed: 0, failures: [], done: false };
  const fail = (name, err) => {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    results.failed += 1;
    results.failures.push({ name, message });
    console.error(`not ok - ${name}\n  ${err?.stack ?? message}`);
  };

  return {
    t,
    /** Record a failure outside any test (e.g. a module that failed to import). */
    fail,
    /** Call a test module's run(t); names get "label: " as prefix. Never throws. */
    async load(mod, label = '') {
      prefix = label ? `${label}: ` : '';
      try {
        if (typeof mod?.run !== 'function') throw new TypeError('module does not export run(t)');
        await mod.run(t);
      } catch (err) {
        fail(`${prefix}<load>`, err);
      } finally {
        prefix = '';
      }
    },
    /** Run all registered tests in order; returns the results object (done: true). */
    async runAll() {
      for (const { name, fn } of tests) {
        try {
          await fn(t);
          results.passed += 1;
          console.log(`ok - ${name}`);
        } catch (err) {
          fail(name, err);
        }
      }
      results.done = true;
      return results;
    },
  };
}
