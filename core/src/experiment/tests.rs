//! Tests of the experiment area beyond the shared vectors.
