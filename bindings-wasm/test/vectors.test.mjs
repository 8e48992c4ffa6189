// Replays every case of the shared vectors (/vectors/*.json) through the wasm package, one
// test per case named "file: case name". Mirrors core/tests/vectors.rs: same dispatch, same
// subset matcher (numbers within 1e-9 absolute or relative; arrays of equal length; a key
// missing from the result is fine only when `null` is expected).
//
// The static server has no directory listings, so the files come from vector-files.json
// (every vectors/*.json; a check that it matches the directory belongs outside the browser).

const VECTORS = '/vectors/';

/** Subset match; returns null or the first difference, with its path. */
export function mismatch(expected, actual, path = '') {
  const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const [ke, ka] = [kind(expected), kind(actual)];
  if (ke === 'number' && ka === 'number') {
    return Math.abs(expected - actual) <= 1e-9 * Math.max(Math.abs(expected), 1)
      ? null
      : `${path}: expected ${expected}, got ${actual}`;
  }
  if (ke === 'object' && ka === 'object') {
    for (const [k, ev] of Object.entries(expected)) {
      if (Object.hasOwn(actual, k)) {
        const why = mismatch(ev, actual[k], `${path}.${k}`);
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
      const why = mismatch(expected[i], actual[i], `${path}[${i}]`);
      if (why) return why;
    }
    return null;
  }
  if (ke === ka && (ke === 'string' || ke === 'boolean' || ke === 'null') && expected === actual) return null;
  return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Runs one case's op the way core/tests/vectors.rs does; returns the result object. */
export function runOp(w, op, input) {
  switch (op) {
    case 'nps':
      return w.nps(input.answers);
    case 'csat':
      return w.csat(input.answers);
    case 'ces':
      return w.ces(input.answers);
    case 'cx_report': {
      const ds = w.Dataset.fromEvents(input.events);
      try {
        return ds.cxReport(input.stage_map);
      } finally {
        ds.free();
      }
    }
    case 'read_segment':
    case 'read_csv': {
      const mode = typeof input.mode === 'string' ? input.mode : 'strict';
      const read = op === 'read_csv' ? w.Dataset.readCsv : w.Dataset.readSegment;
      const ds = read(input.text, mode);
      try {
        return { summary: ds.summary(), rejected: ds.rejected, report: ds.cxReport() };
      } finally {
        ds.free();
      }
    }
    default: {
      // A dataset analysis (docs/bindings.md): the dataset of `events` (strict), or of the
      // Segment NDJSON in `segment`, and the method named by the op in camelCase.
      const method = op.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
      if (typeof w.Dataset.prototype[method] !== 'function') throw new Error(`unknown op ${op} (no Dataset.${method})`);
      const ds = typeof input.segment === 'string' ? w.Dataset.readSegment(input.segment) : w.Dataset.fromEvents(input.events);
      try {
        return ds[method](input.options);
      } finally {
        ds.free();
      }
    }
  }
}

export async function run(t) {
  const files = await t.fetchJson(new URL('./vector-files.json', import.meta.url));
  t.test('vector files are listed', () => {
    t.ok(Array.isArray(files) && files.length >= 3, 'vector-files.json lists at least 3 files');
  });
  for (const file of files) {
    const doc = await t.fetchJson(VECTORS + file);
    for (const c of doc.cases) {
      t.test(`${file}: ${c.name}`, () => {
        let result;
        let error;
        try {
          result = runOp(t.wasm, c.op, c.input);
        } catch (err) {
          error = err;
        }
        if (error === undefined) {
          if (!('expected' in c)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
          const why = mismatch(c.expected, result);
          if (why) throw new Error(why);
          return;
        }
        if (!('error' in c)) throw new Error(`unexpected error: ${error?.code ?? ''} ${error?.stack ?? error}`);
        t.ok(error instanceof Error, `the thrown value is an Error (got ${error})`);
        t.ok(typeof error.code === 'string', `the error has a code (got ${error?.name}: ${error?.message})`);
        const info = { code: error.code, message: error.message, record: error.record, field: error.field };
        const why = mismatch(c.error, info, 'error');
        if (why) throw new Error(`${why} (message: ${error.message})`);
      });
    }
  }
}
