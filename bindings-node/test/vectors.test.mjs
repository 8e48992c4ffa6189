// Replays every case of every ../../vectors/*.json file through the Node API, dispatching
// ops and matching results exactly as core/tests/vectors.rs does. The vectors are canonical
// (snake_case keys); each case is put in JavaScript spelling first (camelCase fields, data keys
// as written) by the module shared with the browser runner, ../../vectors/js-keys.mjs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { canonicalCase, jsCase, keysOf, mismatch, snakeToCamel, toCamel, toSnake } from '../../vectors/js-keys.mjs'
import { badInputLine, classOf, expand } from '../../vectors/js-generated.mjs'

const require = createRequire(import.meta.url)
const { nps, csat, ces, pseudonymize, Dataset, mergePartialStates, finishPartialState } = require('../touchpoint.js')
const { analyzeExperiment, sampleRatioCheck, adjustPValues, sampleSize, minimumDetectableEffect, npsDifference, experimentFromRows } = require('../touchpoint.js')
const { purchaseHistories, fitPurchaseModel, fitSpendModel, lifetimeValue, PurchaseModel, SpendModel } = require('../touchpoint.js')
const { Lexicon, SentimentAnalyzer } = require('../touchpoint.js')
const { surveyTemplate, scoreSurvey, compareSurveyWaves, voiceOfCustomer, LiveEngine } = require('../touchpoint.js')

const vectorsDir = new URL('../../vectors/', import.meta.url)

/** The ops of vectors/value.json with a function of their own (`purchase_histories` is a dataset method). */
const VALUE_OPS = ['purchase_histories_from_transactions', 'fit_purchase_model', 'predict_purchases', 'fit_spend_model', 'expected_spend', 'lifetime_value']

/** The ops with a function of their own; every other op is a dataset analysis. */
/** The ops of vectors/experiment.json (A/B statistics). */
const EXPERIMENT_OPS = ['analyze_experiment', 'sample_ratio_check', 'adjust_p_values', 'sample_size', 'minimum_detectable_effect', 'nps_difference', 'experiment_from_rows']

const FUNCTION_OPS = new Set([...EXPERIMENT_OPS, 'nps', 'csat', 'ces', 'cx_report', 'read_segment', 'read_csv', 'from_events', 'from_columns', 'pseudonymize', 'forget', 'export', 'partial', 'sentiment', 'survey_template', 'score_survey', 'compare_survey_waves', 'voice_of_customer', 'live', ...VALUE_OPS])

/** `journey_map` → `journeyMap`: the method name of an analysis op. */
const camel = snakeToCamel

const isBound = (op) => FUNCTION_OPS.has(op) || typeof Dataset.prototype[camel(op)] === 'function'

/**
 * The ops the Rust replay (core/tests/vectors.rs) dispatches: the string patterns of its
 * `match op` arms. Empty when the file is not there (a packed copy of this test).
 */
function coreOps() {
  const file = new URL('../../core/tests/vectors.rs', import.meta.url)
  if (!existsSync(file)) return new Set()
  return new Set([...readFileSync(file, 'utf8').matchAll(/"([a-z_]+)"\s*(?==>|\|)/g)].map((m) => m[1]))
}

/** The dataset of an analysis case: Segment NDJSON `segment` if given, else `events` (both strict). */
function dataset(input) {
  return typeof input.segment === 'string' ? Dataset.readSegment(input.segment) : Dataset.fromEvents(input.events)
}

/**
 * The `sentiment` op: an analyzer of the case's lexicons (VADER's format `text`, else English
 * or an empty lexicon of the language, then `words` set and `remove` removed).
 */
function sentiment(Lexicon, SentimentAnalyzer, input) {
  let lexicons = null
  if (input.lexicons != null) {
    lexicons = input.lexicons.map((spec) => {
      const language = spec.language ?? 'eng'
      const lexicon = 'text' in spec ? Lexicon.parse(spec.text, language) : language === 'eng' ? Lexicon.english() : Lexicon.empty(language)
      for (const [word, valence] of Object.entries(spec.words ?? {})) lexicon.setWord(word, valence)
      for (const word of spec.remove ?? []) lexicon.removeWord(word)
      return lexicon
    })
  }
  const analyzer = SentimentAnalyzer.withLexicons(lexicons, input.options)
  if (input.text != null) return analyzer.score(input.text)
  return { sentiments: analyzer.scoreAll(input.texts) }
}

function run(op, input) {
  switch (op) {
    case 'nps':
      return nps(input.answers)
    case 'csat':
      return csat(input.answers)
    case 'ces':
      return ces(input.answers)
    case 'cx_report':
      return Dataset.fromEvents(input.events).cxReport(input.stageMap)
    case 'read_segment':
    case 'read_csv':
    case 'from_events':
    case 'from_columns': {
      const ds =
        op === 'read_csv'
          ? Dataset.readCsv(input.text, input.mode)
          : op === 'read_segment'
            ? Dataset.readSegment(input.text, input.mode)
            : op === 'from_events'
              ? Dataset.fromEvents(input.events, input.mode)
              : Dataset.fromColumns(input.columns, input.mode)
      return { summary: ds.summary(), rejected: ds.rejected, report: ds.cxReport() }
    }
    case 'pseudonymize':
      return { pseudonym: pseudonymize(input.key, input.id) }
    case 'forget': {
      const ds = dataset(input)
      const receipt = ds.forget(input.id)
      return { receipt, summary: ds.summary() }
    }
    case 'export':
      return dataset(input).export(input.id)
    case 'partial': {
      // vectors/partial.json: each partition's state, merged in reverse order, finished; with
      // `oneMachine`, the report must equal the analysis over every partition's events.
      const states = input.partitions.map((p) =>
        Dataset.fromEvents(p.events).partialState(input.analysis, input.options, { context: input.context, keys: p.keys }),
      )
      const report = finishPartialState(mergePartialStates(states.reverse()))
      if (input.oneMachine) {
        const all = Dataset.fromEvents(input.partitions.flatMap((p) => p.events))
        assert.deepEqual(report, all[camel(input.analysis)](input.options), `partial ${input.analysis}: not one machine's report`)
      }
      return report
    }
    case 'purchase_histories_from_transactions':
      return purchaseHistories(input.transactions, input.options)
    case 'fit_purchase_model':
      return fitPurchaseModel(input.histories, input.options).toJSON()
    case 'predict_purchases': {
      // As core/tests/vectors_support/value.rs: the histories are in the model's unit.
      const model = PurchaseModel.fromJSON(input.model)
      const p = model.predict({ ...input.histories, unit: model.unit }, input.horizon)
      return {
        ...p,
        expectedPurchasesNewCustomer: (input.newCustomerHorizons ?? []).map((t) => model.expectedPurchasesNewCustomer(t)),
        probabilityOfPurchases: (input.purchaseCounts ?? []).map(([n, t]) => model.probabilityOfPurchases(n, t)),
      }
    }
    case 'analyze_experiment':
      return analyzeExperiment(input.data, input.options)
    case 'sample_ratio_check':
      return sampleRatioCheck(input.units, input.weights, input.threshold)
    case 'sample_size':
      return sampleSize(input.options, input.relativeEffect)
    case 'minimum_detectable_effect':
      return minimumDetectableEffect(input.options, input.controlUnits)
    case 'nps_difference':
      return npsDifference(input.control, input.treatment, input.alpha)
    case 'experiment_from_rows':
      return experimentFromRows(input.rows, input.options)
    case 'sentiment':
      return sentiment(Lexicon, SentimentAnalyzer, input)
    case 'survey_template':
      return surveyTemplate(input.name)
    case 'live': {
      const engine = new LiveEngine(input.options)
      const signals = input.steps.map((s) => (s.push ? engine.push(s.push) : engine.advance(s.advance)))
      return { signals, customers: engine.customers(), stats: engine.stats }
    }
    case 'voice_of_customer':
      if (input.events) return dataset(input).voiceOfCustomer(input.options)
      return voiceOfCustomer(input.comments, input.options)
    case 'score_survey':
      return scoreSurvey(input.survey, input.responses, { ...input.options, invitations: input.invitations })
    case 'compare_survey_waves':
      return compareSurveyWaves(
        scoreSurvey(input.survey, input.earlier, input.options),
        scoreSurvey(input.survey, input.later, input.options),
        { alpha: input.alpha },
      )
    case 'adjust_p_values':
      return { pValues: adjustPValues(input.pValues, input.correction) }
    case 'fit_spend_model':
      return fitSpendModel(input.histories, input.options).toJSON()
    case 'expected_spend':
      return SpendModel.fromJSON(input.model).predict(input.histories)
    case 'lifetime_value':
      return lifetimeValue(PurchaseModel.fromJSON(input.purchaseModel), SpendModel.fromJSON(input.spendModel), input.histories, input.options)
    default:
      // A dataset analysis (docs/bindings.md): `input: {events | segment, options}` → `ds.<camelCaseOp>(options)`,
      // `input` in JavaScript spelling (camelCase options and event keys).
      if (!isBound(op)) {
        throw new TypeError(`op ${op} has a core function (core/tests/vectors.rs) but no method Dataset.prototype.${camel(op)} in Node`)
      }
      return dataset(input)[camel(op)](input.options)
  }
}

/** `value` with every typed array (the per-customer columns of vectors/value.json) as a plain array. */
function plainArrays(value) {
  if (ArrayBuffer.isView(value)) return Array.from(value)
  if (Array.isArray(value)) return value.map(plainArrays)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainArrays(v)]))
}

/** The shared subset matcher, as a list of mismatches (empty: a match). */
const matches = (expected, actual, path, tolerance) => [mismatch(expected, actual, path, tolerance)].filter((m) => m !== null)

const inCore = coreOps()
const files = readdirSync(vectorsDir).filter((f) => f.endsWith('.json')).sort()

test('the matcher itself rejects mismatches', () => {
  assert.deepEqual(matches({ a: 1, b: null }, { a: 1 + 1e-12 }, ''), [])
  assert.equal(matches({ a: 1 }, { a: 1.001 }, '').length, 1)
  assert.deepEqual(matches({ a: 100 }, { a: 100.05 }, '', 1e-3), [])
  assert.equal(matches({ a: 100 }, { a: 100.2 }, '', 1e-3).length, 1)
  assert.equal(matches({ a: 1 }, {}, '').length, 1)
  assert.equal(matches([1], [1, 2], '').length, 1)
  assert.equal(matches({ a: null }, { a: 0 }, '').length, 1)
  assert.equal(matches('x', 'y', '').length, 1)
})

test('vector files are present', () => {
  assert.ok(files.length >= 3, `vector files missing in ${vectorsDir.pathname}`)
})

const docs = files.map((file) => [file, JSON.parse(readFileSync(new URL(file, vectorsDir), 'utf8'))])

test('every key of every vector file round-trips through the JavaScript spelling', () => {
  let fields = 0
  let respelled = 0
  for (const [file, doc] of docs) {
    // The whole file, and each case as the runner converts it (error fields included).
    assert.deepEqual(toSnake(toCamel(doc)), doc, file)
    for (const c of doc.cases) assert.deepEqual(canonicalCase(jsCase(c)), c, `${file}: ${c.name}`)
    for (const [key, isField] of keysOf(doc)) {
      if (!isField) continue
      fields += 1
      const spelled = snakeToCamel(key)
      if (spelled !== key) respelled += 1
      assert.ok(!/[A-Z]/.test(key), `${file}: field key ${key} is not snake_case`)
      assert.equal(toSnake({ [spelled]: 0 })[key], 0, `${file}: ${key} → ${spelled} → back`)
    }
  }
  assert.ok(fields > 1000 && respelled > 100, `walked ${fields} field keys, ${respelled} respelled`)
})

test('data keys keep their spelling, fields are respelled', () => {
  const c = jsCase({
    op: 'cx_report',
    input: { stage_map: { add_to_cart: 'shop' }, events: [{ customer_id: 'a', properties: { plan_tier: { max_seats: 1 } } }] },
    expected: { by_channel: { in_store: { margin_of_error: 1 } }, trend_counts: { up: 1 } },
    error: { code: 'INVALID_CONFIG', field: 'rules.pro_buyers.rule_text' },
  })
  assert.deepEqual(c.input, { stageMap: { add_to_cart: 'shop' }, events: [{ customerId: 'a', properties: { plan_tier: { max_seats: 1 } } }] })
  assert.deepEqual(c.expected, { byChannel: { in_store: { marginOfError: 1 } }, trendCounts: { up: 1 } })
  assert.equal(c.error.field, 'rules.pro_buyers.ruleText')
  assert.equal(jsCase({ op: 'read_csv', input: {}, error: { code: 'X', field: 'customer_id' } }).error.field, 'customer_id')
})

/** Runs one case (in JavaScript spelling); throws when it does not give what it expects. */
function check(c) {
  let actual
  try {
    actual = plainArrays(run(c.op, expand(c.input)))
  } catch (err) {
    if (!('error' in c)) throw err
    assert.ok(err instanceof Error, 'a thrown value must be an Error')
    const info = { code: err.code, message: err.message, record: err.record, field: err.field }
    assert.deepEqual(matches(c.error, info, 'error'), [])
    return
  }
  assert.ok(!('error' in c), `expected an error ${JSON.stringify(c.error)}, got ${JSON.stringify(actual)?.slice(0, 2000)}`)
  assert.deepEqual(matches(c.expected, actual, '', c.tolerance), [])
}

/** Set in the child process that runs one `isolate` case: `file\ncase name`. */
const CHILD = 'TOUCHPOINT_VECTOR_CASE'

/**
 * Runs a case in a child process (this file, that case only), so that a crash (a stack
 * overflow, an allocation failure) fails the case instead of ending the suite; 120 s and 4 GiB
 * at most.
 */
function checkInChild(file, name) {
  // At most 4 GiB of address space (`sh`'s `ulimit`): a case allocating without bound fails quickly.
  const child = spawnSync('sh', ['-c', 'ulimit -v 4194304; exec "$0" "$1"', process.execPath, fileURLToPath(import.meta.url)], {
    env: { ...process.env, [CHILD]: `${file}\n${name}` },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 1 << 24,
  })
  const why = `${child.stdout ?? ''}${child.stderr ?? ''}`.slice(-2000)
  assert.ok(child.status === 0 && child.stdout.includes('case passed'), `in a child process (status ${child.status}, signal ${child.signal}): ${why}`)
}

if (process.env[CHILD]) {
  const [file, name] = process.env[CHILD].split('\n')
  const doc = JSON.parse(readFileSync(new URL(file, vectorsDir), 'utf8'))
  check(jsCase(doc.cases.find((c) => c.name === name)))
  console.log('case passed')
  process.exit(0)
}

let ran = 0
let skipped = 0
/** Bad-input classes (vectors/bad_input.json): class → {cases, passed, skipped}. */
const tally = {}
for (const [file, doc] of docs) {
  for (const canonical of doc.cases) {
    const c = jsCase(canonical)
    const counted = file === 'bad_input.json' ? (tally[classOf(c.name)] ??= { cases: 0, passed: 0, skipped: 0 }) : null
    // An op the core replays must be bound (the case runs and fails); an op the core does
    // not have yet either (vectors written first) is skipped. A form of bad input that cannot
    // exist in JavaScript says so (`skip.js`, vectors/README.md).
    const noForm = c.skip?.js
    const skip = isBound(c.op) || inCore.has(c.op) ? (noForm ?? false) : `op ${c.op} is in neither the core's replay nor Node yet`
    if (skip) skipped += 1
    if (counted) {
      counted.cases += 1
      if (noForm) counted.skipped += 1
    }
    test(`${file}:${c.name}`, { skip }, () => {
      ran += 1
      if (c.isolate) checkInChild(file, canonical.name)
      else check(c)
      if (counted) counted.passed += 1
    })
  }
}

test('bad_input: every class is counted', () => {
  const line = badInputLine('node', tally)
  console.log(line)
  assert.ok(Object.keys(tally).length >= 40, line)
})

test('every vector case ran, in JavaScript spelling', () => {
  const total = docs.reduce((n, [, doc]) => n + doc.cases.length, 0)
  assert.ok(total >= 100, `only ${total} cases`)
  const noForm = docs.reduce((n, [, doc]) => n + doc.cases.filter((c) => c.skip?.js).length, 0)
  assert.equal(ran + skipped, total, `${ran} ran, ${skipped} skipped (ops in neither the core nor Node, or no JavaScript form), of ${total}`)
  assert.equal(skipped, noForm, 'every op of the vectors is bound in Node')
})
