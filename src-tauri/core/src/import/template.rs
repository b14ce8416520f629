//! 下载导入模板: a blank workbook with the expected headers, drop-down lists for every
//! enumerated field (from `vocab`, and the ledger's communities), ID/phone/certificate-number
//! columns formatted as text so Excel keeps every digit, and a 填写说明 sheet.

use super::header::hint;
use super::report::{save, xlsx_error};
use super::ImportField::{self, *};
use crate::communities;
use crate::error::Result;
use crate::vocab;
use rusqlite::Connection;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Formula, Workbook, XlsxError,
};
use std::path::Path;

/// The sheet the clerk fills.
pub const TEMPLATE_SHEET: &str = "花名册";
const LISTS_SHEET: &str = "选项";
const HELP_SHEET: &str = "填写说明";
/// Drop-downs and formats reach this far down.
const LAST_ROW: u32 = 10_000;

/// The template's columns, in order. 性别 and 出生日期 are left out: the ID number gives them.
pub(crate) const COLUMNS: [ImportField; 26] = [
    Name,
    IdNumber,
    Ethnicity,
    NativePlace,
    Phone,
    PoliticalStatus,
    PartyJoinedOn,
    Education,
    FullTimeEducation,
    School,
    Major,
    SocialWorkMajor,
    Community,
    Category,
    Position,
    PostDetail,
    Source,
    Recruitment,
    CommunityWorkStart,
    PriorServiceMonths,
    HiredOn,
    ProbationEnd,
    CertificateKind,
    CertificateObtainedOn,
    CertificateNo,
    Remarks,
];

fn list_for(field: ImportField) -> Option<Vec<String>> {
    let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
    Some(match field {
        Ethnicity => owned(vocab::ETHNIC_GROUPS),
        PoliticalStatus => owned(vocab::POLITICAL_STATUSES),
        Education => owned(vocab::EDUCATION_LEVELS),
        FullTimeEducation | SocialWorkMajor => owned(&["是", "否"]),
        Category => owned(vocab::CATEGORIES),
        Position => owned(vocab::POSITIONS),
        Source => owned(vocab::SOURCES),
        Recruitment => owned(vocab::RECRUITMENT_METHODS),
        CertificateKind => owned(&vocab::CERTIFICATE_KINDS[..3]),
        _ => return None,
    })
}

fn is_date(field: ImportField) -> bool {
    matches!(
        field,
        PartyJoinedOn | CommunityWorkStart | HiredOn | ProbationEnd | CertificateObtainedOn
    )
}

fn is_text(field: ImportField) -> bool {
    matches!(field, IdNumber | Phone | CertificateNo)
}

fn width(field: ImportField) -> f64 {
    match field {
        IdNumber => 22.0,
        Remarks | School | Major => 20.0,
        Name | Gender => 10.0,
        f if is_date(f) => 14.0,
        _ => 13.0,
    }
}

/// Excel limits an input message to 255 characters.
fn short(s: &str) -> String {
    s.chars().take(250).collect()
}

/// The template as a workbook (the caller may add rows before saving, as the tests do).
pub fn template_workbook(conn: &Connection) -> Result<Workbook> {
    let communities: Vec<String> = communities::list(conn)?
        .into_iter()
        .map(|c| c.name)
        .collect();
    build(&communities).map_err(|e| xlsx_error(e, Path::new("模板")))
}

/// Writes the blank import template to `path`.
pub fn write_template(conn: &Connection, path: &Path) -> Result<()> {
    let mut wb = template_workbook(conn)?;
    save(&mut wb, path)
}

fn build(communities: &[String]) -> std::result::Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin);
    let head_required = head.clone().set_font_color(Color::RGB(0xC00000));
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("yyyy-mm-dd");

    // The lists the drop-downs point at, on a hidden sheet (an inline list is limited to 255
    // characters, which 56 民族 exceed).
    let mut lists: Vec<(ImportField, Vec<String>)> = COLUMNS
        .iter()
        .filter_map(|f| list_for(*f).map(|l| (*f, l)))
        .collect();
    if !communities.is_empty() {
        lists.push((Community, communities.to_vec()));
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name(TEMPLATE_SHEET)?;
        ws.set_freeze_panes(1, 2)?;
        for (c, field) in COLUMNS.iter().enumerate() {
            let c = c as u16;
            let label = if field.required() {
                format!("{}*", field.label())
            } else {
                field.label().to_string()
            };
            let fmt = if field.required() {
                &head_required
            } else {
                &head
            };
            ws.write_string_with_format(0, c, &label, fmt)?;
            ws.set_column_width(c, width(*field))?;
            if is_text(*field) {
                ws.set_column_format(c, &text)?;
            } else if is_date(*field) {
                ws.set_column_format(c, &date)?;
            }
            let mut dv = if let Some(i) = lists.iter().position(|(f, _)| f == field) {
                let n = lists[i].1.len() as u32;
                let col = super::column_letter(i as u32);
                let strict = *field != Community;
                DataValidation::new()
                    .allow_list_formula(Formula::new(format!(
                        "='{LISTS_SHEET}'!${col}$2:${col}${}",
                        n + 1
                    )))
                    .set_error_style(if strict {
                        DataValidationErrorStyle::Stop
                    } else {
                        DataValidationErrorStyle::Warning
                    })
                    .set_error_title("请从下拉列表中选择")?
                    .set_error_message(if strict {
                        "请从下拉列表中选择一项。"
                    } else {
                        "台账中没有这个社区。导入时可以选择创建它，也可以改选已有的社区。"
                    })?
            } else if *field == PriorServiceMonths {
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::Between(0, 600))
                    .set_error_message("请填写 0 到 600 之间的整数月数。")?
            } else {
                DataValidation::new().allow_any_value()
            };
            let prompt = match field {
                IdNumber => "18 位身份证号码，最后一位可以是 X。本列已设为文本格式，请直接录入完整号码，不要改成数值格式。",
                other => hint(*other),
            };
            dv = dv
                .set_input_title(field.label())?
                .set_input_message(short(prompt))?;
            ws.add_data_validation(1, c, LAST_ROW, c, &dv)?;
        }
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name(HELP_SHEET)?;
        let title = Format::new().set_bold().set_font_size(14);
        let bold = Format::new().set_bold();
        let wrap = Format::new().set_text_wrap();
        ws.set_column_width(0, 22)?;
        ws.set_column_width(1, 10)?;
        ws.set_column_width(2, 90)?;
        ws.write_string_with_format(0, 0, "社区工作者花名册导入模板 · 填写说明", &title)?;
        let general = [
            "1. 在“花名册”工作表中每人填一行，从第 2 行开始；不要修改第 1 行的列名，不要合并单元格，不要插入合计行。",
            "2. 列名带 * 的是新增人员必填项。性别和出生日期由身份证号自动得出，不用填写。",
            "3. “身份证号”“手机号”“证书编号”三列已设为文本格式，请直接录入完整号码；如果从别处粘贴，请用“选择性粘贴 → 值”，不要把这些列改成数值格式，否则 Excel 会丢掉身份证号的后几位。",
            "4. 带下拉箭头的列请从列表中选择。日期可以写 2019-03-01、2019/3/1、2019年3月1日；只知道年月时写 2019.03 或 2019年3月，按当月 1 日导入。",
            "5. 已在台账中的人员按身份证号对应：导入时会列出要修改的项目供您确认；空着的单元格不会清除台账中已有的内容。",
            "6. 可以一个社区一个工作表；没有“所在社区”列时，导入时可以按工作表名称或标题（如“和平社区工作人员名单”）指定社区。",
            "7. 导入前程序会自动备份台账；有错误的行不会导入，可以保存“错误报告”，按其中的错误说明改好后再导入。",
        ];
        for (i, line) in general.iter().enumerate() {
            ws.merge_range(1 + i as u32, 0, 1 + i as u32, 2, line, &wrap)?;
            ws.set_row_height(1 + i as u32, 32)?;
        }
        let top = 2 + general.len() as u32;
        ws.write_string_with_format(top, 0, "列名", &bold)?;
        ws.write_string_with_format(top, 1, "必填", &bold)?;
        ws.write_string_with_format(top, 2, "填写要求", &bold)?;
        for (i, field) in COLUMNS.iter().enumerate() {
            let r = top + 1 + i as u32;
            ws.write_string(r, 0, field.label())?;
            ws.write_string(r, 1, if field.required() { "是" } else { "" })?;
            ws.write_string_with_format(r, 2, hint(*field), &wrap)?;
        }
    }

    {
        let ws = wb.add_worksheet();
        ws.set_name(LISTS_SHEET)?;
        for (i, (field, items)) in lists.iter().enumerate() {
            let c = i as u16;
            ws.write_string(0, c, field.label())?;
            for (r, item) in items.iter().enumerate() {
                ws.write_string(1 + r as u32, c, item)?;
            }
        }
        ws.set_hidden(true);
    }
    if let Ok(ws) = wb.worksheet_from_name(TEMPLATE_SHEET) {
        ws.set_active(true);
    }
    Ok(wb)
}
