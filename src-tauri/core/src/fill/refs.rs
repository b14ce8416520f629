//! Moving A1 references when rows are put into a sheet, as Excel does when rows are inserted:
//! a reference at or below the insertion row moves down; a range that ends on the last row
//! of the form's data area (a totals row's SUM(C5:C24) over the blank rows) grows to take
//! in the new rows. References to other sheets are left alone.

/// Rows put in at 1-based row `at`, `count` of them; ranges that end just above `at` and
/// take in the data area (from 1-based row `data_first`) grow with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Insertion {
    pub at: u32,
    pub count: u32,
    pub data_first: u32,
}

impl Insertion {
    pub fn row(&self, r: u32) -> u32 {
        if r >= self.at {
            r + self.count
        } else {
            r
        }
    }

    /// A range's rows; `grow` lets a range over the data area take in the new rows.
    pub fn range(&self, r1: u32, r2: u32, grow: bool) -> (u32, u32) {
        let (lo, hi) = (r1.min(r2), r1.max(r2));
        // A range over several rows that ends on the last row of the data area (a table, a
        // filter or a total over the blank rows, header included or not) grows.
        let hi2 = if grow && lo < hi && hi + 1 == self.at && hi >= self.data_first {
            hi + self.count
        } else {
            self.row(hi)
        };
        (self.row(lo), hi2)
    }
}

/// Where a 0-based row of the form lands in the copy, with rows put in or not.
pub(crate) fn moved(ins: Option<Insertion>, row: u32) -> u32 {
    ins.map_or(row, |i| i.row(row + 1) - 1)
}

/// Column letters to a 1-based column number.
pub(crate) fn col_number(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n = 0u32;
    for c in letters.chars() {
        if !c.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + (c as u32 - 'A' as u32 + 1);
    }
    (n <= 16_384).then_some(n)
}

/// A cell reference (B25) as 0-based (row, col).
pub(crate) fn parse_cell(r: &str) -> Option<(u32, u32)> {
    let r = r.replace('$', "");
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let col = col_number(&letters.to_ascii_uppercase())?;
    let row: u32 = digits.parse().ok()?;
    (row >= 1).then_some((row - 1, col - 1))
}

/// A 0-based (row, col) as a cell reference.
pub(crate) fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", crate::import::column_letter(col), row + 1)
}

/// A reference or range attribute (A1, A1:H3, "A1:B2 D4") moved for the insertion.
pub(crate) fn shift_sqref(sqref: &str, ins: &Insertion, grow: bool) -> String {
    sqref
        .split(' ')
        .map(|part| shift_formula(part, ins, true, None, grow))
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// One reference as parsed: `$`-marks kept, the row as a number.
struct Part {
    col: String,
    row_abs: bool,
    row: u32,
}

/// Parses `$A$1` / `A1` / `$1` (row only when `row_only`) at the start of `s`; returns the
/// part and the bytes used.
fn part_at(s: &str, row_only: bool) -> Option<(Part, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut col = String::new();
    if !row_only {
        if b.get(i) == Some(&b'$') {
            col.push('$');
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_uppercase() && i - start < 3 {
            i += 1;
        }
        if i == start {
            return None;
        }
        col.push_str(&s[start..i]);
    }
    let row_abs = b.get(i) == Some(&b'$');
    if row_abs {
        i += 1;
    }
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == start || i - start > 7 {
        return None;
    }
    let row: u32 = s[start..i].parse().ok()?;
    if row == 0 {
        return None;
    }
    Some((Part { col, row_abs, row }, i))
}

fn write_part(out: &mut String, p: &Part, row: u32) {
    out.push_str(&p.col);
    if p.row_abs {
        out.push('$');
    }
    out.push_str(&row.to_string());
}

/// Moves the references of a formula (without its leading =). `unqualified`: whether a
/// reference without a sheet name means this sheet (true in the sheet's own formulas, false
/// in other sheets' and in defined names); `sheet`: this sheet's name, so that
/// '表1'!C5 is moved from anywhere.
pub(crate) fn shift_formula(
    f: &str,
    ins: &Insertion,
    unqualified: bool,
    sheet: Option<&str>,
    grow: bool,
) -> String {
    let mut out = String::with_capacity(f.len() + 8);
    let chars: Vec<(usize, char)> = f.char_indices().collect();
    let mut k = 0;
    // Whether the text just copied was a sheet name followed by `!`, and which.
    let mut qualifier: Option<String> = None;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if c == '"' {
            // A string literal, "" inside it is a quote.
            out.push(c);
            k += 1;
            while k < chars.len() {
                out.push(chars[k].1);
                if chars[k].1 == '"' {
                    if chars.get(k + 1).map(|x| x.1) == Some('"') {
                        out.push('"');
                        k += 2;
                        continue;
                    }
                    k += 1;
                    break;
                }
                k += 1;
            }
            qualifier = None;
            continue;
        }
        if c == '\'' {
            // A quoted sheet name: '表 1'!A1 ('' is a quote).
            let mut name = String::new();
            out.push(c);
            k += 1;
            while k < chars.len() {
                let ch = chars[k].1;
                out.push(ch);
                k += 1;
                if ch == '\'' {
                    if chars.get(k).map(|x| x.1) == Some('\'') {
                        out.push('\'');
                        name.push('\'');
                        k += 1;
                        continue;
                    }
                    break;
                }
                name.push(ch);
            }
            if chars.get(k).map(|x| x.1) == Some('!') {
                out.push('!');
                k += 1;
                qualifier = Some(name);
            }
            continue;
        }
        let prev = if pos == 0 {
            None
        } else {
            f[..pos].chars().next_back()
        };
        let starts_token = prev.is_none_or(|p| !is_name_char(p) && p != '$')
            || (prev == Some('!') && qualifier.is_some());
        if starts_token && (c == '$' || is_name_char(c)) {
            let rest = &f[pos..];
            // A bare name followed by `!` is a sheet name.
            let word_end = rest
                .char_indices()
                .find(|(_, ch)| !is_name_char(*ch))
                .map_or(rest.len(), |(i, _)| i);
            if rest[word_end..].starts_with('!') && !rest[..word_end].is_empty() {
                out.push_str(&rest[..=word_end]);
                qualifier = Some(rest[..word_end].to_string());
                k += rest[..=word_end].chars().count();
                continue;
            }
            if !(c == '$' || c.is_ascii_uppercase() || c.is_ascii_digit()) {
                qualifier = None;
                out.push_str(&rest[..word_end.max(c.len_utf8())]);
                k += rest[..word_end.max(c.len_utf8())].chars().count();
                continue;
            }
            let ours = match &qualifier {
                Some(q) => sheet.is_some_and(|s| s.eq_ignore_ascii_case(q)),
                None => unqualified,
            };
            qualifier = None;
            if let Some(used) = reference(rest, ins, grow, ours, &mut out) {
                k += rest[..used].chars().count();
                continue;
            }
        } else if c != '!' {
            qualifier = None;
        }
        out.push(c);
        k += 1;
    }
    out
}

/// A cell, range or row range at the start of `rest`: writes it (moved when `ours`) and
/// returns the bytes it took; None when `rest` does not start with one (a function name
/// such as LOG10( or a number).
fn reference(
    rest: &str,
    ins: &Insertion,
    grow: bool,
    ours: bool,
    out: &mut String,
) -> Option<usize> {
    let ends_ok = |s: &str| {
        s.chars()
            .next()
            .is_none_or(|ch| !is_name_char(ch) && ch != '(' && ch != '$')
    };
    let (a, used_a) = part_at(rest, false).or_else(|| part_at(rest, true))?;
    let row_only = a.col.is_empty();
    let after = &rest[used_a..];
    if let Some(tail) = after.strip_prefix(':') {
        if let Some((b, used_b)) = part_at(tail, row_only) {
            let end = used_a + 1 + used_b;
            if (row_only == b.col.is_empty()) && ends_ok(&rest[end..]) {
                let (r1, r2) = if ours {
                    let (lo, hi) = ins.range(a.row, b.row, grow);
                    if a.row <= b.row {
                        (lo, hi)
                    } else {
                        (hi, lo)
                    }
                } else {
                    (a.row, b.row)
                };
                write_part(out, &a, r1);
                out.push(':');
                write_part(out, &b, r2);
                return Some(end);
            }
        }
    }
    if row_only || !ends_ok(after) {
        return None;
    }
    write_part(out, &a, if ours { ins.row(a.row) } else { a.row });
    Some(used_a)
}

/// The 1-based rows (first, last) of each cell range in a formula (A1:B5, $C$5:$C$24).
pub(crate) fn row_ranges(f: &str) -> Vec<(u32, u32)> {
    // Shifting by nothing walks the formula as `shift_formula` does; record what it reads.
    let mut out = Vec::new();
    let chars: Vec<char> = f.chars().collect();
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            in_string = !in_string;
            i += 1;
            continue;
        }
        let starts = i == 0 || !is_name_char(chars[i - 1]) && chars[i - 1] != '$';
        if !in_string && starts && (c == '$' || c.is_ascii_uppercase()) {
            let rest: String = chars[i..].iter().collect();
            if let Some((a, used)) = part_at(&rest, false) {
                if let Some((b, used_b)) = rest[used..]
                    .strip_prefix(':')
                    .and_then(|t| part_at(t, false))
                {
                    out.push((a.row.min(b.row), a.row.max(b.row)));
                    i += rest[..used + 1 + used_b].chars().count();
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const INS: Insertion = Insertion {
        at: 25,
        count: 10,
        data_first: 5,
    };

    fn shift(f: &str) -> String {
        shift_formula(f, &INS, true, Some("表1"), true)
    }

    #[test]
    fn references_below_move_and_the_data_range_grows() {
        assert_eq!(shift("SUM(C5:C24)"), "SUM(C5:C34)");
        assert_eq!(shift("SUM($C$5:$C$24)"), "SUM($C$5:$C$34)");
        assert_eq!(shift("C25+D30"), "C35+D40");
        assert_eq!(shift("A1+B4"), "A1+B4");
        assert_eq!(shift("SUM(C3:C30)"), "SUM(C3:C40)");
        // A range above the data area (the header) stays.
        assert_eq!(shift("COUNTA(A2:A4)"), "COUNTA(A2:A4)");
        assert_eq!(shift("SUM(25:26)"), "SUM(35:36)");
    }

    #[test]
    fn names_strings_and_other_sheets_are_left_alone() {
        assert_eq!(shift("LOG10(C30)"), "LOG10(C40)");
        assert_eq!(shift("\"C30\"&C30"), "\"C30\"&C40");
        assert_eq!(shift("Sheet2!C30+C30"), "Sheet2!C30+C40");
        assert_eq!(shift("'表1'!C30+'其他 表'!C30"), "'表1'!C40+'其他 表'!C30");
        assert_eq!(shift("表1!C30"), "表1!C40");
        assert_eq!(shift("其他!C30+C30"), "其他!C30+C40");
        assert_eq!(shift("Q1_TOTAL+ROW()"), "Q1_TOTAL+ROW()");
        assert_eq!(shift("1.5E3*2"), "1.5E3*2");
    }

    #[test]
    fn defined_names_move_only_references_to_this_sheet() {
        let f = "'表1'!$A$1:$H$30,Sheet2!$A$1:$H$30";
        assert_eq!(
            shift_formula(f, &INS, false, Some("表1"), true),
            "'表1'!$A$1:$H$40,Sheet2!$A$1:$H$30"
        );
        assert_eq!(shift_formula("A30", &INS, false, Some("表1"), true), "A30");
    }

    #[test]
    fn ranges_are_found_in_formulas() {
        assert_eq!(
            row_ranges("SUM(C5:C24)+COUNTIF($B$5:$B$30,\"A1:A9\")"),
            [(5, 24), (5, 30)]
        );
        assert_eq!(row_ranges("SUM(C5:E5)"), [(5, 5)]);
        assert_eq!(row_ranges("ROW()-4"), []);
        // A one-row range does not grow.
        assert_eq!(shift("MAX(C24:F24)"), "MAX(C24:F24)");
    }

    #[test]
    fn merges_do_not_grow() {
        assert_eq!(shift_sqref("A20:B24", &INS, false), "A20:B24");
        assert_eq!(
            shift_sqref("A25:H25 A26:B27", &INS, false),
            "A35:H35 A36:B37"
        );
        assert_eq!(shift_sqref("A4:H24", &INS, true), "A4:H34");
        assert_eq!(shift_sqref("A5:H24", &INS, true), "A5:H34");
    }

    #[test]
    fn cell_references_parse_both_ways() {
        assert_eq!(parse_cell("B25"), Some((24, 1)));
        assert_eq!(parse_cell("$AA$3"), Some((2, 26)));
        assert_eq!(parse_cell("XFE1"), None);
        assert_eq!(cell_ref(24, 1), "B25");
    }
}
