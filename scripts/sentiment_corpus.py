"""A deterministic corpus of English sentences that exercises every VADER rule, for the
comparison of touchpoint's sentiment with vaderSentiment (bindings-python/tests/
test_sentiment_vader.py) and for the shared vectors (scripts/sentiment-vectors.py).

`corpus(n)` gives hand-written customer feedback first, then generated sentences that mix
lexicon words with negations ("not", "never", "n't", "no", "without"), "but", "least",
boosters and dampeners (also in capitals), idioms ("the bomb", "kind of"), "!" and "?"
emphasis, emoticons, emoji (single characters and sequences), Unicode whitespace and
non-ASCII capitals. Only vaderSentiment's data is read (its lexicons), never its code paths.
"""

import random

HAND_WRITTEN = [
    "The checkout was quick and the staff were lovely.",
    "Terrible delivery, the parcel was broken.",
    "I waited 40 minutes on hold. Not great.",
    "Not bad at all, would order again!",
    "The app is okay but the search is really frustrating.",
    "Absolutely LOVE the new loyalty programme!!!",
    "Support never answered my email :(",
    "Refund took three weeks. Unacceptable.",
    "It was kind of slow but the food was amazing",
    "Without a doubt the best store in town.",
    "At least the driver was polite.",
    "The least helpful agent I have ever spoken to.",
    "Yeah right, 'next day delivery'...",
    "This coffee is the bomb 😍",
    "Meh. It's fine I guess?",
    "Why is the app so slow??",
    "Why is the app SO slow????",
    "No problems at all, thanks!",
    "no good deed goes unpunished",
    "I can't say I'm happy with the service.",
    "Never so happy with a purchase!",
    "The packaging was nice, the product not so much.",
    "Great price, poor quality, okay delivery.",
    "Best. Purchase. Ever. 💯",
    "I'm not sure how I feel about the redesign.",
    "Horrible horrible horrible",
    "hated it but loved the dessert",
    "They fixed my issue in five minutes, brilliant support :)",
    "Order arrived damaged and customer service was rude and unhelpful.",
    "The new feature is sort of useful, I guess.",
    "Kind of disappointed, honestly.",
    "The staff were extremely friendly and incredibly helpful!",
    "The staff were barely friendly and hardly helpful.",
    "My card was charged twice!!! Fix this NOW",
    "It's not that the app is bad, it's just not good either",
    "I would not recommend this to anyone.",
    "Five stars ⭐⭐⭐⭐⭐",
    "Thanks 🙏 for the quick reply",
    "The wait was too long 😡😡",
    "good 👍🏽 service",
    "love it ❤️",
    "🇫🇷 shop was nice",
    "I don't hate it.",
    "I don't love it.",
    "Nothing was wrong with my order.",
    "Nobody helped me, nothing worked, nowhere to complain.",
    "Despite the delay, the service was excellent.",
    "It was a kiss of death for the brand.",
    "A cake to die for.",
    "The bus stop is near the store.",
    "The ΟΔΟΣ store and the ÉTÉ sale were GREAT",
    "ok",
    "OK",
    "!!!",
    ":)",
    "The product is good.\u00a0The delivery\u2003was\u001cslow.",
    "Good\tproduct\nbad\rservice",
    "The agent was helpful, but the wait was long, but whatever.",
    "BUT the refund never came",
    "I'm never this happy with a delivery",
    "The app crashes, the checkout fails and the support is a joke.",
    "Honestly? Best customer service I've had in years.",
]

NEUTRAL = ("the order parcel app store checkout delivery agent staff website price product "
           "refund service account card basket courier driver email reply update screen page "
           "was is were it this that my our their and of to in on at for with a an I we they "
           "you again today yesterday week month time process team call chat").split()

NEGATIONS = ["not", "never", "isn't", "wasn't", "don't", "didn't", "can't", "won't", "cannot",
             "nothing", "nowhere", "none", "nor", "without", "rarely", "seldom", "despite",
             "aint", "dont", "doesnt", "uh-uh", "no"]

BOOSTERS = ["very", "really", "extremely", "so", "totally", "incredibly", "absolutely", "most",
            "more", "quite", "kinda", "sorta", "barely", "hardly", "slightly", "somewhat",
            "less", "little", "almost", "partly", "fucking", "friggin", "uber", "hella"]

SPECIAL = ["the shit", "the bomb", "bad ass", "badass", "bus stop", "yeah right",
           "kiss of death", "to die for", "beating heart", "kind of", "sort of",
           "just enough", "at least", "very least", "the least", "least", "without a doubt",
           "without doubt", "never so", "never this", "no or", "no nor", "but", "But", "BUT"]

PUNCTUATION = ["", "", "", ".", "!", "!!", "!!!!!", "?", "??", "???", "?????", "...", ",",
               "?!", "!?!"]

EMOJI_SEQUENCES = ["👍🏽", "🇫🇷", "❤️", "👩‍💻", "🏳️‍🌈"]

SPACES = [" "] * 30 + ["  ", "\t", "\n", "\u00a0", "\u2003", "\u001c", "\u3000"]


def corpus(n, seed=2026):
    """`n` sentences: the hand-written ones, then generated ones (deterministic)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    rng = random.Random(seed)
    words = sorted(vader.lexicon)
    positive = [w for w in words if vader.lexicon[w] > 0 and w.isalpha()]
    negative = [w for w in words if vader.lexicon[w] < 0 and w.isalpha()]
    emoticons = [w for w in words if not w.isalnum()]
    emoji = sorted(k for k in vader.emojis if len(k) == 1)

    # Where a word comes from: cumulative probability up to which each pool is drawn from.
    pools = [
        (0.30, NEUTRAL), (0.45, positive), (0.60, negative), (0.70, NEGATIONS),
        (0.80, BOOSTERS), (0.87, SPECIAL), (0.92, emoticons), (0.97, emoji),
        (1.00, EMOJI_SEQUENCES),
    ]

    def word():
        r = rng.random()
        pool = next(p for upto, p in pools if r < upto or upto == 1.00)
        return rng.choice(pool)

    def shape(w):
        r = rng.random()
        if r < 0.12:
            return w.upper()
        if r < 0.18:
            return w.capitalize()
        if r < 0.24:
            return w + rng.choice(PUNCTUATION)
        if r < 0.27:
            return "'" + w + "'"
        if r < 0.29:
            return "(" + w + ")"
        return w

    out = list(HAND_WRITTEN[:n])
    while len(out) < n:
        length = rng.randint(1, 22)
        tokens = [shape(word()) for _ in range(length)]
        text = ""
        for i, t in enumerate(tokens):
            text += t if i == 0 else rng.choice(SPACES) + t
        text += rng.choice(PUNCTUATION)
        if text.strip():
            out.append(text)
    return out
