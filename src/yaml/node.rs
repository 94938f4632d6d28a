//! One node of a document as the parser gave it, kept to be read later:
//! its events in order, each with its place in the whole file, and what
//! each alias among them stands for.

use super::events::{Event, Kind, Mark, Style};
use std::sync::Arc;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    pub events: Vec<Event>,
    /// The node each alias among `events` refers to, by the alias's index
    /// in `events`, in order.
    pub aliases: Vec<(usize, Arc<Node>)>,
}

impl Node {
    /// Where the node starts.
    pub fn start(&self) -> Mark {
        self.events.first().map(|e| e.start).unwrap_or_default()
    }

    /// Where the node ends.
    pub fn end(&self) -> Mark {
        self.events.last().map(|e| e.end).unwrap_or_default()
    }

    /// What the alias at `index` in `events` refers to.
    pub fn alias(&self, index: usize) -> Option<&Arc<Node>> {
        self.aliases
            .binary_search_by_key(&index, |(at, _)| *at)
            .ok()
            .map(|found| &self.aliases[found].1)
    }

    /// The part of the node from event `from` to the end, as a node of its
    /// own: what an anchor there names.
    pub fn tail(&self, from: usize) -> Node {
        Node {
            events: self.events[from..].to_vec(),
            aliases: self
                .aliases
                .iter()
                .filter(|(at, _)| *at >= from)
                .map(|(at, node)| (at - from, Arc::clone(node)))
                .collect(),
        }
    }

    /// Whether the node is a plain null: nothing, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(
            self.events.as_slice(),
            [Event { kind: Kind::Scalar { value, tag: None, style: Style::Plain, .. }, .. }]
                if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL")
        )
    }

    /// The text of the scalar under `key` in this mapping, following an
    /// alias, if there is one: a name to call the node by.
    pub fn scalar_at(&self, key: &str) -> Option<&str> {
        if !matches!(self.events.first()?.kind, Kind::MappingStart { .. }) {
            return None;
        }
        let mut depth = 0;
        let mut at_key = true;
        let mut wanted = false;
        for (index, event) in self.events.iter().enumerate().skip(1) {
            if depth == 0 {
                if wanted {
                    return match &event.kind {
                        Kind::Scalar { value, .. } => Some(value),
                        Kind::Alias { .. } => match self.alias(index)?.events.as_slice() {
                            [
                                Event {
                                    kind: Kind::Scalar { value, .. },
                                    ..
                                },
                            ] => Some(value),
                            _ => None,
                        },
                        _ => None,
                    };
                }
                if at_key {
                    wanted = matches!(&event.kind, Kind::Scalar { value, .. } if value == key);
                }
            }
            match event.kind {
                Kind::MappingStart { .. } | Kind::SequenceStart { .. } => depth += 1,
                Kind::MappingEnd | Kind::SequenceEnd if depth == 0 => return None,
                Kind::MappingEnd | Kind::SequenceEnd => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                at_key = !at_key;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::events::Events;

    fn node(text: &str) -> Node {
        let events: Vec<Event> = Events::new(text)
            .unwrap()
            .map(Result::unwrap)
            .filter(|e| !matches!(e.kind, Kind::DocumentStart | Kind::DocumentEnd))
            .collect();
        Node {
            events,
            aliases: Vec::new(),
        }
    }

    #[test]
    fn a_name_is_found_among_the_top_level_keys_only() {
        let n = node("claims: [{initiative: inner}]\nnotes: {initiative: x}\ninitiative: Outer\n");
        assert_eq!(n.scalar_at("initiative"), Some("Outer"));
        assert_eq!(n.scalar_at("horizon"), None);
        assert_eq!(node("[initiative, x]").scalar_at("initiative"), None);
        assert_eq!(node("{initiative: [a]}").scalar_at("initiative"), None);
    }

    #[test]
    fn only_plain_empty_tilde_and_null_are_null() {
        assert!(node("~").is_null() && node("null").is_null());
        assert!(!node("''").is_null() && !node("!!str ~").is_null() && !node("x").is_null());
    }
}
