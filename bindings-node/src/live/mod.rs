//! The live engine (core: `core/src/live/`): `engine.rs`, the native `LiveEngine` class
//! that `touchpoint.js` wraps in an `EventEmitter`.

pub(crate) mod engine;
