//! A safe walk over the events of libyaml's parser, the same parser the
//! serde loader is built on. Every event carries its place in the text, so
//! locations come from the parser rather than from searching the text.

use libyaml_rs as sys;
use std::mem::MaybeUninit;

/// A place in the text: a byte offset, and a 0-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mark {
    pub index: usize,
    pub line: usize,
    pub column: usize,
}

impl Mark {
    fn from_sys(mark: sys::yaml_mark_t) -> Mark {
        Mark {
            index: mark.index as usize,
            line: mark.line as usize,
            column: mark.column as usize,
        }
    }

    /// The 1-based line and column people read.
    pub fn place(self) -> (usize, usize) {
        (self.line + 1, self.column + 1)
    }
}

/// What the parser saw, with the anchors and scalar values it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    DocumentStart,
    DocumentEnd,
    MappingStart {
        anchor: Option<String>,
        flow: bool,
    },
    MappingEnd,
    SequenceStart {
        anchor: Option<String>,
        flow: bool,
    },
    SequenceEnd,
    Scalar {
        value: String,
        anchor: Option<String>,
    },
    Alias {
        anchor: String,
    },
}

/// One event and where it starts and ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: Kind,
    pub start: Mark,
    pub end: Mark,
}

/// The text is not valid YAML. The serde loader, which reads the same
/// events, says what is wrong and where; the walk only stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError;

/// The events of `text`, in order, ending with the end of the stream or
/// the first syntax error.
pub struct Events<'t> {
    parser: Box<sys::yaml_parser_t>,
    /// The text the parser reads: borrowed for as long as the parser lives.
    _text: &'t str,
    finished: bool,
}

impl<'t> Events<'t> {
    /// Starts a walk over `text`, or `None` if the parser could not be made.
    pub fn new(text: &'t str) -> Option<Events<'t>> {
        let mut parser = Box::new(MaybeUninit::<sys::yaml_parser_t>::uninit());
        // SAFETY: initialising the parser writes every field; on failure it
        // is left uninitialised and dropped as plain memory. The input
        // pointer stays valid for 't, which the returned value borrows, and
        // the parser lives in a box, so it never moves while in use.
        unsafe {
            if sys::yaml_parser_initialize(parser.as_mut_ptr()).fail {
                return None;
            }
            sys::yaml_parser_set_encoding(parser.as_mut_ptr(), sys::YAML_UTF8_ENCODING);
            sys::yaml_parser_set_input_string(
                parser.as_mut_ptr(),
                text.as_ptr(),
                text.len() as u64,
            );
            let raw = Box::into_raw(parser).cast::<sys::yaml_parser_t>();
            Some(Events {
                parser: Box::from_raw(raw),
                _text: text,
                finished: false,
            })
        }
    }
}

impl Drop for Events<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialised in `new` and is deleted once,
        // here; the box then frees its memory.
        unsafe { sys::yaml_parser_delete(&mut *self.parser) }
    }
}

impl Iterator for Events<'_> {
    type Item = Result<Event, SyntaxError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.finished {
                return None;
            }
            let mut raw = MaybeUninit::<sys::yaml_event_t>::uninit();
            // SAFETY: the parser is initialised; a successful parse fills
            // the event, which is read once and deleted once before the
            // next call. Anchor and value pointers are read before deletion.
            unsafe {
                let parser: *mut sys::yaml_parser_t = &mut *self.parser;
                if sys::yaml_parser_parse(parser, raw.as_mut_ptr()).fail {
                    self.finished = true;
                    return Some(Err(SyntaxError));
                }
                let event = raw.as_mut_ptr();
                let start = Mark::from_sys((*event).start_mark);
                let end = Mark::from_sys((*event).end_mark);
                let kind = match (*event).type_ {
                    sys::YAML_STREAM_END_EVENT => {
                        self.finished = true;
                        None
                    }
                    sys::YAML_DOCUMENT_START_EVENT => Some(Kind::DocumentStart),
                    sys::YAML_DOCUMENT_END_EVENT => Some(Kind::DocumentEnd),
                    sys::YAML_MAPPING_START_EVENT => Some(Kind::MappingStart {
                        anchor: c_text((*event).data.mapping_start.anchor),
                        flow: (*event).data.mapping_start.style == sys::YAML_FLOW_MAPPING_STYLE,
                    }),
                    sys::YAML_MAPPING_END_EVENT => Some(Kind::MappingEnd),
                    sys::YAML_SEQUENCE_START_EVENT => Some(Kind::SequenceStart {
                        anchor: c_text((*event).data.sequence_start.anchor),
                        flow: (*event).data.sequence_start.style == sys::YAML_FLOW_SEQUENCE_STYLE,
                    }),
                    sys::YAML_SEQUENCE_END_EVENT => Some(Kind::SequenceEnd),
                    sys::YAML_SCALAR_EVENT => {
                        let scalar = (*event).data.scalar;
                        let bytes =
                            std::slice::from_raw_parts(scalar.value, scalar.length as usize);
                        Some(Kind::Scalar {
                            value: String::from_utf8_lossy(bytes).into_owned(),
                            anchor: c_text(scalar.anchor),
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
    fn events_carry_values_anchors_and_style() {
        let scalar = |value: &str| Kind::Scalar {
            value: value.into(),
            anchor: None,
        };
        assert_eq!(
            kinds("a: &x [1, *x]\n"),
            vec![
                Kind::DocumentStart,
                Kind::MappingStart {
                    anchor: None,
                    flow: false
                },
                scalar("a"),
                Kind::SequenceStart {
                    anchor: Some("x".into()),
                    flow: true
                },
                scalar("1"),
                Kind::Alias { anchor: "x".into() },
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
    fn a_syntax_error_ends_the_walk() {
        let events: Vec<_> = Events::new("a: [\n").unwrap().collect();
        assert_eq!(events.last(), Some(&Err(SyntaxError)));
    }
}
