//! Decision records: whatever the loader accepts, the engine diagnoses
//! (or refuses) and every renderer renders without panicking.
#![no_main]

use calibrate::diagnosis::diagnose;
use calibrate::framework::Framework;
use calibrate::packs;
use calibrate::record::Record;
use calibrate::render::{self, Format, TextStyle};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static FRAMEWORK: LazyLock<Framework> =
    LazyLock::new(|| packs::embedded().expect("the built-in pack loads"));

const FORMATS: [Format; 5] = [
    Format::Text,
    Format::Json,
    Format::Markdown,
    Format::Html,
    Format::Svg,
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let framework = &*FRAMEWORK;
    let Ok(parsed) = Record::parse("fuzz.yaml", &text, framework) else {
        return;
    };
    let record = parsed.value;
    // A record that loads also saves, and its review date is computable.
    let _ = record.to_yaml();
    let _ = record.review_due();
    let answers = record.clone().into_answers();
    let Ok(diagnosis) = diagnose(framework, &answers) else {
        return;
    };
    let style = TextStyle {
        color: false,
        width: 100,
    };
    for format in FORMATS {
        let _ = render::diagnosis(format, framework, style, &diagnosis);
    }
});
