//! Where rendered bytes go.

use std::io::Write;

/// Writes a finished report to standard output in one go.
pub fn stdout(report: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(report.as_bytes())?;
    out.flush()
}
