// The package's entry point (package.json "main"). Hand-written: index.js is napi-rs's
// generated loader of the native addon and is not part of the public API.
'use strict'

const { EventEmitter } = require('node:events')
const native = require('./index.js')

/**
 * What every function of this package throws, and every `…Async` function rejects with.
 * The native code creates these through the constructor registered below.
 */
class TouchpointError extends Error {
  /**
   * @param {string} message
   * @param {import('./index.js').ErrorCode} code
   * @param {string | null} [record]
   * @param {string | null} [field]
   */
  constructor(message, code, record = null, field = null) {
    super(message)
    this.code = code
    this.record = record
    this.field = field
  }
}
// On the prototype, not the instance: `name` stays out of Object.keys(err) and deepEqual,
// like Error's own, and the stack header still reads `TouchpointError: …`.
Object.defineProperty(TouchpointError.prototype, 'name', {
  value: 'TouchpointError',
  writable: true,
  configurable: true,
  enumerable: false,
})

// Once per JavaScript environment (main thread, each worker_thread): each keeps its own class.
native._registerErrorClass(TouchpointError)

/**
 * The live engine: events in (one object, or an array or other iterable of them; an `id`
 * field makes a retried delivery count once), change signals out, returned and emitted as
 * `'signal'` events. Wraps the native engine of the same name.
 */
class LiveEngine extends EventEmitter {
  #engine

  /** @param {object | null | undefined} [options] */
  constructor(options) {
    super()
    this.#engine = options instanceof native.LiveEngine ? options : new native.LiveEngine(options)
  }

  /** Emits each signal as `'signal'`, in order, and returns them. */
  #deliver(signals) {
    if (this.listenerCount('signal') > 0) {
      for (const s of signals) this.emit('signal', s)
    }
    return signals
  }

  push(events) {
    const one = events === null || typeof events !== 'object' || typeof events[Symbol.iterator] !== 'function'
    const list = one ? [events] : Array.from(events)
    const ids = new Array(list.length)
    const plain = list.map((e, i) => {
      if (e !== null && typeof e === 'object' && !Array.isArray(e) && Object.hasOwn(e, 'id')) {
        const { id, ...rest } = e
        ids[i] = id
        return rest
      }
      ids[i] = null
      return e
    })
    return this.#deliver(this.#engine.push(plain, ids))
  }

  advance(now) {
    return this.#deliver(this.#engine.advance(now))
  }

  customer(customerId) {
    return this.#engine.customer(customerId)
  }

  customers() {
    return this.#engine.customers()
  }

  get stats() {
    return this.#engine.stats
  }

  get now() {
    return this.#engine.now
  }

  get options() {
    return this.#engine.options
  }

  snapshot() {
    return this.#engine.snapshot()
  }

  static restore(bytes) {
    return new LiveEngine(native.LiveEngine.restore(bytes))
  }

  static open(path, options) {
    return new LiveEngine(native.LiveEngine.open(path, options))
  }

  checkpoint() {
    this.#engine.checkpoint()
  }

  close() {
    this.#engine.close()
  }
}

// Everything the loader exports, plus the class. Written as a spread of `require(...)` so that
// Node's CommonJS → ESM named-export detection (cjs-module-lexer) follows it into index.js,
// whose `module.exports.X = …` lines name every export: `import { Dataset } from 'touchpoint'`
// works, and a new export of the addon needs no change here.
module.exports = {
  ...require('./index.js'),
  TouchpointError,
  LiveEngine,
}
// Plumbing between this file and the addon, not API. (`__napiBindingTarget`, the loader's
// note of which binary it loaded, stays, as in index.js.)
delete module.exports._registerErrorClass
