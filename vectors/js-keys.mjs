// The JavaScript spelling of the shared vectors, for both JS runners (Node:
// bindings-node/test/vectors.test.mjs; browser: bindings-wasm/test/vectors.test.mjs, which loads
// this file as /vectors/js-keys.mjs from the repository root the test server serves).
//
// The vectors keep one canonical form, the core's serde form: snake_case keys. JavaScript users
// write options and events, and read results, with struct fields in camelCase (`perCustomer`,
// `customerId`, `conversionRate`), while keys that are data stay exactly as written: channel,
// stage, segment and kind names, event properties and traits. Both packages convert with
// touchpoint::camel_case (core/src/camel_case), which knows struct from map through serde; this
// module does the same for the vectors' JSON, which does not say which is which, so it lists
// the keys whose objects are data. Same conversion rule as the core:
//   snake → camel: a `_` followed by a lowercase ASCII letter is dropped and the letter
//                  uppercased (`top_3` stays `top_3`);
//   camel → snake: each ASCII uppercase letter X becomes `_x`.
// Also the vectors' subset matcher (`mismatch`, vectors/README.md). No import, no DOM or Node
// API: it runs unchanged in Node and in the browser.

/** `conversion_rate` → `conversionRate`. */
export const snakeToCamel = (key) => key.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** `conversionRate` → `conversion_rate`: the inverse of `snakeToCamel` on snake_case keys. */
export const camelToSnake = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Keys (snake spelling) whose value, when an object, is a map from data to values: its own keys
 * are data and are never converted; its values are converted as usual (`by_channel.email` is a
 * `SurveyScores`, whose fields are camelCase). Every `BTreeMap<String, _>` field of the core's
 * options and results.
 */
export const DATA_MAPS = new Set([
  'by_channel', // cx report, sessions: channel name → scores / statistics
  'by_group', // engagement: channel or trait value → metrics
  'stage_map', // options and the cxReport argument: event kind → stage
  'weights', // engagement score: kind → weight; pain points: signal → weight
  'channel_weights', // engagement score: channel → weight
  'trend_counts', // engagement score: trend → customers
  'answers', // event records: survey metric → score
  'classes', // bad_input.json (not a core field): class id (`B07`) → its description
  'words', // sentiment.json (not a core field): a lexicon's word → valence
  'computed_traits', // the live engine's customer state: trait name → value (in options, a list)
]);

/**
 * Field keys spelled the same in every language, never respelled: `T`, a customer's age in the
 * purchase histories (the literature's and lifetimes' name; `camelToSnake` would make it `_t`).
 */
export const VERBATIM = new Set(['T']);

/** Keys (snake spelling) whose whole value is data, at any depth: free-form JSON (`rows`: the
 * rows of `experiment_from_rows`, keyed by the user's column names; `responses`,
 * `invitations`, `earlier` and `later`: survey rows of survey.json, keyed by question ids;
 * `comments`: the comment rows of voice.json). */
export const OPAQUE = new Set(['properties', 'traits', 'rows', 'responses', 'invitations', 'earlier', 'later', 'comments']);

/**
 * Keys (snake spelling) of lists whose elements errors name by their `name` instead of their
 * index (`rules.vip.rule`, `segments.vip.r`): in a path, the segment after one is data.
 */
export const NAMED_LISTS = new Set(['rules', 'segments', 'computed_traits']);

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A copy of `value` with its field keys respelled by `respell` (a key function), data keys kept.
 * `snake(key)` gives a key's snake spelling, by which the lists above are looked up.
 */
function respellKeys(value, respell, snake) {
  if (Array.isArray(value)) return value.map((v) => respellKeys(v, respell, snake));
  if (!isObject(value)) return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    const name = snake(key);
    let converted;
    // A generated input (`$repeat`, `$nest`, …: vectors/README.md) is kept as written.
    if (key.startsWith('$')) {
      out[key] = v;
      continue;
    }
    if (OPAQUE.has(name)) converted = v;
    else if (DATA_MAPS.has(name) && isObject(v)) {
      converted = {};
      for (const [data, inner] of Object.entries(v)) converted[data] = respellKeys(inner, respell, snake);
    } else converted = respellKeys(v, respell, snake);
    out[VERBATIM.has(key) ? key : respell(key)] = converted;
  }
  return out;
}

/** `value` (vector JSON, snake_case) as a JavaScript user writes or reads it. */
export const toCamel = (value) => respellKeys(value, snakeToCamel, (k) => k);

/** The inverse of `toCamel`: a JavaScript value back in the vectors' snake_case. */
export const toSnake = (value) => respellKeys(value, camelToSnake, camelToSnake);

/** The segments of a path: `steps[1].within_seconds` → `steps`, `[1]`, `within_seconds`. */
const segments = (path) => path.match(/\[[^\]]*\]|[^.[\]]+/g) ?? [];

/**
 * A field path an error names (`steps[1].within_seconds`, `weights.page_view`,
 * `rules.pro_buyers.rule`), each field segment respelled, data segments kept: the segment after
 * a data map or a named list, and everything after an opaque key.
 */
function respellPath(path, respell, snake) {
  let out = '';
  let data = false; // the next segment is data
  let opaque = false; // every segment from here on is data
  for (const seg of segments(path)) {
    if (seg.startsWith('[')) {
      out += seg;
      continue;
    }
    const name = snake(seg);
    out += (out ? '.' : '') + (data || opaque || VERBATIM.has(seg) ? seg : respell(seg));
    if (!data && !opaque) opaque = OPAQUE.has(name);
    data = !data && !opaque && (DATA_MAPS.has(name) || NAMED_LISTS.has(name));
  }
  return out;
}

/** A vector error path as a JavaScript error names it: `steps[1].withinSeconds`. */
export const pathToCamel = (path) => respellPath(path, snakeToCamel, (k) => k);

/** The inverse of `pathToCamel`. */
export const pathToSnake = (path) => respellPath(path, camelToSnake, camelToSnake);

/**
 * The ops whose errors name what the user's text names (CSV columns, Segment fields such as
 * `userId` or `properties.score`): their error fields are kept as written.
 */
export const TEXT_OPS = new Set(['read_csv', 'read_segment']);

/**
 * `expected` with the `field` of each of its `rejected` records respelled by `respell`, unless
 * the op reads text (whose rejections name the text's own fields, as its errors do).
 */
function respellRejected(op, expected, respell) {
  if (TEXT_OPS.has(op) || !isObject(expected) || !Array.isArray(expected.rejected)) return expected;
  const rejected = expected.rejected.map((r) => (typeof r?.field === 'string' ? { ...r, field: respell(r.field) } : r));
  return { ...expected, rejected };
}

/**
 * A vector case in JavaScript spelling: `input` (the arguments as a JS user writes them,
 * `input.stageMap` for `stage_map`), `expected` (the result as JS reads it), and `error` with
 * its `field` respelled unless the op reads text.
 */
export function jsCase(c) {
  const out = { ...c, input: toCamel(c.input) };
  if ('expected' in c) out.expected = respellRejected(c.op, toCamel(c.expected), pathToCamel);
  if ('error' in c) {
    out.error = { ...c.error };
    if (typeof c.error.field === 'string' && !TEXT_OPS.has(c.op)) out.error.field = pathToCamel(c.error.field);
  }
  return out;
}

/** The inverse of `jsCase`: the canonical case back from its JavaScript spelling. */
export function canonicalCase(c) {
  const out = { ...c, input: toSnake(c.input) };
  if ('expected' in c) out.expected = respellRejected(c.op, toSnake(c.expected), pathToSnake);
  if ('error' in c) {
    out.error = { ...c.error };
    if (typeof c.error.field === 'string' && !TEXT_OPS.has(c.op)) out.error.field = pathToSnake(c.error.field);
  }
  return out;
}

/**
 * Every object key of `value`, with whether it is a field (converted) or data, as
 * `[key, isField]` pairs: what the round-trip test walks.
 */
export function keysOf(value, field = true, out = []) {
  if (Array.isArray(value)) {
    for (const v of value) keysOf(v, field, out);
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith('$')) continue; // a generated input: its keys are not fields
      out.push([key, field && !VERBATIM.has(key)]); // a verbatim key is not respelled
      const name = field ? key : null;
      if (OPAQUE.has(name) || !field) keysOf(v, false, out);
      else if (DATA_MAPS.has(name) && isObject(v)) {
        for (const [data, inner] of Object.entries(v)) {
          out.push([data, false]);
          keysOf(inner, true, out);
        }
      } else keysOf(v, true, out);
    }
  }
  return out;
}

/** The default tolerance of a number (absolute, or relative above 1); a case may set its own (`tolerance`). */
export const TOLERANCE = 1e-9;

/**
 * The vectors' subset match (vectors/README.md, as core/tests/vectors.rs): every key of
 * `expected` must be in `actual` with an equal value (numbers within `tolerance`, by default 1e-9, absolute or relative;
 * arrays of equal length); a key missing from `actual` is fine only when `null` is expected.
 * Returns null, or the first difference with its path.
 */
export function mismatch(expected, actual, path = '', tolerance = TOLERANCE) {
  const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const [ke, ka] = [kind(expected), kind(actual)];
  if (ke === 'number' && ka === 'number') {
    return Math.abs(expected - actual) <= tolerance * Math.max(Math.abs(expected), 1)
      ? null
      : `${path}: expected ${expected}, got ${actual}`;
  }
  if (ke === 'object' && ka === 'object') {
    for (const [k, ev] of Object.entries(expected)) {
      if (Object.hasOwn(actual, k)) {
        const why = mismatch(ev, actual[k], `${path}.${k}`, tolerance);
        if (why) return why;
      } else if (ev !== null) {
        return `${path}.${k}: missing`;
      }
    }
    return null;
  }
  if (ke === 'array' && ka === 'array') {
    if (expected.length !== actual.length) {
      return `${path}: expected ${expected.length} items, got ${actual.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const why = mismatch(expected[i], actual[i], `${path}[${i}]`, tolerance);
      if (why) return why;
    }
    return null;
  }
  if (ke === ka && (ke === 'string' || ke === 'boolean' || ke === 'null') && expected === actual) return null;
  return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
