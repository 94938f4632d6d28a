//! Today's date on this machine, in its time zone, read without trusting
//! `TZ`: a `TZ` naming a device, a named pipe or a huge file would otherwise
//! hang or fill memory. A time zone that cannot be read safely gives UTC,
//! with a note saying so.

use crate::files;
use crate::limits::Kind;
use jiff::tz::TimeZone;

/// Today's date, and a note to show when the time zone could not be used.
pub fn today() -> (jiff::civil::Date, Option<String>) {
    let (zone, note) = time_zone(std::env::var_os("TZ").as_deref());
    (jiff::Timestamp::now().to_zoned(zone).date(), note)
}

/// The time zone `TZ` names (the system's when it is not set), or UTC with
/// a note.
pub fn time_zone(tz: Option<&std::ffi::OsStr>) -> (TimeZone, Option<String>) {
    let Some(tz) = tz else {
        return (TimeZone::try_system().unwrap_or(TimeZone::UTC), None);
    };
    if tz.is_empty() {
        return (TimeZone::UTC, None);
    }
    let shown = tz.to_string_lossy();
    let zone = tz.to_str().and_then(|tz| {
        let name = tz.strip_prefix(':').unwrap_or(tz);
        if name.starts_with('/') {
            from_file(name)
        } else if is_zone_name(name) {
            jiff::tz::db()
                .get(name)
                .or_else(|_| TimeZone::posix(name))
                .ok()
        } else {
            TimeZone::posix(name).ok()
        }
    });
    match zone {
        Some(zone) => (zone, None),
        None => (
            TimeZone::UTC,
            Some(format!(
                "note: TZ={shown} is not a time zone calibrate can read, so today's date is taken in UTC (--today YYYY-MM-DD sets it)"
            )),
        ),
    }
}

/// A time zone file, read like any input: a regular file, of a size a
/// time zone file has.
fn from_file(path: &str) -> Option<TimeZone> {
    let (file, size) = files::open(std::path::Path::new(path), path).ok()?;
    Kind::Pack.check(size).ok()?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, Kind::Pack.limit()),
        &mut bytes,
    )
    .ok()?;
    TimeZone::tzif(path, &bytes).ok()
}

/// A name such as `Europe/Madrid`, looked up in the system's time zone
/// database: letters, digits, `_`, `+`, `-` and `/`, and no way out of the
/// database's folder.
fn is_zone_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '/'))
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn a_tz_that_cannot_be_read_safely_gives_utc_with_a_note() {
        for tz in [
            "/dev/zero",
            ":/dev/zero",
            "/no/such/zone",
            "../../../dev/zero",
        ] {
            let (zone, note) = time_zone(Some(OsStr::new(tz)));
            assert_eq!(zone, TimeZone::UTC, "{tz}");
            assert_eq!(
                note.unwrap(),
                format!(
                    "note: TZ={tz} is not a time zone calibrate can read, so today's date is taken in UTC (--today YYYY-MM-DD sets it)"
                )
            );
        }
    }

    #[test]
    fn names_and_rules_are_time_zones() {
        assert_eq!(time_zone(Some(OsStr::new(""))), (TimeZone::UTC, None));
        let (_, note) = time_zone(Some(OsStr::new("EST5EDT,M3.2.0,M11.1.0")));
        assert_eq!(note, None);
        assert!(is_zone_name("America/Argentina/Buenos_Aires"));
        assert!(!is_zone_name("../zero"));
    }
}
