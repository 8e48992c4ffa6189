// JSON.stringify that keeps what JSON would lose silently: NaN, Infinity and -Infinity are
// written as the strings "NaN", "Infinity", "-Infinity", so a numeric field holding one is
// refused by the core with its record and field named, instead of turning into null
// ("no value"). Runs entirely in JavaScript: no per-value crossing into wasm, no eval.
export function stringifyKeepingNonFinite(value) {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}
