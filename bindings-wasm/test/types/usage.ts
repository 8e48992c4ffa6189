// Compile-only check of the package's TypeScript types (tsc --noEmit, see tsconfig.json).
// Every `@ts-expect-error` line must be an error: tsc fails if one of them compiles.
import init, {
  ces,
  csat,
  Dataset,
  nps,
  pseudonymize,
  type CustomerExport,
  type ForgetReceipt,
  type ReadOptions,
  type ActiveUsers,
  type Average,
  type BandCount,
  type CesSummary,
  type CsatSummary,
  type CustomerLifecycle,
  type CustomerEngagementScore,
  type CustomerSessions,
  type CustomerTier,
  type CxReport,
  type DatasetSummary,
  type EngagementBucket,
  type EngagementMetrics,
  type EngagementOptions,
  type EngagementPhase,
  type EngagementReport,
  type ErrorCode,
  type EventColumns,
  type EventInput,
  type FunnelGroup,
  type FunnelOptions,
  type FunnelOrder,
  type FunnelReport,
  type FunnelStepReport,
  type GroupEngagement,
  type JourneyMap,
  type JourneyMapOptions,
  type JourneyTransition,
  type LifecycleOptions,
  type LifecyclePeriod,
  type LifecycleReport,
  type NpsSummary,
  type OverviewOptions,
  type OverviewReport,
  type PainPoint,
  type PainPointOptions,
  type PainPointReport,
  type PainSignal,
  type Period,
  type PyramidLevel,
  type PyramidOptions,
  type PyramidReport,
  type Rejection,
  type RetentionAverage,
  type RetentionCohort,
  type RetentionOptions,
  type RetentionReport,
  type RetentionType,
  type RfmOptions,
  type RfmReport,
  type RfmRow,
  type RfmSegmentSummary,
  type RuleSegmentCount,
  type RuleSegmentOptions,
  type RuleSegmentReport,
  type EngagementScoreDistribution,
  type EngagementScoreOptions,
  type EngagementScoreReport,
  type SurveyScores,
  type SessionOptions,
  type SessionReport,
  type SessionStats,
  type SocialCounts,
  type Stage,
  type StageCount,
  type StageMap,
  type StageMapOverrides,
  type StageTransition,
  type TierCount,
  type TierOptions,
  type TierReport,
  type TimeInput,
  TouchpointError,
  type Transition,
  type Trend,
} from 'touchpoint-wasm';
import {
  calibrationReport,
  churnRisk,
  fitPurchaseModel,
  fitSpendModel,
  lifetimeValue,
  purchaseHistories,
  PurchaseModel,
  SpendModel,
  type CalibrationReport,
  type ChurnRisk,
  type ChurnRiskRow,
  type LifetimeValues,
  type PurchaseHistories,
  type PurchaseHistoriesInput,
  type PurchaseModelJSON,
  type PurchaseModelKind,
  type PurchasePredictions,
  type SpendModelJSON,
  type SpendPredictions,
  type TimeUnit,
} from 'touchpoint-wasm';
// @ts-expect-error the test hook is not part of the typed API
import { _panicForTests } from 'touchpoint-wasm';

await init();

// Exact types of every export (an `any` anywhere fails these).
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const exact = <T extends true>(): void => {};
exact<Equals<ReturnType<typeof nps>, NpsSummary>>();
exact<Equals<ReturnType<typeof csat>, CsatSummary>>();
exact<Equals<ReturnType<typeof ces>, CesSummary>>();
exact<Equals<Parameters<typeof nps>, [answers: Iterable<number>]>>();
exact<Equals<ReturnType<typeof Dataset.fromEvents>, Dataset>>();
exact<Equals<ReturnType<typeof Dataset.readSegment>, Dataset>>();
exact<Equals<ReturnType<typeof Dataset.readCsv>, Dataset>>();
exact<Equals<ReturnType<Dataset['summary']>, DatasetSummary>>();
exact<Equals<ReturnType<Dataset['cxReport']>, CxReport>>();
exact<Equals<ReturnType<Dataset['journeyMap']>, JourneyMap>>();
exact<Equals<Dataset['rejected'], Rejection[]>>();
exact<Equals<ReturnType<Dataset['funnel']>, FunnelReport>>();
exact<Equals<Parameters<Dataset['retention']>, [options?: RetentionOptions]>>();
exact<Equals<Dataset['customerCount'], number>>();
exact<Equals<Rejection['code'], ErrorCode>>();
exact<Equals<TouchpointError['record'], string | null>>();

// Scores: exact keys, null for "no data".
const s = nps([10, 9, 8, 3]);
const responses: number = s.responses;
const score: number | null = s.nps;
// @ts-expect-error the NPS may be null ("no data")
const notNull: number = s.nps;
// @ts-expect-error result keys are camelCase
s.promoter_share;
nps(new Float64Array([10, 9]));
nps(new Set([10]));
// @ts-expect-error answers are numbers
nps(['10']);
const c: CsatSummary = csat([5, 4]);
const counts: [number, number, number, number, number] = c.counts;
const e: CesSummary = ces([7]);
const low: number | null = e.lowEffortShare;

// Datasets.
const events: EventInput[] = [
  { customerId: 'ana', timestamp: '2026-03-01T09:00:00Z', channel: 'web', kind: 'page_view' },
  { customerId: 'ana', timestamp: new Date(), channel: 'web', kind: 'purchase', value: 40 },
  { customerId: 'ben', timestamp: 0, channel: 'sms', kind: 'survey_response', survey: { metric: 'nps', score: 3 } },
];
const ds = Dataset.fromEvents(events, 'lenient');
Dataset.fromEvents(events);
// @ts-expect-error mode is "strict" or "lenient"
Dataset.fromEvents(events, 'sloppy');
// @ts-expect-error an event needs a customerId
Dataset.fromEvents([{ timestamp: 0, channel: 'web', kind: 'click' }]);
exact<Equals<ReturnType<typeof Dataset.fromColumns>, Dataset>>();
const columns: EventColumns = {
  customerId: ['ana', 'ana'],
  timestamp: new Float64Array([1772357400000, 1772361000000]),
  channel: ['web', 'email'],
  kind: ['purchase', 'survey_response'],
  value: new Float64Array([40, NaN]),
  survey: [null, 'nps'],
  score: [null, 10],
};
Dataset.fromColumns(columns, 'lenient');
Dataset.fromColumns({ customerId: ['a'], timestamp: ['2026-03-01T09:30:00Z'], channel: ['web'], kind: ['click'] });
// @ts-expect-error columns are arrays, one per field, not event objects
Dataset.fromColumns(events);
// @ts-expect-error survey metrics are nps, csat or ces
Dataset.fromEvents([{ customerId: 'a', timestamp: 0, channel: 'web', kind: 'x', survey: { metric: 'ltv', score: 1 } }]);
Dataset.readSegment('{"type":"identify","userId":"a"}', 'strict');
Dataset.readCsv('customer_id,timestamp,channel,kind\n');
// @ts-expect-error text is a string
Dataset.readCsv(new Uint8Array(1));
const n: number = ds.customerCount + ds.eventCount;
// @ts-expect-error counts are read-only
ds.customerCount = 1;
const rejected: Rejection[] = ds.rejected;
const code: ErrorCode = rejected[0].code;
const summary: DatasetSummary = ds.summary();
const first: string | null = summary.firstEvent;

// The CX report.
const report: CxReport = ds.cxReport();
ds.cxReport({ survey_response: 'discover', purchase: null });
ds.cxReport(new Map<string, Stage | null>([['purchase', 'buy']]));
// @ts-expect-error stages are discover, shop, buy, own or advocate
ds.cxReport({ purchase: 'checkout' });
const email: SurveyScores = report.byChannel['email'];
const stage: Stage = report.byStage[0].stage;
const share: number | null = report.stageDistribution[2].share;
const withoutStage: number = report.customersWithoutStage;

// The journey map.
const journey: JourneyMap = ds.journeyMap({ node: 'channel', topPaths: 3 });
const median: number | null = journey.transitions[0].medianSeconds;
// @ts-expect-error node is kind, channel or touchpoint
ds.journeyMap({ node: 'page' });
// @ts-expect-error unknown options are refused (INVALID_CONFIG at run time)
ds.journeyMap({ path_lenght: 3 });

// Errors: TouchpointError is a class at run time (a value and a type).
try {
  nps([11]);
} catch (caught) {
  if (!(caught instanceof TouchpointError)) throw caught;
  const err: TouchpointError = caught;
  const name: 'TouchpointError' = err.name;
  const isError: Error = err;
  const c2: ErrorCode = err.code;
  const record: string | null = err.record;
  const field: string | null = err.field;
  void name;
  const made: TouchpointError = new TouchpointError('by hand', { code: 'INTERNAL' });
  // @ts-expect-error the details need a code
  new TouchpointError('by hand', {});
  void made;
  // @ts-expect-error codes are a closed set
  const wrong: typeof err.code = 'OUT_OF_BOUNDS';
}

// Dataset analyses: every method takes its options type and returns its report type, and
// both are typed field by field (camelCase fields, data keys as written; `null` is "no data").
exact<Equals<Parameters<Dataset['journeyMap']>, [options?: JourneyMapOptions]>>();
exact<Equals<ReturnType<Dataset['painPoints']>, PainPointReport>>();
exact<Equals<Parameters<Dataset['painPoints']>, [options?: PainPointOptions]>>();
exact<Equals<ReturnType<Dataset['cxPyramid']>, PyramidReport>>();
exact<Equals<Parameters<Dataset['cxPyramid']>, [options?: PyramidOptions]>>();
exact<Equals<ReturnType<Dataset['sessions']>, SessionReport>>();
exact<Equals<Parameters<Dataset['sessions']>, [options?: SessionOptions]>>();
exact<Equals<ReturnType<Dataset['engagement']>, EngagementReport>>();
exact<Equals<Parameters<Dataset['engagement']>, [options?: EngagementOptions]>>();
exact<Equals<ReturnType<Dataset['lifecycle']>, LifecycleReport>>();
exact<Equals<Parameters<Dataset['lifecycle']>, [options?: LifecycleOptions]>>();
exact<Equals<ReturnType<Dataset['engagementScore']>, EngagementScoreReport>>();
exact<Equals<Parameters<Dataset['engagementScore']>, [options?: EngagementScoreOptions]>>();
exact<Equals<Parameters<Dataset['funnel']>, [options: FunnelOptions]>>();
// @ts-expect-error a funnel's options hold its steps: they are required
ds.funnel();
exact<Equals<ReturnType<Dataset['retention']>, RetentionReport>>();
exact<Equals<ReturnType<Dataset['rfm']>, RfmReport>>();
exact<Equals<Parameters<Dataset['rfm']>, [options?: RfmOptions]>>();
exact<Equals<ReturnType<Dataset['engagementTiers']>, TierReport>>();
exact<Equals<Parameters<Dataset['engagementTiers']>, [options?: TierOptions]>>();
exact<Equals<ReturnType<Dataset['ruleSegments']>, RuleSegmentReport>>();
exact<Equals<Parameters<Dataset['ruleSegments']>, [options?: RuleSegmentOptions]>>();
exact<Equals<ReturnType<Dataset['overview']>, OverviewReport>>();
exact<Equals<Parameters<Dataset['overview']>, [options?: OverviewOptions]>>();
// The aliases kept from earlier versions, and the browser's times (a Date too).
exact<Equals<StageMap, StageMapOverrides>>();
exact<Equals<Transition, JourneyTransition>>();
exact<Equals<TimeInput, string | number | Date>>();
exact<Equals<Period, 'day' | 'week' | 'month'>>();

// Results hold the same types as the core's serde structs: exact field types below, so a
// field typed `any`, `unknown`, too loosely or too narrowly, or missing, fails.
exact<Equals<DatasetSummary, { customers: number; events: number; firstEvent: string | null; lastEvent: string | null }>>();
exact<Equals<Rejection, { code: ErrorCode; message: string; record: string | null; field: string | null }>>();
exact<Equals<CesSummary['counts'], [number, number, number, number, number, number, number]>>();
exact<Equals<CxReport['byStage'][number]['stage'], Stage>>();
exact<Equals<CxReport['byStage'][number]['csat'], CsatSummary>>();
exact<Equals<CxReport['stageDistribution'], StageCount[]>>();

// The journey map.
const j = ds.journeyMap({ node: 'touchpoint', collapseRepeats: false, pathLength: 3, topPaths: 5, topChannelPairs: 2 });
exact<Equals<JourneyMap['transitions'], JourneyTransition[]>>();
exact<Equals<JourneyTransition, { from: string; to: string; count: number; probability: number; medianSeconds: number | null }>>();
exact<Equals<typeof j.topPaths[number], { path: string[]; customers: number; share: number }>>();
exact<Equals<JourneyMap['distinctPaths'], number>>();
exact<Equals<typeof j.channelSwitching.multichannelShare, number | null>>();
exact<Equals<typeof j.channelSwitching.pairs[number], { from: string; to: string; count: number }>>();
// @ts-expect-error keys are camelCase: `topPaths`, not `top_paths`
j.top_paths;

// Pain points.
const pains = ds.painPoints({ minEvidence: 1, targetResolutionHours: 12, goalKind: 'purchase', weights: { drop_off: 2, slow_resolution: 0.5 }, top: 3, stageMap: { survey_response: 'discover', purchase: null } });
exact<Equals<PainPointReport, { ranked: PainPoint[]; candidates: number }>>();
exact<Equals<PainPoint['scope'], 'channel' | 'stage'>>();
exact<Equals<PainPoint['signal'], PainSignal>>();
exact<Equals<PainPoint['unit'], '%' | 'per 100 customers' | 'hours'>>();
const severity: number = pains.ranked[0].severity;
exact<Equals<typeof pains.ranked[number]['evidence'], number>>();
// @ts-expect-error a pain point has a `score`, no `rank`
pains.ranked[0].rank;
// @ts-expect-error weights are per known signal
ds.painPoints({ weights: { slowness: 2 } });
// @ts-expect-error stageMap values are stages (or null)
ds.painPoints({ stageMap: { purchase: 'checkout' } });

// The CX pyramid.
const pyramid = ds.cxPyramid({
  selfServiceKinds: ['help_view'],
  recommendationKinds: ['recommendation_click'],
  proactiveKinds: ['reorder_reminder'],
  deflectionWindowDays: 7,
  repeatWindowDays: 7,
  repeatNeedDays: 30,
  uptakeWindowDays: 7,
  thresholds: [60, 70, 80, 10, 15, 50],
  minEvidence: 5,
  noDataBlocks: true,
});
exact<Equals<PyramidReport, { levels: PyramidLevel[]; reached: number; weakest: number | null }>>();
exact<Equals<PyramidLevel['met'], boolean | null>>();
exact<Equals<PyramidLevel['value'], number | null>>();
exact<Equals<typeof pyramid.levels[number]['name'], 'information' | 'problem_solving' | 'underlying_need' | 'anticipation' | 'proactivity' | 'transformation'>>();
// @ts-expect-error the level reached is `reached`
pyramid.level;
// @ts-expect-error thresholds are exactly six numbers
ds.cxPyramid({ thresholds: [60, 70, 80] });

// Sessions.
const sessions = ds.sessions({ inactivitySeconds: 600, byChannel: true, perCustomer: true });
exact<Equals<SessionReport['inactivitySeconds'], number>>();
exact<Equals<SessionReport['eventsPerSession'], Average>>();
exact<Equals<Average, { mean: number | null; median: number | null }>>();
exact<Equals<SessionReport['byChannel'], Record<string, SessionStats> | null>>();
exact<Equals<SessionReport['perCustomer'], CustomerSessions[] | null>>();
exact<Equals<CustomerSessions, { customerId: string; sessions: number; events: number; totalDurationSeconds: number }>>();
const perSession: number | null = sessions.eventsPerSession.mean;
const sessionCount: number = sessions.sessions;
// @ts-expect-error `per_customer` may be null (not asked for)
sessions.perCustomer.length;
// @ts-expect-error there is no `duration` key: it is `duration_seconds`
sessions.duration;

// Engagement.
const engagement = ds.engagement({ breakdown: { trait: 'plan' }, bucket: 'week', conversionKind: 'purchase', purchaseKind: 'purchase', sentKind: 'email_sent', activeKinds: null });
ds.engagement({ breakdown: 'channel', bucket: null });
exact<Equals<EngagementReport['retentionPeriod'], Period>>();
exact<Equals<EngagementReport['overall'], EngagementMetrics>>();
exact<Equals<EngagementReport['activeUsers'], ActiveUsers>>();
exact<Equals<EngagementReport['byGroup'], Record<string, GroupEngagement> | null>>();
exact<Equals<EngagementReport['buckets'], EngagementBucket[] | null>>();
exact<Equals<EngagementBucket['bucketStart'], string>>();
exact<Equals<EngagementBucket['byGroup'], Record<string, EngagementMetrics> | null>>();
exact<Equals<EngagementMetrics['social'], SocialCounts>>();
exact<Equals<EngagementMetrics['clickThroughRate'], number | null>>();
exact<Equals<GroupEngagement['activeUsers']['stickiness'], number | null>>();
const ctr: number | null = engagement.overall.clickThroughRate;
const dau: number = engagement.activeUsers.dau;
// @ts-expect-error rates are spelled out in camelCase: `clickThroughRate`
engagement.overall.click_through_rate;
// @ts-expect-error a breakdown is "channel" or { trait }
ds.engagement({ breakdown: 'plan' });

// Lifecycle.
const lifecycle = ds.lifecycle({ period: 'month', activeKinds: ['purchase'], stageMap: { purchase: 'buy' }, purchaseKind: 'purchase', relationshipDays: 2, relationshipEvents: 5, loyalPurchases: 2, advocacyPurchases: 1, perCustomer: true });
exact<Equals<LifecycleReport['period'], Period>>();
exact<Equals<LifecycleReport['periods'], LifecyclePeriod[]>>();
exact<Equals<LifecyclePeriod['quickRatio'], number | null>>();
exact<Equals<LifecycleReport['stageTransitions'], StageTransition[]>>();
exact<Equals<StageTransition['from'], Stage | null>>();
exact<Equals<StageTransition['to'], Stage>>();
exact<Equals<LifecycleReport['phaseDistribution'][number]['phase'], EngagementPhase>>();
exact<Equals<LifecycleReport['perCustomer'], CustomerLifecycle[] | null>>();
exact<Equals<CustomerLifecycle['status'], 'new' | 'returning' | 'resurrecting' | 'dormant' | null>>();
exact<Equals<CustomerLifecycle['firstActive'], string | null>>();
const resurrecting: number = lifecycle.periods[0].resurrecting;
// @ts-expect-error a period's start is `period_start`
lifecycle.periods[0].start;
// @ts-expect-error periods are day, week or month
ds.lifecycle({ period: 'year' });

// The engagement score.
const scored = ds.engagementScore({
  weights: { purchase: 10 },
  otherWeight: 1,
  channelWeights: { email: 0.5 },
  halfLifeSeconds: 86400,
  asOf: new Date(),
  scale: null,
  bands: [{ label: 'low', min: 0 }, { label: 'high', min: 50 }],
  trendSeconds: 86400,
  flatPoints: 1,
  perCustomer: true,
});
ds.engagementScore({ asOf: '2026-03-01' });
ds.engagementScore({ asOf: 1772357400000 });
exact<Equals<EngagementScoreReport['asOf'], string | null>>();
exact<Equals<EngagementScoreReport['scale'], number | null>>();
exact<Equals<EngagementScoreReport['bands'], BandCount[]>>();
exact<Equals<EngagementScoreReport['trendCounts'], Record<Trend, number>>>();
exact<Equals<EngagementScoreReport['distribution'], EngagementScoreDistribution>>();
exact<Equals<EngagementScoreDistribution['p90'], number | null>>();
exact<Equals<EngagementScoreReport['perCustomer'], CustomerEngagementScore[] | null>>();
exact<Equals<CustomerEngagementScore['trend'], 'up' | 'down' | 'flat'>>();
const flat: number = scored.trendCounts.flat;
// @ts-expect-error the trends are up, down and flat
scored.trendCounts.sideways;
// @ts-expect-error a band needs its lowest score, `min`
ds.engagementScore({ bands: [{ label: 'low' }] });

// Funnels.
const funnel = ds.funnel({
  steps: ['page_view', { kind: 'add_to_cart', channel: 'web', withinSeconds: 3600 }, { kind: 'purchase', optional: false }],
  order: 'strict',
  windowSeconds: 86400,
  exclusions: [{ kind: 'ticket_opened', between: [0, 2] }, { kind: 'refund' }],
  breakdown: 'channel',
  attribution: 'last_touch',
});
exact<Equals<FunnelReport['order'], FunnelOrder>>();
exact<Equals<FunnelOrder, 'ordered' | 'strict' | 'any_order'>>();
exact<Equals<FunnelReport['conversionRate'], number | null>>();
exact<Equals<FunnelReport['steps'], FunnelStepReport[]>>();
exact<Equals<FunnelReport['breakdown'], FunnelGroup[]>>();
exact<Equals<FunnelStepReport['channel'], string | null>>();
exact<Equals<FunnelStepReport['dropOff'], number>>();
exact<Equals<FunnelStepReport['medianSecondsFromPrevious'], number | null>>();
exact<Equals<FunnelGroup['value'], string>>();
const converted: number = funnel.converted;
// @ts-expect-error a funnel's steps are in `steps`; there is no `stages`
funnel.stages;
// @ts-expect-error a funnel needs its steps
ds.funnel({ order: 'strict' });
// @ts-expect-error orders are ordered, strict or any_order
ds.funnel({ steps: ['a'], order: 'sequential' });

// Retention.
const retention = ds.retention({ period: 'day', periods: 4, startEvent: 'purchase', returnEvent: null, retentionType: 'first_time' });
exact<Equals<RetentionReport['retentionType'], RetentionType>>();
exact<Equals<RetentionReport['observedUntil'], string | null>>();
exact<Equals<RetentionReport['cohorts'], RetentionCohort[]>>();
exact<Equals<RetentionCohort['retained'], (number | null)[]>>();
exact<Equals<RetentionCohort['retention'], (number | null)[]>>();
exact<Equals<RetentionReport['average'], RetentionAverage[]>>();
exact<Equals<RetentionAverage['retention'], number | null>>();
const cell: number | null = retention.cohorts[0].retention[1];
// @ts-expect-error a cohort's start is `cohort_start`
retention.cohorts[0].start;
// @ts-expect-error retention types are recurring, first_time or unbounded
ds.retention({ retentionType: 'rolling' });

// Segments: RFM, tiers, rules.
const rfm = ds.rfm({ purchaseKind: 'purchase', asOf: '2026-03-01T00:00:00Z', segments: [{ name: 'best', r: [4, 5], f: [4, 5] }], perCustomer: true, listNotScored: true });
exact<Equals<RfmReport['segments'], RfmSegmentSummary[]>>();
exact<Equals<RfmReport['perCustomer'], RfmRow[] | null>>();
exact<Equals<RfmReport['notScoredIds'], string[] | null>>();
exact<Equals<RfmRow['rfm'], string>>();
exact<Equals<RfmSegmentSummary['meanMonetary'], number | null>>();
const recency: number = rfm.perCustomer![0].recencyDays;
// @ts-expect-error an RFM row's segment is `segment`
rfm.perCustomer![0].segment_name;
// @ts-expect-error score ranges are [lo, hi]
ds.rfm({ segments: [{ name: 'best', r: 5 }] });
const tiers = ds.engagementTiers({ windowDays: 7, asOf: 0, tiers: [{ name: 'none', minEvents: 0 }, { name: 'some', minEvents: 1 }], kinds: ['page_view'], perCustomer: true });
exact<Equals<TierReport['tiers'], TierCount[]>>();
exact<Equals<TierCount['maxEvents'], number | null>>();
exact<Equals<TierReport['perCustomer'], CustomerTier[] | null>>();
exact<Equals<CustomerTier, { customerId: string; events: number; tier: string }>>();
const windowDays: number = tiers.windowDays;
// @ts-expect-error a tier needs minEvents
ds.engagementTiers({ tiers: [{ name: 'none' }] });
const rules = ds.ruleSegments({ rules: [{ name: 'vip', rule: 'plan == "pro" and purchases >= 2' }], asOf: null, purchaseKind: 'purchase', includeMembers: true });
exact<Equals<RuleSegmentReport['segments'], RuleSegmentCount[]>>();
exact<Equals<RuleSegmentCount['members'], string[] | null>>();
exact<Equals<RuleSegmentCount['share'], number | null>>();
const unmatched: number = rules.unmatched;
// @ts-expect-error a rule segment counts `customers`
rules.segments[0].count;

// Everything in one pass.
const overview = ds.overview({
  stageMap: { survey_response: 'discover' },
  sessions: { byChannel: true },
  lifecycle: { perCustomer: true },
  funnel: { steps: ['page_view', 'purchase'] },
  retention: { periods: 4 },
  rfm: { perCustomer: false },
  journey: { node: 'channel' },
  painPoints: { top: 3 },
  pyramid: { minEvidence: 1 },
});
ds.overview({ funnel: null });
exact<Equals<OverviewReport['cx'], CxReport>>();
exact<Equals<OverviewReport['sessions'], SessionReport>>();
exact<Equals<OverviewReport['lifecycle'], LifecycleReport>>();
exact<Equals<OverviewReport['funnel'], FunnelReport | null>>();
exact<Equals<OverviewReport['retention'], RetentionReport>>();
exact<Equals<OverviewReport['rfm'], RfmReport>>();
exact<Equals<OverviewReport['journey'], JourneyMap>>();
exact<Equals<OverviewReport['painPoints'], PainPointReport>>();
exact<Equals<OverviewReport['pyramid'], PyramidReport>>();
const overviewNps: number | null = overview.cx.overall.nps.nps;
// @ts-expect-error the pain points are under `painPoints`
overview.pain_points;
// @ts-expect-error the stage map is set once, at the top of the overview options
ds.overview({ lifecycle: { stageMap: { purchase: 'buy' } } });
// @ts-expect-error the stage map is set once, at the top of the overview options
ds.overview({ painPoints: { stageMap: {} } });
// @ts-expect-error options are camelCase: `painPoints`
ds.overview({ pain_points: { top: 3 } });
// @ts-expect-error event inputs are camelCase: `customerId`
Dataset.fromEvents([{ customer_id: 'a', timestamp: 0, channel: 'web', kind: 'click' }]);

ds.free();
{
  using scoped = Dataset.fromEvents(events);
  scoped.summary();
}

export {
  c,
  cell,
  code,
  converted,
  ctr,
  dau,
  flat,
  overviewNps,
  perSession,
  recency,
  resurrecting,
  sessionCount,
  severity,
  unmatched,
  windowDays,
  counts,
  email,
  first,
  low,
  median,
  n,
  notNull,
  responses,
  score,
  share,
  stage,
  withoutStage,
  _panicForTests,
};

// Privacy: forget, export, pseudonymize, the readers' { mode, pseudonymKey }.
exact<Equals<ReturnType<Dataset['forget']>, ForgetReceipt>>();
exact<Equals<ReturnType<Dataset['export']>, CustomerExport | null>>();
exact<Equals<ReturnType<typeof pseudonymize>, string>>();
const receipt: ForgetReceipt = ds.forget(['a', 'b']);
const exportedRfm: number | undefined = ds.export('a')?.derived.rfm?.monetary;
const readOptions: ReadOptions = { mode: 'lenient', pseudonymKey: new Uint8Array(32) };
Dataset.fromEvents([], readOptions);
Dataset.readCsv('', { pseudonymKey: 'a key of 16 bytes or more' });
Dataset.readSegment('', { mode: 'strict', pseudonymKey: null });
Dataset.fromColumns({ customerId: [], timestamp: [], channel: [], kind: [] }, { pseudonymKey: 'a key of 16 bytes or more' });
pseudonymize('a key of 16 bytes or more', 'a');
// @ts-expect-error a pseudonym key is bytes or text
Dataset.fromEvents([], { pseudonymKey: 42 });
// @ts-expect-error the mode in the options object is "strict" or "lenient"
Dataset.readCsv('', { mode: 'sloppy' });
// @ts-expect-error a receipt has counts, never ids
void receipt.customerId;
void [receipt.found, exportedRfm];

// Churn risk and lifetime value: histories in, typed-array columns out, models as classes.
exact<Equals<ReturnType<Dataset['purchaseHistories']>, PurchaseHistories>>();
exact<Equals<ReturnType<typeof purchaseHistories>, PurchaseHistories>>();
exact<Equals<ReturnType<typeof fitPurchaseModel>, PurchaseModel>>();
exact<Equals<ReturnType<typeof fitSpendModel>, SpendModel>>();
exact<Equals<ReturnType<typeof PurchaseModel.fromJSON>, PurchaseModel>>();
exact<Equals<ReturnType<typeof SpendModel.fromParams>, SpendModel>>();
exact<Equals<ReturnType<PurchaseModel['predict']>, PurchasePredictions>>();
exact<Equals<ReturnType<PurchaseModel['toJSON']>, PurchaseModelJSON>>();
exact<Equals<ReturnType<SpendModel['toJSON']>, SpendModelJSON>>();
exact<Equals<ReturnType<SpendModel['predict']>, SpendPredictions>>();
exact<Equals<ReturnType<typeof lifetimeValue>, LifetimeValues>>();
exact<Equals<ReturnType<typeof churnRisk>, ChurnRisk>>();
exact<Equals<ReturnType<typeof calibrationReport>, CalibrationReport>>();
exact<Equals<PurchaseModel['model'], PurchaseModelKind>>();
exact<Equals<PurchaseModel['unit'], TimeUnit>>();
exact<Equals<PurchaseModel['logLikelihood'], number | null>>();
const histories = purchaseHistories(
  { customerId: ['a', 'a', 'b'], timestamp: ['2026-01-01T00:00:00Z', new Date(), 0], value: [1, 2, 3] },
  { unit: 'week', calibrationEnd: '2026-01-02' },
);
const ages: Float64Array = histories.T;
const asInput: PurchaseHistoriesInput = histories;
const bgnbd = fitPurchaseModel({ frequency: [1, 0], recency: [3, 0], T: [5, 5] }, { model: 'pareto_nbd', penalizer: 0.01 });
const alive: number = bgnbd.probabilityAlive(1, 2, 5);
const loaded = PurchaseModel.fromJSON(JSON.stringify(bgnbd));
PurchaseModel.fromJSON({ model: 'bg_nbd', params: { r: 1, alpha: 1, a: 1, b: 1 } });
PurchaseModel.fromParams('bg_bb', { alpha: 1, beta: 1, gamma: 1, delta: 1 }, { unit: 'week' });
const gg = fitSpendModel(histories, { qConstraint: true });
const clv: Float64Array = lifetimeValue(loaded, gg.toJSON(), asInput, { months: 6, discountRate: 0 }).clv;
const firstRow: ChurnRiskRow | undefined = churnRisk(bgnbd, histories, { spendModel: gg, threshold: 0.5 }).rows[0];
const mae: number | null = calibrationReport(bgnbd, histories, { maxFrequency: 3 }).meanAbsoluteError;
// @ts-expect-error the customer's age is `T`, never `t`
void histories.t;
// @ts-expect-error the model is one of four
fitPurchaseModel(histories, { model: 'bgnbd' });
// @ts-expect-error options are camelCase
churnRisk(bgnbd, histories, { discount_rate: 0.1 });
// @ts-expect-error fitPurchaseModel needs frequency
fitPurchaseModel({ recency: [1], T: [2] });
void [ages, alive, clv, firstRow, mae];

// Sentiment: texts in, typed sentiments out.
import { sentiment, sentiments, Lexicon, SentimentAnalyzer } from 'touchpoint-wasm';
import type { Sentiment, SentimentLabel } from 'touchpoint-wasm';
const one: Sentiment = sentiment('Great service!', { threshold: 0.1, detectLanguage: false });
const sentimentLabel: SentimentLabel = one.label;
const many: Sentiment[] = sentiments(['good', new Uint8Array([111, 107])]);
const ownLexicon = Lexicon.parse('refund\t-1.5\n', 'eng');
ownLexicon.setWord('meh', -0.5);
const sentimentAnalyzer = SentimentAnalyzer.withLexicons([ownLexicon], { detectLanguage: false });
const scoredAll: Sentiment[] = sentimentAnalyzer.scoreAll(['ok']);
// @ts-expect-error options are camelCase
sentiment('ok', { detect_language: false });
void [sentimentLabel, many, scoredAll];

// Survey programmes: a template or a survey in, a typed report out; two reports compared.
import { surveyTemplate, scoreSurvey, compareSurveyWaves } from 'touchpoint-wasm';
import type { Survey, SurveyReport, WaveComparison } from 'touchpoint-wasm';
const engagementSurvey: Survey = surveyTemplate('engagement');
const surveyReport: SurveyReport = scoreSurvey(engagementSurvey, [{ customerId: 'a', timestamp: new Date(), csat: 5 }], { period: 'week' });
const weakest: string | null | undefined = surveyReport.engagementIndex?.weakestQuestion;
const waves: WaveComparison = compareSurveyWaves(surveyReport, scoreSurvey('nps', [], { layout: 'long' }), { alpha: 0.1 });
// @ts-expect-error an unknown template
surveyTemplate('loyalty');
// @ts-expect-error options are camelCase
scoreSurvey('nps', [], { min_responses: 3 });
void [weakest, waves];

// The voice of the customer: comment rows in, a typed report out.
import { voiceOfCustomer } from 'touchpoint-wasm';
import type { VoiceReport } from 'touchpoint-wasm';
const voice: VoiceReport = voiceOfCustomer([{ customerId: 'a', timestamp: 0, text: 'Late again.' }], { terms: 5 });
const negativeShare: number | null = voice.overall.negativeShare;
// @ts-expect-error options are camelCase
voiceOfCustomer([], { min_comments: 1 });
// Over a dataset: free text on events and in columns.
const withText = Dataset.fromEvents([{ customerId: 'a', timestamp: 0, channel: 'web', kind: 'review', text: 'Late again.' }]);
const textColumns = Dataset.fromColumns({ customerId: ['a'], timestamp: [0], channel: ['web'], kind: ['review'], text: [null] });
const ofData: VoiceReport = withText.voiceOfCustomer({ segmentTrait: 'plan', stageMap: { review: 'own' } });
const ofColumns: VoiceReport = textColumns.voiceOfCustomer();
// @ts-expect-error a text is a string
Dataset.fromEvents([{ customerId: 'a', timestamp: 0, channel: 'web', kind: 'review', text: 5 }]);
void [negativeShare, ofData, ofColumns];

// The live engine: events in (with ids), typed signals and states out, an onSignal callback.
import { LiveEngine } from 'touchpoint-wasm';
import type { Signal, CustomerState, LiveStats, LiveOptions, LiveEventInput } from 'touchpoint-wasm';
const liveOptions: LiveOptions = {
  segments: [{ name: 'buyers', rule: 'purchases >= 2' }],
  computedTraits: [{ name: 'views', aggregate: 'count', kinds: ['page_view'], windowSeconds: 604800 }],
};
const engine = new LiveEngine(liveOptions, (s: Signal) => void s.customerId);
const liveEvent: LiveEventInput = { customerId: 'a', timestamp: new Date(), channel: 'web', kind: 'purchase', id: 'm-1' };
const pushed: Signal[] = engine.push([liveEvent]);
const advanced: Signal[] = engine.advance('2026-04-01T00:00:00Z');
const liveState: CustomerState | null = engine.customer('a');
const liveStats: LiveStats = engine.stats;
const restored: LiveEngine = LiveEngine.restore(engine.snapshot());
// @ts-expect-error options are camelCase
new LiveEngine({ at_risk_days: 30 });
void [pushed, advanced, liveState, liveStats, restored];
