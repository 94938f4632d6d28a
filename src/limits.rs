//! How large each kind of input may be. Sizes are checked before a file is
//! read or parsed, so no input can make calibrate run out of memory or time.

/// The kinds of input file, each with its largest accepted size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A decision record.
    Record,
    /// A workshop session.
    Session,
    /// A portfolio file, or a decision record met while building a portfolio.
    Portfolio,
    /// One file of a playbook pack.
    Pack,
}

impl Kind {
    /// The largest file accepted, in bytes. Generous for what people write;
    /// a portfolio of 100,000 initiatives is about 85 MB.
    pub const fn limit(self) -> u64 {
        const MB: u64 = 1024 * 1024;
        match self {
            Kind::Record => MB,
            Kind::Session => 4 * MB,
            Kind::Portfolio => 512 * MB,
            Kind::Pack => MB,
        }
    }

    /// Refuses a file of `size` bytes larger than this kind allows, before
    /// it is read or parsed, saying why; the caller names the file.
    pub fn check(self, size: u64) -> Result<(), String> {
        if size > self.limit() {
            let (size, limit) = sizes(size, self.limit());
            return Err(format!(
                "is too large ({size}); {} may be at most {limit}",
                self.name(),
            ));
        }
        Ok(())
    }

    /// The same for a stream read up to one byte past the limit, whose
    /// whole size is unknown.
    pub fn check_stream(self, read: u64) -> Result<(), String> {
        if read > self.limit() {
            return Err(format!(
                "is too large (more than {}); {} may be at most {}",
                megabytes(self.limit()),
                self.name(),
                megabytes(self.limit())
            ));
        }
        Ok(())
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Record => "a decision record",
            Kind::Session => "a workshop session",
            Kind::Portfolio => "a portfolio file",
            Kind::Pack => "a playbook pack file",
        }
    }
}

/// A size over a limit and the limit, in megabytes; in bytes as well when
/// the megabytes would read the same, so the two always differ.
fn sizes(size: u64, limit: u64) -> (String, String) {
    let (shown, allowed) = (megabytes(size), megabytes(limit));
    if tenths(size) > tenths(limit) {
        (shown, allowed)
    } else {
        (bytes(size), format!("{} ({allowed})", bytes(limit)))
    }
}

/// A size in tenths of a megabyte, as [`megabytes`] shows it.
fn tenths(bytes: u64) -> u64 {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 {
        mb.round() as u64 * 10
    } else {
        (mb * 10.0).round() as u64
    }
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 || mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// "1,048,577 bytes".
fn bytes(bytes: u64) -> String {
    let digits = bytes.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    format!("{out} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_its_limit_is_refused_with_both_sizes() {
        assert!(Kind::Record.check(Kind::Record.limit()).is_ok());
        assert_eq!(
            Kind::Record.check(100 * 1024 * 1024).unwrap_err(),
            "is too large (100 MB); a decision record may be at most 1 MB"
        );
        assert_eq!(
            Kind::Record
                .check_stream(Kind::Record.limit() + 1)
                .unwrap_err(),
            "is too large (more than 1 MB); a decision record may be at most 1 MB"
        );
    }

    #[test]
    fn sizes_that_would_read_the_same_are_shown_in_bytes() {
        assert_eq!(
            Kind::Record.check(Kind::Record.limit() + 1).unwrap_err(),
            "is too large (1,048,577 bytes); a decision record may be at most 1,048,576 bytes (1 MB)"
        );
        assert_eq!(
            Kind::Portfolio
                .check(Kind::Portfolio.limit() + 300_000)
                .unwrap_err(),
            "is too large (537,170,912 bytes); a portfolio file may be at most 536,870,912 bytes (512 MB)"
        );
        assert_eq!(
            Kind::Record.check(1024 * 1024 * 3 / 2).unwrap_err(),
            "is too large (1.5 MB); a decision record may be at most 1 MB"
        );
    }
}
