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
    /// How many problems were built, repeats included: the limit is on the
    /// work, not on what is kept.
    made: usize,
    more: usize,
}

impl Collector {
    pub const LIMIT: usize = 20;

    /// Adds the problem `make` builds, unless the limit is reached.
    pub fn add(&mut self, make: impl FnOnce() -> Problem) {
        if self.made < Self::LIMIT {
            self.made += 1;
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
                match self.more {
                    1 => "and 1 more problem like these".to_string(),
                    more => format!("and {more} more problems like these"),
                },
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

/// The deepest nesting of collections a file may have. Calibrate's own files
/// need three or four levels. The YAML parser's work grows with the nesting
/// times the length of the file, so thousands of levels would take seconds.
pub const MAX_NESTING: usize = 64;

/// Refuses collections nested deeper than [`MAX_NESTING`], pointing at the
/// one that goes too deep. Only `[` and `{` can nest without a line each,
/// so a file with few of them is let through without a second look; any
/// other file is walked by the same YAML parser that will load it, which
/// stops at the first collection past the limit.
pub fn check_nesting(path: &str, text: &str) -> Result<(), Problem> {
    let openers = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if openers <= MAX_NESTING {
        return Ok(());
    }
    match first_too_deep(text, MAX_NESTING) {
        Some((line, column)) => Err(Problem::at(
            path,
            line,
            column,
            format!(
                "nested more than {MAX_NESTING} levels deep; calibrate's files need only a few"
            ),
        )),
        None => Ok(()),
    }
}

/// The 1-based line and column of the first collection in `text` nested more
/// than `max` deep, if any. Syntax errors are left for the real parse to
/// report.
fn first_too_deep(text: &str, max: usize) -> Option<(usize, usize)> {
    use libyaml_rs as sys;
    use std::mem::MaybeUninit;
    let mut parser = MaybeUninit::<sys::yaml_parser_t>::uninit();
    let parser = parser.as_mut_ptr();
    // SAFETY: the parser is initialised before use and deleted once, on
    // every path, before `text` (which it reads) goes out of scope; it does
    // not move in between. Each event is deleted once after it is read.
    unsafe {
        if sys::yaml_parser_initialize(parser).fail {
            return None;
        }
        sys::yaml_parser_set_encoding(parser, sys::YAML_UTF8_ENCODING);
        sys::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
        let mut depth = 0usize;
        let found = loop {
            let mut event = MaybeUninit::<sys::yaml_event_t>::uninit();
            let event = event.as_mut_ptr();
            if sys::yaml_parser_parse(parser, event).fail {
                break None;
            }
            let kind = (*event).type_;
            let mark = (*event).start_mark;
            sys::yaml_event_delete(event);
            match kind {
                sys::YAML_SEQUENCE_START_EVENT | sys::YAML_MAPPING_START_EVENT => {
                    depth += 1;
                    if depth > max {
                        break Some((mark.line as usize + 1, mark.column as usize + 1));
                    }
                }
                sys::YAML_SEQUENCE_END_EVENT | sys::YAML_MAPPING_END_EVENT => {
                    depth = depth.saturating_sub(1);
                }
                sys::YAML_STREAM_END_EVENT => break None,
                _ => {}
            }
        };
        sys::yaml_parser_delete(parser);
        found
    }
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
        // The mapping is the first level, so the 64th bracket is one too many.
        assert_eq!(problem.place, Some((1, 67)));
        let fine = format!("a: {}{}\n", "[".repeat(63), "]".repeat(63));
        assert!(check_nesting("f.yaml", &fine).is_ok());
        let quoted = format!(
            "a: \"{0}\"\nb: '{0}'\nc: x # {0}\nd: |\n  \"{0}\n",
            "[".repeat(100)
        );
        assert!(check_nesting("f.yaml", &quoted).is_ok());
        // A quoted string over two lines hides nothing from the parser.
        let hidden = format!("[ \"\n \", {}{}\n", "[".repeat(70), "]".repeat(71));
        assert!(check_nesting("f.yaml", &hidden).is_err());
    }

    #[test]
    fn find_key_points_at_the_value() {
        let text = "a: 1\nplaybook:\n  id:   go-now\n";
        assert_eq!(find_key(text, "id"), Some((3, 9)));
        assert_eq!(find_key(text, "missing"), None);
    }
}
