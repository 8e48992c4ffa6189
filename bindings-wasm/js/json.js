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

// The first thing JSON text cannot carry faithfully in a record or options object, as
// [path, kind]: a field nesting deeper than 64 levels (limits::MAX_DEPTH; a cycle is
// infinitely deep: the walk stops there) ('deep'), or text with a lone surrogate, which
// JSON.stringify escapes and no UTF-8 reader accepts ('unicode'). Undefined if none. The Node
// package has the same (bindings-node/src/js.rs, `problem`): keep the two the same.
function problem(v, max, path) {
  if (typeof v === 'string') return v.isWellFormed() ? null : [path, 'unicode'];
  if (typeof v !== 'object' || v === null || v instanceof Date) return null;
  if (max === 0) return [path, 'deep'];
  const list = Array.isArray(v);
  for (const k of list ? v.keys() : Object.keys(v)) {
    const here = list ? `${path}[${k}]` : path === '' ? k : `${path}.${k}`;
    if (!list && !k.isWellFormed()) return [here, 'unicode'];
    const found = problem(v[k], max - 1, here);
    if (found) return found;
  }
  return null;
}

export function problemForTouchpoint(value) {
  return problem(value, 65, '') ?? undefined;
}

// The UTF-16 code units of a string, for text with a lone surrogate (src/convert.rs,
// `text_arg`): one crossing instead of one per character.
export function codeUnits(text) {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

// The NaN and ±Infinity numbers in a record's fields and one level inside them (`value`,
// `answers.nps`, `survey.score`), as [path, text]: `keep` writes them as text, and the binding
// then reports them as the core reports such a number (OUT_OF_RANGE). The Node package has
// the same (bindings-node/src/js.rs, `nonFinite`): keep the two the same.
export function nonFinite(record) {
  const out = [];
  const add = (v, path) => {
    if (typeof v === 'number' && !Number.isFinite(v)) out.push([path, String(v)]);
  };
  if (typeof record !== 'object' || record === null) return out;
  for (const k of Object.keys(record)) {
    const v = record[k];
    add(v, k);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) for (const j of Object.keys(v)) add(v[j], `${k}.${j}`);
  }
  return out;
}
