// The results of touchpoint and the options of its analyses, field by field: the one source
// of these TypeScript declarations for both npm packages (types/results.d.ts in the repository).
//   - `touchpoint` (Node): `npm run build` in bindings-node writes bindings-node/types.d.ts,
//     then this file, as napi-rs's header (`napi.dtsHeaderFile`) at the top of index.d.ts;
//   - `touchpoint-wasm` (browser): bindings-wasm/src/lib.rs includes this file (`include_str!`)
//     as a `typescript_custom_section` of touchpoint_wasm.d.ts.
// Each package declares the rest itself: its readers' inputs, its error interface and
// `TimeInput` (the times accepted in options; the browser package also takes a `Date`).
// Keys are the core's serde keys with struct fields in camelCase (`conversionRate`), as both
// packages convert them (touchpoint::camel_case); keys of records (`Record<string, …>`: channel,
// stage, segment, kind names) are data and stay as written. A change here follows core/src's
// `Serialize` / `Deserialize` structs. bindings-wasm/test/types/results-check.mjs checks these
// types against real results (the shared vectors converted by vectors/js-keys.mjs, the sample
// data); the packages' type tests pin them.

/** The stable code of every error touchpoint throws (`err.code`, `Rejection.code`). */
export type ErrorCode =
  | 'INVALID_RECORD'
  | 'OUT_OF_RANGE'
  | 'PARSE_ERROR'
  | 'INVALID_CONFIG'
  | 'INVALID_ARGUMENT'
  | 'NOT_CONVERGED'
  | 'STORE_ERROR'
  | 'INTERNAL'

/** A record skipped by a lenient read, and why. */
export interface Rejection {
  code: ErrorCode
  message: string
  /** The record, e.g. `"line 3"`, `"record 2"`; `null` if the error names none. */
  record: string | null
  /** The field, e.g. `"survey.score"`; `null` if the error names none. */
  field: string | null
}

/** The journey stages, in order. */
export type Stage = 'discover' | 'shop' | 'buy' | 'own' | 'advocate'

/**
 * Overrides of the default event kind → stage mapping, e.g.
 * `{ survey_response: 'discover', purchase: null }` (`null`: the kind moves no one).
 */
export type StageMapOverrides = Record<string, Stage | null>

/** NPS of a set of 0–10 answers. Shares are percentages; ratios are `null` without answers. */
export interface NpsSummary {
  responses: number
  /** Answers of 9 or 10. */
  promoters: number
  /** Answers of 7 or 8. */
  passives: number
  /** Answers of 0 to 6. */
  detractors: number
  promoterShare: number | null
  passiveShare: number | null
  detractorShare: number | null
  /** % promoters − % detractors, in [-100, 100]. */
  nps: number | null
  /** Half-width of the 95% confidence interval of the NPS, in NPS points. */
  marginOfError: number | null
}

/** CSAT of a set of 1–5 answers; ratios are `null` without answers. */
export interface CsatSummary {
  responses: number
  /** Answers of 4 or 5. */
  satisfied: number
  /** Percent of answers that are 4 or 5. */
  csat: number | null
  mean: number | null
  /** `counts[s - 1]` answers of score `s`. */
  counts: [number, number, number, number, number]
}

/** CES (customer effort, 1–7, 7 = least effort) of a set of answers; ratios are `null` without answers. */
export interface CesSummary {
  responses: number
  mean: number | null
  /** Answers of 5, 6 or 7. */
  lowEffort: number
  lowEffortShare: number | null
  /** Answers of 1, 2 or 3. */
  highEffort: number
  highEffortShare: number | null
  /** `counts[s - 1]` answers of score `s`. */
  counts: [number, number, number, number, number, number, number]
}

/** NPS, CSAT and CES of one group of answers. */
export interface SurveyScores {
  nps: NpsSummary
  csat: CsatSummary
  ces: CesSummary
}

/** Scores of the answers given while customers stood at one stage. */
export interface StageScores extends SurveyScores {
  stage: Stage
}

/** Customers whose furthest stage is `stage`. */
export interface StageCount {
  stage: Stage
  customers: number
  /** Percent of all customers, `null` without customers. */
  share: number | null
}

/** Counts and time span of a dataset (`ds.summary()`). */
export interface DatasetSummary {
  /** Customers, including those known only from an `identify` call. */
  customers: number
  events: number
  /** RFC 3339, UTC; `null` without events. */
  firstEvent: string | null
  lastEvent: string | null
}

/** The CX report of a dataset (`ds.cxReport()`). */
export interface CxReport {
  dataset: DatasetSummary
  /** Scores over every answer. */
  overall: SurveyScores
  /** Scores per channel the answer came through, by channel name. */
  byChannel: Record<string, SurveyScores>
  /** Scores per stage reached when answering, in journey order (always 5 entries). */
  byStage: StageScores[]
  /** Scores of answers given before the customer reached any stage. */
  noStage: SurveyScores
  /** Customers per furthest stage reached, in journey order (always 5 entries). */
  stageDistribution: StageCount[]
  /** Customers who reached no stage (no events, or only unmapped ones). */
  customersWithoutStage: number
}

// ---------------------------------------------------------------- dataset analyses
// Every analysis takes an options object (every field optional but a funnel's `steps`; an
// unknown or mistyped option throws `INVALID_CONFIG` naming it in `field`) and returns a
// plain object with camelCase keys. Percentages are 0–100; `null` is "no data",
// never NaN.

// Times in options are a `TimeInput` (declared by each package); times in results are
// RFC 3339 text, UTC (`2026-03-01T09:30:00Z`).

/** A calendar period, UTC; weeks start on Monday. */
export type Period = 'day' | 'week' | 'month'

/** Options of `ds.journeyMap()`. */
export interface JourneyMapOptions {
  /** What a step is: the event `kind` (default), the `channel`, or both as a `touchpoint` (`email:click`). */
  node?: 'kind' | 'channel' | 'touchpoint'
  /** Fold runs of the same step into one (`page_view, page_view` → `page_view`). Default true. */
  collapseRepeats?: boolean
  /** How many first steps of each customer's journey make their path (≥ 1). Default 5. */
  pathLength?: number
  /** How many of the most common paths to return. Default 10. */
  topPaths?: number
  /** How many channel pairs to return. Default 10. */
  topChannelPairs?: number
}

/** One edge of the journey map. */
export interface JourneyTransition {
  from: string
  /** The next step; `(end)` when `from` was the customer's last step. */
  to: string
  count: number
  /** `count` as a percentage of every step out of `from` (ends included). */
  probability: number
  /** Median seconds between the two steps; `null` for `(end)`. */
  medianSeconds: number | null
}

/** A path (the first steps of a journey) and the customers who took it. */
export interface PathCount {
  path: string[]
  customers: number
  /** Percent of customers with events. */
  share: number
}

/** A switch from one channel to another, and how often customers made it. */
export interface ChannelPair {
  from: string
  to: string
  count: number
}

/** How much customers move between channels. */
export interface ChannelSwitching {
  /** Customers with at least one event. */
  customers: number
  /** Customers who used two or more channels. */
  multichannelCustomers: number
  multichannelShare: number | null
  /** Consecutive event pairs. */
  transitions: number
  /** Consecutive event pairs on different channels. */
  switches: number
  /** `switches` as a percentage of `transitions`. */
  switchRate: number | null
  /** The most frequent switches first. */
  pairs: ChannelPair[]
}

/** The result of `ds.journeyMap()`. */
export interface JourneyMap {
  /** Every edge, most frequent first. */
  transitions: JourneyTransition[]
  /** The most common paths first. */
  topPaths: PathCount[]
  /** Distinct paths in all. */
  distinctPaths: number
  channelSwitching: ChannelSwitching
}

/** The friction signals of `ds.painPoints()`. */
export type PainSignal =
  | 'high_effort'
  | 'low_satisfaction'
  | 'detractors'
  | 'support_tickets'
  | 'unresolved_tickets'
  | 'slow_resolution'
  | 'drop_off'
  | 'negative_feedback'

/** Options of `ds.painPoints()`. */
export interface PainPointOptions {
  /** Fewest answers, tickets or customers a signal needs to be ranked. Default 5. */
  minEvidence?: number
  /** Resolution time, in hours, at which `slow_resolution` scores 50 (> 0). Default 24. */
  targetResolutionHours?: number
  /** The kind that counts as reaching the goal, for `drop_off`. Default `purchase`. */
  goalKind?: string
  /** Weight of each signal in the ranking (finite, ≥ 0); missing signals weigh 1. */
  weights?: Partial<Record<PainSignal, number>>
  /** How many pain points to return. Default 10. */
  top?: number
  /** Overrides of the event kind → stage mapping. */
  stageMap?: StageMapOverrides
  /**
   * For `negative_feedback`: detect each text's language, leaving texts in a language without
   * a lexicon uncounted (default `true`). Off, every text is scored as English, about three
   * times faster.
   */
  detectLanguage?: boolean
}

/** One ranked pain point. */
export interface PainPoint {
  scope: 'channel' | 'stage'
  /** The channel or stage name. */
  name: string
  signal: PainSignal
  /** The measured value, in `unit`. */
  value: number
  unit: '%' | 'per 100 customers' | 'hours'
  /** 0–100: how bad it is. */
  severity: number
  /** `severity × weight`: the ranking key. */
  score: number
  /** How many answers, tickets or customers the value rests on. */
  evidence: number
}

/** The result of `ds.painPoints()`. */
export interface PainPointReport {
  /** The worst first (ties by scope, name, signal). */
  ranked: PainPoint[]
  /** How many (scope, signal) pairs had enough evidence to be ranked. */
  candidates: number
}

/** Options of `ds.cxPyramid()`. */
export interface PyramidOptions {
  /** Self-service kinds. Default `help_view`, `faq_view`, `help_article_view`, each also in its Segment past-tense form (`help_viewed`, …). */
  selfServiceKinds?: string[]
  /** Kinds that show a recommendation. Default `recommendation_view`, `recommendation_click` (and `_viewed`, `_clicked`). */
  recommendationKinds?: string[]
  /** Kinds of proactive outreach. Default `reorder_reminder`, `replenishment_reminder` (and with `_sent`). */
  proactiveKinds?: string[]
  /** Days after a self-service use in which a ticket means it failed. Default 7. */
  deflectionWindowDays?: number
  /** Days after a resolution in which a new ticket means the fix failed. Default 7. */
  repeatWindowDays?: number
  /** Days after a resolution in which a new ticket means the need remains. Default 30. */
  repeatNeedDays?: number
  /** Days after a recommendation or proactive message in which a purchase counts. Default 7. */
  uptakeWindowDays?: number
  /** Thresholds of levels 1–6 (percent for 1–5, NPS points for 6); exactly 6. Default `[60, 70, 80, 10, 15, 50]`. */
  thresholds?: [number, number, number, number, number, number]
  /** Fewest trigger events (or NPS answers) a level needs to be judged. Default 5. */
  minEvidence?: number
  /** Whether a level without enough data stops the climb. Default false (it is skipped). */
  noDataBlocks?: boolean
}

/** One level of the CX pyramid. */
export interface PyramidLevel {
  /** 1 (bottom) to 6 (top). */
  level: number
  name: 'information' | 'problem_solving' | 'underlying_need' | 'anticipation' | 'proactivity' | 'transformation'
  /** What `value` measures. */
  indicator: string
  /** `null`: not enough data. */
  value: number | null
  threshold: number
  /** `null`: not enough data. */
  met: boolean | null
  /** How many trigger events (or answers) the value rests on. */
  evidence: number
}

/** The result of `ds.cxPyramid()`. */
export interface PyramidReport {
  /** The six levels, bottom to top. */
  levels: PyramidLevel[]
  /** The highest level reached (0: not even level 1). */
  reached: number
  /** The level furthest below its threshold, `null` if no level has data. */
  weakest: number | null
}

/** Options of `ds.sessions()`. */
export interface SessionOptions {
  /** A gap longer than this many seconds starts a new session. Default 1800. */
  inactivitySeconds?: number
  /** Also break the statistics down by the channel of each session's first event. Default false. */
  byChannel?: boolean
  /** Also return one row per customer. Default false. */
  perCustomer?: boolean
}

/** Mean and median; both `null` for an empty set. */
export interface Average {
  mean: number | null
  median: number | null
}

/** Statistics of a group of sessions. */
export interface SessionStats {
  /** Customers with at least one session. */
  customers: number
  sessions: number
  sessionsPerCustomer: Average
  eventsPerSession: Average
  /** Last − first event of the session (0 for one event). */
  durationSeconds: Average
  /** Sum of each customer's session durations. */
  timePerCustomerSeconds: Average
}

/** One customer's sessions. */
export interface CustomerSessions {
  customerId: string
  sessions: number
  events: number
  totalDurationSeconds: number
}

/** The result of `ds.sessions()`: the overall statistics, plus the breakdowns asked for. */
export interface SessionReport extends SessionStats {
  inactivitySeconds: number
  /** By channel name (`byChannel: true`), else `null`. */
  byChannel: Record<string, SessionStats> | null
  /** Every customer in dataset order (`perCustomer: true`), else `null`. */
  perCustomer: CustomerSessions[] | null
}

/** A breakdown by channel, or by the value of a customer trait (`(none)` for customers without it). */
export type Breakdown = 'channel' | { trait: string }

/** Options of `ds.engagement()`. */
export interface EngagementOptions {
  breakdown?: Breakdown | null
  /** Also report per day, week or month; also the period of the retention rate (week when `null`). */
  bucket?: Period | null
  /** The kind that counts as converting. Default `purchase`. */
  conversionKind?: string
  /** The kind of a purchase (repeat purchase, upsell). Default `purchase`. */
  purchaseKind?: string
  /** The kind of a sent e-mail. Default `email_sent`. */
  sentKind?: string
  /** Kinds that count as activity. Default `null`: every kind except `impression` and the sent kind. */
  activeKinds?: string[] | null
}

/** Likes, shares, comments and mentions. */
export interface SocialCounts {
  likes: number
  shares: number
  comments: number
  mentions: number
  total: number
}

/** Engagement metrics of a group of events; rates are percentages. */
export interface EngagementMetrics {
  events: number
  interactions: number
  activeCustomers: number
  impressions: number
  clicks: number
  clickThroughRate: number | null
  emailsSent: number
  emailOpens: number
  emailOpenRate: number | null
  convertedCustomers: number
  conversionRate: number | null
  /** Activity events per active customer per active day. */
  interactionFrequency: number | null
  retainedCustomers: number
  previouslyActiveCustomers: number
  retentionRate: number | null
  buyers: number
  repeatBuyers: number
  repeatPurchaseRate: number | null
  upsoldCustomers: number
  upsellRate: number | null
  social: SocialCounts
  referrals: number
  referringCustomers: number
}

/** Active users in the latest day / week / month of the data, and on average. */
export interface ActiveUsers {
  dau: number
  wau: number
  mau: number
  avgDau: number | null
  avgWau: number | null
  avgMau: number | null
  /** avg DAU ÷ avg MAU, %. */
  stickiness: number | null
}

/** The metrics and active users of one group. */
export interface GroupEngagement extends EngagementMetrics {
  activeUsers: ActiveUsers
}

/** The metrics of one time bucket. */
export interface EngagementBucket extends EngagementMetrics {
  bucketStart: string
  byGroup: Record<string, EngagementMetrics> | null
}

/** The result of `ds.engagement()`. */
export interface EngagementReport {
  firstEvent: string | null
  lastEvent: string | null
  retentionPeriod: Period
  overall: EngagementMetrics
  activeUsers: ActiveUsers
  /** Per channel or trait value (`breakdown`), else `null`. */
  byGroup: Record<string, GroupEngagement> | null
  /** Every bucket from the first to the last event (`bucket`), else `null`. */
  buckets: EngagementBucket[] | null
}

/** The engagement phases, in order. */
export type EngagementPhase = 'first_experience' | 'relationship' | 'loyalty' | 'advocacy'

/** Options of `ds.lifecycle()`. */
export interface LifecycleOptions {
  /** Default `week`. */
  period?: Period
  /** Kinds that count as activity. Default `null`: every kind except `impression` and `email_sent`. */
  activeKinds?: string[] | null
  /** Overrides of the event kind → stage mapping. */
  stageMap?: StageMapOverrides | null
  /** Default `purchase`. */
  purchaseKind?: string
  /** Relationship phase: active on at least this many distinct days… Default 2. */
  relationshipDays?: number
  /** …or at least this many activity events. Default 5. */
  relationshipEvents?: number
  /** Loyalty phase: at least this many purchases. Default 2. */
  loyalPurchases?: number
  /** Advocacy phase: reached the advocate stage with at least this many purchases. Default 1. */
  advocacyPurchases?: number
  /** Also return one row per customer. Default false. */
  perCustomer?: boolean
}

/** Lifecycle counts of one period. */
export interface LifecyclePeriod {
  periodStart: string
  active: number
  new: number
  returning: number
  resurrecting: number
  dormant: number
  /** (new + resurrecting) ÷ dormant. */
  quickRatio: number | null
}

/** Customers whose furthest stage moved during a period. */
export interface StageTransition {
  periodStart: string
  /** `null`: no stage yet. */
  from: Stage | null
  to: Stage
  customers: number
}

/** Customers in an engagement phase. */
export interface PhaseCount {
  phase: EngagementPhase
  customers: number
  share: number | null
}

/** One customer's lifecycle. */
export interface CustomerLifecycle {
  customerId: string
  stage: Stage | null
  phase: EngagementPhase | null
  status: 'new' | 'returning' | 'resurrecting' | 'dormant' | null
  firstActive: string | null
  lastActive: string | null
  purchases: number
  activeDays: number
}

/** The result of `ds.lifecycle()`. */
export interface LifecycleReport {
  period: Period
  /** Every period from the first to the last event, empty ones included. */
  periods: LifecyclePeriod[]
  stageDistribution: StageCount[]
  customersWithoutStage: number
  phaseDistribution: PhaseCount[]
  customersWithoutPhase: number
  stageTransitions: StageTransition[]
  /** Every customer in dataset order (`perCustomer: true`), else `null`. */
  perCustomer: CustomerLifecycle[] | null
}

/** A health band: its label and lowest score. */
export interface HealthBand {
  label: string
  min: number
}

/** Options of `ds.engagementScore()`. */
export interface EngagementScoreOptions {
  /** Weight per kind name (finite, ≥ 0), overriding the defaults (purchase 10, referral 8, …). */
  weights?: Record<string, number>
  /** Weight of custom kinds in neither table. Default 1. */
  otherWeight?: number
  /** Weight per channel name; channels not listed weigh 1. */
  channelWeights?: Record<string, number>
  /** An event's weight halves every this many seconds of age. Default 2592000 (30 days). */
  halfLifeSeconds?: number
  /** When the score is computed; later events are ignored. Default: the last event. */
  asOf?: TimeInput | null
  /** The normalisation scale (> 0). Default `null`: the median positive raw score. */
  scale?: number | null
  /** Health bands in increasing `min`. Default red 0, yellow 40, green 70. */
  bands?: HealthBand[]
  /** The previous score is computed this many seconds before `asOf`. Default 2592000. */
  trendSeconds?: number
  /** A change of at most this many points is `flat`. Default 1. */
  flatPoints?: number
  /** Return one row per customer. Default true. */
  perCustomer?: boolean
}

/** How a customer's score moved since the previous one: by more than `flatPoints` up or down, or not. */
export type Trend = 'up' | 'down' | 'flat'

/** One customer's engagement score. */
export interface CustomerEngagementScore {
  customerId: string
  raw: number
  /** 0–100. */
  score: number
  band: string
  previousScore: number
  delta: number
  trend: Trend
}

/** Customers in a health band. */
export interface BandCount {
  label: string
  min: number
  customers: number
  share: number | null
}

/** Mean, median and 10th / 90th percentiles of the scores; `null` without customers. */
export interface EngagementScoreDistribution {
  mean: number | null
  median: number | null
  p10: number | null
  p90: number | null
}

/** The result of `ds.engagementScore()`. */
export interface EngagementScoreReport {
  asOf: string | null
  previousAsOf: string | null
  scale: number | null
  customers: number
  bands: BandCount[]
  /** Customers per trend (every trend, 0 when none). */
  trendCounts: Record<Trend, number>
  distribution: EngagementScoreDistribution
  /** Every customer in dataset order (`perCustomer: true`), else `null`. */
  perCustomer: CustomerEngagementScore[] | null
}

/** A funnel step given as an object. */
export interface FunnelStep {
  /** The event kind. */
  kind: string
  /** Only events on this channel count. */
  channel?: string | null
  /** Most seconds allowed since the previous non-optional step. Not on step 0, nor with `any_order`. */
  withinSeconds?: number | null
  /** The customer may skip this step. Not on step 0, nor with `any_order`. */
  optional?: boolean
}

/** One step of a funnel: a kind name, or a step object. */
export type FunnelStepInput = string | FunnelStep

/** An event that removes a customer from the funnel when it happens between two steps. */
export interface FunnelExclusion {
  kind: string
  /** `[fromStep, toStep]`: 0-based indices of non-optional steps. Default `null`: the whole funnel. */
  between?: [number, number] | null
}

/** How the steps of a funnel must follow each other. */
export type FunnelOrder = 'ordered' | 'strict' | 'any_order'

/** Options of `ds.funnel()`. */
export interface FunnelOptions {
  /** The steps, in order (1 to 64). */
  steps: FunnelStepInput[]
  /** Default `ordered`. */
  order?: FunnelOrder
  /** The conversion window from the first step, seconds. Default 1209600 (14 days). */
  windowSeconds?: number
  /** Events that remove a customer from the funnel. Default none. */
  exclusions?: FunnelExclusion[]
  breakdown?: Breakdown | null
  /** For a channel breakdown. Default `first_touch`. */
  attribution?: 'first_touch' | 'last_touch'
}

/** One step of a funnel result. */
export interface FunnelStepReport {
  step: number
  kind: string
  channel: string | null
  optional: boolean
  customers: number
  conversionFromFirst: number | null
  conversionFromPrevious: number | null
  dropOff: number
  dropOffRate: number | null
  medianSecondsFromPrevious: number | null
  meanSecondsFromPrevious: number | null
  medianSecondsFromFirst: number | null
  meanSecondsFromFirst: number | null
}

/** The funnel of one breakdown value. */
export interface FunnelGroup {
  value: string
  entered: number
  converted: number
  conversionRate: number | null
  steps: FunnelStepReport[]
}

/** The result of `ds.funnel()`. */
export interface FunnelReport {
  order: FunnelOrder
  windowSeconds: number
  entered: number
  converted: number
  conversionRate: number | null
  excluded: number
  steps: FunnelStepReport[]
  /** Largest `entered` first; empty without a breakdown. */
  breakdown: FunnelGroup[]
}

/** Who counts as retained: see docs/guide-retention.md. */
export type RetentionType = 'recurring' | 'first_time' | 'unbounded'

/** Options of `ds.retention()`. */
export interface RetentionOptions {
  /** Default `week`. */
  period?: Period
  /** Number of columns, period 0 included (1 to 1000). Default 8. */
  periods?: number
  /** The kind that puts a customer in a cohort. Default `null`: any event. */
  startEvent?: string | null
  /** The kind that counts as coming back. Default `null`: any event. */
  returnEvent?: string | null
  /** Default `recurring`. */
  retentionType?: RetentionType
}

/** One cohort (row) of the retention matrix. */
export interface RetentionCohort {
  cohortStart: string
  size: number
  /** Per column; `null` when the period is not yet observable. */
  retained: (number | null)[]
  retention: (number | null)[]
}

/** The size-weighted average of one column. */
export interface RetentionAverage {
  period: number
  customers: number
  retained: number
  retention: number | null
}

/** The result of `ds.retention()`. */
export interface RetentionReport {
  period: Period
  retentionType: RetentionType
  periods: number
  observedUntil: string | null
  cohorts: RetentionCohort[]
  average: RetentionAverage[]
}

/** A named RFM segment: score ranges `[lo, hi]` (1–5), each default `[1, 5]`. First match wins. */
export interface RfmSegmentRule {
  name: string
  r?: [number, number]
  f?: [number, number]
  m?: [number, number]
}

/** Options of `ds.rfm()`. */
export interface RfmOptions {
  /** Default `purchase`. */
  purchaseKind?: string
  /** The time recency is measured to. Default: the last event. */
  asOf?: TimeInput | null
  /** Default: champions, loyal, cannot_lose_them, at_risk, lost, hibernating, … */
  segments?: RfmSegmentRule[]
  /** Default true. */
  perCustomer?: boolean
  /** Return the ids of customers without a purchase. Default false. */
  listNotScored?: boolean
}

/** One scored customer. */
export interface RfmRow {
  customerId: string
  recencyDays: number
  frequency: number
  monetary: number
  r: number
  f: number
  m: number
  /** R, F and M as one code (`"545"`). */
  rfm: string
  segment: string
}

/** One RFM segment's customers. */
export interface RfmSegmentSummary {
  name: string
  customers: number
  share: number | null
  meanRecencyDays: number | null
  meanFrequency: number | null
  meanMonetary: number | null
}

/** The result of `ds.rfm()`. */
export interface RfmReport {
  asOf: string | null
  scored: number
  notScored: number
  notScoredIds: string[] | null
  /** Rule order, then `other` if any customer matched no rule. */
  segments: RfmSegmentSummary[]
  perCustomer: RfmRow[] | null
}

/** A tier: its name and the fewest events in the window that put a customer in it. */
export interface TierRule {
  name: string
  minEvents: number
}

/** Options of `ds.engagementTiers()`. */
export interface TierOptions {
  /** The window's length in days, ending at `asOf`. Default 30. */
  windowDays?: number
  /** The window's end. Default: the last event. */
  asOf?: TimeInput | null
  /** The tiers, one with `minEvents: 0`. Default inactive 0, casual 1, engaged 3, power 10. */
  tiers?: TierRule[]
  /** Count only events of these kinds. Default: every event. */
  kinds?: string[]
  /** Default true. */
  perCustomer?: boolean
}

/** Customers in one tier. */
export interface TierCount {
  name: string
  minEvents: number
  /** `null` for the top tier. */
  maxEvents: number | null
  customers: number
  share: number | null
}

/** One customer's events in the window, and their tier. */
export interface CustomerTier {
  customerId: string
  events: number
  tier: string
}

/** The result of `ds.engagementTiers()`. */
export interface TierReport {
  asOf: string | null
  windowDays: number
  /** By ascending `minEvents`. */
  tiers: TierCount[]
  /** Every customer in dataset order (`perCustomer: true`), else `null`. */
  perCustomer: CustomerTier[] | null
}

/** A named rule segment: `{ name: 'vip', rule: 'plan == "pro" and purchases >= 2' }`. */
export interface SegmentRule {
  name: string
  rule: string
}

/** Options of `ds.ruleSegments()`. */
export interface RuleSegmentOptions {
  /** The segments. Default none. */
  rules?: SegmentRule[]
  /** The time metrics are computed at. Default: the last event. */
  asOf?: TimeInput | null
  /** The kind `purchases` and `revenue` count. Default `purchase`. */
  purchaseKind?: string
  /** Return each segment's member ids. Default false. */
  includeMembers?: boolean
}

/** The customers of one rule segment. */
export interface RuleSegmentCount {
  name: string
  /** The rule, in canonical form. */
  rule: string
  customers: number
  share: number | null
  members: string[] | null
}

/** The result of `ds.ruleSegments()`. */
export interface RuleSegmentReport {
  asOf: string | null
  customers: number
  /** Customers matching no rule. */
  unmatched: number
  /** One entry per rule, in rule order. */
  segments: RuleSegmentCount[]
}

/** Options of `ds.overview()`: one block per analysis, plus the stage map for all of them. */
export interface OverviewOptions {
  /** Journey-stage overrides (kind → stage or null), for every analysis. */
  stageMap?: StageMapOverrides
  sessions?: SessionOptions
  /** Lifecycle options, without a `stageMap` of their own (the top-level one applies). */
  lifecycle?: Omit<LifecycleOptions, 'stageMap'>
  /** The funnel; none unless given. */
  funnel?: FunnelOptions | null
  retention?: RetentionOptions
  rfm?: RfmOptions
  journey?: JourneyMapOptions
  /** Pain-point options, without a `stageMap` of their own (the top-level one applies). */
  painPoints?: Omit<PainPointOptions, 'stageMap'>
  pyramid?: PyramidOptions
}

/** The result of `ds.overview()`: every analysis, from one pass. */
export interface OverviewReport {
  cx: CxReport
  sessions: SessionReport
  lifecycle: LifecycleReport
  funnel: FunnelReport | null
  retention: RetentionReport
  rfm: RfmReport
  journey: JourneyMap
  painPoints: PainPointReport
  pyramid: PyramidReport
}

/**
 * The result of `ds.forget(id)`: what was removed, as counts only (never an id or any data),
 * so it can be kept as the proof that an erasure request was carried out.
 */
/**
 * What every partition of one distributed run agrees on (docs/guide-scale.md): every channel
 * and event kind of the whole data in order of first sight, and its time range.
 */
export interface PartitionContext {
  /** Every channel of the whole data, in order of first sight. */
  channels: string[]
  /** Every event kind of the whole data, in order of first sight. */
  kinds: string[]
  /** The earliest event of the whole data (a `Date`, milliseconds or RFC 3339 text). */
  firstEvent: Date | number | string
  /** The latest event of the whole data. */
  lastEvent: Date | number | string
}

export interface ForgetReceipt {
  /** True when some customer was found (and forgotten); false when nothing was held. */
  found: boolean
  /** Customers removed. */
  customers: number
  /** Events removed. */
  events: number
  /** Traits removed (the customers' latest value of each trait). */
  traits: number
  /** Ids removed: each customer's id and the ids merged into it (anonymous ids, aliases). */
  ids: number
}

/** One event of a `CustomerExport`, as an event record (it reads back with `fromEvents`). */
export interface ExportedEvent {
  customerId: string
  /** RFC 3339, UTC. */
  timestamp: string
  channel: string
  kind: string
  value?: number
  survey?: { metric: SurveyMetric; score: number }
  /** Survey answers by metric. */
  answers?: Partial<Record<SurveyMetric, number>>
  traits?: Record<string, unknown>
  properties?: Record<string, unknown>
  /** The free text the customer wrote, if any. */
  text?: string
}

/**
 * The customer's rows of the analyses that give one row per customer, each with its default
 * options (`null` when the analysis has no row for the customer).
 */
export interface CustomerDerived {
  engagementScore: CustomerEngagementScore | null
  rfm: RfmRow | null
  lifecycle: CustomerLifecycle | null
  sessions: CustomerSessions | null
}

/** The result of `ds.export(id)`: everything the dataset holds about one customer. */
export interface CustomerExport {
  customerId: string
  /** The other ids merged into the customer (anonymous ids, previous ids). */
  ids: string[]
  /** The customer's traits (the latest value of each). */
  traits: Record<string, unknown>
  /** The customer's events in time order, each under the customer's id. */
  events: ExportedEvent[]
  derived: CustomerDerived
}

// ---------------------------------------------------------------- churn risk and lifetime value
// docs/guide-lifetime-value.md. Per-customer columns are `Float64Array`s (one entry per
// customer, ids in `customerId`); `T`, a customer's age, is spelled `T` in every language.
// The classes `PurchaseModel` and `SpendModel` are declared by each package.

/** The unit purchase histories are counted in (UTC periods; weeks run Monday to Sunday). */
export type TimeUnit = 'hour' | 'day' | 'week' | 'month'

/** Options of `ds.purchaseHistories()` and `purchaseHistories(transactions)`. */
export interface PurchaseHistoryOptions {
  /** The unit of `recency`, `T` and the holdout's duration; purchases in one period count once. Default `day`. */
  unit?: TimeUnit
  /** Units per step (`recency`, `T` and the duration are divided by it). At least 1; default 1. */
  unitMultiplier?: number
  /** The end of observation: later purchases are left out, and `T` runs to its period. Default: the last purchase. */
  observationEnd?: TimeInput | null
  /** Splits the histories: purchases up to this time are the calibration period, later ones the `holdout`. Default: no split. */
  calibrationEnd?: TimeInput | null
  /** Whether the first purchase period counts in `frequency` and `monetaryValue`. Leave false for the purchase models. */
  includeFirstPurchase?: boolean
  /** The event kinds that are purchases (`ds.purchaseHistories` only). Default `['purchase']`. */
  purchaseKinds?: string[]
  /** The event kinds that are refunds (`ds.purchaseHistories` only). Default `['refund']`. */
  refundKinds?: string[]
}

/**
 * Transactions as columns, for `purchaseHistories(transactions)`: row `i` of each column is
 * transaction `i` (`record i+1` in errors). A negative `value` is a refund.
 */
export interface TransactionColumns {
  /** Customer ids: strings or integers (kept as their decimal text). */
  customerId: (string | number)[]
  /** Epoch milliseconds (a `Float64Array` or numbers), ISO 8601 / RFC 3339 text, or `Date`s. */
  timestamp: Float64Array | (string | number | Date)[]
  /** The value of each transaction; without it, every transaction is a purchase of value 0. */
  value?: Float64Array | number[] | null
}

/** What each customer bought after the calibration period of split histories. */
export interface HoldoutPurchases {
  /** Purchase periods in the holdout. */
  frequency: Float64Array
  /** The mean value of the holdout's purchases; 0 without one. */
  monetaryValue: Float64Array
  /** The holdout's length, in units ÷ `unitMultiplier`. */
  duration: number
}

/** Each customer's purchase history, in columns (the result of `purchaseHistories`). */
export interface PurchaseHistories {
  unit: TimeUnit
  unitMultiplier: number
  includeFirstPurchase: boolean
  customerId: string[]
  /** Repeat purchases: purchase periods after the first. */
  frequency: Float64Array
  /** From the first purchase period to the last. */
  recency: Float64Array
  /** The customer's age: from the first purchase period to the end of observation. */
  T: Float64Array
  /** The mean spend of the repeat purchase periods; 0 without one. */
  monetaryValue: Float64Array
  /** With `calibrationEnd`: each customer's purchases after it. */
  holdout?: HoldoutPurchases
}

/** A column of numbers, one per customer. */
export type NumberColumn = Float64Array | readonly number[]

/**
 * The histories the models read: a `PurchaseHistories` object, or columns of your own (a
 * lifetimes summary frame's), in days unless `unit` says otherwise. Missing ids are the row
 * numbers (`'1'`, `'2'`, …). The purchase models read `frequency`, `recency` and `T`; the
 * spend model `frequency` and `monetaryValue`; lifetime value all four.
 */
export interface PurchaseHistoriesInput {
  customerId?: readonly (string | number)[] | null
  frequency: NumberColumn
  recency?: NumberColumn | null
  T?: NumberColumn | null
  monetaryValue?: NumberColumn | null
  unit?: TimeUnit | null
  unitMultiplier?: number | null
  includeFirstPurchase?: boolean | null
  holdout?: { frequency: NumberColumn; monetaryValue: NumberColumn; duration: number } | null
}

/** The purchase models: BG/NBD, MBG/NBD, Pareto/NBD and BG/BB (discrete periods). */
export type PurchaseModelKind = 'bg_nbd' | 'mbg_nbd' | 'pareto_nbd' | 'bg_bb'

/** Options of `fitPurchaseModel()`. */
export interface PurchaseModelOptions {
  /** Which model. Default `bg_nbd`. */
  model?: PurchaseModelKind
  /** Pulls the parameters towards 0 (lifetimes' `penalizer_coef`). Default 0. */
  penalizer?: number
  /** Convergence tolerance of the fit (relative change of the parameters). Default 1e-9. */
  tolerance?: number
  /** The most Newton iterations before the fit gives up with `NOT_CONVERGED`. Default 200. */
  maxIterations?: number
  /** Where the fit starts, by parameter name. */
  initialParams?: Record<string, number> | null
}

/** A purchase model as `JSON.stringify(model)` saves it (`PurchaseModel.fromJSON` reads it back). */
export interface PurchaseModelJSON {
  model: PurchaseModelKind
  /** By lifetimes' names: `r, alpha, a, b`; Pareto/NBD `r, alpha, s, beta`; BG/BB `alpha, beta, gamma, delta`. */
  params: Record<string, number>
  /** `null` for a given model, or when the likelihood's curvature is not positive definite. */
  standardErrors: Record<string, number> | null
  /** `null` for a given model. */
  logLikelihood: number | null
  customers: number
  distinctHistories: number
  iterations: number
  unit: TimeUnit
  unitMultiplier: number
}

/** Each customer's probability of being alive and expected purchases (`model.predict()`). */
export interface PurchasePredictions {
  customerId: string[]
  probabilityAlive: Float64Array
  expectedPurchases: Float64Array
}

/** Options of `fitSpendModel()` (Gamma-Gamma). */
export interface SpendModelOptions {
  /** Pulls the parameters towards 0. Default 0. */
  penalizer?: number
  /** Default 1e-9. */
  tolerance?: number
  /** Default 200. */
  maxIterations?: number
  /** Keep `q ≥ 1`, so the population's mean spend is positive. Default false. */
  qConstraint?: boolean
}

/** A spend model as `JSON.stringify(model)` saves it (`SpendModel.fromJSON` reads it back). */
export interface SpendModelJSON {
  model: 'gamma_gamma'
  /** `p`, `q` and `v`. */
  params: Record<string, number>
  standardErrors: Record<string, number> | null
  logLikelihood: number | null
  customers: number
  iterations: number
}

/** Each customer's expected spend per purchase (`spendModel.predict()`). */
export interface SpendPredictions {
  customerId: string[]
  expectedSpend: Float64Array
}

/** Options of `lifetimeValue()`. */
export interface LifetimeValueOptions {
  /** The horizon, in months (of 30 days, 4.345 weeks). Default 12. */
  months?: number
  /** The discount rate per month. Default 0.01. */
  discountRate?: number
}

/** Each customer's lifetime value (`lifetimeValue()`). */
export interface LifetimeValues {
  customerId: string[]
  clv: Float64Array
}

/** Options of `churnRisk()`. */
export interface ChurnRiskOptions {
  /** With a spend model, each customer's lifetime value and value at risk. */
  spendModel?: SpendModel | SpendModelJSON | null
  /** A customer is at risk when their probability of being alive is below this. Default 0.3. */
  threshold?: number
  /** The horizon of `expectedPurchases`, in the histories' units. Default: one month. */
  horizon?: number | null
  /** The lifetime value's horizon, in months. Default 12. */
  months?: number
  /** The lifetime value's discount rate per month. Default 0.01. */
  discountRate?: number
}

/** One customer's churn risk. */
export interface ChurnRiskRow {
  /** 1 = the most value (or purchases) at risk. */
  rank: number
  customerId: string
  probabilityAlive: number
  /** Expected purchases over the horizon. */
  expectedPurchases: number
  /** `probabilityAlive < threshold`. */
  atRisk: boolean
  /** `expectedPurchases × (1 − pAlive) / pAlive`; `null` when `pAlive` is 0. */
  purchasesAtRisk: number | null
  /** Lifetime value; `null` without a spend model. */
  clv: number | null
  /** `clv × (1 − pAlive) / pAlive`; `null` without a spend model or when `pAlive` is 0. */
  valueAtRisk: number | null
}

/** The result of `churnRisk()`: customers ranked by value (or purchases) at risk. */
export interface ChurnRisk {
  threshold: number
  horizon: number
  customers: number
  /** Customers at risk. */
  atRisk: number
  /** Percentage of customers at risk; `null` without customers. */
  atRiskShare: number | null
  /** Total value at risk; `null` without a spend model. */
  valueAtRisk: number | null
  rows: ChurnRiskRow[]
}

/** Options of `calibrationReport()`. */
export interface CalibrationOptions {
  /** The highest calibration frequency with a group of its own; the last group holds it and more. Default 7. */
  maxFrequency?: number
}

/** The customers of one calibration frequency, and their mean holdout purchases. */
export interface CalibrationGroup {
  frequency: number
  /** True for the last group (this frequency or more). */
  orMore: boolean
  customers: number
  /** Mean actual purchases in the holdout. */
  actual: number
  /** Mean predicted purchases in the holdout. */
  predicted: number
}

/** The result of `calibrationReport()`: predicted against actual holdout purchases. */
export interface CalibrationReport {
  /** The holdout's length, in the histories' units. */
  duration: number
  customers: number
  actualPurchases: number
  predictedPurchases: number
  /** Mean absolute error per customer; `null` without customers. */
  meanAbsoluteError: number | null
  groups: CalibrationGroup[]
}

// ---------------------------------------------------------------- experiments

/** One metric of an experiment, per variant in the experiment's order. */
export interface ExperimentMetricData {
  /** The metric's name, as the report shows it. */
  name: string
  /** A conversion rate (each unit 0 or 1), a mean, or a ratio of two sums (needs `denominator`). */
  kind: 'conversion' | 'mean' | 'ratio'
  /** Per variant: the conversions, or the sum of the units' values. */
  sum: number[]
  /** Per variant: the sum of squares of the units' values (a mean or a ratio's numerator). */
  sumSquares?: number[] | null
  /** A ratio's denominator. */
  denominator?: ExperimentLinkedSums | null
  /** A pre-experiment covariate, for CUPED. */
  covariate?: ExperimentLinkedSums | null
  /** Per variant: the units the metric counts, when not every exposed unit. */
  units?: number[] | null
}

/** Per variant, the sums of a second value x per unit (a ratio's denominator, or a covariate). */
export interface ExperimentLinkedSums {
  sum: number[]
  sumSquares: number[]
  /** Σ x × the metric's value. */
  sumOfProducts: number[]
}

/** The data of `analyzeExperiment()`: the variants (the control first), their units, the metrics. */
export interface ExperimentData {
  variants: string[]
  units: number[]
  /** The planned share of each variant, summing to 1; default equal shares. */
  weights?: number[] | null
  metrics: ExperimentMetricData[]
}

/** Options of `analyzeExperiment()`. */
export interface ExperimentOptions {
  /** Significance level; intervals have confidence 1 − alpha. Default 0.05. */
  alpha?: number
  /** Default `'two_sided'`. */
  alternative?: 'two_sided' | 'greater' | 'less'
  /** The effect that decides significance and the verdict. Default `'relative'`. */
  difference?: 'relative' | 'absolute'
  /** A conversion's z-test under the pooled rate (default true). */
  pooled?: boolean
  /** Correction across every comparison (treatments × metrics). Default `'none'`. */
  correction?: 'none' | 'holm' | 'benjamini_hochberg'
  /** The sample-ratio check flags a p-value below this. Default 0.001. */
  srmThreshold?: number
  /** Default `'frequentist'`; `'bayesian'` adds chance to win, risk and a credible interval. */
  engine?: 'frequentist' | 'bayesian'
  /** A proper Gaussian prior on the deciding effect (Bayesian engine); default flat. */
  prior?: { mean: number; variance: number } | null
  /** Sequential testing (two-sided, frequentist): valid at any look. Default false. */
  sequential?: boolean
  /** Default 5000. */
  sequentialTuning?: number
}

/** The Bayesian reading of a deciding effect. */
export interface ExperimentBayesian {
  effect: number
  stdDev: number
  credibleInterval: ExperimentInterval
  chanceToWin: number
  riskControl: number
  riskTreatment: number
  /** Conversions only: exact P(treatment rate > control rate) under uniform Beta priors. */
  betaChanceToWin: number | null
}

/** An interval; a bound is `null` when a one-sided test leaves that side open. */
export interface ExperimentInterval {
  lower: number | null
  upper: number | null
}

/** The exposures per variant against the planned split. */
export interface SampleRatioCheck {
  units: number[]
  expected: number[]
  chiSquare: number
  pValue: number
  /** True when the p-value is below the threshold. */
  mismatch: boolean
}

/** One variant's value of a metric. */
export interface ExperimentVariant {
  variant: string
  units: number
  /** The conversion rate or the mean. */
  value: number
  stdError: number
  /** Wilson's interval for a rate, Student's t for a mean. */
  interval: ExperimentInterval
}

/** One effect of a treatment against the control. */
export interface ExperimentEffect {
  estimate: number
  stdError: number
  interval: ExperimentInterval
  statistic: number
  pValue: number
}

/** A treatment against the control on one metric. */
export interface ExperimentComparison {
  variant: string
  /** treatment − control. */
  absolute: ExperimentEffect
  /** treatment ÷ control − 1; `null` when the control's value is 0. */
  relative: ExperimentEffect | null
  /** Welch's degrees of freedom (a mean); `null` for a conversion's z-test. */
  degreesOfFreedom: number | null
  /** `null` with the Bayesian engine. */
  adjustedPValue: number | null
  bayesian: ExperimentBayesian | null
  significant: boolean
  verdict: string
}

/** One metric's results. */
export interface ExperimentMetricResult {
  metric: string
  kind: 'conversion' | 'mean' | 'ratio'
  variants: ExperimentVariant[]
  comparisons: ExperimentComparison[]
}

/** The result of `analyzeExperiment()`. */
export interface ExperimentReport {
  control: string
  sampleRatio: SampleRatioCheck
  metrics: ExperimentMetricResult[]
}

/** The plan of `sampleSize()` and `minimumDetectableEffect()`. */
export interface PowerPlan {
  /** A conversion rate or a mean (a ratio is planned as a mean of its per-unit values). */
  kind: 'conversion' | 'mean' | 'ratio'
  /** The control's rate (0 to 1, exclusive) or mean. */
  baseline: number
  /** A mean's standard deviation per unit; left out for a conversion. */
  stdDev?: number | null
  /** Default 0.05. */
  alpha?: number
  /** The chance to detect the effect when it is there. Default 0.8. */
  power?: number
  /** Default `'two_sided'`. */
  alternative?: 'two_sided' | 'greater'
  /** Treatment units per control unit. Default 1. */
  ratio?: number
}

/** The units an experiment needs (`sampleSize()`). */
export interface SampleSize {
  /** The control's units as solved (not rounded). */
  control: number
  treatment: number
  /** Both, each rounded up. */
  total: number
  /** Cohen's h for a rate; difference ÷ standard deviation for a mean. */
  effectSize: number
}

/** The smallest detectable increase (`minimumDetectableEffect()`). */
export interface DetectableEffect {
  treatment: number
  absolute: number
  relative: number | null
  effectSize: number
}

/** A group's NPS answers by class (an `nps()` result serves). */
export interface NpsCounts {
  promoters: number
  passives: number
  detractors: number
}

/** One group's NPS with its standard error, in points. */
export interface NpsEstimate {
  responses: number
  nps: number
  stdError: number
}

/** The result of `npsDifference()`: treatment − control, in points. */
export interface NpsDifference {
  control: NpsEstimate
  treatment: NpsEstimate
  difference: number
  stdError: number
  lower: number
  upper: number
  z: number
  pValue: number
  significant: boolean
}

/** What a metric of `ds.experiment()` measures per exposed customer, after the first exposure. */
export type ExperimentMeasure =
  | 'converted'
  | 'funnel'
  | 'count'
  | 'sum'
  | 'ratio'
  | 'nps'
  | 'csat'
  | 'ces'
  | 'retained'

/** A ratio's numerator or denominator. */
export interface ExperimentMetricPart {
  measure: 'count' | 'sum'
  /** Event kinds counted or summed; empty or left out = every kind but the exposure's. */
  kinds?: string[]
}

/** One metric of `ds.experiment()`. */
export interface ExperimentMetric {
  name: string
  measure: ExperimentMeasure
  /** The kinds of `converted` (required), `count`, `sum` and `retained`. */
  kinds?: string[]
  /** A funnel's steps in order (at least two). */
  steps?: string[]
  numerator?: ExperimentMetricPart | null
  denominator?: ExperimentMetricPart | null
  /** `retained`: the day after the first exposure (1 = the second 24 hours). */
  day?: number | null
  /** Only events at most this long after the first exposure count (not with `retained`). */
  windowSeconds?: number | null
  /** CUPED: the same measure over this span before the first exposure is the covariate. */
  preExposureSeconds?: number | null
}

/** Options of `ds.experiment()`. */
export interface ExperimentEventOptions {
  experimentId: string
  /** Default `'experiment_viewed'` (Segment's `Experiment Viewed`). */
  exposureKind?: string
  /** Default `'experiment_id'`. */
  experimentProperty?: string
  /** Default `'variation_id'`. */
  variantProperty?: string
  /** The variants in order, the control first; default: the control, then natural order. */
  variants?: string[] | null
  /** The control when `variants` is not given; default the first in natural order. */
  control?: string | null
  weights?: number[] | null
  metrics: ExperimentMetric[]
  /** `'channel'` (of the first exposure), `'stage'` (reached before it) or `{ trait: name }`. */
  breakdown?: 'channel' | 'stage' | { trait: string } | null
  statistics?: ExperimentOptions
}

/** Exposed customers left out of `ds.experiment()`, and why. */
export interface ExposureExclusions {
  multipleVariants: number
  unlistedVariant: number
  /** Exposure events without the variant property (skipped). */
  exposuresWithoutVariant: number
}

/** A metric left out of an analysis, and why. */
export interface SkippedMetric {
  metric: string
  reason: string
}

/** One breakdown group of `ds.experiment()`. */
export interface ExperimentGroup {
  group: string
  exposed: number[]
  report: ExperimentReport | null
  skippedMetrics: SkippedMetric[]
  note: string | null
}

/** The result of `ds.experiment()`. */
export interface ExperimentEventReport {
  experimentId: string
  variants: string[]
  exposed: number[]
  excluded: ExposureExclusions
  /** The sums behind the analysis, ready for `analyzeExperiment()`. */
  data: ExperimentData
  /** `null` when the data cannot be tested yet (a variant with one customer): see `note`. */
  report: ExperimentReport | null
  note: string | null
  skippedMetrics: SkippedMetric[]
  breakdown: ExperimentGroup[]
}

/** One metric of `experimentFromRows()`. */
export interface ExperimentRowMetric {
  name: string
  kind: 'conversion' | 'mean' | 'ratio'
  /** The column of the values; default the metric's name. */
  column?: string | null
  /** A ratio's denominator column. */
  denominator?: string | null
  /** A pre-experiment covariate column (CUPED). */
  covariate?: string | null
}

/** Options of `experimentFromRows()`. */
export interface ExperimentRowOptions {
  /** The variant column. Default `'variant'`. */
  variant?: string
  metrics: ExperimentRowMetric[]
  variants?: string[] | null
  control?: string | null
  weights?: number[] | null
}
