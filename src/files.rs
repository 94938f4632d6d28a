//! Reading input files, at the edge: sizes checked before reading, text
//! checked to be UTF-8, folders searched for records, and one plain line for
//! anything that goes wrong. Every loader reads through here, packs included.

use crate::limits::Kind;
use crate::problem::Problem;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A file's text and the name to show for it in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as the user would name it, or `<stdin>`.
    pub shown: String,
    pub text: String,
}

/// Reads a whole input file (or standard input for `-`) of `kind`, refusing
/// one larger than the kind's limit before reading it.
pub fn read(path: &Path, kind: Kind) -> Result<Input, Problem> {
    if path == Path::new("-") {
        let shown = "<stdin>";
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(kind.limit() + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| Problem::in_file(shown, format!("cannot read standard input: {err}")))?;
        kind.check_stream(bytes.len() as u64)
            .map_err(|why| Problem::in_file(shown, why))?;
        return Ok(Input {
            shown: shown.to_string(),
            text: utf8(shown, bytes, "send UTF-8")?,
        });
    }
    let shown = path.display().to_string();
    let (file, size) = open(path, &shown)?;
    kind.check(size)
        .map_err(|why| Problem::in_file(&shown, why))?;
    let mut bytes = Vec::new();
    file.take(kind.limit() + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Problem::in_file(&shown, reason(&err, Access::Read)))?;
    // A file that grew while it was read is held to the same limit.
    kind.check(bytes.len() as u64)
        .map_err(|why| Problem::in_file(&shown, why))?;
    let text = utf8(&shown, bytes, "save it as UTF-8")?;
    Ok(Input { shown, text })
}

/// Opens a regular file for reading, with its size: the size of the file
/// itself, through any symbolic link. Anything else is refused before it is
/// read: a folder, a named pipe (which would wait for a writer forever), a
/// device (`/dev/zero` never ends) or a socket. The file is opened without
/// waiting, and looked at again once open, so nothing swapped in meanwhile
/// gets through.
pub fn open(path: &Path, shown: &str) -> Result<(std::fs::File, u64), Problem> {
    let failed = |err: std::io::Error| Problem::in_file(shown, reason(&err, Access::Read));
    not_a_file(&std::fs::metadata(path).map_err(failed)?)
        .map_or(Ok(()), |why| Err(Problem::in_file(shown, why)))?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(failed)?;
    let metadata = file.metadata().map_err(failed)?;
    not_a_file(&metadata).map_or(Ok(()), |why| Err(Problem::in_file(shown, why)))?;
    Ok((file, metadata.len()))
}

/// Why something that is not a regular file cannot be read as one.
fn not_a_file(metadata: &std::fs::Metadata) -> Option<&'static str> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some(IS_A_FOLDER);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("is a named pipe, not a file; give the path of a YAML file");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("is a device, not a file; give the path of a YAML file");
        }
        if kind.is_socket() {
            return Some("is a socket, not a file; give the path of a YAML file");
        }
    }
    Some("is not a regular file; give the path of a YAML file")
}

const IS_A_FOLDER: &str = "is a folder; give the path of a YAML file";

/// The bytes as text, without the byte-order mark some editors put at the
/// start; bytes that are not UTF-8 are an error saying where they stop.
fn utf8(shown: &str, bytes: Vec<u8>, advice: &str) -> Result<String, Problem> {
    let text = String::from_utf8(bytes).map_err(|err| {
        Problem::in_file(
            shown,
            format!(
                "is not UTF-8 text (byte {}); {advice}",
                err.utf8_error().valid_up_to() + 1
            ),
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Which way a file was being used when something went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Why a read or write failed, in plain words with what to do about it.
pub fn reason(err: &std::io::Error, access: Access) -> String {
    use std::io::ErrorKind;
    match (err.kind(), access) {
        (ErrorKind::NotFound, Access::Read) => "no such file; check the path".into(),
        (ErrorKind::PermissionDenied, Access::Read) => {
            "permission denied; check that you may read it".into()
        }
        (ErrorKind::PermissionDenied, Access::Write) => {
            "permission denied; check that you may write in its folder".into()
        }
        (ErrorKind::IsADirectory, _) => IS_A_FOLDER.into(),
        (ErrorKind::StorageFull | ErrorKind::QuotaExceeded, _) => {
            "the disk is full; free some space or write elsewhere".into()
        }
        (ErrorKind::ReadOnlyFilesystem, _) => {
            "the folder is on a read-only file system; write elsewhere".into()
        }
        (_, Access::Read) => format!("cannot read: {}", without_path(err)),
        (_, Access::Write) => format!("cannot write: {}", without_path(err)),
    }
}

/// An I/O error without the temporary file's path that `tempfile` adds.
fn without_path(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" at path ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// A file to read: named on the command line, or found in a folder named there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Whether it was found by searching a folder (and so may be any YAML
    /// file, not necessarily one of ours).
    pub searched: bool,
}

/// The files named on a command line: each file named, and every `.yaml`
/// or `.yml` file in each folder named (searched recursively, in name
/// order, hidden folders left out; links to files followed, links to
/// folders not).
pub fn discover(paths: &[PathBuf]) -> Vec<Found> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files);
            files.sort();
            found.extend(files.into_iter().map(|path| Found {
                path,
                searched: true,
            }));
        } else {
            found.push(Found {
                path: path.clone(),
                searched: false,
            });
        }
    }
    found
}

fn walk(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && !hidden {
            walk(&path, found);
        } else if is_yaml(&path) && (kind.is_file() || links_to_a_file(&path, kind)) {
            found.push(path);
        }
    }
}

/// Whether `path` is a symbolic link to a regular file. Links to folders are
/// not followed: a link back up the tree would search for ever.
fn links_to_a_file(path: &Path, kind: std::fs::FileType) -> bool {
    kind.is_symlink() && std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Whether the file name ends in `.yaml` or `.yml`.
pub fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// What reading a found file gave.
#[derive(Debug)]
pub enum Entry {
    /// A file to use.
    Read(Input),
    /// A YAML file found in a folder that is not one of ours, by its name.
    Skipped(String),
    /// A file that could not be read.
    Failed(Problem),
}

/// Reads a found file, setting aside YAML found in folders that is not a
/// decision record.
pub fn read_found(found: &Found, kind: Kind) -> Entry {
    match read(&found.path, kind) {
        Ok(input) if found.searched && !looks_like_record(&input.text) => {
            Entry::Skipped(input.shown)
        }
        Ok(input) => Entry::Read(input),
        Err(problem) => Entry::Failed(problem),
    }
}

/// A YAML file is taken for a decision record when it is a mapping with one of a record's own keys, or when it does not parse (so the
/// error is shown).
fn looks_like_record(text: &str) -> bool {
    if crate::yaml::locate("", text).is_err() {
        return true;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(serde_yaml::Value::Mapping(map)) => {
            // A pack's framework.yaml also has a `horizon`, beside keys no
            // record has.
            let pack_file = ["knowledge", "evidence", "quadrant"]
                .iter()
                .any(|key| map.contains_key(*key));
            !pack_file
                && ["initiative", "horizon", "claims", "current_playbook"]
                    .iter()
                    .any(|key| map.contains_key(*key))
        }
        Ok(_) => false,
        Err(_) => true,
    }
}
