//! Every figure a card or an example states is listed in `playbooks/SOURCES.md`
//! with the sentence it rests on, so a number cannot slip into a card, be
//! rounded up or change its subject without someone checking the source.
//!
//! A figure is a number written in digits (700, 98%, $6B, 2024, 1.5) or in
//! words from two upwards ("six months", "dos años"). "One" is left out: it is
//! an article as often as a count. The table's "Where" column names the cards
//! (by the built-in playbook of their quadrant, so a firm's own pack is held
//! to the same list) and the example records each figure may appear in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Number words and their values, in the languages the packs are written in.
const WORDS: &[(&str, &str)] = &[
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("hundred", "100"),
    ("thousand", "1000"),
    ("million", "1000000"),
    ("billion", "1000000000"),
    ("dos", "2"),
    ("tres", "3"),
    ("cuatro", "4"),
    ("cinco", "5"),
    ("seis", "6"),
    ("siete", "7"),
    ("ocho", "8"),
    ("nueve", "9"),
    ("diez", "10"),
    ("once", "11"),
    ("doce", "12"),
    ("veinte", "20"),
    ("treinta", "30"),
    ("cuarenta", "40"),
    ("cincuenta", "50"),
    ("cien", "100"),
    ("mil", "1000"),
    ("millón", "1000000"),
    ("millones", "1000000"),
];

/// Words that are numbers in one language and ordinary words in the other.
const ONLY_SPANISH: &[&str] = &["once"];

/// Words that scale the number before them ("$300 million", "6000 millones"):
/// that number is the figure, so they count only on their own.
const MULTIPLIERS: &[&str] = &[
    "hundred", "thousand", "million", "billion", "cien", "mil", "millón", "millones",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Language {
    English,
    Spanish,
    /// SOURCES.md, which quotes both.
    Both,
}

/// A number as written, and its value: "98%" is 98, "$6B" is 6, "1,5" is 1.5.
#[derive(Debug, Clone)]
struct Figure {
    written: String,
    value: String,
    at: usize,
}

/// The figures in `text`, in order.
fn figures(text: &str, language: Language) -> Vec<Figure> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            let mut value = String::new();
            while i < chars.len() {
                let c = chars[i].1;
                if c.is_ascii_digit() {
                    value.push(c);
                    i += 1;
                } else if (c == '.' || c == ',')
                    && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit())
                {
                    // Three digits after the mark, and no more, is a thousands
                    // separator (6,000 or 6.000); anything else is a decimal mark.
                    let digits = chars[i + 1..]
                        .iter()
                        .take_while(|(_, d)| d.is_ascii_digit())
                        .count();
                    if digits != 3 {
                        value.push('.');
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            let before = start.checked_sub(1).map(|j| chars[j].1);
            let after: String = chars[i..].iter().take(2).map(|(_, c)| *c).collect();
            let joined_to_a_name = before.is_some_and(|b| b.is_alphabetic());
            // "1. " or "2) " at the start of a line numbers a list.
            let line_start = chars[..start]
                .iter()
                .rev()
                .take_while(|(_, c)| *c != '\n')
                .all(|(_, c)| c.is_whitespace());
            let numbering = line_start && (after.starts_with(". ") || after.starts_with(") "));
            let grid =
                after.starts_with('x') && after[1..].starts_with(|d: char| d.is_ascii_digit());
            if grid {
                // "2x2", the name of the grid, not a figure.
                i += 2;
                while i < chars.len() && chars[i].1.is_ascii_digit() {
                    i += 1;
                }
                continue;
            }
            if !joined_to_a_name && !numbering {
                let end = chars.get(i).map_or(text.len(), |(at, _)| *at);
                found.push(Figure {
                    written: text[at..end].to_string(),
                    value,
                    at,
                });
            }
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].1.is_alphanumeric() {
                i += 1;
            }
            let end = chars.get(i).map_or(text.len(), |(at, _)| *at);
            let word = text[chars[start].0..end].to_lowercase();
            let counts = match language {
                Language::English => !ONLY_SPANISH.contains(&word.as_str()),
                Language::Spanish | Language::Both => true,
            };
            let scales_a_number = MULTIPLIERS.contains(&word.as_str())
                && found
                    .last()
                    .is_some_and(|f: &Figure| text[f.at + f.written.len()..at].trim().is_empty());
            if let Some((_, value)) = WORDS.iter().find(|(w, _)| *w == word)
                && counts
                && !scales_a_number
            {
                found.push(Figure {
                    written: text[at..end].to_string(),
                    value: value.to_string(),
                    at,
                });
            }
        } else {
            i += 1;
        }
    }
    found
}

/// The sentence of `text` around byte `at`.
fn sentence(text: &str, at: usize) -> String {
    let start = text[..at]
        .rfind(". ")
        .or_else(|| text[..at].rfind("; "))
        .map_or(0, |i| i + 2);
    let end = text[at..].find(". ").map_or(text.len(), |i| at + i + 1);
    text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A row of the table: where a figure may appear, and the values it allows.
#[derive(Debug)]
struct Row {
    line: usize,
    places: Vec<String>,
    values: BTreeSet<String>,
}

/// The rows of the figures table in SOURCES.md: `| Figure | Where | ... |`.
fn table() -> Vec<Row> {
    let text = std::fs::read_to_string(root().join("playbooks/SOURCES.md")).unwrap();
    let mut rows = Vec::new();
    let mut in_table = false;
    for (n, line) in text.lines().enumerate() {
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
        if line.trim_start().starts_with("| Figure") {
            in_table = true;
            continue;
        }
        if !line.trim_start().starts_with('|') {
            in_table = false;
            continue;
        }
        if !in_table
            || cells
                .iter()
                .all(|c| c.trim().chars().all(|c| "-: ".contains(c)))
        {
            continue;
        }
        assert!(
            cells.len() >= 3,
            "SOURCES.md:{}: a row needs a figure, where it appears and what it rests on",
            n + 1
        );
        let places = cells[1]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        let values = figures(cells[0], Language::Both)
            .into_iter()
            .map(|f| f.value)
            .collect();
        rows.push(Row {
            line: n + 1,
            places,
            values,
        });
    }
    assert!(!rows.is_empty(), "SOURCES.md has no figures table");
    rows
}

/// The built-in playbook id for a card's quadrant, as SOURCES.md names cards.
fn card_place(card: &serde_yaml::Value) -> String {
    let quadrant = &card["quadrant"];
    match (
        quadrant["horizon"].as_str().unwrap(),
        quadrant["knowledge"].as_str().unwrap(),
    ) {
        ("short", "facts") => "go-now",
        ("long", "facts") => "predictable",
        ("short", "assumptions") => "discovery",
        ("long", "assumptions") => "resilient",
        other => panic!("no quadrant {other:?}"),
    }
    .to_string()
}

/// Keys whose values are settings rather than sentences a reader takes as
/// claims: ids, aliases, the quadrant, and a record's dates and choices.
const SETTINGS: &[&str] = &[
    "id",
    "aliases",
    "quadrant",
    "horizon",
    "current_playbook",
    "reviewed",
    "review_every",
    "status",
    "evidence",
    "weight",
];

/// Every sentence-bearing string in a YAML document, with its key path.
fn texts(value: &serde_yaml::Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (key, value) in map {
                let key = key.as_str().unwrap_or_default();
                if !SETTINGS.contains(&key) {
                    let path = if at.is_empty() {
                        key.to_string()
                    } else {
                        format!("{at}.{key}")
                    };
                    texts(value, &path, out);
                }
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                texts(item, &format!("{at}[{i}]"), out);
            }
        }
        serde_yaml::Value::String(text) => out.push((at.to_string(), text.clone())),
        _ => {}
    }
}

/// A file whose figures must be listed: its path, its place in the table
/// and its language.
fn checked_files() -> Vec<(PathBuf, String, Language)> {
    let mut files = Vec::new();
    for (dir, language) in [
        ("playbooks/en", Language::English),
        ("playbooks/es", Language::Spanish),
        ("examples/packs/northwind", Language::English),
    ] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
            if doc.get("quadrant").is_some() {
                files.push((path, card_place(&doc), language));
            }
        }
    }
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let place = format!("examples/{}", path.file_name().unwrap().to_string_lossy());
            files.push((path, place, Language::English));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Figures in `text` that the table does not list for `place`.
fn unlisted(rows: &[Row], place: &str, text: &str, language: Language) -> Vec<(Figure, String)> {
    let allowed: BTreeSet<&String> = rows
        .iter()
        .filter(|r| r.places.iter().any(|p| p == place))
        .flat_map(|r| &r.values)
        .collect();
    figures(text, language)
        .into_iter()
        .filter(|f| !allowed.contains(&f.value))
        .map(|f| {
            let s = sentence(text, f.at);
            (f, s)
        })
        .collect()
}

#[test]
fn every_figure_in_a_card_or_an_example_is_listed_in_sources() {
    let rows = table();
    let mut problems = Vec::new();
    for (path, place, language) in checked_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let mut strings = Vec::new();
        texts(&doc, "", &mut strings);
        let shown = path.strip_prefix(root()).unwrap().display().to_string();
        for (key, string) in strings {
            for (figure, sentence) in unlisted(&rows, &place, &string, language) {
                problems.push(format!(
                    "{shown}: {key}: \"{}\" is not listed for `{place}` in playbooks/SOURCES.md: {sentence}",
                    figure.written
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "every figure in a card or an example needs a row in playbooks/SOURCES.md with the source it rests on:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_place_the_table_names_exists() {
    let known: BTreeSet<String> = checked_files()
        .into_iter()
        .map(|(_, place, _)| place)
        .chain(["README.md".to_string()])
        .collect();
    for row in table() {
        assert!(
            !row.places.is_empty(),
            "SOURCES.md:{}: say where the figure appears",
            row.line
        );
        for place in &row.places {
            assert!(
                known.contains(place),
                "SOURCES.md:{}: `{place}` is neither a card nor an example",
                row.line
            );
        }
    }
}

#[test]
fn every_row_still_appears_where_the_table_says() {
    let mut values_by_place: std::collections::BTreeMap<String, BTreeSet<String>> =
        Default::default();
    for (path, place, language) in checked_files() {
        let doc: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut strings = Vec::new();
        texts(&doc, "", &mut strings);
        let values = values_by_place.entry(place).or_default();
        for (_, string) in strings {
            values.extend(figures(&string, language).into_iter().map(|f| f.value));
        }
    }
    for row in table() {
        for place in row.places.iter().filter(|p| *p != "README.md") {
            let found = &values_by_place[place];
            assert!(
                row.values.iter().any(|v| found.contains(v)),
                "SOURCES.md:{}: `{place}` no longer states this figure; drop it from the row",
                row.line
            );
        }
    }
}

#[test]
fn an_unlisted_figure_is_caught_with_its_file_and_sentence() {
    let rows = table();
    let card = "The twin paid for itself. Waste fell by 45% in a quarter.";
    let found = unlisted(&rows, "go-now", card, Language::English);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0.written, "45");
    assert_eq!(found[0].1, "Waste fell by 45% in a quarter.");
    // Words count too, in the card's language, and a listed figure passes.
    let found = unlisted(
        &rows,
        "resilient",
        "Escriban siete futuros.",
        Language::Spanish,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(unlisted(&rows, "go-now", "Within 12 months.", Language::English).is_empty());
    // "Once" is English here, and the grid's name is not a figure.
    assert!(unlisted(&rows, "go-now", "Once, on the 2x2.", Language::English).is_empty());
}

#[test]
fn figures_are_read_as_written() {
    let values = |text: &str| -> Vec<String> {
        figures(text, Language::English)
            .into_iter()
            .map(|f| f.value)
            .collect()
    };
    assert_eq!(values("98% of 700"), ["98", "700"]);
    assert_eq!(values("$6B in 2024"), ["6", "2024"]);
    assert_eq!(values("1.5 or 1,5 years"), ["1.5", "1.5"]);
    assert_eq!(values("6,000 and 6.000"), ["6000", "6000"]);
    assert_eq!(values("two years, GPT4, a 2x2"), ["2"]);
    assert_eq!(values("a 90-day win"), ["90"]);
    assert_eq!(values("1. Test\n  2) the 3 riskiest"), ["3"]);
    assert_eq!(values("$300 million, a million more"), ["300", "1000000"]);
}
