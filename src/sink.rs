//! Where rendered bytes go: standard output, or a file written whole or not
//! at all.
//!
//! A file is written where it really is: through a symbolic link to the file
//! it names, and in place when it has other names (hard links), so everyone
//! who shares it sees the change. A character device or a named pipe
//! (`/dev/null`, `/dev/stdout`, a FIFO) is written through, never replaced.
//! A replaced file keeps its permissions; a new one gets the umask's.

use crate::files::{Access, reason};
use anyhow::{Result, bail};
use std::fs::{File, Metadata, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether standard output was closed when the program started. The Rust
/// runtime puts `/dev/null` in its place before `main`, where the report
/// would vanish without a word; the binary looks first and says so here.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Something that writes a report out as it makes it.
pub type Writer<'w> = &'w dyn Fn(&mut dyn Write) -> std::io::Result<()>;

/// Records that standard output was closed at start.
pub fn stdout_was_closed() {
    STDOUT_CLOSED.store(true, Ordering::Relaxed);
}

/// Writes a finished report to standard output in one go. A reader that
/// stops early (`calibrate … | head`) is not an error: the command goes on
/// to its own exit code, so a failing `check` still fails. A closed
/// standard output is an error: the report would be lost.
pub fn stdout(report: &str) -> Result<()> {
    stdout_with(&|out| out.write_all(report.as_bytes()))
}

/// Writes a report to standard output as `write` makes it, as [`stdout`]
/// does.
pub fn stdout_with(write: Writer) -> Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        bail!(
            "standard output is closed, so the report could not be written; redirect it to a file or a pipe"
        );
    }
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}

/// Whether `path` means standard output.
pub fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
}

/// What is at a path to be written.
enum Target {
    /// `-`: standard output.
    Stdout,
    /// Nothing yet; the file is created at this path (a symbolic link's
    /// target when the path was a link).
    New(PathBuf),
    /// A regular file, at its real path, with its metadata.
    File(PathBuf, Metadata),
    /// A character device or a named pipe, written through.
    Stream,
}

/// Finds what `path` names, following symbolic links, and refuses what
/// cannot be written: a folder, a block device, a socket.
fn target(path: &Path) -> Result<Target> {
    if is_stdout(path) {
        return Ok(Target::Stdout);
    }
    let shown = path.display();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Target::New(link_target(path)));
        }
        Err(err) => return Err(write_error(&shown.to_string(), &err)),
    };
    let kind = metadata.file_type();
    if kind.is_file() {
        let real =
            std::fs::canonicalize(path).map_err(|err| write_error(&shown.to_string(), &err))?;
        return Ok(Target::File(real, metadata));
    }
    if kind.is_dir() {
        bail!("{shown}: is a folder; give the path of a file to write");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_fifo() {
            return Ok(Target::Stream);
        }
    }
    bail!("{shown}: is not a regular file, and calibrate replaces only files; nothing was written")
}

/// Where a path that names nothing yet will be created: the path itself, or
/// the end of its chain of symbolic links.
fn link_target(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    // As many links as the system itself follows.
    for _ in 0..40 {
        match std::fs::read_link(&at) {
            Ok(next) => at = at.parent().unwrap_or(Path::new("")).join(next),
            Err(_) => break,
        }
    }
    at
}

/// Refuses early, before any work, when `path` is a file that exists and
/// `force` is off, or something that cannot be written at all.
pub fn check_writable(path: &Path, force: bool) -> Result<()> {
    match target(path)? {
        Target::File(..) if !force => already_exists(path),
        _ => Ok(()),
    }
}

fn already_exists(path: &Path) -> Result<()> {
    bail!(
        "{}: already exists; pass --force to overwrite it",
        path.display()
    )
}

/// Writes `contents` to `path` (standard output for `-`). A file is written
/// through a temporary file in the same folder, renamed into place, so it is
/// never left half-written. Without `force` an existing file is never
/// replaced, even one created meanwhile.
pub fn write_file(path: &Path, contents: &str, force: bool) -> Result<()> {
    write_file_with(path, force, &|out| out.write_all(contents.as_bytes()))
}

/// Writes to `path` what `write` makes as it goes, as [`write_file`] does.
pub fn write_file_with(path: &Path, force: bool, write: Writer) -> Result<()> {
    let shown = path.display().to_string();
    match target(path)? {
        Target::Stdout => stdout_with(write),
        Target::Stream => OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|stream| {
                let mut out = std::io::BufWriter::with_capacity(64 * 1024, stream);
                write(&mut out).and_then(|()| out.flush())
            })
            .map_err(|err| write_error(&shown, &err)),
        Target::File(..) if !force => already_exists(path),
        Target::File(real, metadata) if shared(&metadata) => rewrite_in_place(&real, &shown, write),
        Target::File(real, metadata) => replace(&real, &shown, write, Some(&metadata)),
        Target::New(at) => replace(&at, &shown, write, None),
    }
}

/// Whether the file has other names (hard links) that a rename would leave
/// holding the old contents.
fn shared(metadata: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        metadata.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

/// Writes `contents` to a temporary file beside `at` and renames it into
/// place; `existing` is the file it replaces, whose permissions and owner
/// the new one keeps (without it, the new file gets the umask's).
fn replace(at: &Path, shown: &str, write: Writer, existing: Option<&Metadata>) -> Result<()> {
    let folder = match at.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        bail!(
            "{shown}: the folder {} does not exist; create it first",
            folder.display()
        );
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".calibrate-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with the mode a new file gets, the umask applied by the
        // system, rather than tempfile's private 0600.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|err| write_error(shown, &err))?;
    // On failure the temporary file is removed when `temp` drops: nothing
    // partial is left behind, and an existing file is untouched.
    if let Some(existing) = existing {
        keep_owner_and_mode(temp.as_file(), existing).map_err(|err| write_error(shown, &err))?;
    }
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, &mut temp);
    write(&mut out)
        .and_then(|()| out.flush())
        .map(|()| drop(out))
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| write_error(shown, &err))?;
    let persisted = if existing.is_some() {
        temp.persist(at)
    } else {
        temp.persist_noclobber(at)
    };
    persisted.map_err(|err| {
        if err.error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("{shown}: already exists; pass --force to overwrite it")
        } else {
            write_error(shown, &err.error)
        }
    })?;
    Ok(())
}

/// Gives `file` the permissions of `existing`, and its owner where allowed.
fn keep_owner_and_mode(file: &File, existing: &Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; anyone else keeps their own.
        let _ = std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid()));
    }
    file.set_permissions(existing.permissions())
}

/// Rewrites a file that has several names where it is, so every name sees
/// the new contents. If the write fails, the old contents are put back.
fn rewrite_in_place(at: &Path, shown: &str, write: Writer) -> Result<()> {
    let old = std::fs::read(at).map_err(|err| write_error(shown, &err))?;
    let rewrite = |write: Writer| -> std::io::Result<()> {
        let file = OpenOptions::new().write(true).open(at)?;
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
        write(&mut out)?;
        let mut file = out.into_inner().map_err(|err| err.into_error())?;
        let end = std::io::Seek::stream_position(&mut file)?;
        file.set_len(end)?;
        file.sync_all()
    };
    rewrite(write).map_err(|err| {
        let _ = rewrite(&|out| out.write_all(&old));
        write_error(shown, &err)
    })
}

/// One line for a write that failed, saying why in plain words.
fn write_error(shown: &str, err: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "{shown}: {}; nothing was written",
        reason(err, Access::Write)
    )
}

/// Adds `text` to the end of the file at `path`, creating it if need be, as
/// a CI system's summary file expects; only a regular file is written.
pub fn append(path: &Path, text: &str) -> Result<()> {
    let shown = path.display().to_string();
    match target(path)? {
        Target::New(_) | Target::File(..) => {}
        _ => bail!("{shown}: is not a regular file; nothing was written"),
    }
    OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|err| write_error(&shown, &err))
}
