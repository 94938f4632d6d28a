//! Reading a kept [`Node`] into a Rust value with serde, by the rules and
//! with the messages of the serde loader (yaml_serde) the rest of
//! calibrate uses, so a record says the same about a mistake wherever it
//! is written. Aliases are read again from the node they refer to, within
//! a budget.

use super::events::{Event, Kind, Mark, Style};
use super::node::Node;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Expected, Unexpected, Visitor};
use std::cell::Cell;
use std::fmt;
use std::sync::Arc;

/// How much text aliases may repeat in one node, in bytes: what they
/// refer to counts each time they are read. A record is at most 1 MB, so
/// this allows plenty of legitimate repetition and no "billion laughs".
pub const ALIAS_BUDGET: usize = 16 * 1024 * 1024;

/// The tags of YAML's core schema, as the parser spells them in full.
const NULL: &str = "tag:yaml.org,2002:null";
const BOOL: &str = "tag:yaml.org,2002:bool";
const INT: &str = "tag:yaml.org,2002:int";
const FLOAT: &str = "tag:yaml.org,2002:float";

/// Why a node could not be read into the value wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
    /// Where, when known.
    mark: Option<Mark>,
    /// The path of the value that was being read (`claims[0].status`), for
    /// messages that name it; `None` for those that do not.
    path: Option<String>,
}

impl Error {
    fn at(message: impl Into<String>, mark: Mark) -> Error {
        Error {
            message: message.into(),
            mark: Some(mark),
            path: None,
        }
    }

    fn anywhere(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            mark: None,
            path: None,
        }
    }

    /// Gives an error from a `Deserialize` impl the place and path of the
    /// value being read, unless an inner value already did.
    fn fix(mut self, mark: Mark, path: &Path) -> Error {
        if self.mark.is_none() && self.path.is_none() {
            self.mark = Some(mark);
            self.path = Some(path.to_string());
        }
        self
    }

    /// Where the problem is, 1-based.
    pub fn place(&self) -> Option<(usize, usize)> {
        self.mark.map(Mark::place)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) if path != "." => write!(f, "{path}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::anywhere(msg.to_string())
    }
}

type Result<T, E = Error> = std::result::Result<T, E>;

/// Reads `node` into a `T`.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T> {
    let budget = Cell::new(ALIAS_BUDGET);
    let mut state = State {
        events: &node.events,
        aliases: &node.aliases,
        pos: 0,
    };
    let mut de = De {
        state: &mut state,
        path: Path::Root,
        budget: &budget,
        depth: 128,
        tagged: false,
    };
    T::deserialize(&mut de)
}

/// The path to a value, for messages: `claims[0].status`.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Seq { parent: &'a Path<'a>, index: usize },
    Map { parent: &'a Path<'a>, key: &'a str },
    Alias { parent: &'a Path<'a> },
    Unknown { parent: &'a Path<'a> },
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Parent<'a>(&'a Path<'a>);
        impl fmt::Display for Parent<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0 {
                    Path::Root => Ok(()),
                    path => write!(f, "{path}."),
                }
            }
        }
        match self {
            Path::Root => f.write_str("."),
            Path::Seq { parent, index } => write!(f, "{parent}[{index}]"),
            Path::Map { parent, key } => write!(f, "{}{key}", Parent(parent)),
            Path::Alias { parent } => write!(f, "{parent}"),
            Path::Unknown { parent } => write!(f, "{}?", Parent(parent)),
        }
    }
}

/// Where the reading of one node's events is.
struct State<'n> {
    events: &'n [Event],
    aliases: &'n [(usize, Arc<Node>)],
    pos: usize,
}

impl<'n> State<'n> {
    /// The next event. A kept node is always whole, so no value is read
    /// past its end.
    fn peek(&self) -> &'n Event {
        &self.events[self.pos.min(self.events.len() - 1)]
    }

    fn at(&self, index: usize) -> &'n Event {
        &self.events[index]
    }

    fn alias(&self, index: usize) -> Option<&'n Arc<Node>> {
        self.aliases
            .binary_search_by_key(&index, |(at, _)| *at)
            .ok()
            .map(|found| &self.aliases[found].1)
    }
}

struct De<'a, 'n> {
    state: &'a mut State<'n>,
    path: Path<'a>,
    /// How much more text aliases may repeat.
    budget: &'a Cell<usize>,
    /// How much deeper values may nest.
    depth: u8,
    /// Whether the value is the content of a tagged enum variant.
    tagged: bool,
}

/// A scalar as the schema reads it.
struct Scalar<'e> {
    value: &'e str,
    tag: Option<&'e str>,
    style: Style,
}

fn scalar_of(event: &Event) -> Option<Scalar<'_>> {
    match &event.kind {
        Kind::Scalar {
            value, tag, style, ..
        } => Some(Scalar {
            value,
            tag: tag.as_deref(),
            style: *style,
        }),
        _ => None,
    }
}

impl<'n> De<'_, 'n> {
    /// Reads the value an alias at the current event refers to with `f`.
    fn jump<R>(&mut self, f: impl FnOnce(&mut De<'_, '_>) -> Result<R>) -> Result<R> {
        let index = self.state.pos;
        let mark = self.state.peek().start;
        self.state.pos += 1;
        let Some(target) = self.state.alias(index) else {
            return Err(Error::at("unknown anchor", mark));
        };
        let cost = target.events.iter().map(size).sum::<usize>();
        match self.budget.get().checked_sub(cost) {
            Some(left) => self.budget.set(left),
            None => {
                return Err(Error::at(
                    format!(
                        "repetition limit exceeded: aliases here repeat more than {} MB",
                        ALIAS_BUDGET / (1024 * 1024)
                    ),
                    mark,
                ));
            }
        }
        let mut state = State {
            events: &target.events,
            aliases: &target.aliases,
            pos: 0,
        };
        let mut de = De {
            state: &mut state,
            path: Path::Alias { parent: &self.path },
            budget: self.budget,
            depth: self.depth,
            tagged: false,
        };
        f(&mut de)
    }

    fn is_alias(&self) -> bool {
        matches!(self.state.peek().kind, Kind::Alias { .. })
    }

    /// The mark of the next event, and moves past it.
    fn advance(&mut self) -> Mark {
        let mark = self.state.peek().start;
        self.state.pos += 1;
        self.tagged = false;
        mark
    }

    fn nested<R>(&mut self, mark: Mark, f: impl FnOnce(&mut Self) -> Result<R>) -> Result<R> {
        let previous = self.depth;
        self.depth = match previous.checked_sub(1) {
            Some(depth) => depth,
            None => return Err(Error::at("recursion limit exceeded", mark)),
        };
        let result = f(self);
        self.depth = previous;
        result
    }

    /// Skips one whole value.
    fn skip(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.state.peek().kind {
                Kind::MappingStart { .. } | Kind::SequenceStart { .. } => depth += 1,
                Kind::MappingEnd | Kind::SequenceEnd => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.state.pos += 1;
            if depth == 0 {
                return;
            }
        }
    }

    /// Reads a sequence whose start is the current event.
    fn visit_sequence<'de, V: Visitor<'de>>(&mut self, visitor: V, mark: Mark) -> Result<V::Value> {
        let (value, len) = self.nested(mark, |de| {
            let mut seq = SeqAccess {
                empty: false,
                de,
                len: 0,
            };
            let value = visitor.visit_seq(&mut seq)?;
            Ok((value, seq.len))
        })?;
        self.end_sequence(len)?;
        Ok(value)
    }

    fn visit_mapping<'de, V: Visitor<'de>>(&mut self, visitor: V, mark: Mark) -> Result<V::Value> {
        let (value, len) = self.nested(mark, |de| {
            let mut map = MapAccess {
                empty: false,
                de,
                len: 0,
                key: None,
            };
            let value = visitor.visit_map(&mut map)?;
            Ok((value, map.len))
        })?;
        self.end_mapping(len)?;
        Ok(value)
    }

    fn end_sequence(&mut self, len: usize) -> Result<()> {
        let mut total = len;
        while !matches!(self.state.peek().kind, Kind::SequenceEnd) {
            self.skip();
            total += 1;
        }
        self.state.pos += 1;
        if total == len {
            return Ok(());
        }
        struct ExpectedSeq(usize);
        impl Expected for ExpectedSeq {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                match self.0 {
                    1 => write!(f, "sequence of 1 element"),
                    n => write!(f, "sequence of {n} elements"),
                }
            }
        }
        Err(de::Error::invalid_length(total, &ExpectedSeq(len)))
    }

    fn end_mapping(&mut self, len: usize) -> Result<()> {
        let mut total = len;
        while !matches!(self.state.peek().kind, Kind::MappingEnd) {
            self.skip();
            self.skip();
            total += 1;
        }
        self.state.pos += 1;
        if total == len {
            return Ok(());
        }
        struct ExpectedMap(usize);
        impl Expected for ExpectedMap {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                match self.0 {
                    1 => write!(f, "map containing 1 entry"),
                    n => write!(f, "map containing {n} entries"),
                }
            }
        }
        Err(de::Error::invalid_length(total, &ExpectedMap(len)))
    }

    /// The error for a value of the wrong kind at `index`, as the visitor
    /// expecting `exp` would give it.
    fn invalid_type(&self, index: usize, exp: &dyn Expected) -> Error {
        let event = self.state.at(index);
        match &event.kind {
            Kind::Scalar { value, .. } => {
                let scalar = scalar_of(event).expect("a scalar event");
                match visit_resolved(Fails { exp }, resolve(&scalar, self.tagged), value) {
                    Ok(never) => match never {},
                    Err(err) => err,
                }
            }
            Kind::SequenceStart { .. } => de::Error::invalid_type(Unexpected::Seq, exp),
            Kind::MappingStart { .. } => de::Error::invalid_type(Unexpected::Map, exp),
            _ => Error::anywhere("EOF while parsing a value"),
        }
    }
}

/// A visitor that takes nothing, to word what a value is.
struct Fails<'e> {
    exp: &'e dyn Expected,
}

enum Never {}

impl Visitor<'_> for Fails<'_> {
    type Value = Never;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.exp.fmt(f)
    }
}

/// What a scalar is by the core schema.
enum Resolved {
    Unit,
    Bool(bool),
    U64(u64),
    I64(i64),
    U128(u128),
    I128(i128),
    F64(f64),
    Str,
    /// Tagged as a type its text is not.
    Invalid(&'static str),
}

fn resolve(scalar: &Scalar, tagged: bool) -> Resolved {
    let v = scalar.value;
    if let (Some(tag), false) = (scalar.tag, tagged) {
        return match tag {
            BOOL => parse_bool(v).map_or(Resolved::Invalid("a boolean"), Resolved::Bool),
            INT => int(v).unwrap_or(Resolved::Invalid("an integer")),
            FLOAT => parse_f64(v).map_or(Resolved::Invalid("a float"), Resolved::F64),
            NULL if parse_null(v) => Resolved::Unit,
            NULL => Resolved::Invalid("null"),
            _ if tag.starts_with('!') && scalar.style == Style::Plain => untagged(v),
            _ => Resolved::Str,
        };
    }
    if scalar.style == Style::Plain {
        untagged(v)
    } else {
        Resolved::Str
    }
}

/// Null, booleans, integers and floats by the core schema; the rest is text.
fn untagged(v: &str) -> Resolved {
    if v.is_empty() || parse_null(v) {
        return Resolved::Unit;
    }
    if let Some(b) = parse_bool(v) {
        return Resolved::Bool(b);
    }
    if let Some(int) = int(v) {
        return int;
    }
    match parse_f64(v) {
        Some(float) if !digits_but_not_number(v) => Resolved::F64(float),
        _ => Resolved::Str,
    }
}

fn int(v: &str) -> Option<Resolved> {
    parse_unsigned_int(v, u64::from_str_radix)
        .map(Resolved::U64)
        .or_else(|| parse_negative_int(v, i64::from_str_radix).map(Resolved::I64))
        .or_else(|| parse_unsigned_int(v, u128::from_str_radix).map(Resolved::U128))
        .or_else(|| parse_negative_int(v, i128::from_str_radix).map(Resolved::I128))
}

fn visit_resolved<'de, V: Visitor<'de>>(
    visitor: V,
    resolved: Resolved,
    v: &str,
) -> Result<V::Value> {
    match resolved {
        Resolved::Unit => visitor.visit_unit(),
        Resolved::Bool(b) => visitor.visit_bool(b),
        Resolved::U64(n) => visitor.visit_u64(n),
        Resolved::I64(n) => visitor.visit_i64(n),
        Resolved::U128(n) => visitor.visit_u128(n),
        Resolved::I128(n) => visitor.visit_i128(n),
        Resolved::F64(f) => visitor.visit_f64(f),
        Resolved::Str => visitor.visit_str(v),
        Resolved::Invalid(expected) => Err(de::Error::invalid_value(Unexpected::Str(v), &expected)),
    }
}

/// What reading an event through an alias costs from the budget.
fn size(event: &Event) -> usize {
    match &event.kind {
        Kind::Scalar { value, .. } => value.len() + 1,
        _ => 1,
    }
}

fn parse_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

type Radix<T> = fn(&str, u32) -> std::result::Result<T, std::num::ParseIntError>;

/// An integer in any of its spellings: 0x, 0o, 0b prefixes, or decimal.
fn prefixed<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    None
}

fn parse_unsigned_int<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    let unpositive = v.strip_prefix('+').unwrap_or(v);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix)
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(v, 10).ok()
}

fn parse_signed_int<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    let unpositive = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    if let Some(int) = prefixed(unpositive, from_str_radix) {
        return Some(int);
    }
    if (v.starts_with("-0x") || v.starts_with("-0o") || v.starts_with("-0b"))
        && let Some(int) = parse_negative_int(v, from_str_radix)
    {
        return Some(int);
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_f64(v: &str) -> Option<f64> {
    let unpositive = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = v {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = v {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Leading zeros followed by digits are a string in YAML 1.2.
fn digits_but_not_number(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    v.len() > 1 && v.starts_with('0') && v[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Whether a scalar may be read as a number or boolean: plain, or a
/// literal block tagged as one.
fn plain_or_tagged(expected: &str, scalar: &Scalar, tagged: bool) -> bool {
    match (scalar.style, scalar.tag, tagged) {
        (Style::Plain, _, _) => true,
        (Style::Literal, Some(tag), false) => tag == expected,
        _ => false,
    }
}

/// A custom tag (`!Name`) as an enum variant, without the `!`.
fn enum_tag(tag: Option<&str>) -> Option<&str> {
    let rest = tag?.strip_prefix('!')?;
    Some(if rest.is_empty() { "!" } else { rest })
}

/// A scalar read as a boolean or a number: plain (or a literal block
/// tagged as one) and parsed by the core schema, or an error that says
/// what it is.
macro_rules! number {
    ($method:ident, $tag:expr, $parse:expr, $visit:ident) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            if self.is_alias() {
                return self.jump(|de| de.$method(visitor));
            }
            let index = self.state.pos;
            let tagged = self.tagged;
            let mark = self.advance();
            let event = self.state.at(index);
            let parsed = scalar_of(event)
                .filter(|scalar| plain_or_tagged($tag, scalar, tagged))
                .and_then(|scalar| $parse(scalar.value));
            self.tagged = tagged;
            let result = match parsed {
                Some(value) => visitor.$visit(value),
                None => Err(self.invalid_type(index, &visitor)),
            };
            self.tagged = false;
            result.map_err(|err| err.fix(mark, &self.path))
        }
    };
}

impl<'de> de::Deserializer<'de> for &mut De<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_alias() {
            return self.jump(|de| de.deserialize_any(visitor));
        }
        let index = self.state.pos;
        let tagged = self.tagged;
        let event = self.state.peek();
        let mark = event.start;
        let tag = match &event.kind {
            Kind::Scalar { tag, .. }
            | Kind::MappingStart { tag, .. }
            | Kind::SequenceStart { tag, .. } => tag.as_deref(),
            _ => None,
        };
        let result = match enum_tag(tag).filter(|_| !tagged) {
            Some(tag) => {
                let tag = tag.to_string();
                visitor.visit_enum(EnumAccess { de: self, tag })
            }
            None => {
                self.advance();
                match self.state.at(index).kind {
                    Kind::Scalar { ref value, .. } => {
                        let scalar = scalar_of(self.state.at(index)).expect("a scalar event");
                        visit_resolved(visitor, resolve(&scalar, tagged), value)
                    }
                    Kind::SequenceStart { .. } => self.visit_sequence(visitor, mark),
                    Kind::MappingStart { .. } => self.visit_mapping(visitor, mark),
                    _ => visitor.visit_none(),
                }
            }
        };
        result.map_err(|err| err.fix(mark, &self.path))
    }

    number!(deserialize_bool, BOOL, parse_bool, visit_bool);

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    number!(
        deserialize_i64,
        INT,
        |v| parse_signed_int(v, i64::from_str_radix),
        visit_i64
    );
    number!(
        deserialize_i128,
        INT,
        |v| parse_signed_int(v, i128::from_str_radix),
        visit_i128
    );

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    number!(
        deserialize_u64,
        INT,
        |v| parse_unsigned_int(v, u64::from_str_radix),
        visit_u64
    );
    number!(
        deserialize_u128,
        INT,
        |v| parse_unsigned_int(v, u128::from_str_radix),
        visit_u128
    );

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    number!(deserialize_f64, FLOAT, parse_f64, visit_f64);

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_alias() {
            return self.jump(|de| de.deserialize_str(visitor));
        }
        let index = self.state.pos;
        let mark = self.advance();
        let result = match self.state.at(index).kind {
            Kind::Scalar { ref value, .. } => visitor.visit_str(value),
            _ => Err(self.invalid_type(index, &visitor)),
        };
        result.map_err(|err| err.fix(mark, &self.path))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::anywhere(
            "serialization and deserialization of bytes in YAML is not implemented",
        ))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    /// `null`, `~` and nothing are `None`; anything else is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_alias() {
            return self.jump(|de| de.deserialize_option(visitor));
        }
        let event = self.state.peek();
        let is_some = match scalar_of(event) {
            Some(scalar) if scalar.style != Style::Plain => true,
            Some(scalar) => match (scalar.tag, self.tagged) {
                (Some(NULL), false) if parse_null(scalar.value) => false,
                (Some(NULL), false) => {
                    return Err(de::Error::invalid_value(
                        Unexpected::Str(scalar.value),
                        &"null",
                    ));
                }
                (Some(_), false) => true,
                _ => !scalar.value.is_empty() && !parse_null(scalar.value),
            },
            None => true,
        };
        if is_some {
            visitor.visit_some(self)
        } else {
            self.advance();
            visitor.visit_none()
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_alias() {
            return self.jump(|de| de.deserialize_unit(visitor));
        }
        let index = self.state.pos;
        let tagged = self.tagged;
        let mark = self.advance();
        let result = match scalar_of(self.state.at(index)) {
            Some(scalar) => {
                let is_null = if scalar.style != Style::Plain {
                    false
                } else if let (Some(tag), false) = (scalar.tag, tagged) {
                    tag == NULL && parse_null(scalar.value)
                } else {
                    scalar.value.is_empty() || parse_null(scalar.value)
                };
                if is_null {
                    visitor.visit_unit()
                } else {
                    Err(de::Error::invalid_value(
                        Unexpected::Str(scalar.value),
                        &"null",
                    ))
                }
            }
            None => Err(self.invalid_type(index, &visitor)),
        };
        result.map_err(|err| err.fix(mark, &self.path))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        let mark = self.state.peek().start;
        self.nested(mark, |de| visitor.visit_newtype_struct(de))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_alias() {
            return self.jump(|de| de.deserialize_seq(visitor));
        }
        let index = self.state.pos;
        let mark = self.advance();
        let event = self.state.at(index);
        let result = match &event.kind {
            Kind::SequenceStart { .. } => self.visit_sequence(visitor, mark),
            Kind::Scalar {
                value,
                style: Style::Plain,
                ..
            } if value.is_empty() => visitor.visit_seq(SeqAccess {
                empty: true,
                de: self,
                len: 0,
            }),
            _ => Err(self.invalid_type(index, &visitor)),
        };
        result.map_err(|err| err.fix(mark, &self.path))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_alias() {
            return self.jump(|de| de.deserialize_map(visitor));
        }
        let index = self.state.pos;
        let mark = self.advance();
        let event = self.state.at(index);
        let result = match &event.kind {
            Kind::MappingStart { .. } => self.visit_mapping(visitor, mark),
            Kind::Scalar {
                value,
                style: Style::Plain,
                ..
            } if value.is_empty() => visitor.visit_map(MapAccess {
                empty: true,
                de: self,
                len: 0,
                key: None,
            }),
            _ => Err(self.invalid_type(index, &visitor)),
        };
        result.map_err(|err| err.fix(mark, &self.path))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    /// An enum is a scalar naming a unit variant, or a value tagged
    /// `!Variant`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.is_alias() && !self.tagged {
            return self.jump(|de| de.deserialize_enum(name, _variants, visitor));
        }
        let event = self.state.peek();
        let mark = event.start;
        let result = if self.tagged {
            match &event.kind {
                Kind::Scalar { value, .. } if !value.is_empty() => {
                    visitor.visit_enum(UnitVariantAccess { de: self })
                }
                _ => Err(Error::anywhere(format!(
                    "deserializing nested enum in {name} from YAML is not supported yet"
                ))),
            }
        } else {
            match &event.kind {
                Kind::Scalar { tag, .. }
                | Kind::MappingStart { tag, .. }
                | Kind::SequenceStart { tag, .. }
                    if enum_tag(tag.as_deref()).is_some() =>
                {
                    let tag = enum_tag(tag.as_deref()).unwrap_or_default().to_string();
                    return visitor.visit_enum(EnumAccess { de: self, tag });
                }
                Kind::Scalar { .. } => visitor.visit_enum(UnitVariantAccess { de: self }),
                Kind::MappingStart { .. } => Err(de::Error::invalid_type(
                    Unexpected::Map,
                    &"a YAML tag starting with '!'",
                )),
                _ => Err(de::Error::invalid_type(
                    Unexpected::Seq,
                    &"a YAML tag starting with '!'",
                )),
            }
        };
        result.map_err(|err| err.fix(mark, &self.path))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip();
        visitor.visit_unit()
    }
}

struct SeqAccess<'s, 'a, 'n> {
    empty: bool,
    de: &'s mut De<'a, 'n>,
    len: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.empty || matches!(self.de.state.peek().kind, Kind::SequenceEnd) {
            return Ok(None);
        }
        let mut element = De {
            state: &mut *self.de.state,
            path: Path::Seq {
                parent: &self.de.path,
                index: self.len,
            },
            budget: self.de.budget,
            depth: self.de.depth,
            tagged: false,
        };
        self.len += 1;
        seed.deserialize(&mut element).map(Some)
    }
}

struct MapAccess<'s, 'a, 'n> {
    empty: bool,
    de: &'s mut De<'a, 'n>,
    len: usize,
    /// The last key read, when it is a scalar, for the path of its value.
    key: Option<&'n str>,
}

impl<'de, 'n> de::MapAccess<'de> for MapAccess<'_, '_, 'n> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.empty {
            return Ok(None);
        }
        let event = self.de.state.peek();
        self.key = match &event.kind {
            Kind::MappingEnd => return Ok(None),
            Kind::Scalar { value, .. } => Some(value.as_str()),
            _ => None,
        };
        self.len += 1;
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let path = match self.key {
            Some(key) => Path::Map {
                parent: &self.de.path,
                key,
            },
            None => Path::Unknown {
                parent: &self.de.path,
            },
        };
        let mut value = De {
            state: &mut *self.de.state,
            path,
            budget: self.de.budget,
            depth: self.de.depth,
            tagged: false,
        };
        seed.deserialize(&mut value)
    }
}

/// A value tagged `!Variant`: the tag names the variant, the value is its
/// content.
struct EnumAccess<'s, 'a, 'n> {
    de: &'s mut De<'a, 'n>,
    tag: String,
}

impl<'de, 's, 'a, 'n> de::EnumAccess<'de> for EnumAccess<'s, 'a, 'n> {
    type Error = Error;
    type Variant = Content<'s, 'a, 'n>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self::Variant)> {
        let variant = seed.deserialize(de::value::StrDeserializer::<Error>::new(&self.tag))?;
        self.de.tagged = true;
        Ok((variant, Content { de: self.de }))
    }
}

/// The content of a tagged variant.
struct Content<'s, 'a, 'n> {
    de: &'s mut De<'a, 'n>,
}

impl<'de> de::VariantAccess<'de> for Content<'_, '_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        de::Deserialize::deserialize(&mut *self.de)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(&mut *self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(&mut *self.de, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_struct(&mut *self.de, "", fields, visitor)
    }
}

/// A scalar naming a unit variant.
struct UnitVariantAccess<'s, 'a, 'n> {
    de: &'s mut De<'a, 'n>,
}

impl<'de> de::EnumAccess<'de> for UnitVariantAccess<'_, '_, '_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        Ok((seed.deserialize(&mut *self.de)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariantAccess<'_, '_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"struct variant",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::record::Record;
    use crate::yaml::walk::{Piece, walk};
    use crate::yaml::{self, Node};

    /// The document of `text`, kept as the walk keeps it.
    fn node(text: &str) -> Node {
        let mut pieces = Vec::new();
        walk(&text, "initiatives", 1 << 20, &|piece| piece, &mut |p| {
            pieces.push(p)
        });
        match pieces.into_iter().next() {
            Some(Piece::Node { node, .. }) => node,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    /// What the serde loader and the kept node make of a record: the same.
    fn same(text: &str) {
        let loaded = yaml::parse::<Record>("r.yaml", text).map(|parsed| parsed.value);
        let kept = yaml::from_node::<Record>("r.yaml", &node(text));
        // Compared as printed, as NaN is not equal to itself.
        assert_eq!(format!("{kept:?}"), format!("{loaded:?}"), "{text:?}");
    }

    const CLAIM: &str = "claims:\n  - claim: x\n    status: fact\n";

    #[test]
    fn records_read_from_kept_nodes_as_the_loader_reads_them() {
        let base = |horizon: &str| format!("initiative: A\nhorizon: {horizon}\n{CLAIM}");
        for horizon in [
            "6m",
            "6",
            "6.5",
            "-3",
            "0x10",
            "012",
            "1e3",
            ".inf",
            "soon",
            "true",
            "~",
            "''",
            "[1]",
            "{a: 1}",
            "!!str 6",
            "!!int x",
            "!!float 1",
            "!!bool yes",
            "!!null x",
            "|\n  6m",
            "!custom 6m",
            "\"6m\"",
            "99999999999999999999999",
            "-99999999999999999999999",
            "340282366920938463463374607431768211456",
        ] {
            same(&base(horizon));
        }
        let field = |extra: &str| format!("initiative: A\nhorizon: 6m\n{CLAIM}{extra}");
        for extra in [
            "owner: ~\n",
            "owner: 12\n",
            "owner: [a]\n",
            "owner: !!str\n",
            "nmae: x\n",
            "initiative: B\n",
            "reviewed: 2026-01-15\n",
            "reviewed: 2026-13-01\n",
            "reviewed: 20260115\n",
            "reviewed: ''\n",
            "review_every: 90d\n",
            "current_playbook: null\n",
            "current_playbook: ~\n",
            "notes: |\n  a\n  b\n",
            "notes: >-\n  a\n  b\n",
            "notes: !!null ~\n",
            "notes: !!null x\n",
            "? [complex]\n: key\n",
            "? {a: 1}\n: key\n",
        ] {
            same(&field(extra));
        }
        let claim = |fields: &str| format!("initiative: A\nhorizon: 6m\nclaims:\n  - {fields}\n");
        for fields in [
            "{claim: a}",
            "{claim: a, status: facts}",
            "{claim: a, status: 1}",
            "{claim: a, status: !fact x}",
            "{claim: a, status: [fact]}",
            "{claim: a, status: {fact: 1}}",
            "{claim: a, status: !!str fact}",
            "{claim: a, status: fact, weight: two}",
            "{claim: a, status: fact, weight: '2'}",
            "{claim: a, status: fact, weight: 0x10}",
            "{claim: a, status: fact, weight: .nan}",
            "{claim: a, status: fact, weight: 2, weight: 3}",
            "{claim: a, status: fact, evidence: ~}",
            "claim",
            "[a, b]",
            "~",
            "",
        ] {
            same(&claim(fields));
        }
        for text in [
            "a\n",
            "[1, 2]\n",
            "{}\n",
            "initiative: A\n",
            "initiative: A\ninitiative: B\nhorizon: 6m\nclaims: []\n",
            "initiative: A\nhorizon: 6m\nclaims: x\n",
            "initiative: A\nhorizon: 6m\nclaims: ''\n",
            "initiative: A\nhorizon: 6m\nclaims:\n",
            "initiative: &n A\nowner: *n\nhorizon: 6m\nclaims: &c\n  - {claim: x, status: fact}\n",
            "initiative: A\nhorizon: &h 6m\nreview_every: *h\nclaims: [&c {claim: x, status: fact}, *c]\n",
            "initiative: A\nhorizon: 6m\nclaims: &x [{claim: &x c, status: fact}, {claim: *x, status: fact}]\n",
            "!!map {initiative: A, horizon: 6m, claims: []}\n",
            "!Record {initiative: A, horizon: 6m, claims: []}\n",
            "--- !!str\ninitiative\n",
        ] {
            same(text);
        }
    }

    /// Scalars and small collections that read the same in block and flow.
    const VALUES: &[&str] = &[
        "x",
        "6m",
        "6",
        "6.5",
        "-3",
        "0x10",
        "012",
        "1e3",
        ".inf",
        ".nan",
        "soon",
        "true",
        "~",
        "''",
        "\"q\"",
        "[1]",
        "{a: 1}",
        "!!str 6",
        "!!int x",
        "!!float 1",
        "!!null ~",
        "2026-01-15",
        "2026-13-01",
        "fact",
        "assumption",
        "facts",
        "measured",
        "vendor",
        "rumour",
        "go-now",
        "nope",
        "[]",
        "{}",
        "null",
        "0",
        "1000",
        "1001",
        "-0x1",
        "+5",
        "'multi word'",
        "\"tab\\there\"",
        "!fact x",
        "[fact]",
    ];
    /// Keys, each with values that suit it.
    const KEYS: &[(&str, &[&str])] = &[
        ("initiative", &["A", "'Multi word'", "\"q\""]),
        ("owner", &["Ops", "~"]),
        ("horizon", &["6m", "2y", "90d", "18", "1q"]),
        (
            "current_playbook",
            &["go-now", "discovery", "predictable", "resilient"],
        ),
        ("reviewed", &["2026-01-15"]),
        ("review_every", &["90d", "6m"]),
        ("notes", &["'free text'", "~"]),
        ("claims", &[]),
    ];
    const CLAIM_KEYS: &[(&str, &[&str])] = &[
        ("claim", &["x", "'Our volumes'"]),
        ("status", &["fact", "assumption"]),
        ("evidence", &["measured", "pilot", "vendor"]),
        ("source", &["dashboard"]),
        ("weight", &["1", "2", "0.5"]),
        ("x", &["y"]),
    ];

    /// Entries from (key, value, whether the value suits the key), each
    /// key kept once when `unique`.
    fn entries(
        keys: &[(&str, &[&str])],
        picks: &[(usize, usize, bool)],
        unique: bool,
    ) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for &(k, v, suits) in picks {
            let (key, good) = keys[k];
            if unique && out.iter().any(|(seen, _)| seen == key) {
                continue;
            }
            let value = if suits && !good.is_empty() {
                good[v % good.len()]
            } else {
                VALUES[v % VALUES.len()]
            };
            out.push((key.to_string(), value.to_string()));
        }
        out
    }

    /// A mapping of `entries` (key, value) in block style at `indent`, or
    /// in flow style.
    fn mapping(entries: &[(String, String)], flow: bool, indent: usize) -> String {
        if flow || entries.is_empty() {
            let inner: Vec<String> = entries.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            return format!("{{{}}}", inner.join(", "));
        }
        let pad = " ".repeat(indent);
        entries
            .iter()
            .enumerate()
            .map(|(i, (k, v))| {
                let pad = if i == 0 { "" } else { pad.as_str() };
                format!("{pad}{k}: {v}\n")
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn generated_records_read_from_kept_nodes_as_the_loader_reads_them(
            top in proptest::collection::vec((0..KEYS.len(), 0..100usize, proptest::bool::weighted(0.8)), 0..10),
            claims in proptest::collection::vec(
                proptest::collection::vec((0..CLAIM_KEYS.len(), 0..100usize, proptest::bool::weighted(0.8)), 0..6),
                0..4,
            ),
            unique in proptest::bool::weighted(0.9),
            whole in proptest::bool::weighted(0.7),
            unknown in proptest::bool::weighted(0.1),
            flow in proptest::bool::ANY,
            flow_claims in proptest::bool::ANY,
        ) {
            let claims: Vec<String> = claims
                .iter()
                .map(|picks| mapping(&entries(CLAIM_KEYS, picks, unique), flow || flow_claims, 4))
                .collect();
            let claims = if flow || flow_claims || claims.is_empty() {
                format!("[{}]", claims.join(", "))
            } else {
                claims.iter().map(|c| format!("\n  - {c}")).collect::<String>().trim_end().to_string()
            };
            // Mostly records with what a record needs, and no unknown key.
            let needed = [(0, 0, true), (2, 0, true), (KEYS.len() - 1, 0, true)];
            let picks: Vec<_> = if whole { needed.iter().chain(&top).copied().collect() } else { top };
            let mut top = entries(KEYS, &picks, unique);
            if unknown {
                top.push(("nmae".to_string(), "x".to_string()));
            }
            for (key, value) in &mut top {
                if key == "claims" {
                    value.clone_from(&claims);
                }
            }
            let text = format!("{}\n", mapping(&top, flow, 0).trim_end());
            same(&text);
        }
    }
}
