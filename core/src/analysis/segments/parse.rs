//! The rule language's lexer and recursive-descent parser. Errors carry the 1-based column
//! (in characters) where the problem starts.
//!
//! ```text
//! rule     := or
//! or       := and ("or" and)*
//! and      := unary ("and" unary)*
//! unary    := "not" unary | primary
//! primary  := "(" or ")" | "exists" "(" name ")" | value [cmp_op value | ["not"] "in" list]
//! list     := "[" [literal ("," literal)*] "]"
//! value    := name | literal
//! literal  := string | number | "true" | "false"
//! ```

use super::metrics::Metric;
use super::predicate::{CmpOp, Field, Literal, Operand, Predicate};
use crate::Stage;

/// Deepest nesting of parentheses and `not`s accepted.
const MAX_DEPTH: usize = crate::limits::MAX_PREDICATE_DEPTH;

/// A parse error: where and what.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParseError {
    pub column: usize,
    pub message: String,
}

fn err<T>(column: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        column,
        message: message.into(),
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    OpenList,
    CloseList,
    Comma,
    Op(CmpOp),
    Name(String),
    Text(String),
    Num(f64),
    End,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Open => "`(`".into(),
            Tok::Close => "`)`".into(),
            Tok::OpenList => "`[`".into(),
            Tok::CloseList => "`]`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Op(op) => format!("`{}`", op.as_str()),
            Tok::Name(n) => format!("`{n}`"),
            Tok::Text(s) => format!("the string {}", Literal::Text(s.clone())),
            Tok::Num(x) => format!("the number {x}"),
            Tok::End => "the end of the rule".into(),
        }
    }

    fn keyword(&self, kw: &str) -> bool {
        matches!(self, Tok::Name(n) if n.eq_ignore_ascii_case(kw))
    }
}

const KEYWORDS: [&str; 7] = ["and", "or", "not", "in", "exists", "true", "false"];

fn lex(text: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |j: usize| chars.get(j).copied().unwrap_or('\0');
    while i < chars.len() {
        let (c, col) = (chars[i], i + 1);
        let two = |op: CmpOp, one: Option<CmpOp>, hint: &str| match (at(i + 1), one) {
            ('=', _) => Ok((Tok::Op(op), 2)),
            (_, Some(one)) => Ok((Tok::Op(one), 1)),
            _ => err(col, hint),
        };
        let (tok, len) = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => (Tok::Open, 1),
            ')' => (Tok::Close, 1),
            '[' => (Tok::OpenList, 1),
            ']' => (Tok::CloseList, 1),
            ',' => (Tok::Comma, 1),
            '=' => two(CmpOp::Eq, None, "`=` is not an operator; use `==`")?,
            '!' => two(CmpOp::Ne, None, "`!` is not an operator; use `not` or `!=`")?,
            '<' => two(CmpOp::Le, Some(CmpOp::Lt), "")?,
            '>' => two(CmpOp::Ge, Some(CmpOp::Gt), "")?,
            '&' => return err(col, "`&` is not an operator; use `and`"),
            '|' => return err(col, "`|` is not an operator; use `or`"),
            '"' | '\'' => {
                let mut s = String::new();
                let mut j = i + 1;
                loop {
                    match at(j) {
                        '\0' if j >= chars.len() => return err(col, "unterminated string"),
                        q if q == c => break,
                        '\\' => {
                            s.push(match at(j + 1) {
                                'n' => '\n',
                                't' => '\t',
                                e @ ('\\' | '"' | '\'') => e,
                                _ => {
                                    return err(
                                        j + 1,
                                        "unknown escape (use \\\", \\', \\\\, \\n or \\t)",
                                    )
                                }
                            });
                            j += 2;
                        }
                        ch => {
                            s.push(ch);
                            j += 1;
                        }
                    }
                }
                (Tok::Text(s), j + 1 - i)
            }
            c if c.is_ascii_digit() || (c == '-' && at(i + 1).is_ascii_digit()) => {
                let mut j = i + 1;
                while at(j).is_ascii_digit() {
                    j += 1;
                }
                if at(j) == '.' && at(j + 1).is_ascii_digit() {
                    j += 2;
                    while at(j).is_ascii_digit() {
                        j += 1;
                    }
                }
                if matches!(at(j), 'e' | 'E') {
                    let k = if matches!(at(j + 1), '+' | '-') {
                        j + 2
                    } else {
                        j + 1
                    };
                    if at(k).is_ascii_digit() {
                        j = k;
                        while at(j).is_ascii_digit() {
                            j += 1;
                        }
                    }
                }
                if at(j).is_alphanumeric() || at(j) == '_' || at(j) == '.' {
                    return err(j + 1, format!("unexpected `{}` after a number", at(j)));
                }
                let s: String = chars[i..j].iter().collect();
                match s.parse::<f64>() {
                    Ok(x) if x.is_finite() => (Tok::Num(x), j - i),
                    _ => return err(col, format!("`{s}` is not a finite number")),
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut j = i;
                loop {
                    while at(j).is_alphanumeric() || at(j) == '_' {
                        j += 1;
                    }
                    if at(j) != '.' {
                        break;
                    }
                    if !(at(j + 1).is_alphabetic() || at(j + 1) == '_') {
                        return err(j + 2, "expected a name after `.`");
                    }
                    j += 1;
                }
                (Tok::Name(chars[i..j].iter().collect()), j - i)
            }
            c => return err(col, format!("unexpected character `{c}`")),
        };
        out.push((tok, col));
        i += len;
    }
    out.push((Tok::End, chars.len() + 1));
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    depth: usize,
}

/// Parses a rule.
pub(crate) fn parse(text: &str) -> Result<Predicate, ParseError> {
    let mut p = Parser {
        toks: lex(text)?,
        pos: 0,
        depth: 0,
    };
    if p.peek() == &Tok::End {
        return err(1, "the rule is empty");
    }
    let rule = p.or()?;
    match p.peek() {
        Tok::End => Ok(rule),
        Tok::Close => err(p.col(), "`)` without a matching `(`"),
        t => err(
            p.col(),
            format!(
                "expected `and`, `or` or the end of the rule, found {}",
                t.describe()
            ),
        ),
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].0
    }

    fn col(&self) -> usize {
        self.toks[self.pos].1
    }

    fn next(&mut self) -> (Tok, usize) {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn expect(&mut self, tok: Tok, what: &str) -> Result<(), ParseError> {
        if *self.peek() == tok {
            self.next();
            Ok(())
        } else {
            err(
                self.col(),
                format!("expected {what}, found {}", self.peek().describe()),
            )
        }
    }

    fn deeper(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(
                self.col(),
                format!("nested more than {MAX_DEPTH} levels deep"),
            );
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Predicate, ParseError> {
        let mut any = vec![self.and()?];
        while self.peek().keyword("or") {
            self.next();
            any.push(self.and()?);
        }
        Ok(if any.len() == 1 {
            any.pop().unwrap()
        } else {
            flatten(any, true)
        })
    }

    fn and(&mut self) -> Result<Predicate, ParseError> {
        let mut all = vec![self.unary()?];
        while self.peek().keyword("and") {
            self.next();
            all.push(self.unary()?);
        }
        Ok(if all.len() == 1 {
            all.pop().unwrap()
        } else {
            flatten(all, false)
        })
    }

    fn unary(&mut self) -> Result<Predicate, ParseError> {
        if self.peek().keyword("not") {
            self.next();
            self.deeper()?;
            let p = self.unary()?;
            self.depth -= 1;
            return Ok(!p);
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Predicate, ParseError> {
        if *self.peek() == Tok::Open {
            let open = self.col();
            self.next();
            self.deeper()?;
            let p = self.or()?;
            self.depth -= 1;
            self.expect(
                Tok::Close,
                &format!("`)` to close the `(` at column {open}"),
            )?;
            return Ok(p);
        }
        if self.peek().keyword("exists") {
            self.next();
            self.expect(Tok::Open, "`(` after `exists`")?;
            let field = match self.next() {
                (Tok::Name(n), _) if !is_keyword(&n) => Field::named(&n),
                (t, col) => {
                    return err(
                        col,
                        format!("expected a name inside `exists(…)`, found {}", t.describe()),
                    )
                }
            };
            self.expect(Tok::Close, "`)` after the name in `exists(…)`")?;
            return Ok(Predicate::Exists(field));
        }
        let (left, left_col) = self.value()?;
        let negated_in = self.peek().keyword("not") && self.toks[self.pos + 1].0.keyword("in");
        if negated_in {
            self.next();
        }
        match self.peek().clone() {
            Tok::Op(op) => {
                let op_col = self.col();
                self.next();
                let (right, right_col) = self.value()?;
                check_types(&left, &right, right_col)?;
                check_types(&right, &left, left_col)?;
                if matches!((&left, &right), (Operand::Literal(_), Operand::Literal(_))) {
                    return err(op_col, "a comparison needs a name on at least one side");
                }
                Ok(Predicate::Compare(left, op, right))
            }
            t if t.keyword("in") => {
                self.next();
                let list = self.list(&left)?;
                let p = Predicate::In(left, list);
                Ok(if negated_in { !p } else { p })
            }
            t => match left {
                Operand::Literal(Literal::Bool(b)) => Ok(Predicate::Const(b)),
                Operand::Field(Field::Metric(m)) => err(
                    left_col,
                    format!("`{}` is not true or false; compare it (for example `{} > 0`)", m.as_str(), m.as_str()),
                ),
                Operand::Field(f) => Ok(Predicate::Truthy(f)),
                Operand::Literal(_) => err(
                    self.col(),
                    format!("expected a comparison (`==`, `!=`, `<`, `<=`, `>`, `>=` or `in`), found {}", t.describe()),
                ),
            },
        }
    }

    fn value(&mut self) -> Result<(Operand, usize), ParseError> {
        let (tok, col) = self.next();
        let operand = match tok {
            Tok::Name(n) if n.eq_ignore_ascii_case("true") => Operand::Literal(Literal::Bool(true)),
            Tok::Name(n) if n.eq_ignore_ascii_case("false") => {
                Operand::Literal(Literal::Bool(false))
            }
            Tok::Name(n) if !is_keyword(&n) => Operand::Field(Field::named(&n)),
            Tok::Text(s) => Operand::Literal(Literal::Text(s)),
            Tok::Num(x) => Operand::Literal(Literal::Number(x)),
            t => {
                return err(
                    col,
                    format!("expected a name or a value, found {}", t.describe()),
                )
            }
        };
        Ok((operand, col))
    }

    fn list(&mut self, left: &Operand) -> Result<Vec<Literal>, ParseError> {
        self.expect(Tok::OpenList, "`[` after `in`")?;
        let mut list = Vec::new();
        if *self.peek() == Tok::CloseList {
            self.next();
            return Ok(list);
        }
        loop {
            let (item, col) = self.value()?;
            if !matches!(item, Operand::Literal(_)) {
                return err(col, "a list holds only strings, numbers, true or false");
            }
            check_types(left, &item, col)?;
            if let Operand::Literal(l) = item {
                list.push(l);
            }
            match self.next() {
                (Tok::Comma, _) => {}
                (Tok::CloseList, _) => return Ok(list),
                (t, col) => {
                    return err(
                        col,
                        format!("expected `,` or `]` in the list, found {}", t.describe()),
                    )
                }
            }
        }
    }
}

fn is_keyword(name: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(name))
}

/// Joins operands of `and` (`or`), splicing in operands that are themselves `and` (`or`).
fn flatten(items: Vec<Predicate>, or: bool) -> Predicate {
    let mut out = Vec::with_capacity(items.len());
    for p in items {
        match (p, or) {
            (Predicate::Or(inner), true) | (Predicate::And(inner), false) => out.extend(inner),
            (p, _) => out.push(p),
        }
    }
    if or {
        Predicate::Or(out)
    } else {
        Predicate::And(out)
    }
}

/// Refuses constants that can never match a metric: text against a number metric, and
/// anything but a stage name against `stage`.
fn check_types(field: &Operand, value: &Operand, col: usize) -> Result<(), ParseError> {
    let (Operand::Field(Field::Metric(m)), Operand::Literal(l)) = (field, value) else {
        return Ok(());
    };
    match (m, l) {
        (Metric::Stage, Literal::Text(s)) if Stage::parse(s).is_some() => Ok(()),
        (Metric::Stage, l) => err(
            col,
            format!("{l} is not a stage (discover, shop, buy, own or advocate)"),
        ),
        (_, Literal::Number(_)) => Ok(()),
        (m, l) => err(
            col,
            format!(
                "`{}` is a number; {l} can never equal or order with it",
                m.as_str()
            ),
        ),
    }
}
