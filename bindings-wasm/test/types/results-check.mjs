#!/usr/bin/env node
// Checks the package's declared types against what it really returns and accepts.
//
//   node bindings-wasm/test/types/results-check.mjs      (after scripts/build-wasm.sh)
//
// Runs, in Node, the built package (bindings-wasm/pkg) over every case of the shared vectors
// (vectors/*.json) and over the sample data (data/sample-events.ndjson) and an empty dataset
// with every optional block of the results switched on; writes each result as a constant of
// the type the .d.ts declares for the call, and each options object of a vector that
// succeeded as a constant of the declared options type:
//
//   export const r12: ReturnType<Dataset['sessions']> = { "customers": 3, ... };
//   export const o12: Opts<'sessions'> = { "inactivitySeconds": 600 };
//
// The vectors are canonical (snake_case keys): each case is run, and its options written, in
// JavaScript spelling (camelCase fields) by vectors/js-keys.mjs, as the browser runner does.
//
// then type-checks that file with tsc (target/wasm-types-check/). A key a result has but its
// type lacks (an excess property), a key the type declares but a result lacks, a `null` where
// the type has none, a string outside a declared union, or a valid option the options type
// refuses, fails the check. Arrays are cut to their first 8 items to keep the file small.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runOp } from '../vectors.test.mjs';
import { jsCase, snakeToCamel as camel } from '../../../vectors/js-keys.mjs';
import { expand } from '../../../vectors/js-generated.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../..');
const PKG = join(REPO, 'bindings-wasm/pkg');
const OUT = join(REPO, 'target/wasm-types-check');
const TSC = join(REPO, 'bindings-wasm/test/node_modules/.bin/tsc');

const w = await import(pathToFileURL(join(PKG, 'touchpoint_wasm.js')).href);
w.initSync({ module: readFileSync(join(PKG, 'touchpoint_wasm_bg.wasm')) });

/** The declared type of what `op` returns (`op` as in the vectors). */
function resultType(op) {
  if (op === 'nps' || op === 'csat' || op === 'ces') return `ReturnType<typeof ${op}>`;
  if (op === 'cx_report') return `ReturnType<Dataset['cxReport']>`;
  if (['read_segment', 'read_csv', 'from_events', 'from_columns'].includes(op)) return 'ReadResult';
  if (op === 'pseudonymize') return '{ pseudonym: ReturnType<typeof pseudonymize> }';
  if (op === 'forget') return `{ receipt: ReturnType<Dataset['forget']>; summary: DatasetSummary }`;
  // Churn risk and lifetime value (vectors/value.json): the vector runner's results, typed
  // arrays made plain arrays (`Plain`), models as their `toJSON()`.
  const value = {
    purchase_histories: 'Plain<PurchaseHistories>',
    purchase_histories_from_transactions: 'Plain<PurchaseHistories>',
    fit_purchase_model: 'PurchaseModelJSON',
    predict_purchases: 'Plain<PurchasePredictions> & { expectedPurchasesNewCustomer: number[]; probabilityOfPurchases: number[] }',
    fit_spend_model: 'SpendModelJSON',
    expected_spend: 'Plain<SpendPredictions>',
    lifetime_value: 'Plain<LifetimeValues>',
    // Experiments (vectors/experiment.json).
    analyze_experiment: 'ExperimentReport',
    sample_ratio_check: 'SampleRatioCheck',
    adjust_p_values: '{ pValues: number[] }',
    sample_size: 'SampleSize',
    minimum_detectable_effect: 'DetectableEffect',
    nps_difference: 'NpsDifference',
    experiment_from_rows: 'ExperimentData',
    // Sentiment (vectors/sentiment.json): one text, or a batch.
    sentiment: 'Sentiment | { sentiments: Sentiment[] }',
    // Survey programmes (vectors/survey.json).
    survey_template: 'Survey',
    score_survey: 'SurveyReport',
    compare_survey_waves: 'WaveComparison',
    voice_of_customer: 'VoiceReport',
    // The live engine (vectors/live.json): each step's signals, the states, the stats.
    live: '{ signals: Signal[][]; customers: CustomerState[]; stats: LiveStats }',
  }[op];
  if (value) return value;
  return `ReturnType<Dataset['${camel(op)}']>`;
}

/** The declared options type of a value op's `options` (the others: the Dataset method's). */
const VALUE_OPTIONS = {
  purchase_histories_from_transactions: 'PurchaseHistoryOptions',
  fit_purchase_model: 'PurchaseModelOptions',
  fit_spend_model: 'SpendModelOptions',
  lifetime_value: 'LifetimeValueOptions',
  analyze_experiment: 'ExperimentOptions',
  experiment_from_rows: 'ExperimentRowOptions',
  sample_size: 'PowerPlan',
  minimum_detectable_effect: 'PowerPlan',
  sentiment: 'SentimentOptions',
  score_survey: 'SurveyOptions',
  compare_survey_waves: 'SurveyOptions',
  voice_of_customer: 'VoiceOptions',
  live: 'LiveOptions',
};

/** JSON text of `v` with every array cut to its first 8 items. */
const literal = (v) => JSON.stringify(v, (_k, x) => (Array.isArray(x) && x.length > 8 ? x.slice(0, 8) : x));

const lines = [];
let results = 0;
let options = 0;
const addResult = (where, type, value) => {
  lines.push(`// ${where}`, `export const r${results++}: ${type} = ${literal(value)};`);
};
const addOptions = (where, method, value, type = `Opts<'${method}'>`) => {
  lines.push(`// ${where} (options)`, `export const o${options++}: ${type} = ${literal(value)};`);
};

// 1. Every vector case that succeeds: its result, and its options.
const files = JSON.parse(readFileSync(join(REPO, 'bindings-wasm/test/vector-files.json'), 'utf8'));
for (const file of files) {
  const doc = JSON.parse(readFileSync(join(REPO, 'vectors', file), 'utf8'));
  for (const c of doc.cases.map(jsCase)) {
    // Generated inputs (`$repeat`, …) are built as the vector runner builds them; a form of
    // bad input that has none in JavaScript (`skip.js`) is left out there too.
    if (!('expected' in c) || c.skip?.js) continue;
    const where = `${file}: ${c.name}`;
    // A partial state finishes into the report of its analysis's method.
    const op = c.op === 'partial' ? c.input.analysis : c.op;
    addResult(where, resultType(op), runOp(w, c.op, expand(c.input)));
    const known = ['nps', 'csat', 'ces', 'cx_report', 'read_segment', 'read_csv', 'from_events', 'from_columns', 'pseudonymize', 'forget', 'export'];
    if (!known.includes(op) && c.input.options != null) addOptions(where, camel(op), expand(c.input.options), VALUE_OPTIONS[op]);
  }
}

// 2. The sample data and an empty dataset, with every optional part of the results asked for.
const FUNNEL = {
  steps: ['page_view', { kind: 'add_to_cart', withinSeconds: 86400 }, { kind: 'purchase', channel: null, optional: false }],
  exclusions: [{ kind: 'ticket_opened', between: [0, 2] }],
  breakdown: 'channel',
  attribution: 'last_touch',
};
const CALLS = [
  ['summary', undefined],
  ['cxReport', undefined],
  ['journeyMap', { node: 'touchpoint', topPaths: 3 }],
  ['painPoints', { minEvidence: 1, top: 50 }],
  ['cxPyramid', { minEvidence: 1 }],
  ['sessions', { byChannel: true, perCustomer: true }],
  ['engagement', { breakdown: 'channel', bucket: 'month' }],
  ['engagement', { breakdown: { trait: 'plan' }, bucket: 'week' }],
  ['lifecycle', { perCustomer: true, period: 'month' }],
  ['engagementScore', { perCustomer: true }],
  ['funnel', FUNNEL],
  ['funnel', { steps: ['page_view', 'purchase'], order: 'any_order', breakdown: { trait: 'plan' } }],
  ['retention', { period: 'month', periods: 4 }],
  ['rfm', { listNotScored: true, perCustomer: true }],
  ['engagementTiers', { perCustomer: true }],
  ['ruleSegments', { rules: [{ name: 'buyers', rule: 'purchases >= 1' }], includeMembers: true }],
  ['overview', { funnel: FUNNEL, sessions: { byChannel: true, perCustomer: true }, lifecycle: { perCustomer: true } }],
  ['overview', undefined],
];
const sample = readFileSync(join(REPO, 'data/sample-events.ndjson'), 'utf8');
for (const [name, ds] of [
  ['sample data', w.Dataset.readSegment(sample, 'lenient')],
  ['empty dataset', w.Dataset.fromEvents([])],
]) {
  addResult(`${name}: rejected`, `Dataset['rejected']`, ds.rejected);
  for (const [method, opts] of CALLS) {
    const where = `${name}: ${method}(${opts === undefined ? '' : JSON.stringify(opts)})`;
    addResult(where, `ReturnType<Dataset['${method}']>`, ds[method](opts));
    if (opts !== undefined) addOptions(where, method, opts);
  }
  ds.free();
}
for (const f of ['nps', 'csat', 'ces']) addResult(`${f}([])`, `ReturnType<typeof ${f}>`, w[f]([]));

// 3. Churn risk and the calibration report (plain objects), on value.json's CDNOW customers.
const valueCases = JSON.parse(readFileSync(join(REPO, 'vectors/value.json'), 'utf8')).cases.map(jsCase);
const ltv = valueCases.find((c) => c.op === 'lifetime_value').input;
const pm = w.PurchaseModel.fromJSON(ltv.purchaseModel);
const sm = w.SpendModel.fromJSON(ltv.spendModel);
addResult('churnRisk()', 'ChurnRisk', w.churnRisk(pm, ltv.histories));
addResult('churnRisk({ spendModel })', 'ChurnRisk', w.churnRisk(pm, ltv.histories, { spendModel: sm, threshold: 0.5 }));
const holdout = { frequency: ltv.histories.frequency, monetaryValue: ltv.histories.monetaryValue, duration: 39 };
addResult('calibrationReport()', 'CalibrationReport', w.calibrationReport(pm, { ...ltv.histories, holdout }, { maxFrequency: 3 }));

const source = `// Generated by bindings-wasm/test/types/results-check.mjs: do not edit.
import type { Dataset, nps, csat, ces, pseudonymize, CxReport, DatasetSummary, Rejection } from 'touchpoint-wasm';
import type { PurchaseHistories, PurchaseModelJSON, PurchasePredictions, SpendModelJSON, SpendPredictions, LifetimeValues } from 'touchpoint-wasm';
import type { PurchaseHistoryOptions, PurchaseModelOptions, SpendModelOptions, LifetimeValueOptions, ChurnRisk, CalibrationReport } from 'touchpoint-wasm';
import type { ExperimentReport, ExperimentOptions, ExperimentData, ExperimentRowOptions, SampleRatioCheck, SampleSize, DetectableEffect, NpsDifference, PowerPlan } from 'touchpoint-wasm';
import type { Sentiment, SentimentOptions } from 'touchpoint-wasm';
import type { Survey, SurveyReport, SurveyOptions, WaveComparison, VoiceReport, VoiceOptions } from 'touchpoint-wasm';
import type { Signal, CustomerState, LiveStats, LiveOptions } from 'touchpoint-wasm';
type ReadResult = { summary: DatasetSummary; rejected: Rejection[]; report: CxReport };
type Plain<T> = T extends Float64Array ? number[] : T extends (infer U)[] ? Plain<U>[] : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
type Opts<M extends keyof Dataset> = Dataset[M] extends (options: infer O) => unknown ? NonNullable<O> : never;
${lines.join('\n')}
`;
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'results.ts'), source);
const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM', 'ESNext.Disposable'],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
    paths: { 'touchpoint-wasm': [join(PKG, 'touchpoint_wasm.d.ts')] },
  },
  files: ['results.ts'],
};
writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2) + '\n');
try {
  execFileSync(TSC, ['-p', OUT], { stdio: 'inherit' });
} catch {
  console.error(`results-check: the declared types disagree with the results above (see ${join(OUT, 'results.ts')})`);
  process.exit(1);
}
console.log(`results-check: ${results} results and ${options} options objects match the declared types`);
