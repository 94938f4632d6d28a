//! YAML parsing that reports problems as `file:line:column: message`.

use serde::de::DeserializeOwned;
use std::fmt;

/// A problem found in an input file, with its place when we know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user would name it.
    pub path: String,
    /// 1-based line and column, when known.
    pub place: Option<(usize, usize)>,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl Problem {
    /// A problem at a known line and column.
    pub fn at(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.to_string(),
            place: Some((line, column)),
            message: message.into(),
        }
    }

    /// A problem with the file as a whole.
    pub fn in_file(path: &str, message: impl Into<String>) -> Self {
        Problem {
            path: path.to_string(),
            place: None,
            message: message.into(),
        }
    }

    /// A problem at the first line of `text` that starts (after indentation)
    /// with `key:`, pointing at the value; the file as a whole if there is none.
    pub fn at_key(path: &str, text: &str, key: &str, message: impl Into<String>) -> Self {
        match find_key(text, key) {
            Some((line, column)) => Problem::at(path, line, column, message),
            None => Problem::in_file(path, message),
        }
    }
}

impl Problem {
    /// A problem at the first `key: value` line in `text`; falls back to the
    /// first `key:` line.
    pub fn at_value(
        path: &str,
        text: &str,
        key: &str,
        value: &str,
        message: impl Into<String>,
    ) -> Self {
        Problem::at_nth_value(path, text, key, value, 0, message)
    }

    /// A problem at the `nth` (0-based) `key: value` line in `text`, such as
    /// the second vote by one person; falls back to the first `key:` line.
    pub fn at_nth_value(
        path: &str,
        text: &str,
        key: &str,
        value: &str,
        nth: usize,
        message: impl Into<String>,
    ) -> Self {
        match find_value(text, key, value, nth) {
            Some((line, column)) => Problem::at(path, line, column, message),
            None => Problem::at_key(path, text, key, message),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for Problem {}

/// Several problems, reported one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                // The caller prints the first `error: `; the rest get their own.
                f.write_str("\nerror: ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Gathers a file's problems, locating at most [`Collector::LIMIT`] of them:
/// finding a line costs a pass over the text, and a file with thousands of
/// mistakes needs the first few, not all of them.
#[derive(Debug, Default)]
pub struct Collector {
    problems: Vec<Problem>,
    more: usize,
}

impl Collector {
    pub const LIMIT: usize = 20;

    /// Adds the problem `make` builds, unless the limit is reached.
    pub fn add(&mut self, make: impl FnOnce() -> Problem) {
        if self.problems.len() < Self::LIMIT {
            let problem = make();
            // Several claims with the same bad value point at the same line.
            if self.problems.last() != Some(&problem) {
                self.problems.push(problem);
            }
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems found, with a last line counting the rest.
    pub fn finish(mut self, path: &str) -> Problems {
        if self.more > 0 {
            self.problems.push(Problem::in_file(
                path,
                format!("and {} more problems like these", self.more),
            ));
        }
        Problems(self.problems)
    }
}

/// Whether `text` holds nothing but blank lines and comments.
pub fn is_blank(text: &str) -> bool {
    text.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

/// The deepest nesting of `[...]` and `{...}` a file may have. Calibrate's
/// own files need three or four levels; thousands would only slow the parser.
pub const MAX_NESTING: usize = 64;

/// Refuses flow collections nested deeper than [`MAX_NESTING`], in one pass
/// before parsing, pointing at the bracket that goes too deep. Brackets in
/// quoted strings and comments do not count.
pub fn check_nesting(path: &str, text: &str) -> Result<(), Problem> {
    let mut depth = 0usize;
    for (index, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        let mut chars = line.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match (quote, c) {
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some(q), c) if c == q => {
                    // '' inside a single-quoted string is an escaped quote.
                    if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if previous.is_whitespace() => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        let column = line[..at].chars().count() + 1;
                        return Err(Problem::at(
                            path,
                            index + 1,
                            column,
                            format!(
                                "nested more than {MAX_NESTING} levels deep; calibrate's files need only a few"
                            ),
                        ));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            previous = c;
        }
    }
    Ok(())
}

/// Parses `text` (read from `path`) into `T`, with the place of any error.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Problem> {
    check_nesting(path, text)?;
    serde_yaml::from_str(text).map_err(|err| {
        let mut message = err.to_string();
        match err.location() {
            Some(at) => {
                // The library appends the place to its message; we put it in front.
                let suffix = format!(" at line {} column {}", at.line(), at.column());
                if let Some(stripped) = message.strip_suffix(&suffix) {
                    message = stripped.to_string();
                } else {
                    message = message.replacen(&format!("{suffix},"), ",", 1);
                }
                // A repeated key is reported where its map starts; point at
                // the repetition instead.
                let (line, column) = message
                    .strip_prefix("duplicate field `")
                    .and_then(|rest| rest.split('`').next())
                    .and_then(|key| second_key(text, key, at.line()))
                    .unwrap_or((at.line(), at.column()));
                Problem::at(path, line, column, message)
            }
            None => Problem::in_file(path, message),
        }
    })
}

/// The 1-based line and column of the second `key:` from line `from` on,
/// at the indentation of the first: where a key is repeated.
fn second_key(text: &str, key: &str, from: usize) -> Option<(usize, usize)> {
    let wanted = format!("{key}:");
    let mut first_indent = None;
    for (index, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let trimmed = line.trim_start_matches([' ', '-']);
        if !trimmed.starts_with(&wanted) {
            continue;
        }
        let indent = line.len() - trimmed.len();
        match first_indent {
            None => first_indent = Some(indent),
            Some(first) if first == indent => return Some((index + 1, indent + 1)),
            Some(_) => {}
        }
    }
    None
}

/// The 1-based line and column of the value of the first `key:` in `text`.
pub fn find_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let wanted = format!("{key}:");
    text.lines().enumerate().find_map(|(index, line)| {
        let trimmed = line.trim_start_matches([' ', '-']);
        let indent = line.len() - trimmed.len();
        trimmed.strip_prefix(&wanted).map(|rest| {
            let value_at = wanted.len() + (rest.len() - rest.trim_start().len());
            (index + 1, indent + value_at + 1)
        })
    })
}

/// The 1-based line and column of the value in the `nth` (0-based) line of
/// `text` that reads `key: value` (after indentation and list dashes).
pub fn find_value(text: &str, key: &str, value: &str, nth: usize) -> Option<(usize, usize)> {
    let wanted = format!("{key}: {value}");
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let body = line.trim_start_matches([' ', '-']).trim_end();
            body == wanted
                || body == format!("{key}: \"{value}\"")
                || body == format!("{key}: '{value}'")
        })
        .nth(nth)
        .map(|(index, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '-']).len();
            (index + 1, indent + key.len() + 3)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        name: String,
    }

    #[test]
    fn errors_carry_line_and_column_in_front() {
        let err = parse::<Small>("x.yaml", "name: a\nnmae: b\n").unwrap_err();
        assert_eq!(err.place, Some((2, 1)));
        assert!(
            err.to_string()
                .starts_with("x.yaml:2:1: unknown field `nmae`"),
            "{err}"
        );
        assert!(!err.to_string().contains("at line"), "{err}");
    }

    #[test]
    fn nesting_is_limited_but_brackets_in_strings_and_comments_are_not() {
        let deep = format!("a: {}{}\n", "[".repeat(65), "]".repeat(65));
        let problem = check_nesting("f.yaml", &deep).unwrap_err();
        assert_eq!(problem.place, Some((1, 68)));
        let fine = format!("a: {}{}\n", "[".repeat(64), "]".repeat(64));
        assert!(check_nesting("f.yaml", &fine).is_ok());
        let quoted = format!("a: \"{0}\"\nb: '{0}'\nc: x # {0}\n", "[".repeat(100));
        assert!(check_nesting("f.yaml", &quoted).is_ok());
    }

    #[test]
    fn find_key_points_at_the_value() {
        let text = "a: 1\nplaybook:\n  id:   go-now\n";
        assert_eq!(find_key(text, "id"), Some((3, 9)));
        assert_eq!(find_key(text, "missing"), None);
    }
}
