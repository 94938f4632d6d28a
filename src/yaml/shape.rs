//! Every way a YAML document's shape differs from a JSON Schema, each at its
//! place: unknown keys (with the key that was probably meant), missing keys,
//! values of the wrong type, and values outside a fixed list. The loader
//! stops at the first mismatch; this finds them all, so a file with four
//! mistakes needs one run, not four.
//!
//! It reads the subset of JSON Schema that calibrate's types generate
//! (`$ref`, `anyOf`, `oneOf` of constants, `enum`, `type`, `properties`,
//! `required`, `additionalProperties`, `items`). What a value means (a
//! horizon that reads, a known evidence kind) is checked by its owner.

use super::Locations;
use crate::problem::{Collector, Problem};
use crate::suggest;
use serde_json::Value as Schema;
use serde_yaml::Value;

/// Checks `value` against `schema`, adding a problem for each mismatch.
pub fn check(value: &Value, schema: &Schema, at: &Locations, problems: &mut Collector) {
    let walk = Walk { root: schema, at };
    walk.node(value, schema, &Path::default(), problems);
}

struct Walk<'a> {
    root: &'a Schema,
    at: &'a Locations,
}

/// Where a node is: for looking up its place (`claims.0.status`) and for
/// naming it in messages the way the loader does (`claims[0].status`).
#[derive(Debug, Clone, Default)]
struct Path {
    place: String,
    shown: String,
}

impl Path {
    fn key(&self, key: &str) -> Path {
        Path {
            place: join(&self.place, key),
            shown: if self.shown.is_empty() {
                key.to_string()
            } else {
                format!("{}.{key}", self.shown)
            },
        }
    }

    fn index(&self, i: usize) -> Path {
        Path {
            place: join(&self.place, &i.to_string()),
            shown: format!("{}[{i}]", self.shown),
        }
    }

    /// "claims[0]: " in front of a message about this node, or nothing at
    /// the top of the document.
    fn prefix(&self) -> String {
        if self.shown.is_empty() {
            String::new()
        } else {
            format!("{}: ", self.shown)
        }
    }
}

fn join(path: &str, segment: &str) -> String {
    if path.is_empty() {
        segment.to_string()
    } else {
        format!("{path}.{segment}")
    }
}

impl Walk<'_> {
    fn problem(&self, path: &Path, message: String) -> Problem {
        let mut problem = self.at.problem(&path.place, message);
        if problem.place.is_none() {
            // The document itself: its first line.
            problem.place = Some((1, 1));
        }
        problem
    }

    /// A problem with a value, at the value itself.
    fn at_value(&self, path: &Path, message: String) -> Problem {
        match self.at.value(&path.place) {
            Some((line, column)) => Problem::at(self.at.file(), line, column, message),
            None => self.problem(path, message),
        }
    }

    /// The schema a `$ref` points at, or the schema itself.
    fn resolve<'s>(&'s self, schema: &'s Schema) -> &'s Schema {
        match schema.get("$ref").and_then(Schema::as_str) {
            Some(reference) => reference
                .strip_prefix("#/$defs/")
                .and_then(|name| self.root.get("$defs")?.get(name))
                .unwrap_or(schema),
            None => schema,
        }
    }

    fn node(&self, value: &Value, schema: &Schema, path: &Path, problems: &mut Collector) {
        let schema = self.resolve(schema);
        let value = match value {
            Value::Tagged(tagged) => &tagged.value,
            value => value,
        };
        if let Some(choices) = schema.get("anyOf").and_then(Schema::as_array) {
            // A value may match any one; report against the first that is
            // not simply "nothing", which is how people read these fields.
            if choices.iter().any(|choice| self.fits(value, choice)) {
                let fitting = choices.iter().find(|choice| self.fits(value, choice));
                if let Some(choice) = fitting {
                    self.node(value, choice, path, problems);
                }
            } else if let Some(choice) = choices
                .iter()
                .find(|c| c.get("type").and_then(Schema::as_str) != Some("null"))
            {
                self.node(value, choice, path, problems);
            }
            return;
        }
        if let Some(variants) = schema.get("oneOf").and_then(Schema::as_array) {
            let allowed: Vec<&str> = variants
                .iter()
                .filter_map(|v| v.get("const").and_then(Schema::as_str))
                .collect();
            self.one_of(value, &allowed, path, problems);
            return;
        }
        if let Some(list) = schema.get("enum").and_then(Schema::as_array) {
            let allowed: Vec<&str> = list.iter().filter_map(Schema::as_str).collect();
            self.one_of(value, &allowed, path, problems);
            return;
        }
        if !self.has_type(value, schema) {
            problems.add(|| {
                self.at_value(
                    path,
                    format!(
                        "{}invalid type: {}, expected {}",
                        path.prefix(),
                        found(value),
                        expected(schema)
                    ),
                )
            });
            return;
        }
        match value {
            Value::Mapping(map) => self.mapping(map, schema, path, problems),
            Value::Sequence(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.node(item, item_schema, &path.index(i), problems);
                    }
                }
            }
            _ => {}
        }
    }

    fn mapping(
        &self,
        map: &serde_yaml::Mapping,
        schema: &Schema,
        path: &Path,
        problems: &mut Collector,
    ) {
        let properties = schema.get("properties").and_then(Schema::as_object);
        let known: Vec<&str> = properties
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let closed = schema.get("additionalProperties") == Some(&Schema::Bool(false));
        for (key, value) in map {
            let Some(name) = key.as_str() else {
                continue;
            };
            match properties.and_then(|p| p.get(name)) {
                Some(property) => self.node(value, property, &path.key(name), problems),
                None if closed => problems.add(|| {
                    let advice = match suggest::nearest(name, known.iter().copied()) {
                        Some(near) => format!(", did you mean `{near}`?"),
                        None => format!(", expected one of {}", quoted(&known)),
                    };
                    let message = format!("{}unknown field `{name}`{advice}", path.prefix());
                    match self.at.key(&path.key(name).place) {
                        Some((line, column)) => Problem::at(self.at.file(), line, column, message),
                        None => self.problem(path, message),
                    }
                }),
                None => {}
            }
        }
        let required = schema.get("required").and_then(Schema::as_array);
        for name in required.into_iter().flatten().filter_map(Schema::as_str) {
            if !map.contains_key(name) {
                problems
                    .add(|| self.problem(path, format!("{}missing field `{name}`", path.prefix())));
            }
        }
    }

    /// A value that must be one of `allowed`, exactly as written.
    fn one_of(&self, value: &Value, allowed: &[&str], path: &Path, problems: &mut Collector) {
        match value.as_str() {
            Some(text) if allowed.contains(&text) => {}
            Some(text) => problems.add(|| {
                let advice = match suggest::nearest(text, allowed.iter().copied()) {
                    Some(near) => format!(", did you mean `{near}`?"),
                    None => format!(", expected {}", either(allowed)),
                };
                self.at_value(
                    path,
                    format!("{}unknown variant `{text}`{advice}", path.prefix()),
                )
            }),
            None => problems.add(|| {
                self.at_value(
                    path,
                    format!(
                        "{}invalid type: {}, expected {}",
                        path.prefix(),
                        found(value),
                        either(allowed)
                    ),
                )
            }),
        }
    }

    /// Whether `value` fits `schema` at all, without looking inside it.
    fn fits(&self, value: &Value, schema: &Schema) -> bool {
        let schema = self.resolve(schema);
        if let Some(variants) = schema.get("oneOf").and_then(Schema::as_array) {
            return value.as_str().is_some_and(|text| {
                variants
                    .iter()
                    .any(|v| v.get("const").and_then(Schema::as_str) == Some(text))
            });
        }
        if let Some(list) = schema.get("enum").and_then(Schema::as_array) {
            return value
                .as_str()
                .is_some_and(|text| list.iter().any(|v| v.as_str() == Some(text)));
        }
        self.has_type(value, schema)
    }

    fn has_type(&self, value: &Value, schema: &Schema) -> bool {
        let types: Vec<&str> = match schema.get("type") {
            Some(Schema::String(one)) => vec![one.as_str()],
            Some(Schema::Array(many)) => many.iter().filter_map(Schema::as_str).collect(),
            _ => return true,
        };
        types.iter().any(|t| match *t {
            "object" => value.is_mapping(),
            "array" => value.is_sequence(),
            "string" => value.is_string(),
            "number" => value.is_number(),
            "integer" => value.is_i64() || value.is_u64(),
            "boolean" => value.is_bool(),
            "null" => value.is_null(),
            _ => true,
        })
    }
}

/// What a value is, the way the loader says it: "a sequence", "a string".
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) => format!("string \"{s}\""),
        Value::Sequence(_) => "sequence".into(),
        Value::Mapping(_) => "map".into(),
        Value::Tagged(tagged) => found(&tagged.value),
    }
}

/// What a schema wants, in words.
fn expected(schema: &Schema) -> &'static str {
    let word = |t: &str| match t {
        "object" => "a map",
        "array" => "a sequence",
        "string" => "a string",
        "number" | "integer" => "a number",
        "boolean" => "true or false",
        _ => "something else",
    };
    match schema.get("type") {
        Some(Schema::String(t)) => word(t),
        // An optional value (`["number", "null"]`) is named by what it is when present.
        Some(Schema::Array(types)) if types.iter().any(|t| t == "string") => "a string",
        Some(Schema::Array(types)) => types
            .iter()
            .filter_map(Schema::as_str)
            .find(|t| *t != "null")
            .map_or("something else", word),
        _ => "something else",
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "`a` or `b`", "`a`, `b` or `c`".
fn either(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [only] => format!("`{only}`"),
        [init @ .., last] => format!("{} or `{last}`", quoted(init)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str, schema: Schema) -> Vec<String> {
        let at = crate::yaml::locate("f.yaml", text).unwrap();
        let value: Value = serde_yaml::from_str(text).unwrap();
        let mut collector = Collector::default();
        check(&value, &schema, &at, &mut collector);
        collector
            .finish("f.yaml")
            .0
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_mismatch_is_found_at_its_place() {
        let schema = serde_json::json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["name", "items"],
            "properties": {
                "name": { "type": "string" },
                "items": { "type": "array", "items": { "$ref": "#/$defs/Item" } }
            },
            "$defs": {
                "Item": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["status"],
                    "properties": {
                        "status": { "oneOf": [{ "const": "fact" }, { "const": "assumption" }] },
                        "note": { "anyOf": [{ "type": "string" }, { "type": "null" }] }
                    }
                }
            }
        });
        assert_eq!(
            problems(
                "nmae: x\nitems:\n  - status: Fact\n    noet: y\n  - status: 3\n  - note: [a]\n",
                schema
            ),
            [
                "f.yaml:1:1: unknown field `nmae`, did you mean `name`?",
                "f.yaml:3:13: items[0].status: unknown variant `Fact`, did you mean `fact`?",
                "f.yaml:4:5: items[0]: unknown field `noet`, did you mean `note`?",
                "f.yaml:5:13: items[1].status: invalid type: number `3`, expected `fact` or `assumption`",
                "f.yaml:6:11: items[2].note: invalid type: sequence, expected a string",
                "f.yaml:6:5: items[2]: missing field `status`",
                "f.yaml:1:1: missing field `name`",
            ]
        );
    }
}
