// Reads a plain array column of `Dataset.fromColumns` in one pass in JavaScript, so that
// crossing into wasm costs a few calls per column instead of a few per cell. Strings are
// dictionary-encoded on the way: only the distinct ones cross, as one JSON text, and the core
// looks each distinct channel, kind and customer id up once. Returns
// [kinds, numbers, keys, json, texts]:
//   kinds    Uint8Array, per cell: 0 null/undefined, 1 number, 2 string, 3 Date, 4 BigInt,
//            5 boolean, 6 object, 7 array, 8 symbol, 9 function, 10 a string with a lone
//            surrogate (refused, never read as U+FFFD; see KIND_NAMES in src/ingest/cells.rs)
//   numbers  Float64Array: the number of a number cell, the time value of a Date (NaN if
//            invalid), 1 or 0 for a boolean; `null` when the column has none of them
//   keys     Uint32Array: the index in `texts` of a string cell, and of a BigInt cell's
//            decimal text; `null` when the column has neither
//   json     the distinct texts as one JSON text (all well-formed, so it always parses)
export function readColumn(array) {
  const n = array.length;
  const kinds = new Uint8Array(n);
  let numbers = null;
  let keys = null;
  const ids = new Map();
  const texts = [];
  const key = (text) => {
    let k = ids.get(text);
    if (k === undefined) {
      k = texts.length;
      ids.set(text, k);
      texts.push(text);
    }
    return k;
  };
  for (let i = 0; i < n; i++) {
    const v = array[i];
    switch (typeof v) {
      case 'string':
        if (v.isWellFormed()) {
          kinds[i] = 2;
          (keys ??= new Uint32Array(n))[i] = key(v);
        } else {
          kinds[i] = 10;
        }
        break;
      case 'number':
        kinds[i] = 1;
        (numbers ??= new Float64Array(n))[i] = v;
        break;
      case 'undefined':
        break;
      case 'bigint':
        kinds[i] = 4;
        (keys ??= new Uint32Array(n))[i] = key(v.toString());
        break;
      case 'boolean':
        kinds[i] = 5;
        (numbers ??= new Float64Array(n))[i] = v ? 1 : 0;
        break;
      case 'symbol':
        kinds[i] = 8;
        break;
      case 'function':
        kinds[i] = 9;
        break;
      default:
        if (v === null) break;
        if (v instanceof Date) {
          kinds[i] = 3;
          (numbers ??= new Float64Array(n))[i] = v.getTime();
        } else {
          kinds[i] = Array.isArray(v) ? 7 : 6;
        }
    }
  }
  return [kinds, numbers, keys, JSON.stringify(texts)];
}
