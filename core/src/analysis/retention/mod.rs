//! Retention: a cohort matrix by day, week or month (UTC, weeks from Monday). Customers
//! enter a cohort with a start event (any event by default) and count as retained in
//! period N when they do a return event (any event by default) N periods later.
//!
//! `docs/guide-retention.md` gives the exact definitions (cohorts, `recurring` vs
//! `first_time` vs `unbounded`, what is not yet observable); this module implements them.
//!
//! ```
//! use touchpoint::{retention, Channel, Dataset, Event, EventKind, RetentionOptions, RetentionType, Timestamp};
//!
//! let t = |s: &str| Timestamp::parse(s).unwrap();
//! let data = Dataset::from_events(vec![
//!     Event::new("ana", t("2026-03-02T10:00:00Z"), Channel::Web, EventKind::PageView),
//!     Event::new("ana", t("2026-03-10T10:00:00Z"), Channel::Web, EventKind::Purchase),
//!     Event::new("ben", t("2026-03-03T11:00:00Z"), Channel::App, EventKind::PageView),
//! ])
//! .unwrap();
//! let options = RetentionOptions { retention_type: RetentionType::FirstTime, ..RetentionOptions::default() };
//! let report = retention(&data, &options).unwrap();
//! let week = &report.cohorts[0]; // the week of Monday 2026-03-02
//! assert_eq!(week.size, 2);
//! assert_eq!(week.retention[..3], [Some(100.0), Some(50.0), None]); // week 2 is in the future
//! ```

use crate::analysis::stats::percent;
use crate::{
    limits, run_pass, CustomerEvents, CustomerPass, Dataset, EventKind, MergeablePass, PassContext,
    Period, Result, StageMap, Timestamp, TouchpointError,
};
use serde::{Deserialize, Serialize};

/// The most columns a matrix may have.
pub const MAX_RETENTION_PERIODS: u32 = 1000;

/// Who is in which cohort, and what counts as retained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetentionType {
    /// A customer is in the cohort of every period in which they did the start event
    /// (PostHog "recurring", Mixpanel "compounded"); retained in period N when they did the
    /// return event N periods after that cohort's period.
    #[default]
    Recurring,
    /// A customer is in one cohort: the period of their first start event (PostHog "first
    /// time", Mixpanel "birth"); retained in period N when they did the return event in
    /// period N exactly (Amplitude "N-day" retention).
    FirstTime,
    /// Cohorts as `first_time`; retained in period N when they did the return event in
    /// period N or any later period (Amplitude "unbounded", PostHog "cumulative").
    Unbounded,
}

/// Options of [`retention`]. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionOptions {
    /// `"day"`, `"week"` (default; Monday 00:00 UTC) or `"month"` (calendar month, UTC).
    pub period: Period,
    /// Number of columns, period 0 included (default 8: periods 0 to 7), 1 to 1000.
    pub periods: u32,
    /// The kind that puts a customer in a cohort, by name. Default `null`: any event.
    pub start_event: Option<String>,
    /// The kind that counts as coming back, by name. Default `null`: any event.
    pub return_event: Option<String>,
    /// `"recurring"` (default), `"first_time"` or `"unbounded"`.
    pub retention_type: RetentionType,
}

impl Default for RetentionOptions {
    fn default() -> Self {
        RetentionOptions {
            period: Period::Week,
            periods: 8,
            start_event: None,
            return_event: None,
            retention_type: RetentionType::Recurring,
        }
    }
}

/// One row of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionCohort {
    /// When the cohort's period starts (RFC 3339, UTC).
    pub cohort_start: Timestamp,
    /// Customers in the cohort (0 for a period nobody started in).
    pub size: u64,
    /// Per column N: customers retained in period N; `None` when period N has not started by
    /// the dataset's last event (not yet observable).
    pub retained: Vec<Option<u64>>,
    /// Per column N: `retained` as a percentage of `size`; `None` when not observable or the
    /// cohort is empty.
    pub retention: Vec<Option<f64>>,
}

/// The average of one column over the cohorts that can observe it, weighted by cohort size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionAverage {
    /// The column (period offset N).
    pub period: u32,
    /// Total size of the cohorts that can observe period N.
    pub customers: u64,
    /// Of them, customers retained in period N.
    pub retained: u64,
    /// `retained` as a percentage of `customers` (`None` when `customers` is 0).
    pub retention: Option<f64>,
}

/// The result of [`retention`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionReport {
    /// The period used.
    pub period: Period,
    /// The retention type used.
    pub retention_type: RetentionType,
    /// The number of columns.
    pub periods: u32,
    /// The dataset's last event: periods starting after it are not yet observable.
    pub observed_until: Option<Timestamp>,
    /// One row per period from the first non-empty cohort to the period of the dataset's last
    /// event, empty cohorts included.
    pub cohorts: Vec<RetentionCohort>,
    /// Per column, the size-weighted average over the cohorts that can observe it.
    pub average: Vec<RetentionAverage>,
}

/// Which kind codes an option selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum KindFilter {
    Any,
    Code(u16),
    Never,
}

impl KindFilter {
    fn new(data: &Dataset, name: Option<&str>, option: &str) -> Result<Self> {
        let Some(name) = name else {
            return Ok(KindFilter::Any);
        };
        let kind = EventKind::parse(name)
            .ok_or_else(|| TouchpointError::config(option, "empty event kind"))?;
        Ok(data
            .kind_code(&kind)
            .map_or(KindFilter::Never, KindFilter::Code))
    }

    #[inline]
    fn matches(self, kind: u16) -> bool {
        match self {
            KindFilter::Any => true,
            KindFilter::Code(c) => c == kind,
            KindFilter::Never => false,
        }
    }
}

/// The period of a timestamp, remembering the last period's bounds (events come in time order).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Cursor {
    period: Period,
    index: i64,
    lo: i64,
    hi: i64,
}

impl Cursor {
    fn new(period: Period) -> Self {
        Cursor {
            period,
            index: 0,
            lo: 1,
            hi: 0,
        }
    }

    #[inline]
    fn index(&mut self, ts: i64) -> i64 {
        if ts < self.lo || ts >= self.hi {
            self.index = self.period.index(ts);
            self.lo = self.period.start(self.index).0;
            self.hi = self.period.start(self.index + 1).0;
        }
        self.index
    }
}

/// Retention as a [`CustomerPass`]: build it with [`RetentionPass::new`], run it with other
/// passes through [`run_passes`] over the same dataset, then call [`RetentionPass::finish`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RetentionPass {
    options: RetentionOptions,
    start: KindFilter,
    ret: KindFilter,
    /// Period number of the first and of the last event of the dataset.
    first: i64,
    last: i64,
    observed_until: Option<Timestamp>,
    columns: usize,
    sizes: Vec<u64>,
    retained: Vec<u64>,
    cursor: Cursor,
    /// Recurring: the periods with a start event, and whether the customer returned in that
    /// period at or after its first start event.
    starts: Vec<(i64, bool)>,
    /// Recurring: the periods with a return event.
    returns: Vec<i64>,
}

impl RetentionPass {
    /// Checks `options` against `data` (kinds are resolved to its codes).
    pub fn new(data: &Dataset, options: &RetentionOptions) -> Result<RetentionPass> {
        if options.periods == 0 || options.periods > MAX_RETENTION_PERIODS {
            return Err(TouchpointError::config(
                "periods",
                format!(
                    "{} columns: from 1 to {MAX_RETENTION_PERIODS} are allowed",
                    options.periods
                ),
            ));
        }
        let start = KindFilter::new(data, options.start_event.as_deref(), "start_event")?;
        let ret = KindFilter::new(data, options.return_event.as_deref(), "return_event")?;
        let range = data.time_range();
        let (first, last) = match range {
            Some((lo, hi)) => (options.period.index(lo.0), options.period.index(hi.0)),
            None => (0, -1),
        };
        let columns = options.periods as usize;
        let rows = match range {
            Some((lo, hi)) => limits::check_periods(options.period.count(lo.0, hi.0), "period")?,
            None => 0,
        };
        debug_assert_eq!(rows as i64, last - first + 1);
        if rows.saturating_mul(columns) > limits::MAX_CELLS {
            return Err(TouchpointError::config(
                "period",
                format!(
                    "the data spans {rows} periods × {columns} columns: more than {} cells; use a longer period or fewer periods",
                    limits::MAX_CELLS
                ),
            ));
        }
        Ok(RetentionPass {
            options: options.clone(),
            start,
            ret,
            first,
            last,
            observed_until: range.map(|r| r.1),
            columns,
            sizes: vec![0; rows],
            retained: vec![0; rows * columns],
            cursor: Cursor::new(options.period),
            starts: Vec::new(),
            returns: Vec::new(),
        })
    }

    /// The row of period `p`.
    #[inline]
    fn row(&self, p: i64) -> usize {
        (p - self.first) as usize
    }

    fn first_time(&mut self, events: &CustomerEvents<'_>) {
        let unbounded = self.options.retention_type == RetentionType::Unbounded;
        let columns = self.columns as i64;
        let mut cohort = None;
        let (mut last_n, mut max_n) = (-1i64, -1i64);
        for i in 0..events.len() {
            let kind = events.kind[i];
            let c = match cohort {
                Some(c) => c,
                None if self.start.matches(kind) => *cohort.insert(self.cursor.index(events.ts[i])),
                None => continue,
            };
            if !self.ret.matches(kind) {
                continue;
            }
            let n = self.cursor.index(events.ts[i]) - c;
            if unbounded {
                max_n = n.min(columns - 1);
                if n >= columns - 1 {
                    break;
                }
            } else if n >= columns {
                break;
            } else if n > last_n {
                let cell = self.row(c) * self.columns + n as usize;
                self.retained[cell] += 1;
                last_n = n;
            }
        }
        let Some(c) = cohort else { return };
        let row = self.row(c);
        self.sizes[row] += 1;
        for n in 0..=max_n {
            self.retained[row * self.columns + n as usize] += 1;
        }
    }

    fn recurring(&mut self, events: &CustomerEvents<'_>) {
        self.starts.clear();
        self.returns.clear();
        for i in 0..events.len() {
            let kind = events.kind[i];
            let (is_start, is_return) = (self.start.matches(kind), self.ret.matches(kind));
            if !is_start && !is_return {
                continue;
            }
            let p = self.cursor.index(events.ts[i]);
            if is_start && self.starts.last().map(|s| s.0) != Some(p) {
                self.starts.push((p, false));
            }
            if is_return {
                if self.returns.last() != Some(&p) {
                    self.returns.push(p);
                }
                if let Some(s) = self.starts.last_mut().filter(|s| s.0 == p) {
                    s.1 = true;
                }
            }
        }
        let columns = self.columns as i64;
        let mut j = 0;
        for k in 0..self.starts.len() {
            let (s, zero) = self.starts[k];
            let row = self.row(s);
            self.sizes[row] += 1;
            if zero {
                self.retained[row * self.columns] += 1;
            }
            while j < self.returns.len() && self.returns[j] <= s {
                j += 1;
            }
            for &r in self.returns[j..].iter().take_while(|&&r| r - s < columns) {
                self.retained[row * self.columns + (r - s) as usize] += 1;
            }
        }
    }

    /// The report.
    pub fn finish(self) -> RetentionReport {
        let columns = self.columns;
        let mut cohorts = Vec::new();
        let mut average: Vec<RetentionAverage> = (0..columns as u32)
            .map(|n| RetentionAverage {
                period: n,
                customers: 0,
                retained: 0,
                retention: None,
            })
            .collect();
        if let Some(first_row) = self.sizes.iter().position(|&s| s > 0) {
            for (row, &size) in self.sizes.iter().enumerate().skip(first_row) {
                let p = self.first + row as i64;
                let mut retained = Vec::with_capacity(columns);
                let mut retention = Vec::with_capacity(columns);
                for (n, avg) in average.iter_mut().enumerate() {
                    if p + n as i64 > self.last {
                        retained.push(None);
                        retention.push(None);
                        continue;
                    }
                    let count = self.retained[row * columns + n];
                    avg.customers += size;
                    avg.retained += count;
                    retained.push(Some(count));
                    retention.push(percent(count, size));
                }
                cohorts.push(RetentionCohort {
                    cohort_start: self.options.period.start(p),
                    size,
                    retained,
                    retention,
                });
            }
        }
        for avg in &mut average {
            avg.retention = percent(avg.retained, avg.customers);
        }
        RetentionReport {
            period: self.options.period,
            retention_type: self.options.retention_type,
            periods: self.options.periods,
            observed_until: self.observed_until,
            cohorts,
            average,
        }
    }
}

impl CustomerPass for RetentionPass {
    fn customer(&mut self, _ctx: &PassContext<'_>, events: &CustomerEvents<'_>) {
        match self.options.retention_type {
            RetentionType::Recurring => self.recurring(events),
            RetentionType::FirstTime | RetentionType::Unbounded => self.first_time(events),
        }
    }
}

impl MergeablePass for RetentionPass {
    fn merge(&mut self, later: Self) {
        for (a, b) in self.sizes.iter_mut().zip(&later.sizes) {
            *a += b;
        }
        for (a, b) in self.retained.iter_mut().zip(&later.retained) {
            *a += b;
        }
    }

    fn min_customers_per_range(&self) -> usize {
        // A range clones and merges the whole matrix: worth it when the range's customers
        // outnumber its cells.
        (self.sizes.len() + self.retained.len()) / 4
    }
}

/// Builds the retention matrix of `data` in one pass over its customers.
pub fn retention(data: &Dataset, options: &RetentionOptions) -> Result<RetentionReport> {
    let pass = RetentionPass::new(data, options)?;
    let ctx = PassContext::new(data, &StageMap::default());
    Ok(run_pass(&ctx, pass).finish())
}

#[cfg(test)]
mod tests;
