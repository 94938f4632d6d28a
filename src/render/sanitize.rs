//! Making text that came from users or packs safe for the format it lands in.
//! Nothing a user types may change what the reader sees outside that text.

/// Characters that reorder text invisibly (bidirectional controls).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of plain text: control characters and bidirectional overrides
/// removed, line breaks and tabs turned into spaces. Safe on a terminal.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !c.is_control() && !is_bidi_control(c) {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Inline Markdown: plain text with Markdown's punctuation escaped, so it is
/// read as text, not as links, emphasis, HTML or table cells.
pub fn markdown(text: &str) -> String {
    let plain = plain(text);
    let mut out = String::with_capacity(plain.len() + 8);
    for c in plain.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A quoted Mermaid label. Mermaid strings have no escapes, so double quotes
/// become single quotes, angle brackets become guillemets, and anything else
/// that could end the label goes.
pub fn mermaid_label(text: &str) -> String {
    let cleaned: String = plain(text)
        .chars()
        .map(|c| match c {
            '"' => '\'',
            // Mermaid may render labels as HTML: no markup gets through.
            '<' => '‹',
            '>' => '›',
            c => c,
        })
        .filter(|c| !matches!(c, '`' | '\\'))
        .collect();
    format!("\"{cleaned}\"")
}

/// Text for XML and HTML (SVG labels, attributes): plain text with the five
/// markup characters escaped.
pub fn xml(text: &str) -> String {
    let plain = plain(text);
    let mut out = String::with_capacity(plain.len() + 8);
    for c in plain.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strips_escapes_and_overrides() {
        assert_eq!(plain("a\u{1b}[31mred\u{1b}[0m\nb"), "a[31mred[0m b");
        assert_eq!(plain("abc\u{202E}def"), "abcdef");
        assert_eq!(plain("tab\there"), "tab here");
    }

    #[test]
    fn markdown_escapes_table_and_html_syntax() {
        assert_eq!(markdown("a|b <script>"), "a\\|b \\<script\\>");
        assert_eq!(markdown("x\ny"), "x y");
    }

    #[test]
    fn xml_escapes_markup_and_strips_controls() {
        assert_eq!(
            xml("<a href=\"x\">&'\u{1b}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn mermaid_labels_stay_one_quoted_string() {
        assert_eq!(
            mermaid_label("say \"hi\"\n: [0.1, 0.2]"),
            "\"say 'hi' : [0.1, 0.2]\""
        );
    }
}
