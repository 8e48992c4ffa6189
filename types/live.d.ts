
// ---- The live engine (core: core/src/live/), shared by both npm packages ----

/** How a computed trait aggregates its events (Segment's computed traits). */
export type TraitAggregate =
  | 'count'
  | 'sum'
  | 'mean'
  | 'min'
  | 'max'
  | 'most_frequent'
  | 'first'
  | 'last'
  | 'unique'
  | 'unique_count'

/** A computed trait, kept per customer and readable by rule segments. */
export interface ComputedTrait {
  /** Its name; not a built-in metric's (`purchases`, `revenue`, …). */
  name: string
  aggregate: TraitAggregate
  /** `"value"`, `"channel"`, `"kind"` or a property name; required except for `count`. */
  of?: string
  /** Only events of these kinds (default: every event). */
  kinds?: string[]
  /** Only events of the last this many seconds (default: every event). */
  windowSeconds?: number
}

/** Options of a `LiveEngine`; every field has a default. */
export interface LiveOptions {
  /** Overrides of the default kind → stage map. */
  stageMap?: Record<string, Stage | null>
  /** The lifecycle (period, activity kinds, purchase kind, phase thresholds); no `stageMap` here. */
  lifecycle?: Omit<LifecycleOptions, 'stageMap'>
  /** The engagement score and bands; `scale` is required (default 10), `asOf` must be unset. */
  engagementScore?: EngagementScoreOptions
  /** Sessions (`inactivitySeconds`). */
  sessions?: SessionOptions
  /** Rule segments, read at the engine's clock. */
  segments?: SegmentRule[]
  /** Computed traits. */
  computedTraits?: ComputedTrait[]
  /** At risk: active before and inactive for this many days (default 30). */
  atRiskDays?: number
  /** An event more than this many seconds older than the clock is late (default 3600). */
  reorderSeconds?: number
}

/** What changed in a `Signal`. */
export type SignalKind =
  | 'stage_entered'
  | 'lifecycle_changed'
  | 'phase_changed'
  | 'health_band_changed'
  | 'segment_entered'
  | 'segment_left'
  | 'became_at_risk'
  | 'no_longer_at_risk'
  | 'detractor'

/** One change in one customer's state. */
export interface Signal {
  customerId: string
  /** When it happened (ISO 8601): the clock for an event's changes, the crossing for time's. */
  at: string
  signal: SignalKind
  /** The value before (a stage, status, phase, band or segment name), or `null`. */
  from: string | null
  /** The value after, or `null`. */
  to: string | null
  /** Why, in words. */
  reason: string
  /** Caused by an event older than the reorder window (a correction). */
  late: boolean
}

/** One customer's state at the engine's clock. */
export interface CustomerState {
  customerId: string
  events: number
  firstSeen: string | null
  lastSeen: string | null
  stage: Stage | null
  lifecycleStatus: 'new' | 'returning' | 'resurrecting' | 'dormant' | null
  phase: 'first_experience' | 'relationship' | 'loyalty' | 'advocacy' | null
  lastActive: string | null
  activeDays: number
  /** 0–100, summed as the batch `engagementScore` sums it. */
  engagementScore: number
  healthBand: string
  atRisk: boolean
  sessions: number
  purchases: number
  revenue: number
  lastPurchase: string | null
  npsLast: number | null
  csatLast: number | null
  cesLast: number | null
  traits: Record<string, unknown>
  /** Each computed trait's value, by name. */
  computedTraits: Record<string, unknown>
  /** The rule segments the customer is in, in rule order. */
  segments: string[]
}

/** What a `LiveEngine` has taken in. */
export interface LiveStats {
  customers: number
  events: number
  /** Events dropped because their id was seen before (for the same customer). */
  duplicates: number
  lateEvents: number
  outOfOrderEvents: number
  /** Events whose `anonymousId` named another id (identities are not merged live). */
  unmergedTies: number
}

/** An event for `LiveEngine.push`: an `EventInput` with an optional `id` (a message id). */
export type LiveEventInput = EventInput & {
  /** A second event of the same customer and id is dropped (`stats.duplicates`). */
  id?: string | number | null
}
