// Type test, checked by `tsc --noEmit -p test/tsconfig.json` (part of `npm test`), never run.
import { nps, csat, ces, Dataset } from '../index.js'
import type {
  CesSummary,
  CsatSummary,
  CxReport,
  DatasetSummary,
  ErrorCode,
  EventInput,
  NpsSummary,
  Rejection,
  ScoreSet,
  TouchpointError,
} from '../index.js'

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
const n: number = ds.customerCount + ds.eventCount + fromText.eventCount + fromCsv.eventCount
const rejected: Rejection[] = ds.rejected
const summary: DatasetSummary = ds.summary()
const first: string | null = summary.first_event
const report: CxReport = ds.cxReport({ survey_response: 'discover', purchase: null })
const email: ScoreSet | undefined = report.by_channel['email']
const stage: 'discover' | 'shop' | 'buy' | 'own' | 'advocate' = report.by_stage[0].stage
const byStageNps: number | null = report.by_stage[0].nps.nps
const share: number | null = report.stage_distribution[0].share
ds.cxReport()
ds.cxReport(null)

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
// @ts-expect-error an event needs a customer_id
Dataset.fromEvents([{ timestamp: '2026-01-01', channel: 'web', kind: 'click' }])
// @ts-expect-error stages are discover, shop, buy, own or advocate
ds.cxReport({ purchase: 'checkout' })
// @ts-expect-error rejected is read-only data, not a method
ds.rejected()

void [score, promoters, counts, low, n, rejected, first, email, stage, byStageNps, share]
