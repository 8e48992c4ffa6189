// Type test, checked by `tsc --noEmit -p test/tsconfig.json` (part of `npm test`), never run.
import { nps, csat, ces, pseudonymize, Dataset, TouchpointError } from '../touchpoint.js'
import {
  purchaseHistories,
  purchaseHistoriesAsync,
  fitPurchaseModel,
  fitPurchaseModelAsync,
  fitSpendModel,
  fitSpendModelAsync,
  lifetimeValue,
  lifetimeValueAsync,
  churnRisk,
  churnRiskAsync,
  calibrationReport,
  PurchaseModel,
  SpendModel,
} from '../touchpoint.js'
import type {
  CesSummary,
  CsatSummary,
  CustomerExport,
  CxReport,
  DatasetSummary,
  ForgetReceipt,
  ReadOptions,
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
  Trend,
  PurchaseHistories,
  PurchaseHistoriesInput,
  PurchaseHistoryOptions,
  TransactionColumns,
  PurchaseModelJSON,
  PurchaseModelKind,
  PurchasePredictions,
  SpendModelJSON,
  SpendPredictions,
  LifetimeValues,
  ChurnRisk,
  ChurnRiskRow,
  CalibrationReport,
  TimeUnit,
} from '../touchpoint.js'

// Exact types (an `any` anywhere fails these). The result and option types come from
// ../../types/results.d.ts, shared with the browser package, whose type test
// (bindings-wasm/test/types/usage.ts) pins them field by field.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const exact = <T extends true>(): void => {}
exact<Equals<ReturnType<Dataset['sessions']>, SessionReport>>()
exact<Equals<ReturnType<Dataset['overview']>, OverviewReport>>()
exact<Equals<OverviewReport['funnel'], FunnelReport | null>>()
exact<Equals<EngagementScoreReport['trendCounts'], Record<Trend, number>>>()
exact<Equals<CsatSummary['counts'], [number, number, number, number, number]>>()
exact<Equals<Rejection['code'], ErrorCode>>()
// Times in options: text, epoch milliseconds or a Date (as in the browser package).
exact<Equals<TimeInput, string | number | Date>>()

const s: NpsSummary = nps([10, 9, 3])
const score: number | null = s.nps
const promoters: number = s.promoters
const c: CsatSummary = csat([5, 4])
const counts: number[] = c.counts
const e: CesSummary = ces([7])
const low: number | null = e.lowEffortShare

const events: EventInput[] = [
  { customerId: 'ana', timestamp: '2026-03-01T09:30:00Z', channel: 'web', kind: 'purchase', value: 40 },
  { customerId: 'ana', timestamp: 1772357400000, channel: 'email', kind: 'survey_response', survey: { metric: 'nps', score: 10 } },
]
const ds: Dataset = Dataset.fromEvents(events, 'lenient')
const fromText: Dataset = Dataset.readSegment('', 'strict')
const fromCsv: Dataset = Dataset.readCsv('customer_id,timestamp,channel,kind\n')
const columns: EventColumns = {
  customerId: ['ana', 'ana'],
  timestamp: new Float64Array([1772357400000, 1772361000000]),
  channel: ['web', 'email'],
  kind: ['purchase', 'survey_response'],
  value: new Float64Array([40, NaN]),
  survey: [null, 'nps'],
  score: [null, 10],
}
const fromColumns: Dataset = Dataset.fromColumns(columns, 'lenient')
const export_: EventColumns = {
  customerId: [101, 102n, null],
  anonymousId: [null, null, 'v-1'],
  timestamp: ['2026-03-01', '2026-03-02', '2026-03-03'],
  channel: ['email', 'email', 'web'],
  kind: ['survey_response', 'survey_response', 'page_view'],
  nps: [9, 6, null],
  csat: new Float64Array([5, 2, NaN]),
  willBuyAgain: [4, null, null],
  traits: { plan: ['pro', 'free', null], seats: [3, null, null] },
}
Dataset.fromColumns(export_)
Dataset.fromColumns({ ...export_, customerId: new BigInt64Array([1n, 2n, 3n]) })
const rich: EventInput[] = [
  { customerId: 42, timestamp: 0, channel: 'web', kind: 'survey_response', answers: { nps: 9, fair_solution: 4 }, traits: { plan: 'pro' } },
  { anonymousId: 'v-1', timestamp: 0, channel: 'web', kind: 'page_view' },
  { customerId: 'ana', anonymousId: 'v-1', timestamp: 0, channel: 'web', kind: 'click', survey: { metric: 'delivers_promise', score: 5 } },
]
Dataset.fromEvents(rich)
Dataset.fromColumns({ customerId: ['a'], timestamp: ['2026-03-01T09:30:00Z'], channel: ['web'], kind: ['click'] })
const n: number = fromColumns.eventCount + ds.customerCount + ds.eventCount + fromText.eventCount + fromCsv.eventCount
const rejected: Rejection[] = ds.rejected
const summary: DatasetSummary = ds.summary()
const first: string | null = summary.firstEvent
const report: CxReport = ds.cxReport({ survey_response: 'discover', purchase: null })
const email: SurveyScores | undefined = report.byChannel['email']
const stage: 'discover' | 'shop' | 'buy' | 'own' | 'advocate' = report.byStage[0].stage
const byStageNps: number | null = report.byStage[0].nps.nps
const share: number | null = report.stageDistribution[0].share
ds.cxReport()
ds.cxReport(null)

// Dataset analyses: an options object in (every field optional), a typed report out.
const journeyOptions: JourneyMapOptions = { node: 'touchpoint', collapseRepeats: false, pathLength: 3 }
const journey: JourneyMap = ds.journeyMap(journeyOptions)
const median: number | null = journey.transitions[0].medianSeconds
const path: string[] = journey.topPaths[0].path
const switchRate: number | null = journey.channelSwitching.switchRate
ds.journeyMap()
ds.journeyMap(null)
const pains: PainPointReport = ds.painPoints({ weights: { drop_off: 2 }, stageMap: { survey_response: 'discover' }, top: 3 })
const severity: number = pains.ranked[0].severity
const pyramid: PyramidReport = ds.cxPyramid({ thresholds: [50, 60, 70, 10, 10, 30], noDataBlocks: true })
const met: boolean | null = pyramid.levels[0].met
const weakest: number | null = pyramid.weakest
const sessions: SessionReport = ds.sessions({ inactivitySeconds: 600, byChannel: true })
const perSession: number | null = sessions.eventsPerSession.mean
const engagement: EngagementReport = ds.engagement({ breakdown: { trait: 'plan' }, bucket: 'week' })
const stickiness: number | null = engagement.activeUsers.stickiness
const lifecycle: LifecycleReport = ds.lifecycle({ period: 'month', perCustomer: true })
const quick: number | null = lifecycle.periods[0].quickRatio
const scored: EngagementScoreReport = ds.engagementScore({ asOf: '2026-03-01', bands: [{ label: 'low', min: 0 }] })
const funnel: FunnelReport = ds.funnel({ steps: ['page_view', { kind: 'purchase', withinSeconds: 3600 }], order: 'strict' })
const converted: number | null = funnel.conversionRate
const retention: RetentionReport = ds.retention({ period: 'day', periods: 4, retentionType: 'first_time' })
const cell: number | null = retention.cohorts[0].retention[1]
const rfm: RfmReport = ds.rfm({ segments: [{ name: 'best', r: [4, 5] }], asOf: 1772357400000 })
const tiers: TierReport = ds.engagementTiers({ windowDays: 7, tiers: [{ name: 'none', minEvents: 0 }] })
const rules: RuleSegmentReport = ds.ruleSegments({ rules: [{ name: 'vip', rule: 'purchases >= 2' }], includeMembers: true })
const members: string[] | null = rules.segments[0].members

// TouchpointError is a class: a value (`instanceof` narrows) and a type.
try {
  nps([11])
} catch (caught) {
  if (caught instanceof TouchpointError) {
    const code: ErrorCode = caught.code
    const record: string | null = caught.record
    const field: string | null = caught.field
    const message: string = caught.message
    const name: 'TouchpointError' = caught.name
    const isError: Error = caught
    void [code, record, field, message, name, isError]
  }
}
const made: TouchpointError = new TouchpointError('message', 'INVALID_CONFIG', null, 'mode')
const madeIsError: Error = made
void madeIsError

// Every analysis has an …Async form: the same arguments, a Promise of the same report.
type Analysis =
  | 'sessions' | 'engagement' | 'lifecycle' | 'engagementScore' | 'funnel' | 'retention'
  | 'journeyMap' | 'painPoints' | 'cxPyramid' | 'rfm' | 'engagementTiers' | 'ruleSegments'
  | 'overview' | 'cxReport'
type AsyncOf<K extends Analysis> = (...args: Parameters<Dataset[K]>) => Promise<ReturnType<Dataset[K]>>
exact<Equals<Dataset['sessionsAsync'], AsyncOf<'sessions'>>>()
exact<Equals<Dataset['engagementAsync'], AsyncOf<'engagement'>>>()
exact<Equals<Dataset['lifecycleAsync'], AsyncOf<'lifecycle'>>>()
exact<Equals<Dataset['engagementScoreAsync'], AsyncOf<'engagementScore'>>>()
exact<Equals<Dataset['funnelAsync'], AsyncOf<'funnel'>>>()
exact<Equals<Dataset['retentionAsync'], AsyncOf<'retention'>>>()
exact<Equals<Dataset['journeyMapAsync'], AsyncOf<'journeyMap'>>>()
exact<Equals<Dataset['painPointsAsync'], AsyncOf<'painPoints'>>>()
exact<Equals<Dataset['cxPyramidAsync'], AsyncOf<'cxPyramid'>>>()
exact<Equals<Dataset['rfmAsync'], AsyncOf<'rfm'>>>()
exact<Equals<Dataset['engagementTiersAsync'], AsyncOf<'engagementTiers'>>>()
exact<Equals<Dataset['ruleSegmentsAsync'], AsyncOf<'ruleSegments'>>>()
exact<Equals<Dataset['overviewAsync'], AsyncOf<'overview'>>>()
exact<Equals<Dataset['cxReportAsync'], AsyncOf<'cxReport'>>>()
// (and the check can fail:)
// @ts-expect-error sessionsAsync is not cxReportAsync
exact<Equals<Dataset['sessionsAsync'], AsyncOf<'cxReport'>>>()
exact<Equals<ReturnType<Dataset['sessionsAsync']>, Promise<SessionReport>>>()
exact<Equals<ReturnType<Dataset['overviewAsync']>, Promise<OverviewReport>>>()
exact<Equals<ReturnType<Dataset['cxReportAsync']>, Promise<CxReport>>>()
// The readers: the same arguments, a Promise of a Dataset.
exact<Equals<Parameters<typeof Dataset.readCsvAsync>, Parameters<typeof Dataset.readCsv>>>()
exact<Equals<Parameters<typeof Dataset.readSegmentAsync>, Parameters<typeof Dataset.readSegment>>>()
exact<Equals<Parameters<typeof Dataset.fromEventsAsync>, Parameters<typeof Dataset.fromEvents>>>()
exact<Equals<Parameters<typeof Dataset.fromColumnsAsync>, Parameters<typeof Dataset.fromColumns>>>()
exact<Equals<ReturnType<typeof Dataset.readCsvAsync>, Promise<Dataset>>>()
exact<Equals<ReturnType<typeof Dataset.readSegmentAsync>, Promise<Dataset>>>()
exact<Equals<ReturnType<typeof Dataset.fromEventsAsync>, Promise<Dataset>>>()
exact<Equals<ReturnType<typeof Dataset.fromColumnsAsync>, Promise<Dataset>>>()
async function asyncUsage(): Promise<number> {
  const read: Dataset = await Dataset.readCsvAsync('', 'lenient')
  const report: SessionReport = await read.sessionsAsync()
  return report.sessions
}
void asyncUsage

// Wrong usages must not type-check:
// @ts-expect-error answers are numbers
nps(['a'])
// @ts-expect-error results have camelCase keys
void s.promoter_share
// @ts-expect-error mode is 'strict' or 'lenient'
Dataset.readCsv('', 'sloppy')
// @ts-expect-error an event needs a customerId or an anonymousId
Dataset.fromEvents([{ timestamp: '2026-01-01', channel: 'web', kind: 'click' }])
// @ts-expect-error answers are keyed by survey metric
Dataset.fromEvents([{ customer_id: 'a', timestamp: 0, channel: 'web', kind: 'click', answers: { loyalty: 3 } }])
// @ts-expect-error columns are arrays, one per field, not event objects
Dataset.fromColumns(events)
// @ts-expect-error stages are discover, shop, buy, own or advocate
ds.cxReport({ purchase: 'checkout' })
// @ts-expect-error rejected is read-only data, not a method
ds.rejected()
// @ts-expect-error TouchpointError codes are the ErrorCode strings
new TouchpointError('message', 'NOT_A_CODE')
// @ts-expect-error mode is 'strict' or 'lenient' in the async readers too
void Dataset.readCsvAsync('', 'sloppy')
// @ts-expect-error an async analysis gives a Promise, not the report
void ds.sessionsAsync().sessions

// @ts-expect-error journey nodes are kind, channel or touchpoint
ds.journeyMap({ node: 'stage' })
// @ts-expect-error options have camelCase names
ds.journeyMap({ path_length: 3 })
// @ts-expect-error a funnel needs its steps
ds.funnel({ order: 'strict' })
// @ts-expect-error a funnel's options hold its steps: they are required
ds.funnel()
// @ts-expect-error pain-point weights are per known signal
ds.painPoints({ weights: { slowness: 2 } })
ds.rfm({ asOf: new Date() })
// @ts-expect-error times in options are text, numbers or Dates
ds.rfm({ asOf: true })
// Answers and events may be any iterable.
nps(new Float64Array([9, 10]))
csat(new Set([4, 5]))
Dataset.fromEvents(new Set([{ customerId: 'a', timestamp: new Date(0), channel: 'web', kind: 'click' }]))
// @ts-expect-error answers are numbers
nps(new Set(['9']))
// @ts-expect-error the stage map of an overview is set once, at the top
ds.overview({ lifecycle: { stageMap: { purchase: 'buy' } } })
// @ts-expect-error results have camelCase keys
void funnel.conversion_rate
// @ts-expect-error event inputs have camelCase keys
Dataset.fromEvents([{ customer_id: 'a', timestamp: 0, channel: 'web', kind: 'click' }])

void [score, promoters, counts, low, n, rejected, first, email, stage, byStageNps, share]
void [median, path, switchRate, severity, met, weakest, perSession, stickiness, quick, scored, converted, cell, rfm, tiers, members]

// Privacy: forget, export (and exportAsync), pseudonymize, the readers' { mode, pseudonymKey }.
exact<Equals<ReturnType<Dataset['forget']>, ForgetReceipt>>()
exact<Equals<ReturnType<Dataset['export']>, CustomerExport | null>>()
exact<Equals<ReturnType<Dataset['exportAsync']>, Promise<CustomerExport | null>>>()
exact<Equals<ReturnType<typeof pseudonymize>, string>>()
const receipt: ForgetReceipt = ds.forget(['a', 'b'])
const forgotten: boolean = receipt.found
const exported = ds.export('a')
const exportedRfm: number | undefined = exported?.derived.rfm?.monetary
const exportedId: string | undefined = exported?.events[0]?.customerId
const readOptions: ReadOptions = { mode: 'lenient', pseudonymKey: new Uint8Array(32) }
Dataset.fromEvents([], readOptions)
Dataset.readCsv('', { pseudonymKey: 'a key of 16 bytes or more' })
Dataset.readSegmentAsync('', { mode: 'strict', pseudonymKey: new Uint8Array(32) })
Dataset.fromColumns({ customerId: [], timestamp: [], channel: [], kind: [] }, { pseudonymKey: null })
pseudonymize(new Uint8Array(32), 'a')
// @ts-expect-error a pseudonym key is bytes or text
Dataset.fromEvents([], { pseudonymKey: 42 })
// @ts-expect-error the mode in the options object is 'strict' or 'lenient'
Dataset.readCsv('', { mode: 'sloppy' })
// @ts-expect-error a receipt has counts, never ids
void receipt.customerId
// @ts-expect-error forget takes ids
ds.forget(42)
void [forgotten, exportedRfm, exportedId]

// Churn risk and lifetime value: typed columns, model classes, saved models.
exact<Equals<ReturnType<typeof purchaseHistories>, PurchaseHistories>>()
exact<Equals<ReturnType<Dataset['purchaseHistories']>, PurchaseHistories>>()
exact<Equals<ReturnType<Dataset['purchaseHistoriesAsync']>, Promise<PurchaseHistories>>>()
exact<Equals<PurchaseHistories['T'], Float64Array>>()
exact<Equals<PurchaseHistories['customerId'], string[]>>()
exact<Equals<ReturnType<typeof fitPurchaseModel>, PurchaseModel>>()
exact<Equals<ReturnType<typeof fitPurchaseModelAsync>, Promise<PurchaseModel>>>()
exact<Equals<ReturnType<typeof fitSpendModelAsync>, Promise<SpendModel>>>()
exact<Equals<ReturnType<typeof lifetimeValueAsync>, Promise<LifetimeValues>>>()
exact<Equals<ReturnType<typeof churnRiskAsync>, Promise<ChurnRisk>>>()
exact<Equals<ReturnType<typeof purchaseHistoriesAsync>, Promise<PurchaseHistories>>>()
exact<Equals<ReturnType<PurchaseModel['toJSON']>, PurchaseModelJSON>>()
exact<Equals<ReturnType<SpendModel['toJSON']>, SpendModelJSON>>()
exact<Equals<PurchaseModel['model'], PurchaseModelKind>>()
exact<Equals<PurchaseModel['unit'], TimeUnit>>()
exact<Equals<ChurnRiskRow['valueAtRisk'], number | null>>()

const transactions: TransactionColumns = {
  customerId: ['a', 'b', 'a'],
  timestamp: [new Date('2024-01-01'), '2024-01-02', Date.UTC(2024, 0, 9)],
  value: new Float64Array([10, 20, 30]),
}
const historyOptions: PurchaseHistoryOptions = { unit: 'week', unitMultiplier: 2, calibrationEnd: '2024-06-01', observationEnd: new Date() }
const histories: PurchaseHistories = purchaseHistories(transactions, historyOptions)
const ages: Float64Array = histories.T
const holdoutFrequency: Float64Array | undefined = histories.holdout?.frequency
const fromEvents: PurchaseHistories = ds.purchaseHistories({ purchaseKinds: ['purchase', 'order'] })
// A lifetimes summary frame's columns, as plain arrays or typed arrays.
const summaryFrame: PurchaseHistoriesInput = { frequency: [2, 0], recency: new Float64Array([30, 0]), T: [40, 38], monetaryValue: [25, 0] }
const model: PurchaseModel = fitPurchaseModel(histories, { model: 'pareto_nbd', penalizer: 0.01, maxIterations: 500 })
fitPurchaseModel(summaryFrame)
const r: number | undefined = model.params['r']
const se: Record<string, number> | null = model.standardErrors
const ll: number | null = model.logLikelihood
const customersFitted: number = model.customers
const saved: string = JSON.stringify(model)
const loaded: PurchaseModel = PurchaseModel.fromJSON(saved)
PurchaseModel.fromJSON(model.toJSON())
PurchaseModel.fromJSON({ model: 'bg_nbd', params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 } })
const given: PurchaseModel = PurchaseModel.fromParams('bg_nbd', { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, { unit: 'week' })
const predicted: PurchasePredictions = loaded.predict(histories, 4)
const alive: Float64Array = predicted.probabilityAlive
const scalar: number =
  given.probabilityAlive(2, 30, 40) + given.expectedPurchases(10, 2, 30, 40) + given.expectedPurchasesNewCustomer(10) + given.probabilityOfPurchases(1, 10)
const spend: SpendModel = fitSpendModel(histories, { qConstraint: true })
const spendPredicted: SpendPredictions = SpendModel.fromJSON(JSON.stringify(spend)).predict(summaryFrame)
const meanSpend: number = spend.expectedSpend(2, 25) + SpendModel.fromParams({ p: 6, q: 3.7, v: 15 }).expectedSpend(0, 0)
const clv: Float64Array = lifetimeValue(model, spend, histories, { months: 6, discountRate: 0.01 }).clv
lifetimeValue(model.toJSON(), spend.toJSON(), summaryFrame)
const risk: ChurnRisk = churnRisk(model, histories, { spendModel: spend, threshold: 0.3, horizon: 4 })
const atRiskShare: number | null = risk.atRiskShare
churnRisk(model, summaryFrame)
const calibration: CalibrationReport = calibrationReport(model, histories, { maxFrequency: 5 })
const mae: number | null = calibration.meanAbsoluteError
void [ages, holdoutFrequency, fromEvents, r, se, ll, customersFitted, scalar, spendPredicted, meanSpend, clv, atRiskShare, mae]

// Experiments: typed data in, a typed report out.
import { analyzeExperiment, sampleRatioCheck, adjustPValues, sampleSize, minimumDetectableEffect, npsDifference } from '../touchpoint.js'
import type { ExperimentReport, SampleRatioCheck, SampleSize, DetectableEffect, NpsDifference } from '../touchpoint.js'
{
  const report: ExperimentReport = analyzeExperiment(
    { variants: ['control', 'B'], units: [1000, 1000], metrics: [{ name: 'conversion', kind: 'conversion', sum: [100, 126] }] },
    { correction: 'holm', srmThreshold: 0.001 },
  )
  const lift: number | undefined = report.metrics[0].comparisons[0].relative?.estimate
  const srm: SampleRatioCheck = sampleRatioCheck([5000, 5150], null, 0.001)
  const adjusted: number[] = adjustPValues([0.01, 0.04], 'benjamini_hochberg')
  // @ts-expect-error an unknown correction
  adjustPValues([0.01], 'bonferroni')
  // @ts-expect-error a metric kind is conversion, mean or ratio
  analyzeExperiment({ variants: ['a', 'b'], units: [1, 1], metrics: [{ name: 'x', kind: 'median', sum: [0, 1] }] })
  void lift, srm, adjusted
}
{
  const plan: SampleSize = sampleSize({ kind: 'conversion', baseline: 0.1 }, 0.1)
  const mde: DetectableEffect = minimumDetectableEffect({ kind: 'mean', baseline: 50, stdDev: 20, alternative: 'greater' }, 5000)
  const waves: NpsDifference = npsDifference({ promoters: 4, passives: 3, detractors: 2 }, [9, 10, 3, 7])
  // @ts-expect-error a plan needs its baseline
  sampleSize({ kind: 'conversion' }, 0.1)
  void plan, mde, waves
}

// Experiments from events and from rows.
import { experimentFromRows } from '../touchpoint.js'
import type { ExperimentEventReport, ExperimentData } from '../touchpoint.js'
{
  const ds = Dataset.fromEvents([])
  const run = (): ExperimentEventReport =>
    ds.experiment({
      experimentId: 'checkout',
      metrics: [
        { name: 'bought', measure: 'converted', kinds: ['purchase'], windowSeconds: 86400 },
        { name: 'aov', measure: 'ratio', numerator: { measure: 'sum', kinds: ['purchase'] }, denominator: { measure: 'count', kinds: ['purchase'] } },
      ],
      breakdown: { trait: 'plan' },
      statistics: { correction: 'holm' },
    })
  // @ts-expect-error the metrics are required
  ds.experiment({ experimentId: 'checkout' })
  // @ts-expect-error an unknown measure
  ds.experiment({ experimentId: 'checkout', metrics: [{ name: 'x', measure: 'median' }] })
  const data: ExperimentData = experimentFromRows([{ variant: 'a', y: 1 }], { metrics: [{ name: 'y', kind: 'mean' }] })
  const left: number = (null as unknown as ExperimentEventReport).excluded.multipleVariants
  void run, data, left
}

// Sentiment: texts in, typed sentiments out.
import { sentiment, sentiments, sentimentsAsync, Lexicon, SentimentAnalyzer } from '../touchpoint.js'
import type { Sentiment, SentimentLabel } from '../touchpoint.js'
{
  const one: Sentiment = sentiment('Great service!', { threshold: 0.1, detectLanguage: false })
  const label: SentimentLabel = one.label
  const compound: number | null = one.compound
  const many: Sentiment[] = sentiments(['good', new Uint8Array([111, 107])])
  const later: Promise<Sentiment[]> = sentimentsAsync(new Set(['good']))
  const lexicon = Lexicon.parse('refund\t-1.5\n', 'eng')
  lexicon.setWord('meh', -0.5)
  const analyzer = SentimentAnalyzer.withLexicons([Lexicon.english(), lexicon.language === 'fra' ? lexicon : Lexicon.empty('fra')], { detectLanguage: true })
  const scored: Sentiment = analyzer.score('ok')
  const languages: string[] = analyzer.languages
  // @ts-expect-error options are camelCase
  sentiment('ok', { detect_language: false })
  // @ts-expect-error a label is one of four
  const wrong: SentimentLabel = 'mixed'
  void [label, compound, many, later, scored, languages, wrong]
}

// Survey programmes: a template or a survey in, a typed report out; two reports compared.
import { surveyTemplate, scoreSurvey, compareSurveyWaves } from '../touchpoint.js'
import type { Survey, SurveyReport, WaveComparison, WaveChange } from '../touchpoint.js'
{
  const survey: Survey = surveyTemplate('engagement')
  const custom: Survey = { id: 's', questions: [{ id: 'easy', type: 'ces', points: 5, reverse: true }], engagementIndex: ['easy'] }
  const report: SurveyReport = scoreSurvey(survey, [{ customerId: 'a', timestamp: new Date(), csat: 5 }], { period: 'week', minResponses: 10 })
  const index: number | null | undefined = report.engagementIndex?.index
  const weakest: string | null | undefined = report.engagementIndex?.weakestQuestion
  const other: SurveyReport = scoreSurvey(custom, [], { layout: 'long', invitations: [{ customerId: 'a', timestamp: 0 }] })
  const waves: WaveComparison = compareSurveyWaves(report, other, { alpha: 0.1 })
  const change: WaveChange | undefined = waves.changes[0]
  // @ts-expect-error an unknown template
  surveyTemplate('loyalty')
  // @ts-expect-error options are camelCase
  scoreSurvey('nps', [], { min_responses: 3 })
  void [index, weakest, change]
}

// The voice of the customer: comment rows in, a typed report out.
import { voiceOfCustomer, voiceOfCustomerAsync } from '../touchpoint.js'
import type { VoiceReport, NegativeTerm, PainSignal } from '../touchpoint.js'
{
  const rows = [{ customerId: 'a', timestamp: new Date(), touchpoint: 'delivery', text: 'Late again.' }]
  const voice: VoiceReport = voiceOfCustomer(rows, { terms: 5, minComments: 1 })
  const later: Promise<VoiceReport> = voiceOfCustomerAsync(rows)
  const term: NegativeTerm | undefined = voice.byTouchpoint[0]?.negativeTerms[0]
  const share: number | null = voice.overall.negativeShare
  // @ts-expect-error options are camelCase
  voiceOfCustomer(rows, { min_comments: 1 })
  // Over a dataset: free text on events and in columns.
  const ds = Dataset.fromEvents([{ customerId: 'a', timestamp: 0, channel: 'web', kind: 'review', text: 'Late again.' }])
  const fromColumns = Dataset.fromColumns({ customerId: ['a'], timestamp: [0], channel: ['web'], kind: ['review'], text: [null] })
  const ofData: VoiceReport = ds.voiceOfCustomer({ segmentTrait: 'plan', stageMap: { review: 'own' } })
  const ofDataLater: Promise<VoiceReport> = fromColumns.voiceOfCustomerAsync()
  const signal: PainSignal = 'negative_feedback'
  // @ts-expect-error a text is a string
  Dataset.fromEvents([{ customerId: 'a', timestamp: 0, channel: 'web', kind: 'review', text: 5 }])
  void [later, term, share, ofData, ofDataLater, signal]
}

import { LiveEngine } from '../touchpoint.js'
import type { Signal, SignalKind, CustomerState, LiveStats, LiveOptions, LiveEventInput } from '../touchpoint.js'
{
  const options: LiveOptions = {
    segments: [{ name: 'buyers', rule: 'purchases >= 2' }],
    computedTraits: [{ name: 'views', aggregate: 'count', kinds: ['page_view'], windowSeconds: 604800 }],
    engagementScore: { scale: 10 },
    atRiskDays: 30,
  }
  const engine = new LiveEngine(options)
  const event: LiveEventInput = { customerId: 'a', timestamp: new Date(), channel: 'web', kind: 'purchase', id: 'm-1' }
  const signals: Signal[] = engine.push([event])
  const one: Signal[] = engine.push(event)
  const kind: SignalKind | undefined = signals[0]?.signal
  engine.on('signal', (s: Signal) => void s.customerId)
  const later: Signal[] = engine.advance('2026-04-01T00:00:00Z')
  const state: CustomerState | null = engine.customer('a')
  const stats: LiveStats = engine.stats
  const back: LiveEngine = LiveEngine.restore(engine.snapshot())
  // @ts-expect-error options are camelCase
  new LiveEngine({ at_risk_days: 30 })
  // @ts-expect-error an unknown aggregate
  new LiveEngine({ computedTraits: [{ name: 'x', aggregate: 'median' }] })
  void [one, kind, later, state, stats, back]
}
