// Type test, checked by `tsc --noEmit -p test/tsconfig.json` (part of `npm test`), never run.
import { nps, csat, ces, Dataset } from '../index.js'
import type {
  CesSummary,
  CsatSummary,
  CxReport,
  DatasetSummary,
  ErrorCode,
  EngagementReport,
  EventColumns,
  EventInput,
  FunnelReport,
  JourneyMap,
  JourneyMapOptions,
  LifecycleReport,
  NpsSummary,
  OverviewReport,
  PainPointReport,
  PyramidReport,
  Rejection,
  RetentionReport,
  RfmReport,
  RuleSegmentReport,
  EngagementScoreReport,
  SurveyScores,
  SessionReport,
  TierReport,
  TimeInput,
  TouchpointError,
  Trend,
} from '../index.js'

// Exact types (an `any` anywhere fails these). The result and option types come from
// ../../types/results.d.ts, shared with the browser package, whose type test
// (bindings-wasm/test/types/usage.ts) pins them field by field.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const exact = <T extends true>(): void => {}
exact<Equals<ReturnType<Dataset['sessions']>, SessionReport>>()
exact<Equals<ReturnType<Dataset['overview']>, OverviewReport>>()
exact<Equals<OverviewReport['funnel'], FunnelReport | null>>()
exact<Equals<EngagementScoreReport['trend_counts'], Record<Trend, number>>>()
exact<Equals<CsatSummary['counts'], [number, number, number, number, number]>>()
exact<Equals<Rejection['code'], ErrorCode>>()
// Node reads times in options as text or epoch milliseconds (the browser package also takes a Date).
exact<Equals<TimeInput, string | number>>()

const s: NpsSummary = nps([10, 9, 3])
const score: number | null = s.nps
const promoters: number = s.promoters
const c: CsatSummary = csat([5, 4])
const counts: number[] = c.counts
const e: CesSummary = ces([7])
const low: number | null = e.low_effort_share

const events: EventInput[] = [
  { customer_id: 'ana', timestamp: '2026-03-01T09:30:00Z', channel: 'web', kind: 'purchase', value: 40 },
  { customer_id: 'ana', timestamp: 1772357400000, channel: 'email', kind: 'survey_response', survey: { metric: 'nps', score: 10 } },
]
const ds: Dataset = Dataset.fromEvents(events, 'lenient')
const fromText: Dataset = Dataset.readSegment('', 'strict')
const fromCsv: Dataset = Dataset.readCsv('customer_id,timestamp,channel,kind\n')
const columns: EventColumns = {
  customer_id: ['ana', 'ana'],
  timestamp: new Float64Array([1772357400000, 1772361000000]),
  channel: ['web', 'email'],
  kind: ['purchase', 'survey_response'],
  value: new Float64Array([40, NaN]),
  survey: [null, 'nps'],
  score: [null, 10],
}
const fromColumns: Dataset = Dataset.fromColumns(columns, 'lenient')
const export_: EventColumns = {
  customer_id: [101, 102n, null],
  anonymous_id: [null, null, 'v-1'],
  timestamp: ['2026-03-01', '2026-03-02', '2026-03-03'],
  channel: ['email', 'email', 'web'],
  kind: ['survey_response', 'survey_response', 'page_view'],
  nps: [9, 6, null],
  csat: new Float64Array([5, 2, NaN]),
  will_buy_again: [4, null, null],
  traits: { plan: ['pro', 'free', null], seats: [3, null, null] },
}
Dataset.fromColumns(export_)
Dataset.fromColumns({ ...export_, customer_id: new BigInt64Array([1n, 2n, 3n]) })
const rich: EventInput[] = [
  { customer_id: 42, timestamp: 0, channel: 'web', kind: 'survey_response', answers: { nps: 9, fair_solution: 4 }, traits: { plan: 'pro' } },
  { anonymous_id: 'v-1', timestamp: 0, channel: 'web', kind: 'page_view' },
  { customer_id: 'ana', anonymous_id: 'v-1', timestamp: 0, channel: 'web', kind: 'click', survey: { metric: 'delivers_promise', score: 5 } },
]
Dataset.fromEvents(rich)
Dataset.fromColumns({ customer_id: ['a'], timestamp: ['2026-03-01T09:30:00Z'], channel: ['web'], kind: ['click'] })
const n: number = fromColumns.eventCount + ds.customerCount + ds.eventCount + fromText.eventCount + fromCsv.eventCount
const rejected: Rejection[] = ds.rejected
const summary: DatasetSummary = ds.summary()
const first: string | null = summary.first_event
const report: CxReport = ds.cxReport({ survey_response: 'discover', purchase: null })
const email: SurveyScores | undefined = report.by_channel['email']
const stage: 'discover' | 'shop' | 'buy' | 'own' | 'advocate' = report.by_stage[0].stage
const byStageNps: number | null = report.by_stage[0].nps.nps
const share: number | null = report.stage_distribution[0].share
ds.cxReport()
ds.cxReport(null)

// Dataset analyses: an options object in (every field optional), a typed report out.
const journeyOptions: JourneyMapOptions = { node: 'touchpoint', collapse_repeats: false, path_length: 3 }
const journey: JourneyMap = ds.journeyMap(journeyOptions)
const median: number | null = journey.transitions[0].median_seconds
const path: string[] = journey.top_paths[0].path
const switchRate: number | null = journey.channel_switching.switch_rate
ds.journeyMap()
ds.journeyMap(null)
const pains: PainPointReport = ds.painPoints({ weights: { drop_off: 2 }, stage_map: { survey_response: 'discover' }, top: 3 })
const severity: number = pains.ranked[0].severity
const pyramid: PyramidReport = ds.cxPyramid({ thresholds: [50, 60, 70, 10, 10, 30], no_data_blocks: true })
const met: boolean | null = pyramid.levels[0].met
const weakest: number | null = pyramid.weakest
const sessions: SessionReport = ds.sessions({ inactivity_seconds: 600, by_channel: true })
const perSession: number | null = sessions.events_per_session.mean
const engagement: EngagementReport = ds.engagement({ breakdown: { trait: 'plan' }, bucket: 'week' })
const stickiness: number | null = engagement.active_users.stickiness
const lifecycle: LifecycleReport = ds.lifecycle({ period: 'month', per_customer: true })
const quick: number | null = lifecycle.periods[0].quick_ratio
const scored: EngagementScoreReport = ds.engagementScore({ as_of: '2026-03-01', bands: [{ label: 'low', min: 0 }] })
const funnel: FunnelReport = ds.funnel({ steps: ['page_view', { kind: 'purchase', within_seconds: 3600 }], order: 'strict' })
const converted: number | null = funnel.conversion_rate
const retention: RetentionReport = ds.retention({ period: 'day', periods: 4, retention_type: 'first_time' })
const cell: number | null = retention.cohorts[0].retention[1]
const rfm: RfmReport = ds.rfm({ segments: [{ name: 'best', r: [4, 5] }], as_of: 1772357400000 })
const tiers: TierReport = ds.engagementTiers({ window_days: 7, tiers: [{ name: 'none', min_events: 0 }] })
const rules: RuleSegmentReport = ds.ruleSegments({ rules: [{ name: 'vip', rule: 'purchases >= 2' }], include_members: true })
const members: string[] | null = rules.segments[0].members

try {
  nps([11])
} catch (caught) {
  const err = caught as TouchpointError
  const code: ErrorCode = err.code
  const record: string | null = err.record
  const field: string | null = err.field
  const message: string = err.message
  const isError: Error = err
  void [code, record, field, message, isError]
}

// Wrong usages must not type-check:
// @ts-expect-error answers are numbers
nps(['a'])
// @ts-expect-error results use the core's snake_case keys
void s.promoterShare
// @ts-expect-error mode is 'strict' or 'lenient'
Dataset.readCsv('', 'sloppy')
// @ts-expect-error an event needs a customer_id or an anonymous_id
Dataset.fromEvents([{ timestamp: '2026-01-01', channel: 'web', kind: 'click' }])
// @ts-expect-error answers are keyed by survey metric
Dataset.fromEvents([{ customer_id: 'a', timestamp: 0, channel: 'web', kind: 'click', answers: { loyalty: 3 } }])
// @ts-expect-error columns are arrays, one per field, not event objects
Dataset.fromColumns(events)
// @ts-expect-error stages are discover, shop, buy, own or advocate
ds.cxReport({ purchase: 'checkout' })
// @ts-expect-error rejected is read-only data, not a method
ds.rejected()

// @ts-expect-error journey nodes are kind, channel or touchpoint
ds.journeyMap({ node: 'stage' })
// @ts-expect-error options use the core's snake_case names
ds.journeyMap({ pathLength: 3 })
// @ts-expect-error a funnel needs its steps
ds.funnel({ order: 'strict' })
// @ts-expect-error a funnel's options hold its steps: they are required
ds.funnel()
// @ts-expect-error pain-point weights are per known signal
ds.painPoints({ weights: { slowness: 2 } })
// @ts-expect-error times in options are text or epoch milliseconds, not Dates
ds.rfm({ as_of: new Date() })
// @ts-expect-error the stage map of an overview is set once, at the top
ds.overview({ lifecycle: { stage_map: { purchase: 'buy' } } })
// @ts-expect-error results use the core's snake_case keys
void funnel.conversionRate

void [score, promoters, counts, low, n, rejected, first, email, stage, byStageNps, share]
void [median, path, switchRate, severity, met, weakest, perSession, stickiness, quick, scored, converted, cell, rfm, tiers, members]
