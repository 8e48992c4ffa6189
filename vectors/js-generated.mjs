// The generated and host-only inputs of the shared vectors (vectors/README.md, "Generated and
// host-only inputs"), expanded into JavaScript values by both JS runners (Node:
// bindings-node/test/vectors.test.mjs; browser: bindings-wasm/test/vectors.test.mjs). No import,
// no DOM or Node API. `$utf8_bytes` has no JavaScript form (a string is UTF-16): such a case says
// `"skip": {"js": "why"}`.

const encodingOf = (v) => Object.keys(v).find((k) => k.startsWith('$'));

/** `v` with every `$`-object replaced by the value it describes (built without recursion
 * into the generated value, so a 10,000-deep `$nest` costs no stack here). */
export function expand(v) {
  if (Array.isArray(v)) return v.map(expand);
  if (typeof v !== 'object' || v === null) return v;
  const enc = encodingOf(v);
  if (enc === undefined) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
  switch (enc) {
    case '$repeat':
      return expand(v.$repeat).repeat(v.times);
    case '$concat':
      return v.$concat.map(expand).join('');
    case '$list':
      return Array.from({ length: v.times }, () => expand(v.$list));
    case '$nest': {
      let out = expand(v.$nest);
      for (let i = 0; i < v.depth; i++) out = { [v.key]: out };
      return out;
    }
    case '$wide': {
      const out = {};
      for (let i = 0; i < v.keys; i++) out[`${v.prefix}${i}`] = expand(v.$wide);
      return out;
    }
    case '$circular': {
      const out = expand(v.$circular);
      out.self = out;
      return out;
    }
    case '$number':
      return Number(v.$number); // "NaN", "Infinity", "-Infinity", "-0"
    case '$bigint':
      return BigInt(v.$bigint);
    case '$text_utf16': {
      let out = '';
      for (const unit of v.$text_utf16) out += String.fromCharCode(unit);
      return out;
    }
    default:
      throw new Error(`${enc} has no JavaScript form: the case needs skip.js`);
  }
}

/** `B07` of `B07 value NaN: …`: the class of a bad-input case. */
export const classOf = (name) => name.split(' ', 1)[0];

/**
 * The line the test command shows for the bad-input matrix: `tally` maps a class to
 * `{cases, passed, skipped}`; a class passes when every case of it that runs here passed.
 */
export function badInputLine(runtime, tally) {
  const all = Object.values(tally);
  const classes = all.filter((t) => t.passed > 0 && t.passed + t.skipped === t.cases).length;
  const cases = all.reduce((n, t) => n + t.cases - t.skipped, 0);
  const passed = all.reduce((n, t) => n + t.passed, 0);
  const skipped = all.reduce((n, t) => n + t.skipped, 0);
  return `bad_input (${runtime}): ${classes} of ${all.length} classes, ${passed} of ${cases} cases passed (${skipped} skipped: no JavaScript form)`;
}
