
// ---- The voice of the customer (core: core/src/feedback/), shared by both npm packages ----

/** How texts are scored for sentiment. */
export interface SentimentOptions {
  /**
   * Detect each text's language and leave a text unscored when it is reliably detected as a
   * language no loaded lexicon is for (default `true`). With `false`, every text is scored
   * with the first lexicon, as vaderSentiment does.
   */
  detectLanguage?: boolean
  /** The compound score at or above which a text is positive (and at or below whose negative it is negative); default 0.05, in [0, 1). */
  threshold?: number
}

/** Whether a text reads positive, neutral or negative, or could not be scored (another language). */
export type SentimentLabel = 'positive' | 'neutral' | 'negative' | 'unscored'

/** The sentiment of one text, as VADER scores it. The four scores are `null` only when the text is unscored. */
export interface Sentiment {
  label: SentimentLabel
  /** VADER's compound score in [-1, 1], rounded to 4 decimals. */
  compound: number | null
  /** The share of the text's weight that is positive, rounded to 3 decimals. */
  positive: number | null
  /** The share that is neutral, rounded to 3 decimals. */
  neutral: number | null
  /** The share that is negative, rounded to 3 decimals. */
  negative: number | null
  /** The language detected (ISO 639-3, such as `"eng"`), `null` when the text is too short or mixed to tell. */
  language: string | null
}
