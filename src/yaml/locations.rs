//! Where each key and value of a YAML document sits, taken from the
//! parser's events: `claims.2.evidence` → line 14, column 15. Problems point
//! at the node they are about, whatever the text around it says, in block
//! or flow style alike.

use super::events::{Event, Events, Kind, Mark};
use crate::problem::Problem;
use std::collections::{HashMap, HashSet};

/// The deepest nesting of collections a file may have. Calibrate's own files
/// need three or four levels. The YAML parser's work grows with the nesting
/// times the length of the file, so thousands of levels would take seconds.
pub const MAX_NESTING: usize = 64;

/// A 1-based line and column.
pub type Place = (usize, usize);

/// The places of a document's nodes by key path: keys of mappings and
/// 0-based indices of sequences joined with dots, such as `claims.2.evidence`.
#[derive(Debug, Clone, Default)]
pub struct Locations {
    /// The file as the user would name it.
    file: String,
    nodes: HashMap<String, Node>,
    /// Keys written twice in one mapping: (where the mapping starts, key,
    /// where the repetition is).
    repeated: Vec<(Place, String, Place)>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// Where its key is, for a value in a mapping.
    key: Option<Place>,
    /// Where the node itself starts.
    value: Place,
}

/// A walk that went deeper than [`MAX_NESTING`], at the collection that did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep(pub Place);

enum Frame {
    Mapping {
        path: String,
        /// Whether this mapping is itself a key (a complex key).
        is_key: bool,
        start: Place,
        key: Option<(String, Place)>,
        /// Whether the next node is a key (else the value of `key`).
        at_key: bool,
        seen: HashSet<String>,
    },
    Sequence {
        path: String,
        is_key: bool,
        next: usize,
    },
}

impl Locations {
    /// No places at all, for a file whose places are not needed: problems
    /// name the file as a whole.
    pub fn none(file: &str) -> Locations {
        Locations {
            file: file.to_string(),
            ..Locations::default()
        }
    }

    /// Walks `text`'s first document. Syntax errors end the walk quietly:
    /// the loader reports them. Collections nested more than
    /// [`MAX_NESTING`] deep are refused at the first that goes too deep.
    pub fn walk(file: &str, text: &str) -> Result<Locations, TooDeep> {
        let mut locations = Locations::none(file);
        let Some(events) = Events::new(text) else {
            return Ok(locations);
        };
        let mut stack: Vec<Frame> = Vec::new();
        for event in events {
            let Ok(event) = event else {
                break;
            };
            match event.kind {
                Kind::DocumentEnd => break,
                Kind::MappingStart { .. } | Kind::SequenceStart { .. }
                    if stack.len() >= MAX_NESTING =>
                {
                    return Err(TooDeep(event.start.place()));
                }
                _ => locations.step(&mut stack, &event),
            }
        }
        Ok(locations)
    }

    /// The places of one node's events, such as an item of a list read on
    /// its own: paths start from the node, places are where the events say.
    pub fn of_events<'e>(file: &str, events: impl IntoIterator<Item = &'e Event>) -> Locations {
        let mut locations = Locations::none(file);
        let mut stack: Vec<Frame> = Vec::new();
        for event in events {
            locations.step(&mut stack, event);
        }
        locations
    }

    /// Takes in one event.
    fn step(&mut self, stack: &mut Vec<Frame>, event: &Event) {
        let start = event.start;
        match &event.kind {
            Kind::DocumentStart | Kind::DocumentEnd => {}
            Kind::MappingStart { .. } | Kind::SequenceStart { .. } => {
                let (path, is_key) = self.enter(stack, start, None);
                stack.push(match event.kind {
                    Kind::MappingStart { .. } => Frame::Mapping {
                        path,
                        is_key,
                        start: start.place(),
                        key: None,
                        at_key: true,
                        seen: HashSet::new(),
                    },
                    _ => Frame::Sequence {
                        path,
                        is_key,
                        next: 0,
                    },
                });
            }
            Kind::MappingEnd | Kind::SequenceEnd => {
                let was_key = matches!(
                    stack.pop(),
                    Some(
                        Frame::Mapping { is_key: true, .. } | Frame::Sequence { is_key: true, .. }
                    )
                );
                if !was_key {
                    finish_value(stack);
                }
            }
            Kind::Scalar { value, .. } => {
                if !self.enter(stack, start, Some(value)).1 {
                    finish_value(stack);
                }
            }
            Kind::Alias { .. } => {
                if !self.enter(stack, start, None).1 {
                    finish_value(stack);
                }
            }
        }
    }

    /// Records a node starting at `start` and returns its path, and whether
    /// it is a key: a node where a key is due becomes the mapping's current
    /// key (a scalar by its text; anything else as `?`).
    fn enter(&mut self, stack: &mut [Frame], start: Mark, scalar: Option<&str>) -> (String, bool) {
        let place = start.place();
        let (path, key) = match stack.last_mut() {
            None => (String::new(), None),
            Some(Frame::Sequence { path, next, .. }) => (join(path, &next.to_string()), None),
            Some(Frame::Mapping {
                path,
                start: map_start,
                key,
                at_key,
                seen,
                ..
            }) => {
                if *at_key {
                    // A key: remember it, and where it repeats another.
                    let name = scalar.unwrap_or("?").to_string();
                    if !seen.insert(name.clone()) {
                        self.repeated.push((*map_start, name.clone(), place));
                    }
                    *key = Some((name.clone(), place));
                    *at_key = false;
                    return (join(path, &format!("{name}?")), true);
                }
                let (name, key_place) = key.clone().unwrap_or_default();
                (join(path, &name), Some(key_place))
            }
        };
        self.nodes
            .entry(path.clone())
            .or_insert(Node { key, value: place });
        (path, false)
    }

    /// The file as the user would name it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<Place> {
        self.nodes.get(path).map(|node| node.value)
    }

    /// Where the key of the value at `path` is.
    pub fn key(&self, path: &str) -> Option<Place> {
        self.nodes.get(path).and_then(|node| node.key)
    }

    /// Where to point for the value at `path`: the value when it starts on
    /// its key's line, else the key, so a list or mapping is named by its
    /// key. When `path` is not in the document, its nearest ancestor that
    /// is; `None` if none is below the document itself.
    pub fn place(&self, path: &str) -> Option<Place> {
        let mut wanted = path;
        loop {
            if let Some(node) = self.nodes.get(wanted) {
                return Some(match node.key {
                    Some(key) if key.0 != node.value.0 => key,
                    _ => node.value,
                });
            }
            // The document itself is no place to point at.
            match wanted.rfind('.') {
                Some(dot) => wanted = &wanted[..dot],
                None => return None,
            }
        }
    }

    /// A problem with the value at `path`, at its [`place`](Self::place),
    /// or with the file as a whole.
    pub fn problem(&self, path: &str, message: impl Into<String>) -> Problem {
        match self.place(path) {
            Some((line, column)) => Problem::at(&self.file, line, column, message),
            None => Problem::in_file(&self.file, message),
        }
    }

    /// Where `key` is written a second time in the mapping that starts at
    /// `map`, or failing that anywhere after it.
    pub fn repeated(&self, map: Place, key: &str) -> Option<Place> {
        let same_key = self.repeated.iter().filter(|(_, k, _)| k == key);
        same_key
            .clone()
            .find(|(start, _, _)| *start == map)
            .or_else(|| same_key.clone().find(|(start, _, _)| *start >= map))
            .map(|(_, _, place)| *place)
    }
}

/// After a whole value: its mapping waits for the next key, or its sequence
/// for the next item.
fn finish_value(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Mapping { at_key, .. }) => *at_key = true,
        Some(Frame::Sequence { next, .. }) => *next += 1,
        None => {}
    }
}

fn join(path: &str, segment: &str) -> String {
    if path.is_empty() {
        segment.to_string()
    } else {
        format!("{path}.{segment}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(text: &str) -> Locations {
        Locations::walk("f.yaml", text).unwrap()
    }

    #[test]
    fn paths_name_keys_and_indices() {
        let at = walk(
            "a: 1\nclaims:\n  - claim: x\n    status: fact\n  - {claim: y, status: assumption}\n",
        );
        assert_eq!(at.value("a"), Some((1, 4)));
        assert_eq!(at.key("claims"), Some((2, 1)));
        assert_eq!(at.value("claims.0.status"), Some((4, 13)));
        assert_eq!(at.value("claims.1"), Some((5, 5)));
        assert_eq!(at.value("claims.1.status"), Some((5, 24)));
    }

    #[test]
    fn a_block_scalar_hides_nothing_and_fools_nothing() {
        let text = "initiative: |\n  current_playbook: go-now\ncurrent_playbook: discovery\n";
        assert_eq!(walk(text).value("current_playbook"), Some((3, 19)));
    }

    #[test]
    fn problems_point_at_the_key_of_a_collection_on_another_line() {
        let at = walk("claims:\n  - claim: x\n");
        assert_eq!(at.problem("claims", "m").place, Some((1, 1)));
        assert_eq!(at.problem("claims.0.weight", "m").place, Some((2, 5)));
        assert_eq!(at.problem("nothing", "m").place, None);
    }

    #[test]
    fn a_repeated_key_is_found_where_it_repeats() {
        let at = walk("claims:\n  - claim: x\n    status: fact\n    status: assumption\n");
        assert_eq!(at.repeated((2, 5), "status"), Some((4, 5)));
    }

    #[test]
    fn nesting_on_one_line_is_refused() {
        let deep = format!("{}a\n", "- ".repeat(MAX_NESTING + 1));
        assert_eq!(
            Locations::walk("f.yaml", &deep).unwrap_err(),
            TooDeep((1, 2 * MAX_NESTING + 1))
        );
        let fine = format!("{}a\n", "- ".repeat(MAX_NESTING));
        assert!(Locations::walk("f.yaml", &fine).is_ok());
    }
}
