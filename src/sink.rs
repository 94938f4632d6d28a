//! Where rendered bytes go: standard output, or a file written whole or not
//! at all.

use crate::files::{Access, reason};
use anyhow::{Result, bail};
use std::io::Write;
use std::path::Path;

/// Something that writes a report out as it makes it.
pub type Writer<'w> = &'w dyn Fn(&mut dyn Write) -> std::io::Result<()>;

/// Writes a finished report to standard output in one go.
pub fn stdout(report: &str) -> std::io::Result<()> {
    stdout_with(&|out| out.write_all(report.as_bytes()))
}

/// Writes a report to standard output as `write` makes it.
pub fn stdout_with(write: Writer) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    write(&mut out)?;
    out.flush()
}

/// Refuses early, before any work, when `path` exists and `force` is off.
pub fn check_writable(path: &Path, force: bool) -> Result<()> {
    if !force && path.exists() {
        bail!(
            "{}: already exists; pass --force to overwrite it",
            path.display()
        );
    }
    Ok(())
}

/// Writes `contents` to `path` through a temporary file in the same folder,
/// renamed into place, so the file is never left half-written. Without
/// `force` an existing file is never replaced, even one created meanwhile.
pub fn write_file(path: &Path, contents: &str, force: bool) -> Result<()> {
    write_file_with(path, force, &|out| out.write_all(contents.as_bytes()))
}

/// Writes to `path` what `write` makes, as [`write_file`] does.
pub fn write_file_with(path: &Path, force: bool, write: Writer) -> Result<()> {
    check_writable(path, force)?;
    let shown = path.display();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        bail!(
            "{shown}: the folder {} does not exist; create it first",
            folder.display()
        );
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".calibrate-")
        .tempfile_in(folder)
        .map_err(|err| write_error(&shown.to_string(), &err))?;
    // On failure the temporary file is removed when `temp` drops: nothing
    // partial is left behind, and an existing file is untouched.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, &mut temp);
    write(&mut out)
        .and_then(|()| out.flush())
        .map(|()| drop(out))
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| write_error(&shown.to_string(), &err))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = temp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    let persisted = if force {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    persisted.map_err(|err| {
        if err.error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("{shown}: already exists; pass --force to overwrite it")
        } else {
            write_error(&shown.to_string(), &err.error)
        }
    })?;
    Ok(())
}

/// One line for a write that failed, saying why in plain words.
fn write_error(shown: &str, err: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "{shown}: {}; nothing was written",
        reason(err, Access::Write)
    )
}
