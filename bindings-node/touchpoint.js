// The package's entry point (package.json "main"). Hand-written: index.js is napi-rs's
// generated loader of the native addon and is not part of the public API.
'use strict'

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

// Everything the loader exports, plus the class. Written as a spread of `require(...)` so that
// Node's CommonJS → ESM named-export detection (cjs-module-lexer) follows it into index.js,
// whose `module.exports.X = …` lines name every export: `import { Dataset } from 'touchpoint'`
// works, and a new export of the addon needs no change here.
module.exports = {
  ...require('./index.js'),
  TouchpointError,
}
// Plumbing between this file and the addon, not API. (`__napiBindingTarget`, the loader's
// note of which binary it loaded, stays, as in index.js.)
delete module.exports._registerErrorClass
