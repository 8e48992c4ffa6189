
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

// ---- Survey programmes (core: core/src/survey/programme/) ----

/** The built-in surveys. */
export type SurveyTemplate = 'nps' | 'csat' | 'ces' | 'engagement'

/** The kind of a survey question. */
export type QuestionType =
  | 'nps'
  | 'csat'
  | 'ces'
  | 'likert'
  | 'rating'
  | 'yes_no'
  | 'single_choice'
  | 'multiple_choice'
  | 'text'

/** One question. A scale takes `points` (1 to points) or `min` and `max`; NPS is always 0–10. */
export interface Question {
  /** The question's id: a wide export's column, a long export's `question`. */
  id: string
  /** Its wording. */
  text?: string
  type: QuestionType
  /** A scale's points, from 1 (CSAT and Likert default 5, CES 7). */
  points?: number
  /** A scale's lowest answer. */
  min?: number
  /** A scale's highest answer. */
  max?: number
  /** The favourable answers after reversing (default: the top ⌈30%⌉ of the points; NPS 9–10). */
  topBox?: number[]
  /** The unfavourable answers after reversing (default: as many at the bottom; NPS 0–6). */
  bottomBox?: number[]
  /** The scale runs the other way (1 = best): an answer a is scored as min + max − a. */
  reverse?: boolean
  /** A choice question's choices. */
  choices?: string[]
}

/** A survey: its questions and the ones averaged into an engagement index. */
export interface Survey {
  id: string
  questions: Question[]
  /** The NPS, rating or yes/no questions of the engagement index. */
  engagementIndex?: string[]
}

/**
 * One row of a survey export. Wide: one row per response, a column per question id. Long: one
 * row per answer, with `question` and `answer`. Keys are written as the export has them
 * (`customer_id` or `customerId`).
 */
export interface SurveyRow {
  customer_id?: string | number
  customerId?: string | number
  response_id?: string | number
  responseId?: string | number
  /** RFC 3339 text, milliseconds since the epoch, or a `Date`. */
  timestamp: string | number | Date
  channel?: string | null
  touchpoint?: string | null
  stage?: Stage | null
  segment?: string | null
  question?: string
  answer?: unknown
  [question: string]: unknown
}

/** How a survey wave is read and scored. */
export interface SurveyOptions {
  /** `wide` (default): one row per response; `long`: one row per answer. */
  layout?: 'wide' | 'long'
  /** Columns to pass over; any other column that is not a question is refused. */
  ignoreColumns?: string[]
  /** What separates the choices of a multiple-choice answer given as text (default `,`). */
  choiceSeparator?: string
  /** `exclude` (default): a skipped question is left out of its scores; `reject`: refused. */
  skipped?: 'exclude' | 'reject'
  /** Scores per day, week or month too (`byPeriod`). */
  period?: 'day' | 'week' | 'month' | null
  /** The kind an invitation row may carry (default `survey_sent`). */
  invitationKind?: string
  /** How long after an invitation a response still answers it, in days (default 30). */
  responseWindowDays?: number
  /** Groups with fewer responses are warned about (default 30). */
  minResponses?: number
  /** Groups with a lower response rate (a fraction) are warned about (default 0.1). */
  minResponseRate?: number
  /** How many index questions a response must answer to count (default: all). */
  indexMinAnswers?: number | null
}

/** `scoreSurvey`'s options: the survey options and the invitations (`survey_sent` rows). */
export interface ScoreSurveyOptions extends SurveyOptions {
  invitations?: SurveyRow[] | null
}

/** A rating's mean and boxes (percentages; margins are 95% half-widths). */
export interface RatingScore {
  min: number
  max: number
  counts: number[]
  mean: number | null
  stdDev: number | null
  marginOfError: number | null
  topBox: number
  topBoxShare: number | null
  topBoxMargin: number | null
  bottomBox: number
  bottomBoxShare: number | null
  bottomBoxMargin: number | null
}

/** One question's scores: the field of its type is set, the others are `null`. */
export interface QuestionScore {
  question: string
  type: QuestionType
  responses: number
  skipped: number
  nps: NpsSummary | null
  rating: RatingScore | null
  yesNo: { yes: number; no: number; yesShare: number | null; marginOfError: number | null } | null
  choices: { choice: string; count: number; share: number | null }[] | null
  sentiment: {
    positive: number
    neutral: number
    negative: number
    unscored: number
    negativeShare: number | null
    meanCompound: number | null
  } | null
}

/** How many of a group's invitations were answered, and how fast. */
export interface ResponseRate {
  invitations: number
  responded: number
  rate: number | null
  marginOfError: number | null
  medianSecondsToRespond: number | null
}

/** The scores of one group of responses. */
export interface GroupScores {
  /** The channel, touchpoint, stage, segment or period's first day; `null` when not given. */
  group: string | null
  responses: number
  questions: QuestionScore[]
  engagementIndex: number | null
  responseRate: ResponseRate | null
}

/** The engagement index (0–100): the mean over customers of their responses' mean answer on 0–100. */
export interface EngagementIndex {
  questions: string[]
  index: number | null
  stdDev: number | null
  marginOfError: number | null
  customers: number
  completeResponses: number
  incompleteResponses: number
  byQuestion: { question: string; score: number | null; responses: number }[]
  /** The index question with the lowest mean. */
  weakestQuestion: string | null
  perCustomer: { customerId: string; index: number; responses: number }[]
}

/** A group whose scores deserve caution. */
export interface SurveyWarning {
  breakdown: 'overall' | 'channel' | 'touchpoint' | 'stage' | 'segment' | 'period'
  group: string | null
  kind: 'few_responses' | 'low_response_rate'
  responses: number
  responseRate: number | null
  message: string
}

/** A survey wave, scored. */
export interface SurveyReport {
  survey: string
  responses: number
  customers: number
  firstResponse: string | null
  lastResponse: string | null
  overall: GroupScores
  engagementIndex: EngagementIndex | null
  byChannel: GroupScores[]
  byTouchpoint: GroupScores[]
  byStage: GroupScores[]
  bySegment: GroupScores[]
  byPeriod: GroupScores[]
  responsesWithoutInvitation: number | null
  warnings: SurveyWarning[]
}

/** One measure in two waves, and the change tested. */
export interface WaveChange {
  question: string
  measure: 'nps' | 'mean' | 'top_box_share' | 'yes_share' | 'engagement_index'
  earlier: number | null
  later: number | null
  difference: number | null
  lower: number | null
  upper: number | null
  pValue: number | null
  significant: boolean
  /** Why there is no test, when there is none. */
  note: string | null
}

/** Two waves of a survey compared. */
export interface WaveComparison {
  alpha: number
  earlierResponses: number
  laterResponses: number
  changes: WaveChange[]
}

// ---- The voice of the customer (core: core/src/feedback/voice/) ----

/** One comment: `customer_id` (or `customerId`), `timestamp`, `text` (or `comment`), and optionally where it came from. */
export interface CommentRow {
  customer_id?: string | number
  customerId?: string | number
  /** RFC 3339 text, milliseconds since the epoch, or a `Date`. */
  timestamp: string | number | Date
  text?: string | null
  comment?: string | null
  channel?: string | null
  touchpoint?: string | null
  stage?: Stage | null
  segment?: string | null
}

/** How comments are read and reported. */
export interface VoiceOptions {
  /** Detect each comment's language; one no lexicon is for is unscored (default true). */
  detectLanguage?: boolean
  /** The compound score at or below whose negative a comment is negative (default 0.05). */
  threshold?: number
  /** The negative terms listed per group (default 10, at most 1000). */
  terms?: number
  /** A term must occur in at least this many negative comments of a group (default 2). */
  minComments?: number
  /** Example comments per term (default 3, at most 20). */
  examples?: number
  /** Columns to pass over; any other column that is not a field is refused. */
  ignoreColumns?: string[]
  /** Over a dataset (`ds.voiceOfCustomer`): the customer trait whose value is a comment's segment. */
  segmentTrait?: string | null
  /** Over a dataset: journey-stage overrides (kind → stage or `null`). */
  stageMap?: StageMapOverrides
}

/** A term that sets a group's negative comments apart (tidylo's weighted log odds). */
export interface NegativeTerm {
  term: string
  /** Occurrences in the group's negative comments. */
  negative: number
  /** Occurrences in its other scored comments. */
  other: number
  /** Negative comments holding it. */
  negativeComments: number
  /** The log odds (δ). */
  logOdds: number
  /** δ over its standard error: terms are ranked by it. */
  logOddsWeighted: number
  /** The most negative comments holding it. */
  examples: string[]
}

/** The voice of one group of comments. */
export interface VoiceGroup {
  /** The touchpoint, channel, stage or segment; `null` when not given (and overall). */
  group: string | null
  comments: number
  blank: number
  positive: number
  neutral: number
  negative: number
  unscored: number
  negativeShare: number | null
  meanCompound: number | null
  negativeTerms: NegativeTerm[]
}

/** The voice of the customer over a set of comments. */
export interface VoiceReport {
  overall: VoiceGroup
  byTouchpoint: VoiceGroup[]
  byChannel: VoiceGroup[]
  byStage: VoiceGroup[]
  bySegment: VoiceGroup[]
}
