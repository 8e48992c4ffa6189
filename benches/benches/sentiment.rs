//! Sentiment throughput: 100,000 texts (the 600 sentences of `vectors/sentiment.json`, from
//! scripts/sentiment_corpus.py, cycled), scored on one thread and on every thread, with and
//! without language detection, and one text at a time. The peer in the same run is the least
//! work any lexicon scorer does: split on whitespace, strip punctuation, lowercase, look each
//! word up in a hash map of VADER's lexicon and sum; so the figures read as ratios.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::collections::HashMap;
use std::hint::black_box;
use touchpoint::{Lexicon, SentimentAnalyzer, SentimentOptions};

const TEXTS: usize = 100_000;

fn texts() -> Vec<String> {
    let corpus = touchpoint_benches::vader_sentences();
    corpus.iter().cycle().take(TEXTS).cloned().collect()
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

fn sentiment(c: &mut Criterion) {
    let texts = texts();
    let words: HashMap<String, f64> = include_str!("../../core/data/vader/vader_lexicon.txt")
        .lines()
        .filter_map(|l| {
            let mut f = l.trim().split('\t');
            Some((f.next()?.to_string(), f.next()?.trim().parse().ok()?))
        })
        .collect();
    let plain = SentimentAnalyzer::with_lexicons(
        vec![Lexicon::english()],
        SentimentOptions {
            detect_language: false,
            ..SentimentOptions::default()
        },
    )
    .unwrap();
    let detecting = SentimentAnalyzer::new();
    let mut group = c.benchmark_group("sentiment");
    group.throughput(Throughput::Elements(TEXTS as u64));
    group.sample_size(10);
    group.bench_function("peer: lexicon lookups only, one thread", |b| {
        b.iter(|| {
            let mut lower = String::new();
            let mut total = 0.0;
            for t in &texts {
                for w in t.split_whitespace() {
                    lower.clear();
                    lower.extend(
                        w.trim_matches(|c: char| c.is_ascii_punctuation())
                            .chars()
                            .flat_map(char::to_lowercase),
                    );
                    total += words.get(lower.as_str()).copied().unwrap_or(0.0);
                }
            }
            black_box(total)
        })
    });
    for threads in [1, 2] {
        let pool = pool(threads);
        touchpoint::set_threads(threads).unwrap();
        group.bench_function(format!("score_all, {threads} thread(s)"), |b| {
            b.iter(|| pool.install(|| black_box(plain.score_all(&texts).unwrap())))
        });
        group.bench_function(
            format!("score_all with language detection, {threads} thread(s)"),
            |b| b.iter(|| pool.install(|| black_box(detecting.score_all(&texts).unwrap()))),
        );
    }
    touchpoint::set_threads(1).unwrap();
    group.bench_function("score, one text at a time", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(plain.score(t).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, sentiment);
criterion_main!(benches);
