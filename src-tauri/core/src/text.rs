//! Normalising what a clerk or a spreadsheet typed, before any rule looks at it.

/// Full-width ASCII (０-９, Ａ-Ｚ, ｘ …) to half-width, and every kind of space removed
/// (ordinary, ideographic U+3000, non-breaking U+00A0, zero-width). Used for ID and phone
/// numbers, where no space is ever meaningful.
pub fn compact_ascii(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| {
            if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00A0}') {
                return None;
            }
            let code = c as u32;
            if (0xFF01..=0xFF5E).contains(&code) {
                char::from_u32(code - 0xFEE0)
            } else {
                Some(c)
            }
        })
        .collect()
}

/// Trims a free-text field; returns None when nothing is left.
pub fn clean_optional(input: Option<&str>) -> Option<String> {
    let t = input?.trim().trim_matches('\u{3000}').trim();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// How many characters of a long value a message shows.
pub const EXCERPT_CHARS: usize = 40;

/// A value as a message quotes it: whole when it is short, else its first [`EXCERPT_CHARS`]
/// characters and how long it is — “张三张三…（共 10000 字）” — so a cell of 10,000
/// characters does not fill the message. Counted in characters, never bytes.
pub fn excerpt(value: &str) -> std::borrow::Cow<'_, str> {
    match value.char_indices().nth(EXCERPT_CHARS) {
        None => std::borrow::Cow::Borrowed(value),
        Some((cut, _)) => std::borrow::Cow::Owned(format!(
            "{}…（共 {} 字）",
            &value[..cut],
            value.chars().count()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_in_characters() {
        assert_eq!(excerpt("张三"), "张三");
        let forty = "社".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(&forty), forty, "exactly the limit is kept whole");
        let long = "社区".repeat(5_000);
        let cut = excerpt(&long);
        assert_eq!(
            cut,
            format!("{}…（共 10000 字）", "社区".repeat(EXCERPT_CHARS / 2))
        );
        // Cut between characters of several bytes, never inside one.
        let mixed = format!("a{}", "身".repeat(100));
        assert!(excerpt(&mixed).starts_with(&format!("a{}…", "身".repeat(39))));
        assert!(excerpt(&mixed).ends_with("（共 101 字）"));
        let emoji = "😀".repeat(41);
        assert_eq!(excerpt(&emoji), format!("{}…（共 41 字）", "😀".repeat(40)));
        assert_eq!(excerpt(""), "");
    }

    #[test]
    fn full_width_and_spaces() {
        assert_eq!(
            compact_ascii("１１０ １０５\u{3000}1949\u{00A0}1231002ｘ"),
            "1101051949 1231002x".replace(' ', "")
        );
    }

    #[test]
    fn optional_text() {
        assert_eq!(clean_optional(Some("  \u{3000} ")), None);
        assert_eq!(clean_optional(Some(" 网格员 ")), Some("网格员".into()));
        assert_eq!(clean_optional(None), None);
    }
}
