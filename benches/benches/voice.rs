//! The voice of the customer over one million comments: the 600 sentences of
//! `vectors/sentiment.json` (from scripts/sentiment_corpus.py) cycled, each with one of eight
//! touchpoints, four channels and three stages, in time order. The peer in the same run is
//! sentiment alone (`score_all`, the same texts), so the figures read as what the report
//! adds to scoring: words, stop words and counts for every group, and the log odds.
//!
//! The same comments as the free text of a dataset's events (the touchpoint as the kind):
//! `voice_of_dataset` against `voice_of_customer` on the rows, and the pain points with the
//! texts (every one scored for `negative_feedback`) against the same events without them.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use touchpoint::{
    Channel, Comment, Dataset, DatasetBuilder, Event, EventKind, PainPointOptions, RecordRef,
    SentimentAnalyzer, SentimentOptions, Stage, SurveyContact, VoiceOptions,
};

const COMMENTS: usize = 1_000_000;

fn comments(sentences: &[String]) -> Vec<Comment> {
    const TOUCHPOINTS: [&str; 8] = [
        "delivery",
        "checkout",
        "support_call",
        "support_chat",
        "returns",
        "app",
        "store",
        "billing",
    ];
    const CHANNELS: [&str; 4] = ["email", "sms", "web", "phone"];
    const STAGES: [Stage; 3] = [Stage::Buy, Stage::Own, Stage::Advocate];
    (0..COMMENTS)
        .map(|i| Comment {
            contact: SurveyContact {
                customer_id: format!("c{}", i % 250_000),
                timestamp: touchpoint::Timestamp::from_millis(
                    1_700_000_000_000 + i as i64 * 1000,
                    touchpoint::RecordRef::Record(1),
                    "timestamp",
                )
                .unwrap(),
                channel: Some(CHANNELS[(i / 7) % 4].to_string()),
                touchpoint: Some(TOUCHPOINTS[(i * 31 / 11) % 8].to_string()),
                stage: Some(STAGES[(i / 5) % 3]),
                segment: None,
            },
            text: sentences[i % sentences.len()].clone(),
        })
        .collect()
}

/// The comments as events of a dataset, with their texts or without.
fn dataset(comments: &[Comment], with_text: bool) -> Dataset {
    let mut b = DatasetBuilder::new();
    for (i, c) in comments.iter().enumerate() {
        let k = &c.contact;
        let channel = Channel::parse(k.channel.as_deref().unwrap_or("web")).unwrap();
        let kind = EventKind::parse(k.touchpoint.as_deref().unwrap_or("review")).unwrap();
        let mut e = Event::new(k.customer_id.clone(), k.timestamp, channel, kind);
        if with_text {
            e = e.with_text(c.text.clone());
        }
        b.push_event(e, RecordRef::Record(i as u64 + 1)).unwrap();
    }
    b.finish()
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

fn voice(c: &mut Criterion) {
    let sentences = touchpoint_benches::vader_sentences();
    let comments = comments(&sentences);
    let texts: Vec<&str> = comments.iter().map(|c| c.text.as_str()).collect();
    let options = VoiceOptions {
        detect_language: false,
        ..VoiceOptions::default()
    };
    let plain = SentimentAnalyzer::english()
        .with_options(SentimentOptions {
            detect_language: false,
            ..SentimentOptions::default()
        })
        .unwrap();
    let with_text = dataset(&comments, true);
    let without_text = dataset(&comments, false);
    let pains = PainPointOptions::default();
    let mut group = c.benchmark_group("voice");
    group.throughput(Throughput::Elements(COMMENTS as u64));
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = pool(threads);
        touchpoint::set_threads(threads).unwrap();
        group.bench_function(
            format!("peer: sentiment only (score_all), {threads} thread(s)"),
            |b| b.iter(|| pool.install(|| black_box(plain.score_all(&texts).unwrap()))),
        );
        group.bench_function(format!("voice_of_customer, {threads} thread(s)"), |b| {
            b.iter(|| {
                pool.install(|| {
                    black_box(touchpoint::voice_of_customer(&comments, &options).unwrap())
                })
            })
        });
        group.bench_function(format!("voice_of_dataset, {threads} thread(s)"), |b| {
            b.iter(|| {
                pool.install(|| {
                    black_box(touchpoint::voice_of_dataset(&with_text, &options).unwrap())
                })
            })
        });
        group.bench_function(
            format!("pain_points without texts, {threads} thread(s)"),
            |b| {
                b.iter(|| {
                    pool.install(|| black_box(touchpoint::pain_points(&without_text, &pains)))
                })
            },
        );
        group.bench_function(
            format!("pain_points with texts, {threads} thread(s)"),
            |b| b.iter(|| pool.install(|| black_box(touchpoint::pain_points(&with_text, &pains)))),
        );
    }
    group.finish();
}

criterion_group!(benches, voice);
criterion_main!(benches);
