// JSON.stringify that keeps what JSON would lose silently, writing it as text instead: NaN,
// Infinity and -Infinity ("NaN"), an invalid Date ("Invalid Date", where JSON writes null) and
// BigInts ("102", where JSON throws). So a number or time field holding one is refused by the
// core with its record (or option) and field named, instead of turning into null ("not
// given"), and a BigInt id stays exact. A function or symbol, which JSON would leave out,
// throws. Runs entirely in JavaScript: no per-value crossing into wasm, no eval. The Node
// package has the same replacer (bindings-node/src/js.rs): keep the two the same.
function keep(key, v) {
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return String(v);
  if (v === null && this[key] instanceof Date) return 'Invalid Date';
  if (typeof v === 'function' || typeof v === 'symbol') throw new TypeError(`a ${typeof v} (\`${key}\`) is not data`);
  return v;
}

export function stringifyForTouchpoint(value) {
  return JSON.stringify(value, keep);
}
