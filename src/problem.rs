//! Problems found in input: each names its file and, where known, the line
//! and column, and says what is wrong and how to fix it.

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

/// Gathers a file's problems, keeping at most [`Collector::LIMIT`] of them
/// and counting the rest: a file with thousands of mistakes needs the first
/// few, not a screenful of repeats.
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
