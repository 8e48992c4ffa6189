//! The live engine (core: `core/src/live/`): `engine.rs`, the `LiveEngine` class.

pub mod engine;
