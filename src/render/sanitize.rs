//! Making text that came from users or packs safe for the place it lands:
//! one function per destination (a terminal, a GitHub workflow command,
//! Markdown, a Mermaid label, HTML and XML). Nothing a user types may change
//! what the reader sees outside that text.

/// Characters that reorder text invisibly (bidirectional controls).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: control characters, bidirectional
/// controls, zero-width spaces and joiners, the byte-order mark, fillers,
/// invisible operators, tags, line and paragraph separators, and the two
/// noncharacters XML refuses. Two names that differ only by these look the
/// same on screen.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{FFFE}'
                | '\u{FFFF}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// One line of plain text: control characters and bidirectional overrides
/// removed, line breaks and tabs turned into spaces. Safe on a terminal.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}') {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !c.is_control() && !is_bidi_control(c) && !matches!(c, '\u{FFFE}' | '\u{FFFF}') {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// One line for the terminal in a message (an error, a status line): every
/// invisible character shown as an escape, `\n` or `\u{200b}`, so a line
/// break cannot forge a second line, an escape sequence cannot act on the
/// terminal, and two names that look alike show how they differ.
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_invisible(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The message of a GitHub Actions workflow command (`::error …::MESSAGE`):
/// line breaks escaped the way GitHub reads them back, other control
/// characters and bidirectional controls removed, so the text stays one
/// command and nothing in it can start another.
pub fn github_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A property of a workflow command (`file=…`): the message's escapes,
/// and the two characters that end a property.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Inline Markdown: plain text with Markdown's punctuation escaped, so it is
/// read as text, not as links, emphasis, HTML or table cells. Web and e-mail
/// addresses stay text too: GitHub turns `www.`, `https://` and `a@b.c` into
/// links by itself, so the dot, the colon and the at sign are kept apart
/// from what follows them (an escape, and for `@` an empty HTML comment,
/// since GitHub finds e-mail addresses even across escapes).
pub fn markdown(text: &str) -> String {
    let plain = plain(text);
    let mut out = String::with_capacity(plain.len() + 8);
    for (i, c) in plain.char_indices() {
        let rest = &plain[i + c.len_utf8()..];
        let www = c == '.'
            && out
                .get(out.len().saturating_sub(3)..)
                .is_some_and(|end| end.eq_ignore_ascii_case("www"));
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&'
        ) || www
            || (c == ':' && rest.starts_with("//"))
        {
            out.push('\\');
        }
        out.push(c);
        if c == '@' {
            out.push_str("<!-- -->");
        }
    }
    out
}

/// A quoted Mermaid label. Mermaid strings have no escapes, so double quotes
/// become single quotes, angle brackets become guillemets, and anything else
/// that could end the label goes. Mermaid reads `%%{…}%%` directives
/// anywhere in a chart, so no two percent signs stay together.
pub fn mermaid_label(text: &str) -> String {
    let mut cleaned = String::new();
    for c in plain(text).chars() {
        let c = match c {
            '"' => '\'',
            // Mermaid may render labels as HTML: no markup gets through.
            '<' => '‹',
            '>' => '›',
            '`' | '\\' => continue,
            c => c,
        };
        if c == '%' && cleaned.ends_with('%') {
            cleaned.push(' ');
        }
        cleaned.push(c);
    }
    format!("\"{cleaned}\"")
}

/// Text for XML and HTML (SVG labels, attributes): plain text with the five
/// markup characters escaped, and only characters XML allows.
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
    fn terminal_shows_what_is_invisible() {
        assert_eq!(
            terminal("go-now\u{200b}\nOK: \u{1b}]0;title\u{7}\u{202e}x"),
            "go-now\\u{200b}\\nOK: \\u{1b}]0;title\\u{7}\\u{202e}x"
        );
        assert_eq!(terminal("Zoë Ana"), "Zoë Ana");
    }

    #[test]
    fn github_data_keeps_one_command() {
        assert_eq!(
            github_data("50%\n::error::x\r\u{1b}[2J\u{202e}"),
            "50%25%0A::error::x%0D[2J"
        );
        assert_eq!(github_property("a,b:c.yaml"), "a%2Cb%3Ac.yaml");
    }

    #[test]
    fn markdown_leaves_addresses_as_text() {
        assert_eq!(
            markdown("see www.x.com, WWW.y.org or https://z.io/a; ana@z.io"),
            "see www\\.x.com, WWW\\.y.org or https\\://z.io/a; ana@<!-- -->z.io"
        );
    }

    #[test]
    fn mermaid_labels_hold_no_directive() {
        assert_eq!(
            mermaid_label("%%{init: {'theme':'dark'}}%% 100%"),
            "\"% %{init: {'theme':'dark'}}% % 100%\""
        );
    }

    #[test]
    fn xml_drops_characters_xml_does_not_allow() {
        assert_eq!(xml("a\u{fffe}b\u{ffff}c\u{1}"), "abc");
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
