//! What this addon keeps per JavaScript environment (the main thread, each `worker_threads`
//! worker), as napi instance data (`napi_set_instance_data`), never in a `static`: a
//! reference belongs to the environment that made it, and a worker using the main thread's
//! would crash the process.

use crate::error::ErrorArgs;
use napi::bindgen_prelude::{FunctionRef, ObjectRef};
use napi::Env;

/// The state of one environment; each part is set on first need.
#[derive(Default)]
pub(crate) struct PerEnv {
    /// The `TouchpointError` constructor registered by touchpoint.js (`None` when the raw
    /// loader index.js was required directly: errors are then plain `Error`s).
    pub(crate) error_class: Option<FunctionRef<ErrorArgs, ()>>,
    /// The JavaScript helpers of `crate::js`, compiled once. Kept for the environment's
    /// lifetime (`false`: no leak warning; napi frees references when the environment ends).
    pub(crate) helpers: Option<ObjectRef<false>>,
}

/// This environment's state, made empty on first use.
pub(crate) fn per_env(env: &Env) -> napi::Result<&'static mut PerEnv> {
    if env.get_instance_data::<PerEnv>()?.is_none() {
        env.set_instance_data(PerEnv::default(), (), |_| {})?;
    }
    env.get_instance_data::<PerEnv>()?
        .ok_or_else(|| napi::Error::from_reason("instance data of touchpoint was not kept"))
}
