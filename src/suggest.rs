//! "Did you mean …?": the known word nearest to what a person typed.

/// The candidate nearest to `typed`, if one is close enough to be what was
/// meant: the same but for case, spaces and dashes, a plural, or two
/// letters off (one for words of three or four letters, none for shorter).
pub fn nearest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = fold(typed);
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let known = fold(candidate);
        let distance = if known == wanted
            || wanted.strip_suffix('s') == Some(known.as_str())
            || known.strip_suffix('s') == Some(wanted.as_str())
        {
            0
        } else {
            edits(&wanted, &known)
        };
        let allowed = match known.chars().count() {
            0..=2 => 0,
            3..=4 => 1,
            _ => 2,
        };
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Whether two names are the same to a person: case, surrounding space and
/// the difference between a space, a dash and an underscore do not count.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        // The common case, without making new strings.
        let dash = |c: u8| match c {
            b' ' | b'_' => b'-',
            c => c.to_ascii_lowercase(),
        };
        return a.len() == b.len() && a.bytes().map(dash).eq(b.bytes().map(dash));
    }
    fold(a) == fold(b)
}

/// Whether two words are the same in any case.
pub fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// Lower case, with spaces and underscores read as dashes.
fn fold(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '_' { '-' } else { c })
        .collect()
}

/// How many single-letter insertions, deletions, substitutions or swaps of
/// two neighbouring letters turn `a` into `b` (optimal string alignment).
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [&str; 3] = ["vendor", "pilot", "measured"];

    #[test]
    fn near_words_are_suggested() {
        assert_eq!(nearest("Vendors", KINDS), Some("vendor"));
        assert_eq!(nearest("pilots", KINDS), Some("pilot"));
        assert_eq!(nearest("mesured", KINDS), Some("measured"));
        assert_eq!(nearest("go now", ["go-now", "discovery"]), Some("go-now"));
        assert_eq!(
            nearest("discovry", ["go-now", "discovery"]),
            Some("discovery")
        );
        assert_eq!(nearest("nmae", ["name", "items"]), Some("name"));
    }

    #[test]
    fn far_words_are_not() {
        assert_eq!(nearest("internal", KINDS), None);
        assert_eq!(nearest("", KINDS), None);
        assert_eq!(nearest("c9", ["c1"]), None);
        assert_eq!(nearest("C1", ["c1"]), Some("c1"));
    }

    #[test]
    fn sameness_ignores_case_space_and_dashes() {
        assert!(same(" Go-Now ", "go now"));
        assert!(same("go_now", "GO NOW"));
        assert!(!same("go-now", "gonow"));
        assert!(!same("go-now", "go-no"));
        assert!(same("Planificación Predecible", "planificación-predecible"));
        assert!(same("AÑOS", "años") && same_word("AÑOS", "años"));
        assert!(!same_word("año", "ano"));
    }
}
