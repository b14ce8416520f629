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

#[cfg(test)]
mod tests {
    use super::*;

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
