// Replays every case of the shared vectors (/vectors/*.json) through the wasm package, one
// test per case named "file: case name". Mirrors core/tests/vectors.rs: same dispatch, same
// subset matcher (numbers within 1e-9 absolute or relative, or the case's `tolerance`; arrays of equal length; a key
// missing from the result is fine only when `null` is expected).
//
// The static server has no directory listings, so the files come from vector-files.json
// (every vectors/*.json; a check that it matches the directory belongs outside the browser).
// The vectors are canonical (snake_case keys); each case is put in JavaScript spelling first
// (camelCase fields, data keys as written) by /vectors/js-keys.mjs, shared with the Node runner.

import { canonicalCase, jsCase, keysOf, mismatch, snakeToCamel, toCamel, toSnake } from '../../vectors/js-keys.mjs';
import { badInputLine, classOf, expand } from '../../vectors/js-generated.mjs';

const VECTORS = '/vectors/';

/** The shared subset matcher (re-exported for pack/index.html). */
export { mismatch };

/**
 * Runs one case's op the way core/tests/vectors.rs does; returns the result object. `input` is
 * in JavaScript spelling (`jsCase(c).input`).
 */
export function runOp(w, op, input) {
  switch (op) {
    case 'nps':
      return w.nps(input.answers);
    case 'csat':
      return w.csat(input.answers);
    case 'ces':
      return w.ces(input.answers);
    case 'cx_report': {
      const ds = w.Dataset.fromEvents(input.events);
      try {
        return ds.cxReport(input.stageMap);
      } finally {
        ds.free();
      }
    }
    case 'read_segment':
    case 'read_csv':
    case 'from_events':
    case 'from_columns': {
      const mode = typeof input.mode === 'string' ? input.mode : 'strict';
      const [read, data] = {
        read_csv: [w.Dataset.readCsv, input.text],
        read_segment: [w.Dataset.readSegment, input.text],
        from_events: [w.Dataset.fromEvents, input.events],
        from_columns: [w.Dataset.fromColumns, input.columns],
      }[op];
      const ds = read(data, mode);
      try {
        return { summary: ds.summary(), rejected: ds.rejected, report: ds.cxReport() };
      } finally {
        ds.free();
      }
    }
    case 'pseudonymize':
      return { pseudonym: w.pseudonymize(input.key, input.id) };
    case 'forget':
    case 'export': {
      const ds = typeof input.segment === 'string' ? w.Dataset.readSegment(input.segment) : w.Dataset.fromEvents(input.events);
      try {
        return op === 'forget' ? { receipt: ds.forget(input.id), summary: ds.summary() } : ds.export(input.id);
      } finally {
        ds.free();
      }
    }
    case 'partial': {
      // vectors/partial.json: each partition's state, merged in reverse order, finished; with
      // `oneMachine`, the report must equal the analysis over every partition's events.
      const states = input.partitions.map((p) => {
        const ds = w.Dataset.fromEvents(p.events);
        try {
          return ds.partialState(input.analysis, input.options, { context: input.context, keys: p.keys });
        } finally {
          ds.free();
        }
      });
      const report = w.finishPartialState(w.mergePartialStates(states.reverse()));
      if (input.oneMachine) {
        const all = w.Dataset.fromEvents(input.partitions.flatMap((p) => p.events));
        try {
          const single = all[snakeToCamel(input.analysis)](input.options);
          if (JSON.stringify(report) !== JSON.stringify(single)) throw new Error(`partial ${input.analysis}: not one machine's report`);
        } finally {
          all.free();
        }
      }
      return report;
    }
    case 'purchase_histories_from_transactions':
      return plain(w.purchaseHistories(input.transactions, input.options));
    case 'purchase_histories': {
      const ds = w.Dataset.fromEvents(input.events);
      try {
        return plain(ds.purchaseHistories(input.options));
      } finally {
        ds.free();
      }
    }
    case 'fit_purchase_model':
      return w.fitPurchaseModel(input.histories, input.options).toJSON();
    case 'predict_purchases': {
      // A saved model (its JSON, snake_case from Python as camelCase here) read back, as a user
      // loads one fitted elsewhere; the histories in the model's unit, as the Rust runner does.
      const m = w.PurchaseModel.fromJSON(input.model);
      const p = m.predict({ ...input.histories, unit: m.unit, unitMultiplier: m.unitMultiplier }, input.horizon);
      return plain({
        ...p,
        expectedPurchasesNewCustomer: (input.newCustomerHorizons ?? []).map((h) => m.expectedPurchasesNewCustomer(h)),
        probabilityOfPurchases: (input.purchaseCounts ?? []).map(([n, h]) => m.probabilityOfPurchases(n, h)),
      });
    }
    case 'analyze_experiment':
      return w.analyzeExperiment(input.data, input.options);
    case 'sample_ratio_check':
      return w.sampleRatioCheck(input.units, input.weights, input.threshold);
    case 'sample_size':
      return w.sampleSize(input.options, input.relativeEffect);
    case 'minimum_detectable_effect':
      return w.minimumDetectableEffect(input.options, input.controlUnits);
    case 'nps_difference':
      return w.npsDifference(input.control, input.treatment, input.alpha);
    case 'experiment_from_rows':
      return w.experimentFromRows(input.rows, input.options);
    case 'adjust_p_values':
      return { pValues: w.adjustPValues(input.pValues, input.correction) };
    case 'sentiment':
      return sentiment(w, input);
    case 'survey_template':
      return plain(w.surveyTemplate(input.name));
    case 'live': {
      const engine = new w.LiveEngine(input.options);
      try {
        const signals = input.steps.map((s) => (s.push ? engine.push(s.push) : engine.advance(s.advance)));
        return plain({ signals, customers: engine.customers(), stats: engine.stats });
      } finally {
        engine.free();
      }
    }
    case 'voice_of_customer':
      if (input.events) return plain(w.Dataset.fromEvents(input.events).voiceOfCustomer(input.options));
      return plain(w.voiceOfCustomer(input.comments, input.options));
    case 'score_survey':
      return plain(w.scoreSurvey(input.survey, input.responses, { ...input.options, invitations: input.invitations }));
    case 'compare_survey_waves':
      return plain(w.compareSurveyWaves(
        w.scoreSurvey(input.survey, input.earlier, input.options),
        w.scoreSurvey(input.survey, input.later, input.options),
        { alpha: input.alpha },
      ));
    case 'fit_spend_model':
      return w.fitSpendModel(input.histories, input.options).toJSON();
    case 'expected_spend':
      return plain(w.SpendModel.fromJSON(input.model).predict(input.histories));
    case 'lifetime_value':
      return plain(w.lifetimeValue(input.purchaseModel, input.spendModel, input.histories, input.options));
    default: {
      // A dataset analysis (docs/bindings.md): the dataset of `events` (strict), or of the
      // Segment NDJSON in `segment`, and the method named by the op in camelCase.
      const method = snakeToCamel(op);
      if (typeof w.Dataset.prototype[method] !== 'function') throw new Error(`unknown op ${op} (no Dataset.${method})`);
      const ds = typeof input.segment === 'string' ? w.Dataset.readSegment(input.segment) : w.Dataset.fromEvents(input.events);
      try {
        return ds[method](input.options);
      } finally {
        ds.free();
      }
    }
  }
}

/**
 * The `sentiment` op: an analyzer of the case's lexicons (VADER's format `text`, else English
 * or an empty lexicon of the language, then `words` set and `remove` removed).
 */
function sentiment(w, input) {
  const made = [];
  try {
    let lexicons = null;
    if (input.lexicons != null) {
      lexicons = input.lexicons.map((spec) => {
        const language = spec.language ?? 'eng';
        const lexicon = 'text' in spec ? w.Lexicon.parse(spec.text, language) : language === 'eng' ? w.Lexicon.english() : w.Lexicon.empty(language);
        made.push(lexicon);
        for (const [word, valence] of Object.entries(spec.words ?? {})) lexicon.setWord(word, valence);
        for (const word of spec.remove ?? []) lexicon.removeWord(word);
        return lexicon;
      });
    }
    const analyzer = w.SentimentAnalyzer.withLexicons(lexicons, input.options);
    made.push(analyzer);
    if (input.text != null) return analyzer.score(input.text);
    return { sentiments: analyzer.scoreAll(input.texts) };
  } finally {
    for (const m of made) m.free();
  }
}

/** `value` with every typed array as a plain array (the vectors are JSON). */
export function plain(value) {
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

export async function run(t) {
  const files = await t.fetchJson(new URL('./vector-files.json', import.meta.url));
  t.test('vector files are listed', () => {
    t.ok(Array.isArray(files) && files.length >= 3, 'vector-files.json lists at least 3 files');
  });
  const docs = [];
  for (const file of files) docs.push([file, await t.fetchJson(VECTORS + file)]);

  t.test('every key of every vector file round-trips through the JavaScript spelling', () => {
    let fields = 0;
    let respelled = 0;
    for (const [file, doc] of docs) {
      t.deepEqual(toSnake(toCamel(doc)), doc, file);
      for (const c of doc.cases) t.deepEqual(canonicalCase(jsCase(c)), c, `${file}: ${c.name}`);
      for (const [key, isField] of keysOf(doc)) {
        if (!isField) continue;
        fields += 1;
        const spelled = snakeToCamel(key);
        if (spelled !== key) respelled += 1;
        t.ok(!/[A-Z]/.test(key), `${file}: field key ${key} is not snake_case`);
        t.equal(toSnake({ [spelled]: 0 })[key], 0, `${file}: ${key} -> ${spelled} -> back`);
      }
    }
    t.ok(fields > 1000 && respelled > 100, `walked ${fields} field keys, ${respelled} respelled`);
  });

  let ran = 0;
  let total = 0;
  let noForm = 0;
  /** Bad-input classes (vectors/bad_input.json): class → {cases, passed, skipped}. */
  const tally = {};
  for (const [file, doc] of docs) {
    for (const canonical of doc.cases) {
      total += 1;
      const c = jsCase(canonical);
      const counted = file === 'bad_input.json' ? (tally[classOf(c.name)] ??= { cases: 0, passed: 0, skipped: 0 }) : null;
      if (counted) counted.cases += 1;
      // A form of bad input that cannot exist in JavaScript (`skip.js`, vectors/README.md).
      if (c.skip?.js) {
        noForm += 1;
        if (counted) counted.skipped += 1;
        continue;
      }
      t.test(`${file}: ${c.name}`, () => {
        ran += 1;
        let result;
        let error;
        try {
          result = runOp(t.wasm, c.op, expand(c.input));
        } catch (err) {
          error = err;
        }
        if (error === undefined) {
          if (!('expected' in c)) throw new Error(`expected an error, got ${JSON.stringify(result)?.slice(0, 2000)}`);
          const why = mismatch(c.expected, result, '', c.tolerance);
          if (why) throw new Error(why);
          if (counted) counted.passed += 1;
          return;
        }
        if (!('error' in c)) throw new Error(`unexpected error: ${error?.code ?? ''} ${error?.stack ?? error}`);
        t.ok(error instanceof t.wasm.TouchpointError, `the thrown value is a TouchpointError (got ${error})`);
        t.ok(typeof error.code === 'string', `the error has a code (got ${error?.name}: ${error?.message})`);
        const info = { code: error.code, message: error.message, record: error.record, field: error.field };
        const why = mismatch(c.error, info, 'error');
        if (why) throw new Error(`${why} (message: ${error.message})`);
        if (counted) counted.passed += 1;
      });
    }
  }
  t.test('every vector case ran, in JavaScript spelling', () => {
    t.ok(total >= 100, `only ${total} cases`);
    t.equal(ran + noForm, total, `${ran} of ${total} cases ran (${noForm} have no JavaScript form)`);
  });
  t.test('bad_input: every class is counted', () => {
    const line = badInputLine('browser', tally);
    console.log(line);
    t.ok(Object.keys(tally).length >= 40, line);
  });
}
