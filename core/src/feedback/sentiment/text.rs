//! Text as vaderSentiment reads it. VADER's rules are defined over Python's string
//! operations (`str.split`, `str.strip`, `str.isupper`, `str.lower`, `string.punctuation`);
//! these are their exact equivalents, so the tokens, and therefore the scores, are the same.

/// Python's `str.isspace`: Unicode's White_Space, plus the four ASCII information separators
/// U+001C–U+001F, which Python treats as whitespace (their bidirectional class is B or S) and
/// Rust's `char::is_whitespace` does not.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.isupper`: at least one cased character, and no lowercase or titlecase one.
pub(crate) fn is_upper(word: &str) -> bool {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return !bytes.iter().any(u8::is_ascii_lowercase)
            && bytes.iter().any(u8::is_ascii_uppercase);
    }
    let mut cased = false;
    for c in word.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// The 31 titlecase letters (general category Lt), which Python's `isupper` counts as not
/// upper. The standard library has no `is_titlecase`, and the list has been stable since
/// Unicode 3.
fn is_titlecase(c: char) -> bool {
    matches!(c,
        '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}'
        | '\u{1f88}'..='\u{1f8f}' | '\u{1f98}'..='\u{1f9f}' | '\u{1fa8}'..='\u{1faf}'
        | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}')
}

/// Appends Python's `word.lower()` to `out`: the full lowercase mapping, with the final sigma
/// rule (as Rust's `str::to_lowercase`).
pub(crate) fn push_lower(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// VADER's token: `token.strip(string.punctuation)`, unless that leaves two characters or
/// fewer (an emoticon such as `:)` or `:-(`), when the token is kept whole.
pub(crate) fn strip_punctuation(token: &str) -> &str {
    // Byte by byte: a byte of a multi-byte character is never ASCII punctuation, so the
    // trimmed ends fall on character boundaries.
    let bytes = token.as_bytes();
    let Some(start) = bytes.iter().position(|b| !b.is_ascii_punctuation()) else {
        return token;
    };
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_punctuation())
        .map_or(start, |e| e + 1);
    let stripped = &token[start..end];
    // Two characters or fewer (a character has at most 4 bytes): count the non-continuation
    // bytes only when the length leaves a doubt.
    let few = match stripped.len() {
        0..=2 => true,
        9.. => false,
        _ => stripped.bytes().filter(|b| b & 0xc0 != 0x80).count() <= 2,
    };
    if few {
        token
    } else {
        stripped
    }
}

/// The text's words as VADER splits them (`text.split()`): runs of non-whitespace.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    // ASCII text is split byte by byte (Python's ASCII whitespace: \t \n \v \f \r, the
    // separators 0x1C–0x1F and the space); other text character by character.
    let ascii = text.is_ascii();
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if ascii {
            let start = at + bytes[at..].iter().position(|&b| !is_ascii_space(b))?;
            let end = bytes[start..]
                .iter()
                .position(|&b| is_ascii_space(b))
                .map_or(bytes.len(), |e| start + e);
            at = end;
            Some(&text[start..end])
        } else {
            let rest = &text[at..];
            let start = at + rest.char_indices().find(|&(_, c)| !is_space(c))?.0;
            let end = text[start..]
                .char_indices()
                .find(|&(_, c)| is_space(c))
                .map_or(text.len(), |(e, _)| start + e);
            at = end;
            Some(&text[start..end])
        }
    })
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f | b' ')
}

/// Python's `str.strip()`.
pub(crate) fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_whitespace_and_case() {
        assert_eq!(
            words("a\u{1c}b\u{a0}c  d").collect::<Vec<_>>(),
            ["a", "b", "c", "d"]
        );
        assert_eq!(trim("\u{1f} x \u{3000}"), "x");
        assert!(is_upper("GREAT!"));
        assert!(!is_upper("123!"));
        assert!(!is_upper("GREAt"));
        assert!(is_upper("ÉTÉ"));
        // A titlecase digraph makes the word not upper, as in Python.
        assert!(!is_upper("\u{1c5}A"));
        let mut out = String::new();
        push_lower("ΟΔΟΣ", &mut out);
        assert_eq!(out, "οδο\u{3c2}");
        assert_eq!(strip_punctuation(":)"), ":)");
        assert_eq!(strip_punctuation("great!!"), "great");
        assert_eq!(strip_punctuation("'ok'"), "'ok'");
        assert_eq!(strip_punctuation("(:-("), "(:-(");
    }
}
