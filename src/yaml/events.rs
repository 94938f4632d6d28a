//! A safe walk over the events of libyaml's parser, the same parser the
//! serde loader is built on. Every event carries its place in the text, so
//! locations come from the parser rather than from searching the text.
//!
//! The parser reads a whole string, or a reader a piece at a time, so a
//! large file never has to be in memory at once.

use libyaml_rs as sys;
use std::io::Read;
use std::marker::PhantomData;
use std::mem::MaybeUninit;

/// A place in the text: a byte offset, and a 0-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Mark {
    pub index: usize,
    pub line: usize,
    pub column: usize,
}

impl Mark {
    /// The mark of a text read from `base` on: offsets and lines counted
    /// from there. Columns need no change, as a text is only ever read from
    /// the start of a line.
    fn from_sys(mark: sys::yaml_mark_t, base: Mark) -> Mark {
        Mark {
            index: base.index + mark.index as usize,
            line: base.line + mark.line as usize,
            column: mark.column as usize,
        }
    }

    /// The 1-based line and column people read.
    pub fn place(self) -> (usize, usize) {
        (self.line + 1, self.column + 1)
    }
}

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// What the parser saw, with the anchors, tags and scalar values it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    DocumentStart,
    DocumentEnd,
    MappingStart {
        anchor: Option<String>,
        tag: Option<String>,
        flow: bool,
    },
    MappingEnd,
    SequenceStart {
        anchor: Option<String>,
        tag: Option<String>,
        flow: bool,
    },
    SequenceEnd,
    Scalar {
        value: String,
        anchor: Option<String>,
        tag: Option<String>,
        style: Style,
    },
    Alias {
        anchor: String,
    },
}

impl Kind {
    /// The anchor a node starting here defines, if any.
    pub fn anchor(&self) -> Option<&str> {
        match self {
            Kind::MappingStart { anchor, .. }
            | Kind::SequenceStart { anchor, .. }
            | Kind::Scalar { anchor, .. } => anchor.as_deref(),
            _ => None,
        }
    }
}

/// One event and where it starts and ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: Kind,
    pub start: Mark,
    pub end: Mark,
}

/// Why a walk stopped before the end of the stream.
#[derive(Debug)]
pub enum Stop {
    /// The text is not valid YAML.
    Syntax(SyntaxError),
    /// The reader failed; its error says why.
    Input(std::io::Error),
}

/// What the parser found wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub problem: String,
    pub at: Mark,
    /// What the parser was reading when it found the problem, and where
    /// that started.
    pub context: Option<(String, Mark)>,
}

impl SyntaxError {
    /// The message the serde loader gives, without the place of the
    /// problem (callers put it in front): `did not find expected key,
    /// while parsing a block mapping at line 3 column 5`.
    pub fn message(&self) -> String {
        let mut message = self.problem.clone();
        if let Some((context, at)) = &self.context {
            message.push_str(", ");
            message.push_str(context);
            let (line, column) = at.place();
            if *at != self.at && (at.line, at.column) != (0, 0) {
                message.push_str(&format!(" at line {line} column {column}"));
            }
        }
        message
    }
}

/// The reader a parser pulls its text from, with the error that stopped it.
struct Input<'r> {
    reader: Box<dyn Read + 'r>,
    failed: Option<std::io::Error>,
}

/// The events of a text, in order, ending with the end of the stream or
/// the first error.
pub struct Events<'t> {
    parser: Box<sys::yaml_parser_t>,
    /// The reader the parser pulls from, if it does not read a string. It
    /// lives in a box so its address stays fixed while the parser holds it.
    input: Option<Box<Input<'t>>>,
    /// Where the text read starts in the whole file.
    base: Mark,
    /// The string or reader is borrowed for as long as the parser lives.
    _text: PhantomData<&'t str>,
    finished: bool,
}

impl<'t> Events<'t> {
    /// Starts a walk over `text`, or `None` if the parser could not be made.
    pub fn new(text: &'t str) -> Option<Events<'t>> {
        // SAFETY: the string outlives the parser, which borrows it for 't.
        unsafe {
            Events::start(Mark::default(), None, |parser| {
                sys::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
            })
        }
    }

    /// Starts a walk over what `reader` gives, read a piece at a time, as
    /// the text from `base` on in a larger file: marks count from there.
    /// `base` must be the start of a line.
    pub fn from_reader(reader: Box<dyn Read + 't>, base: Mark) -> Option<Events<'t>> {
        let mut input = Box::new(Input {
            reader,
            failed: None,
        });
        let data: *mut Input<'t> = &mut *input;
        // SAFETY: the input is boxed, kept with the parser and dropped after
        // it (see Drop), so the pointer the parser holds stays valid.
        unsafe {
            Events::start(base, Some(input), |parser| {
                sys::yaml_parser_set_input(parser, read_handler, data.cast());
            })
        }
    }

    /// Makes a parser and lets `set_input` give it its text.
    ///
    /// # Safety
    /// Whatever `set_input` hands the parser must stay valid for 't.
    unsafe fn start(
        base: Mark,
        input: Option<Box<Input<'t>>>,
        set_input: impl FnOnce(*mut sys::yaml_parser_t),
    ) -> Option<Events<'t>> {
        let mut parser = Box::new(MaybeUninit::<sys::yaml_parser_t>::uninit());
        // SAFETY: initialising the parser writes every field; on failure it
        // is left uninitialised and dropped as plain memory. The parser
        // lives in a box, so it never moves while in use.
        unsafe {
            if sys::yaml_parser_initialize(parser.as_mut_ptr()).fail {
                return None;
            }
            sys::yaml_parser_set_encoding(parser.as_mut_ptr(), sys::YAML_UTF8_ENCODING);
            set_input(parser.as_mut_ptr());
            let raw = Box::into_raw(parser).cast::<sys::yaml_parser_t>();
            Some(Events {
                parser: Box::from_raw(raw),
                input,
                base,
                _text: PhantomData,
                finished: false,
            })
        }
    }

    /// Why the parser failed, once it has.
    fn stop(&mut self) -> Stop {
        if let Some(err) = self.input.as_mut().and_then(|input| input.failed.take()) {
            return Stop::Input(err);
        }
        let parser: &sys::yaml_parser_t = &self.parser;
        // SAFETY: after a failed parse the parser's problem and context are
        // null or NUL-terminated strings it owns.
        let (problem, context) =
            unsafe { (c_text(parser.problem.cast()), c_text(parser.context.cast())) };
        Stop::Syntax(SyntaxError {
            problem: problem.unwrap_or_else(|| "the YAML parser failed".to_string()),
            at: Mark::from_sys(parser.problem_mark, self.base),
            context: context
                .map(|context| (context, Mark::from_sys(parser.context_mark, self.base))),
        })
    }
}

/// Hands the parser the next piece of its reader.
///
/// # Safety
/// `data` is the `Input` given in `from_reader`, and `buffer` has room for
/// `size` bytes, as libyaml promises.
unsafe fn read_handler(
    data: *mut std::ffi::c_void,
    buffer: *mut u8,
    size: u64,
    size_read: *mut u64,
) -> i32 {
    // SAFETY: as the caller promises.
    let (input, buffer) = unsafe {
        (
            &mut *data.cast::<Input>(),
            std::slice::from_raw_parts_mut(buffer, size as usize),
        )
    };
    loop {
        match input.reader.read(buffer) {
            Ok(n) => {
                // SAFETY: libyaml passes a valid pointer for the count.
                unsafe { *size_read = n as u64 };
                return 1;
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => {
                input.failed = Some(err);
                return 0;
            }
        }
    }
}

impl Drop for Events<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialised in `start` and is deleted once,
        // here; the box then frees its memory. The input is dropped after.
        unsafe { sys::yaml_parser_delete(&mut *self.parser) }
    }
}

impl Iterator for Events<'_> {
    type Item = Result<Event, Stop>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.finished {
                return None;
            }
            let mut raw = MaybeUninit::<sys::yaml_event_t>::uninit();
            // SAFETY: the parser is initialised; a successful parse fills
            // the event, which is read once and deleted once before the
            // next call. Anchor, tag and value pointers are read before
            // deletion.
            unsafe {
                let parser: *mut sys::yaml_parser_t = &mut *self.parser;
                if sys::yaml_parser_parse(parser, raw.as_mut_ptr()).fail {
                    self.finished = true;
                    return Some(Err(self.stop()));
                }
                let event = raw.as_mut_ptr();
                let start = Mark::from_sys((*event).start_mark, self.base);
                let end = Mark::from_sys((*event).end_mark, self.base);
                let kind = match (*event).type_ {
                    sys::YAML_STREAM_END_EVENT => {
                        self.finished = true;
                        None
                    }
                    sys::YAML_DOCUMENT_START_EVENT => Some(Kind::DocumentStart),
                    sys::YAML_DOCUMENT_END_EVENT => Some(Kind::DocumentEnd),
                    sys::YAML_MAPPING_START_EVENT => {
                        let data = (*event).data.mapping_start;
                        Some(Kind::MappingStart {
                            anchor: c_text(data.anchor),
                            tag: c_text(data.tag),
                            flow: data.style == sys::YAML_FLOW_MAPPING_STYLE,
                        })
                    }
                    sys::YAML_MAPPING_END_EVENT => Some(Kind::MappingEnd),
                    sys::YAML_SEQUENCE_START_EVENT => {
                        let data = (*event).data.sequence_start;
                        Some(Kind::SequenceStart {
                            anchor: c_text(data.anchor),
                            tag: c_text(data.tag),
                            flow: data.style == sys::YAML_FLOW_SEQUENCE_STYLE,
                        })
                    }
                    sys::YAML_SEQUENCE_END_EVENT => Some(Kind::SequenceEnd),
                    sys::YAML_SCALAR_EVENT => {
                        let scalar = (*event).data.scalar;
                        let bytes =
                            std::slice::from_raw_parts(scalar.value, scalar.length as usize);
                        let value = match std::str::from_utf8(bytes) {
                            Ok(value) => value.to_owned(),
                            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
                        };
                        Some(Kind::Scalar {
                            value,
                            anchor: c_text(scalar.anchor),
                            tag: c_text(scalar.tag),
                            style: match scalar.style {
                                sys::YAML_SINGLE_QUOTED_SCALAR_STYLE => Style::SingleQuoted,
                                sys::YAML_DOUBLE_QUOTED_SCALAR_STYLE => Style::DoubleQuoted,
                                sys::YAML_LITERAL_SCALAR_STYLE => Style::Literal,
                                sys::YAML_FOLDED_SCALAR_STYLE => Style::Folded,
                                _ => Style::Plain,
                            },
                        })
                    }
                    sys::YAML_ALIAS_EVENT => Some(Kind::Alias {
                        anchor: c_text((*event).data.alias.anchor).unwrap_or_default(),
                    }),
                    _ => None,
                };
                sys::yaml_event_delete(event);
                if let Some(kind) = kind {
                    return Some(Ok(Event { kind, start, end }));
                }
            }
        }
    }
}

/// A NUL-terminated string from the parser, if there is one.
///
/// # Safety
/// `ptr` is null or points at a NUL-terminated string that outlives the call.
unsafe fn c_text(ptr: *const u8) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: as the caller promises.
    let text = unsafe { std::ffi::CStr::from_ptr(ptr.cast()) };
    Some(text.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        Events::new(text)
            .unwrap()
            .map(|event| event.unwrap().kind)
            .collect()
    }

    #[test]
    fn events_carry_values_anchors_tags_and_style() {
        let scalar = |value: &str, style: Style| Kind::Scalar {
            value: value.into(),
            anchor: None,
            tag: None,
            style,
        };
        assert_eq!(
            kinds("a: &x [1, *x, !!str 2, 'q']\n"),
            vec![
                Kind::DocumentStart,
                Kind::MappingStart {
                    anchor: None,
                    tag: None,
                    flow: false
                },
                scalar("a", Style::Plain),
                Kind::SequenceStart {
                    anchor: Some("x".into()),
                    tag: None,
                    flow: true
                },
                scalar("1", Style::Plain),
                Kind::Alias { anchor: "x".into() },
                Kind::Scalar {
                    value: "2".into(),
                    anchor: None,
                    tag: Some("tag:yaml.org,2002:str".into()),
                    style: Style::Plain
                },
                scalar("q", Style::SingleQuoted),
                Kind::SequenceEnd,
                Kind::MappingEnd,
                Kind::DocumentEnd,
            ]
        );
    }

    #[test]
    fn marks_are_where_each_node_starts() {
        let events: Vec<Event> = Events::new("a:\n  b: 'c'\n")
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let c = events
            .iter()
            .find(|e| matches!(&e.kind, Kind::Scalar { value, .. } if value == "c"))
            .unwrap();
        assert_eq!(c.start.place(), (2, 6));
        assert_eq!((c.start.index, c.end.index), (8, 11));
    }

    #[test]
    fn a_syntax_error_ends_the_walk_saying_what_and_where() {
        let events: Vec<_> = Events::new("a: [\n").unwrap().collect();
        let Some(Err(Stop::Syntax(err))) = events.last() else {
            panic!("{events:?}");
        };
        assert_eq!(err.at.place(), (2, 1));
        assert_eq!(
            err.message(),
            "did not find expected node content, while parsing a flow node"
        );
    }

    #[test]
    fn a_reader_gives_the_same_events_in_small_pieces_with_marks_from_its_base() {
        /// Gives one byte at a time.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let Some((first, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = *first;
                self.0 = rest;
                Ok(1)
            }
        }
        let text = "a:\n  - b: 'é'\n  - [c, d]\n";
        let whole: Vec<Event> = Events::new(text).unwrap().map(Result::unwrap).collect();
        let base = Mark {
            index: 1000,
            line: 10,
            column: 0,
        };
        let pieces: Vec<Event> = Events::from_reader(Box::new(Trickle(text.as_bytes())), base)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(whole.len(), pieces.len());
        for (a, b) in whole.iter().zip(&pieces) {
            assert_eq!(a.kind, b.kind);
            assert_eq!(a.start.index + 1000, b.start.index);
            assert_eq!(a.start.line + 10, b.start.line);
            assert_eq!(a.start.column, b.start.column);
        }
    }

    #[test]
    fn a_failing_reader_stops_the_walk_with_its_error() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("the disk is gone"))
            }
        }
        let events: Vec<_> = Events::from_reader(Box::new(Broken), Mark::default())
            .unwrap()
            .collect();
        let Some(Err(Stop::Input(err))) = events.last() else {
            panic!("{events:?}");
        };
        assert_eq!(err.to_string(), "the disk is gone");
    }
}
