//! Checking funnel options and resolving them against a dataset's codes.

use super::{FunnelOptions, FunnelOrder};
use crate::{limits, Channel, Dataset, EventKind, Result, TouchpointError};

/// The most steps (and exclusions) a funnel may have: they are tracked in 64-bit masks.
pub(crate) const MAX_STEPS: usize = limits::MAX_FUNNEL_STEPS;
const _: () = assert!(MAX_STEPS <= 64);

/// Funnel options checked and resolved to the codes of one dataset.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Spec {
    /// The order mode.
    pub order: FunnelOrder,
    /// The conversion window, ms.
    pub window: i64,
    /// Number of steps.
    pub n: usize,
    /// The step index of each level: the non-optional steps in order (every step in
    /// `any_order` mode, where level `i` means "`i + 1` steps done").
    pub levels: Vec<usize>,
    /// Per step: the level before it (for step 0: 0). For an optional step, the level it
    /// follows; for the non-optional step of level `l`, `l - 1`.
    pub prev_level: Vec<usize>,
    /// Per step: its slot among the optional steps, if optional.
    pub optional_slot: Vec<Option<usize>>,
    /// The step index of each optional slot.
    pub optional_steps: Vec<usize>,
    /// Per level: the mask of optional steps between it and the next level.
    pub gap_optional: Vec<u64>,
    /// Per step: the per-step window in ms.
    pub within: Vec<Option<i64>>,
    /// Per step: the channel code it requires, if it has a channel filter.
    pub step_channel: Vec<Option<u16>>,
    /// Mask of the steps with a channel filter.
    pub channel_filtered: u64,
    /// Per kind code: the mask of steps of that kind.
    pub kind_steps: Vec<u64>,
    /// Per kind code: the mask of exclusions of that kind.
    pub kind_exclusions: Vec<u64>,
    /// Per exclusion: the levels `[lo, hi)` during which it removes the attempt.
    pub exclusion_levels: Vec<(usize, usize)>,
    /// Per step: the canonical kind name.
    pub kind_names: Vec<String>,
    /// Per step: the canonical channel name of its filter.
    pub channel_names: Vec<Option<String>>,
}

impl Spec {
    pub(crate) fn new(data: &Dataset, options: &FunnelOptions) -> Result<Spec> {
        let n = options.steps.len();
        if n < 2 {
            return Err(TouchpointError::config(
                "steps",
                format!("{n} steps: a funnel needs at least two steps"),
            ));
        }
        if n > MAX_STEPS {
            return Err(TouchpointError::config(
                "steps",
                format!("{n} steps: at most {MAX_STEPS} are supported"),
            ));
        }
        let any_order = options.order == FunnelOrder::AnyOrder;
        let window = limits::window_ms(options.window_seconds, 1000.0, "window_seconds")?;
        let mut spec = Spec {
            order: options.order,
            window,
            n,
            levels: Vec::new(),
            prev_level: vec![0; n],
            optional_slot: vec![None; n],
            optional_steps: Vec::new(),
            gap_optional: Vec::new(),
            within: vec![None; n],
            step_channel: vec![None; n],
            channel_filtered: 0,
            kind_steps: vec![0; data.kinds().len()],
            kind_exclusions: vec![0; data.kinds().len()],
            exclusion_levels: Vec::new(),
            kind_names: Vec::with_capacity(n),
            channel_names: Vec::with_capacity(n),
        };
        let mut kinds = Vec::with_capacity(n);
        for (i, step) in options.steps.iter().enumerate() {
            let kind = EventKind::parse(&step.kind).ok_or_else(|| {
                TouchpointError::config(format!("steps[{i}].kind"), "empty event kind")
            })?;
            let mut code = data.kind_code(&kind);
            spec.kind_names.push(kind.as_str().to_string());
            kinds.push(kind);
            match step.channel.as_deref() {
                None => spec.channel_names.push(None),
                Some(name) => {
                    let channel = Channel::parse(name).ok_or_else(|| {
                        TouchpointError::config(format!("steps[{i}].channel"), "empty channel")
                    })?;
                    spec.channel_names.push(Some(channel.as_str().to_string()));
                    match data.channel_code(&channel) {
                        Some(c) => {
                            spec.step_channel[i] = Some(c);
                            spec.channel_filtered |= 1u64 << i;
                        }
                        None => code = None, // no event has that channel: the step matches nothing
                    }
                }
            }
            if let Some(c) = code {
                spec.kind_steps[c as usize] |= 1u64 << i;
            }
            if let Some(w) = step.within_seconds {
                let option = format!("steps[{i}].within_seconds");
                if i == 0 {
                    return Err(TouchpointError::config(
                        option,
                        "the first step has no previous step",
                    ));
                }
                if any_order {
                    return Err(TouchpointError::config(
                        option,
                        "per-step windows need an ordered or strict funnel",
                    ));
                }
                spec.within[i] = Some(limits::window_ms(w, 1000.0, &option)?);
            }
            if step.optional {
                let option = format!("steps[{i}].optional");
                if i == 0 {
                    return Err(TouchpointError::config(
                        option,
                        "the first step cannot be optional",
                    ));
                }
                if any_order {
                    return Err(TouchpointError::config(
                        option,
                        "optional steps need an ordered or strict funnel",
                    ));
                }
                spec.optional_slot[i] = Some(spec.optional_steps.len());
                spec.optional_steps.push(i);
                let level = spec.levels.len() - 1;
                spec.prev_level[i] = level;
                spec.gap_optional[level] |= 1u64 << i;
            } else {
                spec.prev_level[i] = spec.levels.len().saturating_sub(1);
                spec.levels.push(i);
                spec.gap_optional.push(0);
            }
        }
        let level_of = |step: usize| spec.levels.iter().position(|&s| s == step);
        let mut exclusion_levels = Vec::with_capacity(options.exclusions.len());
        if options.exclusions.len() > MAX_STEPS {
            return Err(TouchpointError::config(
                "exclusions",
                format!("at most {MAX_STEPS} exclusions are supported"),
            ));
        }
        for (e, ex) in options.exclusions.iter().enumerate() {
            let kind = EventKind::parse(&ex.kind).ok_or_else(|| {
                TouchpointError::config(format!("exclusions[{e}].kind"), "empty event kind")
            })?;
            let last = if any_order {
                n - 1
            } else {
                *spec.levels.last().expect("step 0 is required")
            };
            let [from, to] = ex.between.unwrap_or([0, last]);
            let option = format!("exclusions[{e}].between");
            if from >= to || to >= n {
                return Err(TouchpointError::config(
                    option,
                    format!("[{from}, {to}] must name two steps, the first before the second (steps 0 to {})", n - 1),
                ));
            }
            let (lo, hi) = if any_order {
                (from, to)
            } else {
                match (level_of(from), level_of(to)) {
                    (Some(lo), Some(hi)) => (lo, hi),
                    _ => {
                        return Err(TouchpointError::config(
                            option,
                            "exclusions must be between non-optional steps",
                        ))
                    }
                }
            };
            let spanned = if any_order {
                &kinds[..]
            } else {
                &kinds[from..=to]
            };
            if spanned.contains(&kind) {
                return Err(TouchpointError::config(
                    format!("exclusions[{e}].kind"),
                    format!("`{kind}` is also a step of the funnel it excludes from"),
                ));
            }
            if let Some(c) = data.kind_code(&kind) {
                spec.kind_exclusions[c as usize] |= 1u64 << e;
            }
            exclusion_levels.push((lo, hi));
        }
        spec.exclusion_levels = exclusion_levels;
        if any_order {
            spec.levels = (0..n).collect();
            spec.prev_level = (0..n).map(|s| s.saturating_sub(1)).collect();
            spec.gap_optional = vec![0; n];
        }
        Ok(spec)
    }

    /// Whether step `s` is optional.
    pub(crate) fn is_optional(&self, s: usize) -> bool {
        self.optional_slot[s].is_some()
    }

    /// The mask of steps an event of `kind` on `channel` matches.
    #[inline]
    pub(crate) fn matches(&self, kind: u16, channel: u16) -> u64 {
        let mut m = self.kind_steps.get(kind as usize).copied().unwrap_or(0);
        let mut filtered = m & self.channel_filtered;
        while filtered != 0 {
            let s = filtered.trailing_zeros() as usize;
            filtered &= filtered - 1;
            if self.step_channel[s] != Some(channel) {
                m &= !(1u64 << s);
            }
        }
        m
    }

    /// The mask of exclusions an event of `kind` triggers.
    #[inline]
    pub(crate) fn exclusions(&self, kind: u16) -> u64 {
        self.kind_exclusions
            .get(kind as usize)
            .copied()
            .unwrap_or(0)
    }
}
