//! Workshop sessions: whatever the loader accepts, the report is built (or
//! refused) and every workshop renderer renders without panicking.
#![no_main]

use calibrate::framework::Framework;
use calibrate::packs;
use calibrate::render::{self, Format, TextStyle};
use calibrate::session::Session;
use calibrate::workshop;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static FRAMEWORK: LazyLock<Framework> =
    LazyLock::new(|| packs::embedded().expect("the built-in pack loads"));

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let framework = &*FRAMEWORK;
    let today = jiff::civil::date(2026, 11, 22);
    let Ok(session) = Session::parse("fuzz.yaml", input, framework, today) else {
        return;
    };
    // A session that loads also saves.
    let _ = session.to_yaml();
    let style = TextStyle {
        color: false,
        width: 100,
        brief: false,
    };
    for anonymous in [false, true] {
        let Ok(report) = workshop::report(framework, &session, anonymous, today) else {
            continue;
        };
        for format in [
            Format::Text,
            Format::Json,
            Format::Markdown,
            Format::Html,
            Format::Svg,
        ] {
            let _ = render::workshop(format, framework, style, &report);
        }
    }
});
