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
    let today = jiff::civil::date(2026, 11, 22);
    let Ok(parsed) = Record::parse("fuzz.yaml", &text, framework, today) else {
        return;
    };
    let record = parsed.value;
    // A record that loads also saves, and its review date is computable.
    let _ = record.to_yaml(calibrate::record::SCHEMA_URL);
    let _ = record.review_due(framework);
    let Ok(answers) = record.clone().into_answers(framework, today) else {
        return;
    };
    let Ok(diagnosis) = diagnose(framework, &answers) else {
        return;
    };
    let style = TextStyle {
        color: false,
        width: 100,
        brief: false,
    };
    for format in FORMATS {
        let _ = render::diagnosis(format, framework, style, &diagnosis);
    }
});
