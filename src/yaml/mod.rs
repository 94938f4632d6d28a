//! YAML parsing that reports problems as `file:line:column: message`, with
//! every place taken from the parser's own events.

pub mod de;
pub mod events;
pub mod locations;
pub mod node;
pub mod shape;
pub mod walk;

pub use locations::{Locations, MAX_NESTING, Place};
pub use node::Node;

use crate::problem::Problem;
use serde::de::DeserializeOwned;

/// A document read into `T`, with where each of its nodes is.
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: T,
    pub at: Locations,
}

/// Whether `text` holds nothing but blank lines and comments.
pub fn is_blank(text: &str) -> bool {
    text.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

/// The places of `text`'s nodes, refusing collections nested more than
/// [`MAX_NESTING`] deep at the first that goes too deep (however it is
/// written: brackets, braces or `- - -` on one line).
pub fn locate(path: &str, text: &str) -> Result<Locations, Problem> {
    Locations::walk(path, text)
        .map_err(|locations::TooDeep((line, column))| Problem::at(path, line, column, too_deep()))
}

/// What a file nested too deeply is told.
pub fn too_deep() -> String {
    format!("nested more than {MAX_NESTING} levels deep; calibrate's files need only a few")
}

/// Parses `text` (read from `path`) into `T`, with the place of any error
/// and the places of every node for the checks that follow.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<Parsed<T>, Problem> {
    let at = locate(path, text)?;
    let value = serde_yaml::from_str(text).map_err(|err| loader_problem(path, &at, &err))?;
    Ok(Parsed { value, at })
}

/// Reads a kept node into `T`, naming the place of any error in the whole
/// file, as [`parse`] does for a text.
pub fn from_node<T: DeserializeOwned>(path: &str, node: &Node) -> Result<T, Problem> {
    de::from_node(node).map_err(|err| {
        placed(path, err.to_string(), err.place(), |map, key| {
            Locations::of_events(path, &node.events).repeated(map, key)
        })
    })
}

/// The loader's error as a problem with its place in front.
pub fn loader_problem(path: &str, at: &Locations, err: &serde_yaml::Error) -> Problem {
    let mut message = err.to_string();
    let Some(mark) = err.location() else {
        return Problem::in_file(path, message);
    };
    // The library appends the place to its message; we put it in front.
    let suffix = format!(" at line {} column {}", mark.line(), mark.column());
    if let Some(stripped) = message.strip_suffix(&suffix) {
        message = stripped.to_string();
    } else {
        message = message.replacen(&format!("{suffix},"), ",", 1);
    }
    placed(
        path,
        message,
        Some((mark.line(), mark.column())),
        |map, key| at.repeated(map, key),
    )
}

/// A loader's message at its place, naming just the field or variant that
/// was plainly meant. A repeated key is reported where its mapping starts;
/// `repeated` finds the repetition to point at instead.
fn placed(
    path: &str,
    message: String,
    place: Option<Place>,
    repeated: impl FnOnce(Place, &str) -> Option<Place>,
) -> Problem {
    let message = suggest_instead_of_listing(&message);
    let Some(place) = place else {
        return Problem::in_file(path, message);
    };
    let place = message
        .split_once("duplicate field `")
        .and_then(|(_, rest)| rest.split('`').next())
        .and_then(|key| repeated(place, key))
        .unwrap_or(place);
    Problem::at(path, place.0, place.1, message)
}

/// The loader lists every name it would take after an unknown one; when one
/// of them is plainly what was meant, name just that one.
fn suggest_instead_of_listing(message: &str) -> String {
    for (what, list) in [
        ("unknown field `", "`, expected one of "),
        ("unknown variant `", "`, expected one of "),
        ("unknown field `", "`, expected "),
        ("unknown variant `", "`, expected "),
    ] {
        let Some((before, rest)) = message.split_once(what) else {
            continue;
        };
        let Some((typed, names)) = rest.split_once(list) else {
            continue;
        };
        let names: Vec<&str> = names.split('`').skip(1).step_by(2).collect();
        if let Some(near) = crate::suggest::nearest(typed, names) {
            return format!("{before}{what}{typed}`, did you mean `{near}`?");
        }
        break;
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        name: String,
    }

    #[test]
    fn errors_carry_line_and_column_in_front() {
        let err = parse::<Small>("x.yaml", "name: a\ncolour: b\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.yaml:2:1: unknown field `colour`, expected `name`"
        );
    }

    #[test]
    fn nesting_is_limited_but_brackets_in_strings_and_comments_are_not() {
        let deep = format!("a: {}{}\n", "[".repeat(65), "]".repeat(65));
        let problem = locate("f.yaml", &deep).unwrap_err();
        // The mapping is the first level, so the 64th bracket is one too many.
        assert_eq!(problem.place, Some((1, 67)));
        let fine = format!("a: {}{}\n", "[".repeat(63), "]".repeat(63));
        assert!(locate("f.yaml", &fine).is_ok());
        let quoted = format!(
            "a: \"{0}\"\nb: '{0}'\nc: x # {0}\nd: |\n  \"{0}\n",
            "[".repeat(100)
        );
        assert!(locate("f.yaml", &quoted).is_ok());
        // A quoted string over two lines hides nothing from the parser.
        let hidden = format!("[ \"\n \", {}{}\n", "[".repeat(70), "]".repeat(71));
        assert!(locate("f.yaml", &hidden).is_err());
    }

    #[test]
    fn a_near_miss_is_suggested_and_a_far_one_listed() {
        let err = parse::<Small>("x.yaml", "nmae: a\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.yaml:1:1: unknown field `nmae`, did you mean `name`?"
        );
        let err = parse::<Small>("x.yaml", "colour: a\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.yaml:1:1: unknown field `colour`, expected `name`"
        );
    }

    #[test]
    fn a_repeated_key_is_reported_where_it_repeats() {
        let err = parse::<Small>("x.yaml", "name: a\nname: b\n").unwrap_err();
        assert_eq!(err.to_string(), "x.yaml:2:1: duplicate field `name`");
    }
}
