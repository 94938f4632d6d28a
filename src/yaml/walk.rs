//! Reading a long YAML file as a stream: one pass of the parser over the
//! file finds each item of one top-level list (`initiatives:`) and hands it
//! over whole as soon as it ends, so only one item is ever in memory, in
//! any valid style: block or flow, with comments, document markers or
//! anchors. A file that holds no such list is handed over as one node.
//!
//! Large files are split between the cores: each later part is parsed on
//! its own from the start of a line that looks like an item, and the part
//! before it must reach that very line as an item boundary for the work to
//! count; otherwise (a quoted text that contains such a line, an alias to
//! an earlier anchor, anything unusual) the earlier part reads on. Either
//! way the result is what one pass from the start gives.
//!
//! When an item cannot be read (not valid YAML, too large, too deep), it is
//! reported and reading starts again at the next line that begins an item
//! of the same list, so one broken item does not hide the others.

use super::events::{Event, Events, Kind, Mark, Stop};
use super::node::Node;
use super::{MAX_NESTING, Place};
use std::cell::Cell;
use std::collections::{HashMap, VecDeque};
use std::io::{self, Read};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

/// Text to walk, readable from any line it has.
pub trait Source: Sync {
    /// How many bytes it has, when it can be read from any offset; `None`
    /// when it can only be read once, from the start.
    fn size(&self) -> Option<u64>;
    /// Its bytes from `offset` on. Errors are worded for the reader.
    fn read_from(&self, offset: u64) -> io::Result<Box<dyn Read + Send + '_>>;
}

impl Source for &str {
    fn size(&self) -> Option<u64> {
        Some(str::len(self) as u64)
    }

    fn read_from(&self, offset: u64) -> io::Result<Box<dyn Read + Send + '_>> {
        let bytes = self.as_bytes();
        Ok(Box::new(&bytes[(offset as usize).min(bytes.len())..]))
    }
}

/// What a walk hands over, in the order of the file.
#[derive(Debug)]
pub enum Piece {
    /// An item of the list whole, or (`listed` false) the document itself
    /// when it holds no list.
    Node { node: Node, listed: bool },
    /// An item (or the document) that could not be read, with as much of
    /// it as was read before, to name it by.
    Broken {
        at: Place,
        why: Why,
        partial: Node,
        listed: bool,
    },
    /// A key beside the list in the document's top mapping.
    OtherKey(Place),
    /// The list's key written a second time.
    RepeatedKey(Place),
    /// The list's key with nothing under it, at the key.
    EmptyList(Place),
    /// The list's key with something other than a list under it.
    NotAList(Place),
    /// A second document, where it starts.
    MoreDocuments(Place),
    /// No document at all: nothing but blank lines and comments.
    Empty,
    /// The text could not be read on; the reader's words.
    Input(String),
}

/// Why an item could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Not valid YAML: the parser's words.
    Syntax(String),
    /// Collections nested more than [`MAX_NESTING`] deep.
    TooDeep,
    /// Larger than the walk allows an item to be; its size in bytes, when
    /// the text can be read again to measure it.
    TooLarge(Option<u64>),
    /// An alias to an anchor not defined before it (or no longer kept).
    UnknownAnchor(String),
    /// An alias inside the very node its anchor names.
    Recursive(String),
}

/// How much text anchors from earlier items may keep, in bytes, so that
/// later items can refer to them. The oldest are let go first.
pub const SHARED_ANCHORS: usize = 1024 * 1024;

/// What parses beyond the end of an item (the parser's look-ahead and the
/// blank lines and comments that follow it) before it is judged too large
/// while being read.
const SLACK: u64 = 128 * 1024;

/// The smallest part of a file worth a core of its own.
const MIN_PART: u64 = 1024 * 1024;

/// Walks `source`, handing each item of the list under `key` (or the
/// whole document) to `place` as soon as it is read, and what `place`
/// makes of each piece to `take`, in file order. No item may be larger
/// than `limit` bytes. `place` may run on several cores at once; `take`
/// runs on this thread.
pub fn walk<R: Send>(
    source: &dyn Source,
    key: &str,
    limit: u64,
    place: &(dyn Fn(Piece) -> R + Sync),
    take: &mut dyn FnMut(R),
) {
    walk_parts(source, key, limit, place, take, plan(source, key));
}

/// Walks `source` in `parts`, and says how many of them were read on
/// their own and counted.
fn walk_parts<R: Send>(
    source: &dyn Source,
    key: &str,
    limit: u64,
    place: &(dyn Fn(Piece) -> R + Sync),
    take: &mut dyn FnMut(R),
    parts: Vec<Part>,
) -> usize {
    if parts.len() == 1 {
        let mut first = Walker::new(source, key, limit, place, &parts, 0);
        first.sink = Some(take);
        first.run();
        return 1;
    }
    std::thread::scope(|scope| {
        let later: Vec<_> = (1..parts.len())
            .map(|me| {
                let parts = &parts;
                scope.spawn(move || Walker::new(source, key, limit, place, parts, me).run_part())
            })
            .collect();
        let mut first = Walker::new(source, key, limit, place, &parts, 0);
        first.sink = Some(&mut *take);
        let (_, mut next) = first.run_part();
        let mut done: Vec<Option<(Vec<R>, Option<usize>)>> = later
            .into_iter()
            .map(|part| {
                Some(
                    part.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                )
            })
            .collect();
        let mut counted = 1;
        while let Some(me) = next {
            let (more, after) = done[me - 1].take().expect("each part is used once");
            more.into_iter().for_each(&mut *take);
            next = after;
            counted += 1;
        }
        counted
    })
}

/// A part of the file for one core: where it starts, and what its walk
/// tells the walk of the part before it.
struct Part {
    start: u64,
    /// The list's dashes' column.
    dash: usize,
    /// Where this part's first item starts, once known (`None` inside if
    /// the part could not be read on its own).
    first: Watch<Option<Mark>>,
    /// Whether the part was read through to its end or to a part after it
    /// that was, once known.
    whole: Watch<bool>,
    cancel: AtomicBool,
}

/// Tells the walks waiting on a part that it is over, when dropped,
/// unless they were told already.
struct Publish<'p>(&'p Part);

impl Drop for Publish<'_> {
    fn drop(&mut self) {
        self.0.first.set(None);
        self.0.whole.set(false);
    }
}

/// A value one thread sets once and others wait for.
struct Watch<T> {
    value: Mutex<Option<T>>,
    set: Condvar,
}

impl<T: Clone> Watch<T> {
    fn new() -> Watch<T> {
        Watch {
            value: Mutex::new(None),
            set: Condvar::new(),
        }
    }

    fn set(&self, value: T) {
        let mut slot = self.value.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            *slot = Some(value);
        }
        self.set.notify_all();
    }

    fn wait(&self) -> T {
        let mut slot = self.value.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(value) = slot.as_ref() {
                return value.clone();
            }
            slot = self.set.wait(slot).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// The parts to walk `source` in: one, unless it is large, can be read
/// from any offset, and holds a block list.
fn plan(source: &dyn Source, key: &str) -> Vec<Part> {
    let size = source.size().unwrap_or_default();
    let count = (size / MIN_PART).min(cores() as u64);
    if count < 2 {
        return parts_at(source, key, &[]);
    }
    let targets: Vec<u64> = (1..count).map(|n| size * n / count).collect();
    parts_at(source, key, &targets)
}

/// Parts that start at the first item line after each of `targets`.
fn parts_at(source: &dyn Source, key: &str, targets: &[u64]) -> Vec<Part> {
    let part = |start, dash| Part {
        start,
        dash,
        first: Watch::new(),
        whole: Watch::new(),
        cancel: AtomicBool::new(false),
    };
    // A source read only once is not looked into before the walk.
    let seekable = !targets.is_empty() && source.size().is_some();
    let Some((dash, first_line)) = seekable.then(|| list_shape(source, key)).flatten() else {
        return vec![part(0, 0)];
    };
    let mut parts = vec![part(0, dash)];
    for &target in targets {
        let target = target.max(first_line + 1);
        let Ok(scan) = scan(source, target, Some(dash), None, false) else {
            break;
        };
        match scan.found {
            Some(start) if start > parts.last().map_or(0, |p| p.start) => {
                parts.push(part(start, dash));
            }
            _ => {}
        }
    }
    parts
}

fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    })
}

/// Where the list under `key` has its dashes, and where its first line
/// starts, when it is a block list near the start of the file.
fn list_shape(source: &dyn Source, key: &str) -> Option<(usize, u64)> {
    let ceiling = Rc::new(Cell::new(MIN_PART));
    let reader = Guarded::new(source.read_from(0).ok()?, 0, Rc::clone(&ceiling));
    let mut events = Events::from_reader(Box::new(reader), Mark::default())?;
    let mut depth = 0;
    let mut at_key = false;
    let mut wanted = false;
    for event in events.by_ref().take(10_000) {
        let event = event.ok()?;
        if wanted {
            return match event.kind {
                Kind::SequenceStart { flow: false, .. } => Some((
                    event.start.column,
                    (event.start.index - event.start.column) as u64,
                )),
                _ => None,
            };
        }
        match &event.kind {
            Kind::Scalar { value, .. } if depth == 1 && at_key => wanted = value == key,
            _ => {}
        }
        match event.kind {
            Kind::MappingStart { .. } | Kind::SequenceStart { .. } => depth += 1,
            Kind::MappingEnd | Kind::SequenceEnd => depth -= 1,
            _ => {}
        }
        if depth == 1 {
            at_key = !at_key || matches!(event.kind, Kind::MappingStart { .. });
        }
    }
    None
}

/// A reader that refuses to go past a ceiling the walk moves as it goes,
/// so no item can make the parser hold more than the limit allows.
struct Guarded<'s> {
    inner: Box<dyn Read + Send + 's>,
    at: u64,
    ceiling: Rc<Cell<u64>>,
}

/// The error a [`Guarded`] reader gives at its ceiling.
#[derive(Debug)]
struct Ceiling;

impl std::fmt::Display for Ceiling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too large")
    }
}

impl std::error::Error for Ceiling {}

impl<'s> Guarded<'s> {
    fn new(inner: Box<dyn Read + Send + 's>, at: u64, ceiling: Rc<Cell<u64>>) -> Guarded<'s> {
        Guarded { inner, at, ceiling }
    }
}

impl Read for Guarded<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = self.ceiling.get().saturating_sub(self.at);
        if room == 0 {
            return Err(io::Error::other(Ceiling));
        }
        let wanted = buf.len().min(room.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..wanted])?;
        self.at += n as u64;
        Ok(n)
    }
}

/// One parser over the source from the start of a line.
struct Run<'s> {
    events: Events<'s>,
    ceiling: Rc<Cell<u64>>,
    limit: u64,
    /// Whether it started anywhere but the start of the file: the list is
    /// then the document's top node.
    isolated: bool,
}

/// Why the parser of a run cannot go on.
enum Failure {
    Syntax(super::events::SyntaxError),
    /// The reader reached the ceiling: the item being read is too large.
    TooFar,
    Input(String),
}

impl<'s> Run<'s> {
    fn open(source: &'s dyn Source, at: Mark, limit: u64) -> Result<Run<'s>, Failure> {
        let ceiling = Rc::new(Cell::new(at.index as u64 + limit + SLACK));
        let inner = source
            .read_from(at.index as u64)
            .map_err(|err| Failure::Input(err.to_string()))?;
        let reader = Guarded::new(inner, at.index as u64, Rc::clone(&ceiling));
        let events = Events::from_reader(Box::new(reader), at)
            .ok_or_else(|| Failure::Input("the YAML parser could not start".into()))?;
        Ok(Run {
            events,
            ceiling,
            limit,
            isolated: at.index > 0,
        })
    }

    /// Reading may go `limit` (and some slack) past `from`.
    fn unit(&self, from: usize) {
        self.ceiling.set(from as u64 + self.limit + SLACK);
    }

    fn next(&mut self) -> Result<Option<Event>, Failure> {
        match self.events.next() {
            None => Ok(None),
            Some(Ok(event)) => Ok(Some(event)),
            Some(Err(Stop::Syntax(err))) => Err(Failure::Syntax(err)),
            Some(Err(Stop::Input(err))) => match err.get_ref() {
                Some(inner) if inner.is::<Ceiling>() => Err(Failure::TooFar),
                _ => Err(Failure::Input(err.to_string())),
            },
        }
    }
}

/// Why a walk stops early.
enum Halt {
    /// The part after this one was read whole from here on.
    Handover(usize),
    /// This part cannot be read on its own (or was cancelled).
    Anomaly,
    /// Nothing more can be read.
    Done,
}

/// Anchors of earlier items that later ones may refer to, the oldest let
/// go first once they hold more than [`SHARED_ANCHORS`] bytes.
#[derive(Default)]
struct Anchors {
    kept: HashMap<String, (Arc<Node>, u64)>,
    order: VecDeque<(String, u64, usize)>,
    bytes: usize,
    made: u64,
}

impl Anchors {
    fn keep(&mut self, name: String, node: Arc<Node>) {
        let size = node.end().index.saturating_sub(node.start().index);
        self.made += 1;
        self.kept.insert(name.clone(), (node, self.made));
        self.order.push_back((name, self.made, size));
        self.bytes += size;
        while self.bytes > SHARED_ANCHORS {
            let Some((name, made, size)) = self.order.pop_front() else {
                break;
            };
            self.bytes -= size;
            if self.kept.get(&name).is_some_and(|(_, m)| *m == made) {
                self.kept.remove(&name);
            }
        }
    }

    fn get(&self, name: &str) -> Option<&Arc<Node>> {
        self.kept.get(name).map(|(node, _)| node)
    }
}

/// A fault met while recording a node.
enum Fault {
    /// The node was read to its end, but cannot be used.
    Unusable(Why, Mark),
    /// The parser cannot go on from here.
    Broken(Why, Mark),
    /// The reader reached its ceiling.
    TooFar,
    Input(String),
    /// Only a walk from the start of the file can read this.
    Anomaly,
}

impl From<Failure> for Fault {
    fn from(failure: Failure) -> Fault {
        match failure {
            Failure::Syntax(err) => Fault::Broken(Why::Syntax(err.message()), err.at),
            Failure::TooFar => Fault::TooFar,
            Failure::Input(message) => Fault::Input(message),
        }
    }
}

/// How a list ended.
enum ListEnd {
    /// In the document's top mapping, which goes on.
    InMapping,
    /// The document is over.
    DocumentDone,
}

/// The walk of one part of the file, on one core.
struct Walker<'s, 'p, R> {
    source: &'s dyn Source,
    key: &'p str,
    limit: u64,
    place: &'p (dyn Fn(Piece) -> R + Sync),
    parts: &'p [Part],
    me: usize,
    /// The next part whose start this walk has yet to reach.
    next: usize,
    out: Vec<R>,
    /// Where results go at once, for the part that starts the file; the
    /// others keep theirs in `out` until it is known whether they count.
    sink: Option<&'p mut dyn FnMut(R)>,
    /// Anchors of earlier items; only the part from the file's start uses
    /// them, as only it has seen every anchor before.
    shared: Anchors,
    /// Anchors of the item being read: name, where the node starts, node.
    local: Vec<(String, usize, Arc<Node>)>,
    /// The column of the list's dashes, for a block list.
    dash: Option<usize>,
    /// How many events the last item had.
    room: usize,
}

impl<'s, 'p, R> Walker<'s, 'p, R> {
    fn new(
        source: &'s dyn Source,
        key: &'p str,
        limit: u64,
        place: &'p (dyn Fn(Piece) -> R + Sync),
        parts: &'p [Part],
        me: usize,
    ) -> Self {
        Walker {
            source,
            key,
            limit,
            place,
            parts,
            me,
            next: me + 1,
            out: Vec::new(),
            sink: None,
            shared: Anchors::default(),
            local: Vec::new(),
            dash: parts.get(me).filter(|_| me > 0).map(|p| p.dash),
            room: 0,
        }
    }

    fn emit(&mut self, piece: Piece) {
        let result = (self.place)(piece);
        match self.sink.as_mut() {
            Some(sink) => sink(result),
            None => self.out.push(result),
        }
    }

    /// Walks the whole file alone.
    fn run(mut self) {
        let _ = self.walk_from_start();
    }

    /// Walks this part, and says which part reads on after it, if any.
    fn run_part(mut self) -> (Vec<R>, Option<usize>) {
        // Walks of earlier parts wait for what this one finds: tell them,
        // however this one ends.
        let parts = self.parts;
        let _publish = Publish(&parts[self.me]);
        let halt = if self.me == 0 {
            self.walk_from_start()
        } else {
            self.part()
        };
        let (whole, next) = match halt {
            Ok(()) | Err(Halt::Done) => (true, None),
            Err(Halt::Handover(next)) => (true, Some(next)),
            Err(Halt::Anomaly) => (false, None),
        };
        if whole {
            // Parts not reached from here start where no item does.
            for later in &self.parts[self.next.min(self.parts.len())..] {
                if next.is_none() {
                    later.cancel.store(true, Ordering::Relaxed);
                }
            }
        }
        let me = &self.parts[self.me];
        me.first.set(None);
        me.whole.set(whole);
        (if whole { self.out } else { Vec::new() }, next)
    }

    /// Walks from the start of the file.
    fn walk_from_start(&mut self) -> Result<(), Halt> {
        let mut run = match Run::open(self.source, Mark::default(), self.limit) {
            Ok(run) => run,
            Err(failure) => return self.fail_outside(failure, Node::default(), false),
        };
        match self.next_outside(&mut run, Node::default(), false)? {
            None => {
                self.emit(Piece::Empty);
                return Ok(());
            }
            Some(Event {
                kind: Kind::DocumentStart,
                ..
            }) => {}
            Some(_) => return Err(Halt::Done),
        }
        let Some(root) = self.next_outside(&mut run, Node::default(), false)? else {
            return Err(Halt::Done);
        };
        match root.kind {
            Kind::MappingStart { .. } => {
                if let ListEnd::DocumentDone = self.top_mapping(&mut run, root)? {
                    return Ok(());
                }
            }
            _ => {
                let node = self.whole(&mut run, root)?;
                self.emit(Piece::Node {
                    node,
                    listed: false,
                });
            }
        }
        match self.next_outside(&mut run, Node::default(), false)? {
            Some(Event {
                kind: Kind::DocumentEnd,
                ..
            }) => self.after_document(&mut run),
            _ => Err(Halt::Done),
        }
    }

    /// After the end of a document: the end of the stream, or another
    /// document, which is refused.
    fn after_document(&mut self, run: &mut Run<'s>) -> Result<(), Halt> {
        match self.next_outside(run, Node::default(), false)? {
            Some(event) => {
                self.emit(Piece::MoreDocuments(event.start.place()));
                Err(Halt::Done)
            }
            None => Ok(()),
        }
    }

    /// The next event outside any list item; a failure there ends the walk.
    fn next_outside(
        &mut self,
        run: &mut Run<'s>,
        partial: Node,
        listed: bool,
    ) -> Result<Option<Event>, Halt> {
        match run.next() {
            Ok(event) => Ok(event),
            Err(failure) => self.fail_outside(failure, partial, listed).map(|()| None),
        }
    }

    fn fail_outside(&mut self, failure: Failure, partial: Node, listed: bool) -> Result<(), Halt> {
        match failure {
            Failure::Input(message) => self.emit(Piece::Input(message)),
            Failure::Syntax(err) => self.emit(Piece::Broken {
                at: err.at.place(),
                why: Why::Syntax(err.message()),
                partial,
                listed,
            }),
            Failure::TooFar => {
                let size = self.file_size();
                self.emit(Piece::Broken {
                    at: (1, 1),
                    why: Why::TooLarge(size),
                    partial,
                    listed,
                })
            }
        }
        Err(Halt::Done)
    }

    /// The document's top mapping: a portfolio when one of its keys is the
    /// list's, else the document itself is the one node.
    fn top_mapping(&mut self, run: &mut Run<'s>, root: Event) -> Result<ListEnd, Halt> {
        let mut record = Some(Node::default());
        if let Some(node) = record.as_mut() {
            node.events.push(root);
        }
        self.local.clear();
        let mut keys = Vec::new();
        let mut listed = false;
        loop {
            let event = match run.next() {
                Ok(Some(event)) => event,
                Ok(None) => return Err(Halt::Done),
                Err(failure) => {
                    let partial = record.take().unwrap_or_default();
                    return self
                        .fail_outside(failure, partial, false)
                        .map(|()| ListEnd::DocumentDone);
                }
            };
            if let Kind::MappingEnd = event.kind {
                if let Some(mut node) = record.take() {
                    node.events.push(event);
                    self.finish_item(node, false)?;
                }
                return Ok(ListEnd::InMapping);
            }
            let is_key = matches!(&event.kind, Kind::Scalar { value, .. } if value == self.key);
            if is_key && listed {
                self.emit(Piece::RepeatedKey(event.start.place()));
                self.skip_entry_value(run)?;
                continue;
            }
            if is_key {
                listed = true;
                record = None;
                for key in keys.drain(..) {
                    self.emit(Piece::OtherKey(key));
                }
                let key_place = event.start.place();
                let Some(value) = self.next_outside(run, Node::default(), false)? else {
                    return Err(Halt::Done);
                };
                match value.kind {
                    Kind::SequenceStart { .. } => {
                        let (count, end) = self.list(run, value, None)?;
                        if count == 0 {
                            self.emit(Piece::EmptyList(key_place));
                        }
                        if let ListEnd::DocumentDone = end {
                            return Ok(ListEnd::DocumentDone);
                        }
                    }
                    Kind::Scalar { .. } if Node::from(value.clone()).is_null() => {
                        self.emit(Piece::EmptyList(key_place));
                    }
                    _ => {
                        self.emit(Piece::NotAList(value.start.place()));
                        self.skip(run, value)?;
                    }
                }
                continue;
            }
            match record.as_mut() {
                Some(node) => {
                    keys.push(event.start.place());
                    let mut node_taken = std::mem::take(node);
                    let result = self.record_into(run, &mut node_taken, event, 1);
                    let result = result.and_then(|()| {
                        let value = run.next()?.ok_or(Fault::Anomaly)?;
                        self.record_into(run, &mut node_taken, value, 1)
                    });
                    if let Err(fault) = result {
                        return self.fault_outside(fault, node_taken);
                    }
                    *node = node_taken;
                }
                None => {
                    self.emit(Piece::OtherKey(event.start.place()));
                    run.unit(event.start.index);
                    self.skip(run, event)?;
                    self.skip_entry_value(run)?;
                }
            }
        }
    }

    /// A fault in the document itself, read as one node: the walk ends.
    fn fault_outside(&mut self, fault: Fault, partial: Node) -> Result<ListEnd, Halt> {
        let (why, at) = match fault {
            Fault::Unusable(why, at) | Fault::Broken(why, at) => (why, at.place()),
            Fault::TooFar => {
                let size = self.file_size();
                (Why::TooLarge(size), (1, 1))
            }
            Fault::Input(message) => {
                self.emit(Piece::Input(message));
                return Err(Halt::Done);
            }
            Fault::Anomaly => return Err(Halt::Done),
        };
        self.emit(Piece::Broken {
            at,
            why,
            partial,
            listed: false,
        });
        Err(Halt::Done)
    }

    /// Skips the value of a mapping entry whose key was just read.
    fn skip_entry_value(&mut self, run: &mut Run<'s>) -> Result<(), Halt> {
        let Some(value) = self.next_outside(run, Node::default(), false)? else {
            return Err(Halt::Done);
        };
        self.skip(run, value)
    }

    /// Skips one node outside the list, still bounding its nesting.
    fn skip(&mut self, run: &mut Run<'s>, first: Event) -> Result<(), Halt> {
        let mut depth = 0usize;
        let mut event = first;
        loop {
            match event.kind {
                Kind::MappingStart { .. } | Kind::SequenceStart { .. } => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        self.emit(Piece::Broken {
                            at: event.start.place(),
                            why: Why::TooDeep,
                            partial: Node::default(),
                            listed: false,
                        });
                        return Err(Halt::Done);
                    }
                }
                Kind::MappingEnd | Kind::SequenceEnd => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth == 0 {
                return Ok(());
            }
            event = match self.next_outside(run, Node::default(), false)? {
                Some(event) => event,
                None => return Err(Halt::Done),
            };
        }
    }

    /// Reads a whole node that is the document, with no list to go back to.
    fn whole(&mut self, run: &mut Run<'s>, first: Event) -> Result<Node, Halt> {
        self.local.clear();
        let mut node = Node::default();
        if let Err(fault) = self.record_into(run, &mut node, first, 0) {
            self.fault_outside(fault, node)?;
            return Err(Halt::Done);
        }
        if let Some(size) = self.too_large(&node) {
            self.emit(Piece::Broken {
                at: (1, 1),
                why: Why::TooLarge(Some(size)),
                partial: Node::default(),
                listed: false,
            });
            return Err(Halt::Done);
        }
        Ok(node)
    }

    /// How large the whole text is, when it can be measured.
    fn file_size(&self) -> Option<u64> {
        self.source.size()
    }

    fn too_large(&self, node: &Node) -> Option<u64> {
        let size = node.end().index.saturating_sub(node.start().index) as u64;
        (size > self.limit).then_some(size)
    }

    /// Hands over a node read whole, unless it is too large.
    fn finish_item(&mut self, node: Node, listed: bool) -> Result<(), Halt> {
        if let Some(size) = self.too_large(&node) {
            let at = if listed { node.start().place() } else { (1, 1) };
            self.emit(Piece::Broken {
                at,
                why: Why::TooLarge(Some(size)),
                partial: node,
                listed,
            });
        } else {
            self.emit(Piece::Node { node, listed });
        }
        self.share_anchors();
        Ok(())
    }

    /// Keeps the anchors of the item just read for the items after it.
    fn share_anchors(&mut self) {
        let local = std::mem::take(&mut self.local);
        if self.me == 0 {
            let mut local = local;
            // Kept in the order they start, so a later one of the same name wins.
            local.sort_by_key(|(_, at, _)| *at);
            for (name, _, node) in local {
                self.shared.keep(name, node);
            }
        }
    }

    /// The items of a list whose start is `start`; `first`, when given, is
    /// its first item's first event, already read. Returns how many items
    /// it had and how it ended.
    fn list(
        &mut self,
        run: &mut Run<'s>,
        start: Event,
        mut first: Option<Event>,
    ) -> Result<(usize, ListEnd), Halt> {
        if let Kind::SequenceStart { flow: false, .. } = start.kind {
            self.dash = Some(start.start.column);
        }
        let mut count = 0;
        // Where the next item's text starts: after the last one.
        let mut gap = start.start;
        run.unit(gap.index);
        loop {
            let event = match first.take() {
                Some(event) => Ok(Some(event)),
                None => run.next(),
            };
            let event = match event {
                Ok(Some(event)) => event,
                Ok(None) => return Err(Halt::Done),
                Err(failure) => {
                    // Between items: the next one is broken.
                    if self.me > 0 {
                        return Err(Halt::Anomaly);
                    }
                    // What failed was (in) an item: the list is not empty.
                    match self.between(run, failure, gap)? {
                        Some(restarted) => {
                            *run = restarted.0;
                            first = Some(restarted.1);
                            continue;
                        }
                        None => return Ok((count + 1, ListEnd::DocumentDone)),
                    }
                }
            };
            if let Kind::SequenceEnd = event.kind {
                run.unit(event.start.index);
                return self.list_end(run, count);
            }
            count += 1;
            self.reach(&event)?;
            if self.me > 0 && self.parts[self.me].cancel.load(Ordering::Relaxed) {
                return Err(Halt::Anomaly);
            }
            run.unit(event.start.index);
            let item_start = event.start;
            self.local.clear();
            // Items tend to be alike: room for as many events as the last.
            let mut node = Node {
                events: Vec::with_capacity(self.room),
                aliases: Vec::new(),
            };
            match self.record_into(run, &mut node, event, 0) {
                Ok(()) => {
                    gap = node.end();
                    self.room = node.events.len();
                    self.finish_item(node, true)?;
                    run.unit(gap.index);
                }
                Err(Fault::Unusable(why, at)) => {
                    gap = node.end();
                    self.local.clear();
                    self.emit(Piece::Broken {
                        at: at.place(),
                        why,
                        partial: node,
                        listed: true,
                    });
                    run.unit(gap.index);
                }
                Err(Fault::Anomaly) => return Err(Halt::Anomaly),
                Err(Fault::Input(message)) => {
                    if self.me > 0 {
                        return Err(Halt::Anomaly);
                    }
                    self.emit(Piece::Input(message));
                    return Err(Halt::Done);
                }
                Err(fault) => {
                    let (why, at) = match fault {
                        Fault::Broken(Why::Syntax(_), _) if self.me > 0 => {
                            return Err(Halt::Anomaly);
                        }
                        Fault::Broken(why, at) => (why, at.place()),
                        _ => {
                            let size = self.item_size(item_start);
                            (Why::TooLarge(size), item_start.place())
                        }
                    };
                    self.local.clear();
                    self.emit(Piece::Broken {
                        at,
                        why,
                        partial: node,
                        listed: true,
                    });
                    match self.restart(item_start)? {
                        Some((restarted, next)) => {
                            *run = restarted;
                            first = Some(next);
                            gap = first.as_ref().map_or(gap, |e| e.start);
                        }
                        None => return Ok((count, ListEnd::DocumentDone)),
                    }
                }
            }
        }
    }

    /// The end of a list: in the top mapping, or (for a part read on its
    /// own) the end of the document.
    fn list_end(&mut self, run: &mut Run<'s>, count: usize) -> Result<(usize, ListEnd), Halt> {
        if !run.isolated {
            return Ok((count, ListEnd::InMapping));
        }
        if self.me > 0 {
            return match (run.next(), run.next()) {
                (
                    Ok(Some(Event {
                        kind: Kind::DocumentEnd,
                        ..
                    })),
                    Ok(None),
                ) => Ok((count, ListEnd::DocumentDone)),
                _ => Err(Halt::Anomaly),
            };
        }
        // After a restart, the list read on its own is the document's top
        // node; a line at the left margin that follows it is the rest of
        // the top mapping, read on its own in turn.
        let ended = match run.next() {
            Ok(Some(Event {
                kind: Kind::DocumentEnd,
                ..
            })) => run.next(),
            other => other,
        };
        match ended {
            Ok(None) => Ok((count, ListEnd::DocumentDone)),
            Ok(Some(event)) => {
                self.emit(Piece::MoreDocuments(event.start.place()));
                Err(Halt::Done)
            }
            Err(Failure::Syntax(err)) if err.at.column == 0 => {
                self.tail(err.at).map(|()| (count, ListEnd::DocumentDone))
            }
            Err(failure) => self
                .fail_outside(failure, Node::default(), false)
                .map(|()| (count, ListEnd::DocumentDone)),
        }
    }

    /// A failure between two items of a block list: it is reported, and
    /// reading starts again at the next item after it. Returns the
    /// restarted run and its first item's first event.
    fn between(
        &mut self,
        run: &mut Run<'s>,
        failure: Failure,
        gap: Mark,
    ) -> Result<Option<(Run<'s>, Event)>, Halt> {
        let (why, at, from) = match failure {
            Failure::Input(message) => {
                self.emit(Piece::Input(message));
                return Err(Halt::Done);
            }
            Failure::Syntax(err) => {
                // A line less indented than the list, after a restart: the
                // list is over and the document's top mapping goes on.
                if run.isolated && self.dash.is_some_and(|dash| err.at.column <= dash) {
                    return self.tail(err.at).map(|()| None);
                }
                (Why::Syntax(err.message()), err.at.place(), err.at)
            }
            Failure::TooFar => {
                let line = self.item_line(gap).unwrap_or(gap);
                let size = self.item_size(line);
                let at = Mark {
                    index: line.index + line.column,
                    ..line
                };
                (Why::TooLarge(size), at.place(), line)
            }
        };
        self.emit(Piece::Broken {
            at,
            why,
            partial: Node::default(),
            listed: true,
        });
        self.restart(from)
    }

    /// After a list read from a restart: the rest of the document's top
    /// mapping, read on its own from the line at `at`.
    fn tail(&mut self, at: Mark) -> Result<(), Halt> {
        let start = Mark {
            index: at.index - at.column,
            line: at.line,
            column: 0,
        };
        let mut run = match Run::open(self.source, start, self.limit) {
            Ok(run) => run,
            Err(failure) => return self.fail_outside(failure, Node::default(), false),
        };
        match self.next_outside(&mut run, Node::default(), false)? {
            Some(Event {
                kind: Kind::DocumentStart,
                ..
            }) => {}
            _ => return Err(Halt::Done),
        }
        match self.next_outside(&mut run, Node::default(), false)? {
            Some(
                root @ Event {
                    kind: Kind::MappingStart { .. },
                    ..
                },
            ) => {
                let _ = root;
                loop {
                    let Some(event) = self.next_outside(&mut run, Node::default(), false)? else {
                        return Err(Halt::Done);
                    };
                    if let Kind::MappingEnd = event.kind {
                        break;
                    }
                    let repeated =
                        matches!(&event.kind, Kind::Scalar { value, .. } if value == self.key);
                    self.emit(if repeated {
                        Piece::RepeatedKey(event.start.place())
                    } else {
                        Piece::OtherKey(event.start.place())
                    });
                    run.unit(event.start.index);
                    self.skip(&mut run, event)?;
                    self.skip_entry_value(&mut run)?;
                }
            }
            Some(other) => self.skip(&mut run, other)?,
            None => return Err(Halt::Done),
        }
        match self.next_outside(&mut run, Node::default(), false)? {
            Some(Event {
                kind: Kind::DocumentEnd,
                ..
            }) => self.after_document(&mut run),
            _ => Err(Halt::Done),
        }
    }

    /// Starts reading again at the first item line after the one `from` is
    /// on. Returns the new run and its first item's first event, or `None`
    /// when no item follows.
    fn restart(&mut self, from: Mark) -> Result<Option<(Run<'s>, Event)>, Halt> {
        let Some(dash) = self.dash.filter(|_| self.source.size().is_some()) else {
            return Ok(None);
        };
        let line_start = (from.index - from.column) as u64;
        let scan = match scan(self.source, line_start, Some(dash), None, false) {
            Ok(scan) => scan,
            Err(err) => {
                self.emit(Piece::Input(err.to_string()));
                return Err(Halt::Done);
            }
        };
        let Some(found) = scan.found else {
            return Ok(None);
        };
        let at = Mark {
            index: found as usize,
            line: from.line + scan.breaks,
            column: 0,
        };
        let mut run = match Run::open(self.source, at, self.limit) {
            Ok(run) => run,
            Err(failure) => {
                return self
                    .fail_outside(failure, Node::default(), true)
                    .map(|()| None);
            }
        };
        // Read on its own, the rest of the list is the document's top node.
        let start = (run.next(), run.next());
        match start {
            (
                Ok(Some(Event {
                    kind: Kind::DocumentStart,
                    ..
                })),
                Ok(Some(Event {
                    kind: Kind::SequenceStart { flow: false, .. },
                    start,
                    ..
                })),
            ) if start.column == dash => {}
            _ => return Ok(None),
        }
        match run.next() {
            Ok(Some(event)) if !matches!(event.kind, Kind::SequenceEnd) => Ok(Some((run, event))),
            _ => Ok(None),
        }
    }

    /// How large the item whose text starts on `from`'s line is: up to the
    /// next item line, or the end.
    fn item_size(&self, from: Mark) -> Option<u64> {
        self.source.size()?;
        let line_start = (from.index - from.column) as u64;
        let scan = scan(self.source, line_start, self.dash, None, false).ok()?;
        Some(scan.found.unwrap_or(scan.end) - line_start)
    }

    /// The first item line at or after `from`'s line: its start, with the
    /// column of its dash.
    fn item_line(&self, from: Mark) -> Option<Mark> {
        self.source.size()?;
        let dash = self.dash?;
        let line_start = (from.index - from.column) as u64;
        let scan = scan(self.source, line_start, Some(dash), None, true).ok()?;
        Some(Mark {
            index: scan.found? as usize,
            line: from.line + scan.breaks,
            column: dash,
        })
    }

    /// Checks, at the start of an item, whether this walk has reached the
    /// start of a later part: if that part starts with this very item and
    /// was read whole, this walk is done.
    fn reach(&mut self, item: &Event) -> Result<(), Halt> {
        while let Some(part) = self.parts.get(self.next) {
            if (item.start.index as u64) < part.start {
                return Ok(());
            }
            let matches = part.first.wait() == Some(item.start);
            if matches && part.whole.wait() {
                return Err(Halt::Handover(self.next));
            }
            if !matches {
                part.cancel.store(true, Ordering::Relaxed);
            }
            self.next += 1;
        }
        Ok(())
    }

    /// Walks a later part on its own: a list whose first item starts at
    /// the part's start.
    fn part(&mut self) -> Result<(), Halt> {
        let part = &self.parts[self.me];
        let started = self.start_part(part.start, part.dash);
        match started {
            Some((mut run, start, first)) => {
                part.first.set(Some(first.start));
                let (_, end) = self.list(&mut run, start, Some(first))?;
                match end {
                    ListEnd::DocumentDone => Ok(()),
                    ListEnd::InMapping => Err(Halt::Anomaly),
                }
            }
            None => {
                part.first.set(None);
                Err(Halt::Anomaly)
            }
        }
    }

    /// Opens a run at a part's start: the list's start and its first item.
    fn start_part(&self, start: u64, dash: usize) -> Option<(Run<'s>, Event, Event)> {
        let breaks = scan(self.source, 0, None, Some(start), false).ok()?.breaks;
        let at = Mark {
            index: start as usize,
            line: breaks,
            column: 0,
        };
        let mut run = Run::open(self.source, at, self.limit).ok()?;
        match run.next().ok()?? {
            Event {
                kind: Kind::DocumentStart,
                ..
            } => {}
            _ => return None,
        }
        let list = run.next().ok()??;
        match list.kind {
            Kind::SequenceStart { flow: false, .. } if list.start.column == dash => {}
            _ => return None,
        }
        let first = run.next().ok()??;
        if let Kind::SequenceEnd = first.kind {
            return None;
        }
        Some((run, list, first))
    }

    /// Records one whole node whose first event is `first` into `node`,
    /// `depth` levels down in it, with its aliases resolved.
    fn record_into(
        &mut self,
        run: &mut Run<'s>,
        node: &mut Node,
        first: Event,
        depth: usize,
    ) -> Result<(), Fault> {
        let base = depth;
        let mut depth = depth;
        // Anchors of collections still open: name, first event, depth, and
        // where in the file they start.
        let mut open: Vec<(String, usize, usize, usize)> = Vec::new();
        let mut refused: Option<(Why, Mark)> = None;
        let mut event = first;
        loop {
            let index = node.events.len();
            match &event.kind {
                Kind::MappingStart { anchor, .. } | Kind::SequenceStart { anchor, .. } => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Err(Fault::Broken(Why::TooDeep, event.start));
                    }
                    if let Some(name) = anchor {
                        open.push((name.clone(), index, depth, event.start.index));
                    }
                }
                Kind::MappingEnd | Kind::SequenceEnd => depth -= 1,
                Kind::Alias { anchor } if refused.is_none() => {
                    // The anchor named last before the alias: one whose
                    // node is still open holds the alias, and is refused.
                    let open_at = open
                        .iter()
                        .filter(|(name, ..)| name == anchor)
                        .map(|(.., at)| *at)
                        .max();
                    let local = self
                        .local
                        .iter()
                        .filter(|(name, ..)| name == anchor)
                        .max_by_key(|(_, at, _)| *at);
                    let target = match (open_at, local) {
                        (Some(_), None) => {
                            refused = Some((Why::Recursive(anchor.clone()), event.start));
                            None
                        }
                        (Some(open_at), Some((_, at, _))) if *at < open_at => {
                            refused = Some((Why::Recursive(anchor.clone()), event.start));
                            None
                        }
                        (_, Some((.., target))) => Some(Arc::clone(target)),
                        (None, None) if self.me > 0 => return Err(Fault::Anomaly),
                        (None, None) => {
                            let shared = self.shared.get(anchor).cloned();
                            if shared.is_none() {
                                refused = Some((Why::UnknownAnchor(anchor.clone()), event.start));
                            }
                            shared
                        }
                    };
                    if let Some(target) = target {
                        node.aliases.push((index, target));
                    }
                }
                _ => {}
            }
            let closes = matches!(event.kind, Kind::MappingEnd | Kind::SequenceEnd);
            let scalar_anchor = match &event.kind {
                Kind::Scalar {
                    anchor: Some(name), ..
                } => Some((name.clone(), event.start.index)),
                _ => None,
            };
            node.events.push(event);
            if let Some((name, at)) = scalar_anchor {
                self.local.push((name, at, Arc::new(node.tail(index))));
            }
            if closes && open.last().is_some_and(|(_, _, d, _)| *d == depth + 1) {
                let (name, from, _, at) = open.pop().expect("an open anchor");
                self.local.push((name, at, Arc::new(node.tail(from))));
            }
            if depth == base {
                return match refused {
                    Some((why, at)) => Err(Fault::Unusable(why, at)),
                    None => Ok(()),
                };
            }
            event = match run.next() {
                Ok(Some(event)) => event,
                Ok(None) => return Err(Fault::Anomaly),
                Err(failure) => return Err(failure.into()),
            };
        }
    }
}

impl From<Event> for Node {
    fn from(event: Event) -> Node {
        Node {
            events: vec![event],
            aliases: Vec::new(),
        }
    }
}

/// What [`scan`] found.
struct Scan {
    /// The offset of the line that begins an item.
    found: Option<u64>,
    /// How many line breaks come before it (or before the end).
    breaks: usize,
    /// Where the scan stopped.
    end: u64,
}

/// Reads `source` from `from` (up to `until`, if given) and counts line
/// breaks as the parser does (`\n`, `\r\n`, `\r`, and U+0085, U+2028,
/// U+2029). When `dash` is given, stops at the first line that starts with
/// that many spaces and a `-` on its own or before a space or tab: a line
/// that begins an item of a block list. The line `from` is on counts only
/// when `first_line` is set (and `from` is then its start).
fn scan(
    source: &dyn Source,
    from: u64,
    dash: Option<usize>,
    until: Option<u64>,
    first_line: bool,
) -> io::Result<Scan> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        /// Inside a line, past its indentation.
        Text,
        /// At the start of a line, after this many spaces.
        Indent(usize),
        /// After the dash of a possible item line.
        Dash,
        /// After a `\r`.
        Cr,
        /// After the first byte, or two, of a multi-byte line break.
        Lead(u8),
        Lead2,
    }
    let line = if dash.is_some() {
        State::Indent(0)
    } else {
        State::Text
    };
    let mut reader = source.read_from(from)?;
    if let Some(until) = until {
        reader = Box::new(reader.take(until.saturating_sub(from)));
    }
    let mut buffer = vec![0u8; 64 * 1024];
    let mut state = if first_line { line } else { State::Text };
    let mut breaks = 0;
    let mut offset = from;
    let mut line_start = from;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => {
                if state == State::Cr {
                    breaks += 1;
                }
                return Ok(Scan {
                    found: (state == State::Dash).then_some(line_start),
                    breaks,
                    end: offset,
                });
            }
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        let chunk = &buffer[..n];
        // Without a `\r` or the start of a multi-byte break, only `\n` ends
        // lines: count them the quick way.
        let plain = || !chunk.contains(&b'\r') && !chunk.contains(&0xC2) && !chunk.contains(&0xE2);
        if dash.is_none() && state == State::Text && plain() {
            // Counted in blocks small enough for a byte-wide count, which
            // the compiler turns into wide instructions.
            breaks += chunk
                .chunks(255)
                .map(|block| block.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n')))
                .map(usize::from)
                .sum::<usize>();
            offset += n as u64;
            continue;
        }
        let mut i = 0;
        while i < n {
            let byte = buffer[i];
            let at = offset + i as u64;
            match state {
                State::Text => {
                    // On to the next byte that may start a line break.
                    let Some(skip) = buffer[i..n]
                        .iter()
                        .position(|b| matches!(b, b'\n' | b'\r' | 0xC2 | 0xE2))
                    else {
                        i = n;
                        continue;
                    };
                    i += skip;
                    let at = offset + i as u64;
                    state = match buffer[i] {
                        b'\n' => {
                            breaks += 1;
                            line_start = at + 1;
                            line
                        }
                        b'\r' => State::Cr,
                        lead => State::Lead(lead),
                    };
                }
                State::Cr => {
                    breaks += 1;
                    state = line;
                    if byte == b'\n' {
                        line_start = at + 1;
                    } else {
                        // This byte starts the next line: look at it again.
                        line_start = at;
                        continue;
                    }
                }
                State::Lead(0xC2) if byte == 0x85 => {
                    breaks += 1;
                    line_start = at + 1;
                    state = line;
                }
                State::Lead(0xE2) if byte == 0x80 => state = State::Lead2,
                State::Lead2 if byte == 0xA8 || byte == 0xA9 => {
                    breaks += 1;
                    line_start = at + 1;
                    state = line;
                }
                State::Lead(_) | State::Lead2 => {
                    state = State::Text;
                    continue;
                }
                State::Indent(spaces) => match byte {
                    b' ' => state = State::Indent(spaces + 1),
                    b'-' if Some(spaces) == dash => state = State::Dash,
                    _ => {
                        state = State::Text;
                        continue;
                    }
                },
                State::Dash => {
                    if matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                        return Ok(Scan {
                            found: Some(line_start),
                            breaks,
                            end: at,
                        });
                    }
                    state = State::Text;
                    continue;
                }
            }
            i += 1;
        }
        offset += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str, from: u64, dash: Option<usize>) -> (Option<u64>, usize) {
        let scan = scan(&text, from, dash, None, false).unwrap();
        (scan.found, scan.breaks)
    }

    #[test]
    fn scanning_counts_every_kind_of_line_break_and_finds_item_lines() {
        assert_eq!(
            scan_text("a\nb\r\nc\rd\u{85}e\u{2028}f", 0, None),
            (None, 5)
        );
        let text = "initiatives:\n  - a\n    - b\n  -\n  -x\n  - c\n";
        assert_eq!(scan_text(text, 0, Some(2)), (Some(13), 1));
        assert_eq!(scan_text(text, 13, Some(2)), (Some(27), 2));
        // `-x` is a scalar, not an item.
        assert_eq!(scan_text(text, 27, Some(2)), (Some(36), 2));
        assert_eq!(scan_text(text, 36, Some(2)), (None, 1));
        let crlf = "x:\r\n- a\r\n- b\r\n";
        assert_eq!(scan_text(crlf, 0, Some(0)), (Some(4), 1));
    }

    /// A portfolio of `n` initiatives, with `special` put in as the text
    /// of the initiatives it names.
    fn portfolio(n: usize, special: &[(usize, &str)]) -> String {
        let mut text = String::from("# A portfolio\ninitiatives:\n");
        for i in 0..n {
            match special.iter().find(|(at, _)| *at == i) {
                Some((_, item)) => text.push_str(item),
                None => text.push_str(&format!(
                    "  - initiative: \"Initiative {i}\"\n    horizon: {}m\n    claims:\n      - claim: Claim {i}\n        status: fact\n        evidence: measured\n",
                    3 + i % 20
                )),
            }
        }
        text
    }

    /// Every piece of a walk in `parts` starting near each of `targets`,
    /// as printed, and how many parts counted.
    fn pieces(text: &str, targets: &[u64]) -> (Vec<String>, usize) {
        let mut out = Vec::new();
        let parts = parts_at(&text, "initiatives", targets);
        let counted = walk_parts(
            &text,
            "initiatives",
            4096,
            &|piece| format!("{piece:?}"),
            &mut |piece| out.push(piece),
            parts,
        );
        (out, counted)
    }

    /// Walks `text` split near each of `targets` and alone, and requires
    /// the very same pieces, places included. Returns how many parts
    /// counted.
    fn same_in_parts(text: &str, targets: &[u64]) -> usize {
        let (alone, one) = pieces(text, &[]);
        assert_eq!(one, 1);
        let (split, counted) = pieces(text, targets);
        assert_eq!(split.len(), alone.len());
        for (a, b) in alone.iter().zip(&split) {
            assert_eq!(a, b);
        }
        counted
    }

    fn thirds(text: &str) -> Vec<u64> {
        let len = text.len() as u64;
        vec![len / 3, 2 * len / 3]
    }

    #[test]
    fn a_file_read_in_parts_gives_what_one_pass_gives() {
        let text = portfolio(300, &[]);
        assert_eq!(same_in_parts(&text, &thirds(&text)), 3);
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(same_in_parts(&crlf, &thirds(&crlf)), 3);
    }

    #[test]
    fn a_part_that_starts_inside_a_quoted_text_does_not_count() {
        let phantom = "  - initiative: Quoted\n    horizon: 6m\n    notes: \"one\n  - initiative: Phantom\n    horizon: 2y\"\n    claims:\n      - claim: x\n        status: fact\n";
        let text = portfolio(300, &[(150, phantom)]);
        let inside = text.find("  - initiative: Phantom").unwrap() as u64 - 1;
        assert_eq!(same_in_parts(&text, &[inside]), 1);
        // The part after it still counts when it starts at a real item.
        assert_eq!(
            same_in_parts(&text, &[inside, text.len() as u64 * 3 / 4]),
            2
        );
    }

    #[test]
    fn an_alias_to_an_earlier_part_is_read_from_the_start() {
        let anchored = "  - initiative: Anchored\n    horizon: 6m\n    claims: &shared\n      - claim: x\n        status: fact\n";
        let alias = "  - initiative: Alias\n    horizon: 2y\n    claims: *shared\n";
        let text = portfolio(300, &[(10, anchored), (250, alias)]);
        assert_eq!(same_in_parts(&text, &thirds(&text)), 1);
        assert!(!pieces(&text, &[]).0.iter().any(|p| p.contains("Broken")));
    }

    #[test]
    fn broken_items_in_a_later_part_are_reported_as_in_one_pass() {
        let syntax = "  - initiative: Broken\n    horizon: 6m\n    claims: [\n";
        let deep = format!(
            "  - initiative: Deep\n    horizon: 6m\n    claims: {}{}\n",
            "[".repeat(70),
            "]".repeat(70)
        );
        let large = format!(
            "  - initiative: Large\n    horizon: 6m\n    notes: {}\n    claims: []\n",
            "x".repeat(10_000)
        );
        for special in [syntax, &deep, &large] {
            let text = portfolio(300, &[(250, special)]);
            let (alone, _) = pieces(&text, &[]);
            assert_eq!(alone.iter().filter(|p| p.contains("Broken")).count(), 1);
            same_in_parts(&text, &thirds(&text));
        }
        // Depth and size are judged the same from any start: the part counts.
        let text = portfolio(300, &[(250, &deep), (260, &large)]);
        assert_eq!(same_in_parts(&text, &thirds(&text)), 3);
    }

    #[test]
    fn what_follows_the_list_is_read_from_the_start() {
        let text = portfolio(300, &[]) + "title: Q3\nnotes: [a, b]\n";
        assert_eq!(same_in_parts(&text, &thirds(&text)), 1);
        let text = portfolio(300, &[]) + "---\ninitiatives: []\n";
        assert_eq!(same_in_parts(&text, &thirds(&text)), 1);
        let text = portfolio(300, &[]) + "...\n# the end\n";
        assert_eq!(same_in_parts(&text, &thirds(&text)), 3);
    }

    #[test]
    fn parts_are_only_made_for_a_block_list() {
        let flow = format!(
            "initiatives: [{}]\n",
            vec!["{initiative: A, horizon: 6m, claims: []}"; 200].join(",\n  ")
        );
        assert_eq!(pieces(&flow, &thirds(&flow)).1, 1);
        let record = "initiative: A\nhorizon: 6m\nclaims:\n  - claim: x\n    status: fact\n";
        assert_eq!(pieces(record, &[10]).1, 1);
    }

    /// What each piece of a walk of `text` is, and where, in short.
    fn kinds(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let short = |piece: Piece| match piece {
            Piece::Node { .. } => "Node".to_string(),
            Piece::Broken { at, .. } => format!("Broken {at:?}"),
            Piece::OtherKey(at) => format!("OtherKey {at:?}"),
            Piece::RepeatedKey(at) => format!("RepeatedKey {at:?}"),
            Piece::MoreDocuments(at) => format!("MoreDocuments {at:?}"),
            other => format!("{other:?}"),
        };
        walk(&text, "initiatives", 4096, &short, &mut |kind| {
            out.push(kind)
        });
        out
    }

    #[test]
    fn after_a_broken_item_the_rest_of_the_document_is_still_read() {
        let bad = "  - initiative: Bad\n    horizon: 6m\n    claims: [\n";
        let list = portfolio(3, &[(1, bad)]);
        assert_eq!(
            kinds(&(list.clone() + "title: Q3\nowner: x\n")),
            [
                "Node",
                "Broken (12, 3)",
                "Node",
                "OtherKey (18, 1)",
                "OtherKey (19, 1)"
            ]
        );
        assert_eq!(
            kinds(&(list.clone() + "---\ninitiatives: []\n")),
            ["Node", "Broken (12, 3)", "Node", "MoreDocuments (18, 1)"]
        );
        assert_eq!(
            kinds(&(list.clone() + "initiatives:\n  - x\n")),
            ["Node", "Broken (12, 3)", "Node", "RepeatedKey (18, 1)"]
        );
        // A list at the left margin, with a key after it.
        let margin = list.replace("\n  ", "\n") + "title: Q3\n";
        assert_eq!(
            kinds(&margin),
            ["Node", "Broken (12, 1)", "Node", "OtherKey (18, 1)"]
        );
    }
}
