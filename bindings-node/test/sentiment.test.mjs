// Sentiment from JavaScript: texts as strings or UTF-8 bytes, the Lexicon and
// SentimentAnalyzer classes, the async batch, and the errors. The scores themselves are pinned
// against vaderSentiment by vectors/sentiment.json (test/vectors.test.mjs).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { sentiment, sentiments, sentimentsAsync, Lexicon, SentimentAnalyzer, TouchpointError } = require('../touchpoint.js')

/** Asserts `fn` throws a TouchpointError with these properties (`undefined`: not checked). */
function throwsCode(fn, { code, record, field }) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof TouchpointError, `expected a TouchpointError, got ${err?.stack}`)
    assert.ok(err instanceof Error)
    if (code !== undefined) assert.equal(err.code, code, err.message)
    if (record !== undefined) assert.equal(err.record, record, err.message)
    if (field !== undefined) assert.equal(err.field, field, err.message)
    return true
  })
}

test('a text as a string or as UTF-8 bytes gives the same sentiment', () => {
  const text = 'Not bad at all, would order again!'
  const s = sentiment(text, { detectLanguage: false })
  assert.deepEqual(Object.keys(s), ['label', 'compound', 'positive', 'neutral', 'negative', 'language'])
  assert.equal(s.label, 'positive')
  assert.deepEqual(sentiment(new TextEncoder().encode(text), { detectLanguage: false }), s)
  assert.deepEqual(sentiment(Buffer.from(text), { detectLanguage: false }), s)
})

test('a batch keeps the order; the async form agrees', async () => {
  const texts = ['great', 'terrible', 'the parcel arrived', 'Le service client était vraiment horrible, je ne reviendrai jamais.']
  const all = sentiments(texts)
  assert.deepEqual(all.map((s) => s.label), ['positive', 'negative', 'neutral', 'unscored'])
  assert.equal(all[3].compound, null)
  assert.equal(all[3].language, 'fra')
  assert.deepEqual(await sentimentsAsync(new Set(texts)), all)
  const analyzer = SentimentAnalyzer.withLexicons()
  assert.deepEqual(await analyzer.scoreAllAsync(texts), all)
  assert.deepEqual(analyzer.languages, ['eng'])
  await assert.rejects(sentimentsAsync(['fine', '']), (err) => err instanceof TouchpointError && err.record === 'record 2')
})

test('lexicons: VADER words changed, another language added', () => {
  const lexicon = Lexicon.english()
  assert.equal(lexicon.size, 7506)
  assert.equal(lexicon.language, 'eng')
  lexicon.setWord('Refund', -1.5)
  assert.equal(lexicon.valence('refund'), -1.5)
  assert.equal(lexicon.removeWord('good'), true)
  assert.equal(lexicon.valence('good'), null)
  const analyzer = SentimentAnalyzer.withLexicons([lexicon, Lexicon.parse('horrible\t-2.5\n', 'fra')], { threshold: 0.1 })
  assert.deepEqual(analyzer.languages, ['eng', 'fra'])
  assert.equal(analyzer.score('I asked for a refund').compound, -0.3612)
  assert.equal(analyzer.score('Le service client était vraiment horrible, je ne reviendrai jamais.').label, 'negative')
})

test('bad input is a TouchpointError naming the record and the field', () => {
  throwsCode(() => sentiment(''), { code: 'INVALID_RECORD', record: 'record 1', field: 'text' })
  throwsCode(() => sentiments(['ok', '  ']), { code: 'INVALID_RECORD', record: 'record 2', field: 'text' })
  throwsCode(() => sentiments(['ok', null]), { code: 'INVALID_RECORD', record: 'record 2', field: 'text' })
  throwsCode(() => sentiments(['ok', new Uint8Array([0x6f, 0xff])]), { code: 'INVALID_RECORD', record: 'record 2', field: 'text' })
  throwsCode(() => sentiment('good\ud800'), { code: 'INVALID_RECORD', field: 'text' })
  throwsCode(() => sentiment('a'.repeat(10 * 1024 * 1024)), { code: 'OUT_OF_RANGE', field: 'text' })
  throwsCode(() => sentiment(42), { code: 'INVALID_ARGUMENT', field: 'text' })
  throwsCode(() => sentiments('one text'), { code: 'INVALID_ARGUMENT', field: 'texts' })
  throwsCode(() => sentiment('ok', { threshold: 2 }), { code: 'INVALID_CONFIG', field: 'threshold' })
  throwsCode(() => sentiment('ok', { treshold: 0.1 }), { code: 'INVALID_CONFIG' })
  throwsCode(() => Lexicon.parse('good\t1.9\nawful -3.4\n'), { code: 'PARSE_ERROR', record: 'line 2' })
  throwsCode(() => Lexicon.empty('english'), { code: 'INVALID_CONFIG' })
  throwsCode(() => SentimentAnalyzer.withLexicons([]), { code: 'INVALID_CONFIG' })
  throwsCode(() => SentimentAnalyzer.withLexicons([{}]), { code: 'INVALID_ARGUMENT', record: 'record 1', field: 'lexicons' })
  throwsCode(() => Lexicon.english().setWord('two words', 1), { code: 'INVALID_CONFIG' })
})
