//! Pinyin initials of a name, the search key that lets a clerk find 张三 by typing "zs".

use pinyin::ToPinyin;

/// Surnames whose surname reading differs from the character's common reading.
const SURNAME_READINGS: &[(char, char)] = &[
    ('曾', 'z'),
    ('单', 's'),
    ('解', 'x'),
    ('仇', 'q'),
    ('朴', 'p'),
    ('查', 'z'),
    ('区', 'o'),
    ('盖', 'g'),
    ('乐', 'y'),
    ('覃', 'q'),
    ('翟', 'z'),
    ('尉', 'y'),
    ('缪', 'm'),
    ('召', 's'),
    ('种', 'c'),
    ('秘', 'b'),
    ('冼', 'x'),
    ('长', 'c'),
    ('重', 'c'),
];

/// Lower-case initials: "张三" -> "zs"; letters and digits in the name are kept as they are.
pub fn initials(name: &str) -> String {
    letters(name, true)
}

/// Initials of a place or other non-personal name ("光明社区" -> "gmsq"): every character
/// in its common reading (no surname readings: 长安 is "ca", not a surname's "c").
pub fn place_initials(name: &str) -> String {
    letters(name, false)
}

fn letters(name: &str, surname_first: bool) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i == 0 && surname_first {
            if let Some((_, letter)) = SURNAME_READINGS.iter().find(|(s, _)| *s == c) {
                out.push(*letter);
                continue;
            }
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(p) = c.to_pinyin() {
            out.push_str(p.first_letter());
        }
    }
    out
}

/// The name in full pinyin without tones ("和平社区" -> "hepingshequ"), for sorting Chinese
/// names as a clerk expects (东风, 光明, 和平, 友谊) rather than by code point.
pub fn pinyin_key(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(p) = c.to_pinyin() {
            out.push_str(p.plain());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn common_names() {
        assert_eq!(initials("张三"), "zs");
        assert_eq!(initials("欧阳娜娜"), "oynn");
        assert_eq!(initials("买买提·艾力"), "mmtal");
    }

    #[test]
    fn surname_readings() {
        assert_eq!(initials("曾国藩"), "zgf");
        assert_eq!(initials("单田芳"), "stf");
    }

    #[test]
    fn communities_sort_by_code_then_pinyin_not_code_point() {
        let mut names = [
            (None, "友谊社区"),
            (None, "和平社区"),
            (None, "东风社区"),
            (Some("10"), "光明社区"),
            (None, "光明路社区"),
            (Some("2"), "幸福社区"),
        ];
        names.sort_by_cached_key(|(code, name)| crate::communities::order_key(*code, name));
        let sorted: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
        assert_eq!(
            sorted,
            [
                "幸福社区",
                "光明社区",
                "东风社区",
                "光明路社区",
                "和平社区",
                "友谊社区"
            ]
        );
        assert_eq!(super::pinyin_key("和平社区"), "hepingshequ");
    }
}
