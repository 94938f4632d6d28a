//! How much room text takes in a chart (SVG or Mermaid). The widths are those of DejaVu
//! Sans, the widest of the sans-serif faces a chart falls back to (Segoe UI,
//! Roboto, Helvetica and Arial are all narrower), so text measured here
//! fits wherever it is drawn.

use unicode_width::UnicodeWidthChar;

/// Advance widths of ASCII 32..=126 in hundredths of the font size.
const REGULAR: [u8; 95] = [
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75,
    79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35,
    63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];

/// The same for bold (and semibold, which falls back to bold).
const BOLD: [u8; 95] = [
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100,
    84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72,
    68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71,
    37, 71, 84,
];

/// How far above its baseline a line of text reaches, and how far below,
/// as shares of the font size.
pub const ASCENT: f64 = 0.93;
pub const DESCENT: f64 = 0.24;

/// The ellipsis that ends cut text.
const ELLIPSIS: char = '…';

/// A face of the chart's font: its size, and whether it is bold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
}

impl Font {
    pub const fn regular(size: f64) -> Font {
        Font { size, bold: false }
    }

    pub const fn bold(size: f64) -> Font {
        Font { size, bold: true }
    }

    /// How wide `text` is drawn, with a little to spare.
    pub fn width(self, text: &str) -> f64 {
        let units: u32 = text.chars().map(|c| self.advance(c)).sum();
        f64::from(units) / 100.0 * self.size * 1.02
    }

    /// The distance between baselines of wrapped lines.
    pub fn line_height(self) -> f64 {
        self.size * 1.22
    }

    fn advance(self, c: char) -> u32 {
        let table = if self.bold { &BOLD } else { &REGULAR };
        let ascii = |c: char| u32::from(table[c as usize - 32]);
        match c {
            ' '..='~' => ascii(c),
            // Latin-1 capitals and small letters, as wide as O and o
            // (the multiplication and division signs are a little wider).
            '\u{152}' | '\u{153}' | '\u{e6}' | '\u{c6}' => 110,
            '\u{c0}'..='\u{de}' => ascii('O').max(84),
            '\u{df}'..='\u{ff}' => ascii('o').max(if c == '\u{f7}' { 84 } else { 0 }),
            '\u{a1}' | '\u{bf}' => ascii('?'),
            '\u{2018}' | '\u{2019}' | '\u{201a}' => ascii('\'') + 8,
            '\u{201c}' | '\u{201d}' | '\u{201e}' => ascii('"') + 16,
            '\u{2013}' => 50,
            '\u{2014}' | ELLIPSIS => 100,
            c => match c.width() {
                Some(0) => 0,
                Some(2) => 100,
                // Anything else: as wide as a wide letter, to be safe.
                _ => 90,
            },
        }
    }

    /// `text` cut to fit `room`, ending with an ellipsis; `None` when not
    /// even three characters and the ellipsis fit.
    pub fn cut(self, text: &str, room: f64) -> Option<String> {
        if self.width(text) <= room {
            return Some(text.to_string());
        }
        let mut kept = String::new();
        let mut used = self.width(&ELLIPSIS.to_string());
        for c in text.chars() {
            let wider = self.width(&c.to_string());
            if used + wider > room {
                break;
            }
            used += wider;
            kept.push(c);
        }
        let kept = kept.trim_end();
        (kept.chars().count() >= 3).then(|| format!("{kept}{ELLIPSIS}"))
    }

    /// `text` in lines no wider than `room`, broken between words; a word
    /// wider than `room` stays whole on its own line.
    pub fn wrap(self, text: &str, room: f64) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let longer = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || self.width(&longer) <= room {
                line = longer;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The widest of `lines`.
    pub fn widest(self, lines: &[String]) -> f64 {
        lines.iter().map(|l| self.width(l)).fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_add_up_per_character() {
        let font = Font::regular(100.0);
        assert!((font.width("ii") - 2.0 * 28.0 * 1.02).abs() < 1e-9);
        assert!(Font::bold(100.0).width("M") > font.width("M"));
    }

    #[test]
    fn cut_text_ends_with_an_ellipsis_and_fits() {
        let font = Font::bold(20.0);
        let cut = font.cut("Planificación por descubrimiento", 150.0).unwrap();
        assert!(cut.ends_with('…'), "{cut}");
        assert!(font.width(&cut) <= 150.0);
        assert_eq!(font.cut("Ana", 150.0).as_deref(), Some("Ana"));
        assert_eq!(font.cut("Planificación", 20.0), None);
    }

    #[test]
    fn wrapping_breaks_between_words() {
        let font = Font::bold(28.0);
        let lines = font.wrap("Planificación por descubrimiento", 330.0);
        assert_eq!(lines, ["Planificación por", "descubrimiento"]);
    }
}
