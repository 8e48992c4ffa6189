//! The `…Async` forms: the work runs on the libuv thread pool, the event loop keeps
//! ticking, and the returned `Promise` settles on the JavaScript thread.
//!
//! Everything that needs the `Env` happens on the JavaScript thread: arguments and options
//! are read before the work is queued (a bad one gives an already rejected `Promise`, never a
//! synchronous throw), and the result (or the core error, as a `TouchpointError`) becomes a
//! JavaScript value in `resolve`. `compute`, on a pool thread, has no `Env`: it runs the
//! core function and carries its error back as an `ErrorInfo`; a panic there is caught and
//! becomes `INTERNAL` (a panic unwinding out of the pool thread would abort the process).
//!
//! napi-rs's `Task` wants its `JsValue` to implement `TypeName`, which `serde_json::Value`
//! does not, so [`Job`] implements `ScopedTask` directly with `JsValue = Unknown`.

use crate::error::{guard, internal_info, panic_info, throwable};
use napi::bindgen_prelude::{AsyncTask, Either, PromiseRaw, Unknown};
use napi::{Env, ScopedTask};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use touchpoint::ErrorInfo;

/// The work of one call, run once on a pool thread. Its error is plain data (`ErrorInfo`):
/// a core error ([`core`]), or a binding-level one such as a report that cannot be
/// serialized.
type Work<T> = Box<dyn FnOnce() -> Result<T, ErrorInfo> + Send>;

/// Turns the work's output into a JavaScript value, on the JavaScript thread.
type Finish<T> = for<'env> fn(&'env Env, T) -> napi::Result<Unknown<'env>>;

/// One queued call: `work` in `compute`, `finish` in `resolve`. `T` is what crosses from the
/// pool thread back to the JavaScript thread (`serde_json::Value` for a report, converted by
/// `crate::error::to_js`; `Dataset` for a reader), so it must be `Send`.
pub struct Job<T> {
    work: Option<Work<T>>,
    finish: Finish<T>,
    /// The dataset the work reads, held until the promise settles (dropped with the job, on
    /// the JavaScript thread), not only while `work` runs: a `forget` is refused until the
    /// promise settles, however fast the work was.
    _held: Option<Arc<touchpoint::Dataset>>,
}

/// What a `…Async` method returns: the queued job, or a `Promise` already rejected with a
/// `TouchpointError` when an argument was refused before queueing. Every method returning it
/// needs `ts_return_type` (`"Promise<SessionReport>"`): napi-rs would write the alias's name
/// into index.d.ts (and `Promise<unknown>` for a bare `AsyncTask<Job<_>>`).
pub type Pending<T> = Either<AsyncTask<Job<T>>, PromiseRaw<'static, ()>>;

impl<T: Send + 'static> Job<T> {
    /// Queues `work` (once this is returned to napi-rs); `finish` converts its output.
    pub(crate) fn spawn(
        work: impl FnOnce() -> Result<T, ErrorInfo> + Send + 'static,
        finish: Finish<T>,
    ) -> Pending<T> {
        Either::A(AsyncTask::new(Job {
            work: Some(Box::new(work)),
            finish,
            _held: None,
        }))
    }

    /// [`spawn`](Self::spawn) for work on `data`, which the job holds until its promise
    /// settles.
    pub(crate) fn spawn_on(
        data: &Arc<touchpoint::Dataset>,
        work: impl FnOnce(&touchpoint::Dataset) -> Result<T, ErrorInfo> + Send + 'static,
        finish: Finish<T>,
    ) -> Pending<T> {
        let on = Arc::clone(data);
        Either::A(AsyncTask::new(Job {
            work: Some(Box::new(move || work(&on))),
            finish,
            _held: Some(Arc::clone(data)),
        }))
    }

    /// Queues the job `prepare` returns (`prepare` runs now, on the JavaScript thread: it
    /// reads and checks the arguments), or returns a rejected `Promise` if `prepare` failed
    /// or panicked. Only if even the rejected promise cannot be made is the error thrown.
    pub(crate) fn start(
        env: &Env,
        prepare: impl FnOnce() -> napi::Result<Pending<T>>,
    ) -> napi::Result<Pending<T>> {
        match guard(env, prepare) {
            Ok(pending) => Ok(pending),
            Err(error) => Ok(Either::B(PromiseRaw::reject(env, error)?)),
        }
    }
}

impl<'task, T: Send + 'static> ScopedTask<'task> for Job<T> {
    /// The core error (or a caught panic) crosses the thread as plain data.
    type Output = Result<T, ErrorInfo>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let Some(work) = self.work.take() else {
            return Ok(Err(internal_info("a task ran twice".to_string())));
        };
        Ok(catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| Err(panic_info(payload))))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        let finish = self.finish;
        // `guard`: a panic here would unwind into napi-rs's completion callback and abort.
        guard(env, || match output {
            Ok(value) => finish(env, value),
            // Rejects the promise with this very `TouchpointError` object.
            Err(info) => Err(throwable(env, &info)),
        })
    }
}

/// A core result with its error as plain data, for a `Work` closure.
pub(crate) fn core<T>(result: touchpoint::Result<T>) -> Result<T, ErrorInfo> {
    result.map_err(|e| ErrorInfo::from(&e))
}
