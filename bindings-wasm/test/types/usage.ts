// Compile-only check of the package's TypeScript types (tsc --noEmit, see tsconfig.json).
// Every `@ts-expect-error` line must be an error: tsc fails if one of them compiles.
import init, {
  ces,
  csat,
  Dataset,
  nps,
  type CesSummary,
  type CsatSummary,
  type CxReport,
  type DatasetSummary,
  type ErrorCode,
  type FunnelReport,
  type RetentionOptions,
  type EventColumns,
  type EventInput,
  type JourneyMap,
  type NpsSummary,
  type Rejection,
  type ScoreSet,
  type Stage,
  type TouchpointError,
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
// @ts-expect-error keys are the core's snake_case keys
s.promoterShare;
nps(new Float64Array([10, 9]));
nps(new Set([10]));
// @ts-expect-error answers are numbers
nps(['10']);
const c: CsatSummary = csat([5, 4]);
const counts: [number, number, number, number, number] = c.counts;
const e: CesSummary = ces([7]);
const low: number | null = e.low_effort_share;

// Datasets.
const events: EventInput[] = [
  { customer_id: 'ana', timestamp: '2026-03-01T09:00:00Z', channel: 'web', kind: 'page_view' },
  { customer_id: 'ana', timestamp: new Date(), channel: 'web', kind: 'purchase', value: 40 },
  { customer_id: 'ben', timestamp: 0, channel: 'sms', kind: 'survey_response', survey: { metric: 'nps', score: 3 } },
];
const ds = Dataset.fromEvents(events, 'lenient');
Dataset.fromEvents(events);
// @ts-expect-error mode is "strict" or "lenient"
Dataset.fromEvents(events, 'sloppy');
// @ts-expect-error an event needs a customer_id
Dataset.fromEvents([{ timestamp: 0, channel: 'web', kind: 'click' }]);
exact<Equals<ReturnType<typeof Dataset.fromColumns>, Dataset>>();
const columns: EventColumns = {
  customer_id: ['ana', 'ana'],
  timestamp: new Float64Array([1772357400000, 1772361000000]),
  channel: ['web', 'email'],
  kind: ['purchase', 'survey_response'],
  value: new Float64Array([40, NaN]),
  survey: [null, 'nps'],
  score: [null, 10],
};
Dataset.fromColumns(columns, 'lenient');
Dataset.fromColumns({ customer_id: ['a'], timestamp: ['2026-03-01T09:30:00Z'], channel: ['web'], kind: ['click'] });
// @ts-expect-error columns are arrays, one per field, not event objects
Dataset.fromColumns(events);
// @ts-expect-error survey metrics are nps, csat or ces
Dataset.fromEvents([{ customer_id: 'a', timestamp: 0, channel: 'web', kind: 'x', survey: { metric: 'ltv', score: 1 } }]);
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
const first: string | null = summary.first_event;

// The CX report.
const report: CxReport = ds.cxReport();
ds.cxReport({ survey_response: 'discover', purchase: null });
ds.cxReport(new Map<string, Stage | null>([['purchase', 'buy']]));
// @ts-expect-error stages are discover, shop, buy, own or advocate
ds.cxReport({ purchase: 'checkout' });
const email: ScoreSet = report.by_channel['email'];
const stage: Stage = report.by_stage[0].stage;
const share: number | null = report.stage_distribution[2].share;
const withoutStage: number = report.customers_without_stage;

// The journey map.
const journey: JourneyMap = ds.journeyMap({ node: 'channel', top_paths: 3 });
const median: number | null = journey.transitions[0].median_seconds;
// @ts-expect-error node is kind, channel or touchpoint
ds.journeyMap({ node: 'page' });
// @ts-expect-error unknown options are refused (INVALID_CONFIG at run time)
ds.journeyMap({ path_lenght: 3 });

// Errors.
try {
  nps([11]);
} catch (caught) {
  const err = caught as TouchpointError;
  const isError: Error = err;
  const c2: ErrorCode = err.code;
  const record: string | null = err.record;
  const field: string | null = err.field;
  // @ts-expect-error codes are a closed set
  const wrong: typeof err.code = 'OUT_OF_BOUNDS';
}

ds.free();
{
  using scoped = Dataset.fromEvents(events);
  scoped.summary();
}

export {
  c,
  code,
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
