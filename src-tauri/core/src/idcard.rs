//! 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
//! sequence (odd for men, even for women) and a MOD 11-2 check character (0-9 or X).

use crate::error::{CoreError, Result};
use crate::text::compact_ascii;
use chrono::{Datelike, NaiveDate};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber {
    /// Normalised: 18 characters, upper-case X.
    pub value: String,
    pub birth_date: NaiveDate,
    pub gender: Gender,
}

/// What the form shows as soon as a valid ID number is typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct IdInfo {
    pub id_number: String,
    pub birth_date: String,
    pub gender: String,
}

impl IdNumber {
    pub fn info(&self) -> IdInfo {
        IdInfo {
            id_number: self.value.clone(),
            birth_date: self.birth_date.format("%Y-%m-%d").to_string(),
            gender: self.gender.label().to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += c.to_digit(10)? * w;
    }
    Some(CHECK_CHARS[(sum % 11) as usize])
}

const FIELD: &str = "idNumber";

/// Normalises and validates an ID number; every failure says what to fix, in Chinese.
pub fn parse(input: &str) -> Result<IdNumber> {
    let value = compact_ascii(input).to_uppercase();
    if value.is_empty() {
        return Err(CoreError::validation(FIELD, "请填写身份证号。"));
    }
    if (value.contains('E') && value.contains('+')) || value.contains('.') {
        return Err(CoreError::validation(
            FIELD,
            "身份证号被当成数字保存，后几位已经丢失。请把该列设为“文本”格式后重新录入完整的 18 位号码。",
        ));
    }
    // A masked number (as a report with hidden ID numbers prints it) cannot be restored.
    if value.contains(['*', '＊', '×']) {
        return Err(CoreError::validation(
            FIELD,
            "身份证号中间几位被隐去了（带“*”号），无法还原。请填写完整的 18 位号码；从本程序导出的报表导入时，导出时要选“完整身份证号”。",
        ));
    }
    let len = value.chars().count();
    if len != 18 {
        return Err(CoreError::validation(
            FIELD,
            format!("身份证号应为 18 位，现在是 {len} 位，请核对。"),
        ));
    }
    // Split by characters: a Chinese character typed among the digits is several bytes.
    let first17: String = value.chars().take(17).collect();
    let first17 = first17.as_str();
    if !first17.chars().all(|c| c.is_ascii_digit()) {
        return Err(CoreError::validation(
            FIELD,
            "身份证号前 17 位只能是数字，请核对。",
        ));
    }
    let last = value.chars().nth(17).unwrap_or(' ');
    if !(last.is_ascii_digit() || last == 'X') {
        return Err(CoreError::validation(
            FIELD,
            "身份证号最后一位只能是数字或 X，请核对。",
        ));
    }
    let birth_date = NaiveDate::parse_from_str(&value[6..14], "%Y%m%d").map_err(|_| {
        CoreError::validation(
            FIELD,
            format!(
                "身份证号第 7–14 位的出生日期 {} 不是真实的日期，请核对。",
                &value[6..14]
            ),
        )
    })?;
    if birth_date.year() < 1900 {
        return Err(CoreError::validation(
            FIELD,
            "身份证号中的出生年份早于 1900 年，请核对。",
        ));
    }
    let expected = check_char(first17).unwrap_or('?');
    if expected != last {
        return Err(CoreError::validation(
            FIELD,
            "身份证号校验位不正确（可能有一位录错），请逐位核对。",
        ));
    }
    let seq = value[16..17].parse::<u32>().unwrap_or(0);
    let gender = if seq % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    Ok(IdNumber {
        value,
        birth_date,
        gender,
    })
}

/// [`parse`], plus the check that the person is already born on `today`: what the form's
/// live check and the saved record both apply.
pub fn parse_born_by(input: &str, today: NaiveDate) -> Result<IdNumber> {
    let id = parse(input)?;
    if id.birth_date > today {
        return Err(CoreError::validation(
            FIELD,
            "身份证号中的出生日期晚于今天，请核对。",
        ));
    }
    Ok(id)
}

/// Keeps the first 6 and last 4 characters: 110105********002X.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..6].iter().collect();
    out.push_str(&"*".repeat(chars.len() - 10));
    out.extend(&chars[chars.len() - 4..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(input: &str) -> String {
        match parse(input) {
            Err(CoreError::Validation { field, message }) => {
                assert_eq!(field, "idNumber");
                message
            }
            other => panic!("expected a validation error for {input}, got {other:?}"),
        }
    }

    #[test]
    fn standard_example_is_valid() {
        let id = parse("11010519491231002X").expect("valid");
        assert_eq!(id.value, "11010519491231002X");
        assert_eq!(
            id.birth_date,
            NaiveDate::from_ymd_opt(1949, 12, 31).expect("date")
        );
        assert_eq!(id.gender, Gender::Female);
    }

    #[test]
    fn lowercase_x_spaces_and_full_width_are_normalised() {
        assert_eq!(
            parse("11010519491231002x").expect("ok").value,
            "11010519491231002X"
        );
        assert_eq!(
            parse(" １１０１０５ 19491231 002ｘ ").expect("ok").value,
            "11010519491231002X"
        );
    }

    #[test]
    fn male_from_odd_sequence() {
        let first17 = "11010519800101001";
        let id = format!("{first17}{}", check_char(first17).expect("digits"));
        assert_eq!(parse(&id).expect("ok").gender, Gender::Male);
    }

    #[test]
    fn wrong_check_character() {
        assert!(msg("110105194912310021").contains("校验位"));
    }

    #[test]
    fn impossible_dates() {
        // 1949-02-30 and 2023-13-01 with correct check characters, so only the date is wrong.
        for body in ["11010519490230002", "11010520231301002"] {
            let id = format!("{body}{}", check_char(body).expect("digits"));
            assert!(msg(&id).contains("不是真实的日期"), "{id}");
        }
    }

    #[test]
    fn wrong_lengths() {
        assert!(msg("1101051949123100").contains("现在是 16 位"));
        assert!(msg("11010519491231002X1").contains("现在是 19 位"));
        assert!(msg("").contains("请填写"));
    }

    #[test]
    fn digits_only_in_body() {
        assert!(msg("1101051949123100AX").contains("前 17 位"));
    }

    /// Found by the import's property tests: 18 characters with a Chinese one among the
    /// first 17 (an input method left on) panicked splitting the text at byte 17.
    #[test]
    fn a_chinese_character_among_the_digits_is_an_error_not_a_panic() {
        assert!(msg("1101051949123100中X").contains("前 17 位"));
        assert!(msg("0x号个0xEX０xE'月号号年X０").contains("前 17 位"));
        assert!(msg("11010519491231002中").contains("最后一位"));
    }

    #[test]
    fn scientific_notation_from_excel() {
        assert!(msg("1.10105194912310E+17").contains("文本"));
    }

    #[test]
    fn a_masked_number_says_it_cannot_be_restored() {
        for masked in [
            mask("11010519491231002X"),
            "110105＊＊＊＊＊＊＊＊002X".into(),
        ] {
            let m = msg(&masked);
            assert!(
                m.contains("被隐去") && m.contains("完整身份证号"),
                "{masked}: {m}"
            );
        }
    }

    #[test]
    fn masking() {
        assert_eq!(mask("11010519491231002X"), "110105********002X");
    }
}
