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

/// Text read some other way (from a git object), held to the same limit
/// and checks as a file of `kind`.
pub fn text(shown: &str, bytes: Vec<u8>, kind: Kind) -> Result<String, Problem> {
    kind.check(bytes.len() as u64)
        .map_err(|why| Problem::in_file(shown, why))?;
    utf8(shown, bytes, "save it as UTF-8")
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

/// Whether a path inside a folder that was searched lies in a hidden folder
/// (one whose name starts with a dot), which a search leaves out.
pub fn in_hidden_folder(relative: &str) -> bool {
    let mut parts: Vec<&str> = relative.split('/').collect();
    parts.pop();
    parts.iter().any(|part| part.starts_with('.'))
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
pub fn looks_like_record(text: &str) -> bool {
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

/// A file to read a piece at a time, from any offset: a long portfolio is
/// parsed as a stream and never held in memory whole. Standard input
/// (`-`) can be read once, from the start. Sizes and UTF-8 are checked as
/// for [`read`], as the bytes go by.
#[derive(Debug)]
pub struct Stream {
    /// The path as the user would name it, or `<stdin>`.
    pub shown: String,
    /// `None` for standard input.
    path: Option<PathBuf>,
    kind: Kind,
    /// The file's size, without its byte-order mark.
    size: Option<u64>,
    /// How long the byte-order mark at its start is, if it has one.
    bom: u64,
}

/// Opens an input file (or standard input for `-`) of `kind` to read as a
/// stream, refusing one larger than the kind's limit before reading it.
pub fn open_stream(path: &Path, kind: Kind) -> Result<Stream, Problem> {
    if path == Path::new("-") {
        return Ok(Stream {
            shown: "<stdin>".to_string(),
            path: None,
            kind,
            size: None,
            bom: 0,
        });
    }
    let shown = path.display().to_string();
    let failed = |err: std::io::Error| Problem::in_file(&shown, reason(&err, Access::Read));
    let (mut file, size) = open(path, &shown)?;
    kind.check(size)
        .map_err(|why| Problem::in_file(&shown, why))?;
    let mut start = [0u8; 3];
    let mut got = 0;
    while got < 3 {
        match file.read(&mut start[got..]).map_err(failed)? {
            0 => break,
            n => got += n,
        }
    }
    let bom = if start[..got] == [0xEF, 0xBB, 0xBF] {
        3
    } else {
        0
    };
    Ok(Stream {
        shown,
        path: Some(path.to_path_buf()),
        kind,
        size: Some(size - bom),
        bom,
    })
}

impl crate::yaml::walk::Source for Stream {
    fn size(&self) -> Option<u64> {
        self.size
    }

    fn read_from(&self, offset: u64) -> std::io::Result<Box<dyn Read + Send + '_>> {
        use std::io::{Seek, SeekFrom};
        let worded =
            |err: std::io::Error| std::io::Error::new(err.kind(), reason(&err, Access::Read));
        match &self.path {
            None if offset == 0 => Ok(Box::new(Checked::new(std::io::stdin(), self, 0))),
            None => Err(std::io::Error::other(
                "standard input can be read only once",
            )),
            Some(path) => {
                let (mut file, _) = open(path, &self.shown)
                    .map_err(|problem| std::io::Error::other(problem.message))?;
                let at = self.bom + offset;
                file.seek(SeekFrom::Start(at)).map_err(worded)?;
                Ok(Box::new(Checked::new(file, self, at)))
            }
        }
    }
}

/// A reader that passes on only UTF-8 text, up to the size limit, without
/// the byte-order mark at the start, and words its errors for the reader.
struct Checked<'s, R> {
    inner: R,
    stream: &'s Stream,
    /// The offset in the file of the next byte to read from `inner`.
    at: u64,
    buffer: Vec<u8>,
    /// Bytes of `buffer` checked and not yet passed on.
    ready: std::ops::Range<usize>,
    /// Bytes after `ready` that may be the start of a character.
    pending: usize,
}

impl<'s, R: Read> Checked<'s, R> {
    fn new(inner: R, stream: &'s Stream, at: u64) -> Self {
        Checked {
            inner,
            stream,
            at,
            buffer: vec![0; 64 * 1024],
            ready: 0..0,
            pending: 0,
        }
    }

    fn fail(&self, message: String) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidData, message)
    }

    /// Reads and checks the next piece; false at the end.
    fn fill(&mut self) -> std::io::Result<bool> {
        let carried = self.ready.end..self.ready.end + self.pending;
        self.buffer.copy_within(carried, 0);
        let start = self.pending;
        let n = loop {
            match self.inner.read(&mut self.buffer[start..]) {
                Ok(n) => break n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(err) => {
                    return Err(std::io::Error::new(err.kind(), reason(&err, Access::Read)));
                }
            }
        };
        // Where the first byte in the buffer is in the file.
        let first = self.at - start as u64;
        self.at += n as u64;
        let over = if self.stream.path.is_none() {
            self.stream.kind.check_stream(self.at)
        } else {
            self.stream.kind.check(self.at)
        };
        over.map_err(|why| self.fail(why))?;
        let filled = start + n;
        let skip = if first == 0 && self.buffer[..filled].starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        let (valid, pending) = match std::str::from_utf8(&self.buffer[skip..filled]) {
            Ok(_) => (filled, 0),
            Err(err) if err.error_len().is_none() && n > 0 => {
                (skip + err.valid_up_to(), filled - skip - err.valid_up_to())
            }
            Err(err) => {
                let byte = first + (skip + err.valid_up_to()) as u64 + 1;
                return Err(self.fail(format!(
                    "is not UTF-8 text (byte {byte}); {}",
                    if self.stream.path.is_none() {
                        "send UTF-8"
                    } else {
                        "save it as UTF-8"
                    }
                )));
            }
        };
        self.ready = skip..valid;
        self.pending = pending;
        Ok(n > 0)
    }
}

impl<R: Read> Read for Checked<'_, R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.ready.is_empty() {
            if !self.fill()? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.ready.len());
        out[..n].copy_from_slice(&self.buffer[self.ready.start..self.ready.start + n]);
        self.ready.start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod stream_tests {
    use super::*;
    use crate::yaml::walk::Source;

    fn stream_of(bytes: &[u8]) -> (tempfile::TempDir, Stream) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.yaml");
        std::fs::write(&path, bytes).unwrap();
        let stream = open_stream(&path, Kind::Portfolio).unwrap();
        (dir, stream)
    }

    fn read_all(stream: &Stream, from: u64) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        stream.read_from(from)?.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn a_stream_passes_on_utf8_whole_from_any_offset_without_the_mark() {
        // Two-byte characters across every piece's edge.
        let text = format!("a{}", "é".repeat(100_000));
        let (_dir, stream) = stream_of(format!("\u{feff}{text}").as_bytes());
        assert_eq!(stream.size(), Some(text.len() as u64));
        assert_eq!(read_all(&stream, 0).unwrap(), text.as_bytes());
        assert_eq!(read_all(&stream, 1).unwrap(), &text.as_bytes()[1..]);
    }

    #[test]
    fn a_stream_names_the_first_byte_that_is_not_utf8() {
        let mut bytes = "é".repeat(40_000).into_bytes();
        bytes.push(0xFF);
        let (_dir, stream) = stream_of(&bytes);
        let err = read_all(&stream, 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "is not UTF-8 text (byte 80001); save it as UTF-8"
        );
        // A character cut short by the end of the file is not UTF-8 either.
        let (_dir, stream) = stream_of(&"é".as_bytes()[..1]);
        let err = read_all(&stream, 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "is not UTF-8 text (byte 1); save it as UTF-8"
        );
    }
}
