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
            return Err(format!(
                "is too large ({}); {} may be at most {}",
                megabytes(size),
                self.name(),
                megabytes(self.limit())
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

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 || mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
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
}
