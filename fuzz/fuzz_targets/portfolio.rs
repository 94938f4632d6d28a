//! Portfolio files: whatever the text, the walk hands over its pieces
//! without panicking and the portfolio places or refuses each one; and a
//! document the walk hands over whole is read into a record exactly as the
//! serde loader reads it, message and place included.
#![no_main]

use calibrate::framework::Framework;
use calibrate::limits::Kind;
use calibrate::packs;
use calibrate::portfolio::Portfolio;
use calibrate::record::Record;
use calibrate::render::{self, Format, TextStyle};
use calibrate::yaml::{
    self,
    walk::{Piece, walk},
};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static FRAMEWORK: LazyLock<Framework> =
    LazyLock::new(|| packs::embedded().expect("the built-in pack loads"));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let framework = &*FRAMEWORK;
    let mut portfolio = Portfolio::default();
    portfolio.add_file(framework, "fuzz.yaml", &text, jiff::civil::date(2026, 1, 1), &|_| {});
    let style = TextStyle {
        color: false,
        width: 100,
        brief: false,
    };
    for format in [Format::Text, Format::Json] {
        let _ = render::portfolio(format, framework, style, &portfolio);
    }
    let mut pieces = Vec::new();
    walk(
        &text.as_ref(),
        "initiatives",
        Kind::Record.limit(),
        &|piece| piece,
        &mut |piece| pieces.push(piece),
    );
    if let [Piece::Node { node, listed: false }] = pieces.as_slice() {
        let loaded = yaml::parse::<Record>("fuzz.yaml", &text).map(|parsed| parsed.value);
        let kept = yaml::from_node::<Record>("fuzz.yaml", node);
        // Compared as printed, as NaN is not equal to itself.
        assert_eq!(format!("{kept:?}"), format!("{loaded:?}"), "{text:?}");
    }
});
