// Part of touchpoint-wasm; wasm-bindgen copies it into the package (snippets/…).
//
// After a panic the module re-instantiates itself (src/error.rs). A `Dataset` (or a
// `PurchaseModel`, `SpendModel`: every exported class is guarded) made before
// points into the discarded instance's memory. The glue of wasm-bindgen 0.2.130 checks for
// such stale objects only after the first call that follows the panic, and never in
// `free()`: that call would read (or free) the pointer in the NEW instance's memory, so a
// `try { ... } finally { ds.free(); }` around the call that panicked would corrupt the new
// heap. This guard tracks which instance made each object and, for a stale one, makes
// `free()` a no-op and every other method and getter throw an `INTERNAL` error.
// Plain JavaScript on top of the public class: no glue internals are used.

import { touchpointError } from './error.js'; // copied beside this file into snippets/…

let generation = 0; // instances started so far
let live = false; // false from a panic until the next instance starts
const born = new WeakMap(); // object -> generation that made it
const guarded = new WeakSet(); // classes already wrapped

function staleError() {
  return touchpointError(
    'INTERNAL',
    'this object was created before an internal error re-initialised touchpoint-wasm; create it again',
  );
}

const isStale = (obj) => born.has(obj) && (!live || born.get(obj) !== generation);

/** Called by the panic hook: every existing object is stale from now on. */
export function discardInstance() {
  live = false;
}

/**
 * Called from the wasm start function of every instance with a throwaway object of an
 * exported class: starts a generation and wraps the class once.
 */
export function guardClass(sample) {
  generation += 1;
  live = true;
  const proto = Object.getPrototypeOf(sample);
  const ctor = proto.constructor;
  if (!guarded.has(ctor)) {
    guarded.add(ctor);
    // Factories (static methods) record the generation of what they return.
    for (const name of Object.getOwnPropertyNames(ctor)) {
      const d = Object.getOwnPropertyDescriptor(ctor, name);
      if (typeof d.value !== 'function' || name.startsWith('__')) continue;
      const make = d.value;
      d.value = {
        [name](...args) {
          const made = make.apply(this, args);
          if (made instanceof ctor) born.set(made, generation);
          return made;
        },
      }[name];
      Object.defineProperty(ctor, name, d);
    }
    // Methods and getters refuse stale objects; free() forgets them.
    const free = proto.free;
    for (const key of Reflect.ownKeys(proto)) {
      if (key === 'constructor' || (typeof key === 'string' && key.startsWith('__'))) continue;
      const d = Object.getOwnPropertyDescriptor(proto, key);
      const name = typeof key === 'symbol' ? `[${key.description}]` : key;
      if (typeof d.value === 'function') {
        const method = d.value;
        const isFree = method === free;
        d.value = {
          [name](...args) {
            if (isStale(this)) {
              if (isFree) return undefined;
              throw staleError();
            }
            return method.apply(this, args);
          },
        }[name];
      } else if (typeof d.get === 'function') {
        const get = d.get;
        d.get = {
          [name]() {
            if (isStale(this)) throw staleError();
            return get.call(this);
          },
        }[name];
      } else {
        continue;
      }
      Object.defineProperty(proto, key, d);
    }
  }
  sample.free();
}
