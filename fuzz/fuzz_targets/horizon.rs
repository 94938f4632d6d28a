//! Horizon parsing: any string parses or is refused, and an accepted
//! horizon is a finite, non-negative number of months.
#![no_main]

use calibrate::answers::Horizon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(horizon) = text.parse::<Horizon>() {
        let months = horizon.in_months();
        assert!(
            months.is_finite() && months >= 0.0,
            "{text:?} parsed to {months} months"
        );
        // The text kept is what was typed, trimmed, and parses the same again.
        let again: Horizon = horizon
            .as_str()
            .parse()
            .expect("a horizon's own text parses");
        assert_eq!(again.in_months(), months);
    }
});
