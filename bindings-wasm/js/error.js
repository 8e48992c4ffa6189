// Part of touchpoint-wasm; wasm-bindgen copies it into the package (snippets/…) and the
// package's entry re-exports the class (src/error.rs): `import { TouchpointError } from
// 'touchpoint-wasm'`. Every error the package throws is made here, so `err instanceof
// TouchpointError` holds for all of them (core errors, bad arguments, panics, stale objects).

/**
 * What every touchpoint function throws: a real `Error` with a stable `code` and the `record`
 * and `field` it names (`null` when it names none). `name` is `"TouchpointError"` (on the
 * prototype, like a built-in error's), so `{ ...err }` and `JSON.stringify(err)` show only
 * `code`, `record` and `field`.
 */
export class TouchpointError extends Error {
  /**
   * @param {string} message
   * @param {{ code: string, record?: string | null, field?: string | null }} details
   */
  constructor(message, { code, record = null, field = null } = {}) {
    super(message);
    this.code = code;
    this.record = record;
    this.field = field;
  }
}

Object.defineProperty(TouchpointError.prototype, 'name', {
  value: 'TouchpointError',
  writable: true,
  configurable: true,
  enumerable: false,
});

/** What the Rust side calls to make an error (src/error.rs). */
export function touchpointError(code, message, record, field) {
  return new TouchpointError(message, { code, record: record ?? null, field: field ?? null });
}
