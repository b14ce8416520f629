//! 封面: who reports, for which period and date, who prepared it, and what the workbook holds.

use super::format::{self, put_merged, put_text, Styles};
use super::{Report, Tracker};
use crate::error::Result;
use rust_xlsxwriter::Worksheet;

pub(crate) fn build(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let s = &report.settings;
    let or_blank = |v: &str| {
        if v.is_empty() {
            "（未填写）".to_string()
        } else {
            v.to_string()
        }
    };
    ws.set_column_width(0, 7)?;
    ws.set_column_width(1, 20)?;
    ws.set_column_width(2, 58)?;

    let title = if s.street_name.is_empty() {
        "社区工作者队伍统计报表".to_string()
    } else {
        format!("{}\n社区工作者队伍统计报表", report.unit())
    };
    ws.set_row_height(0, 24)?;
    put_merged(ws, (1, 0, 1, 2), &title, &styles.cover_title)?;
    ws.set_row_height(1, 90)?;
    ws.set_row_height(2, 24)?;

    let id_numbers = if report.mask {
        "已隐去中间 8 位（保留前 6 位和后 4 位）"
    } else {
        "完整号码（含个人敏感信息，请妥善保管）"
    };
    let facts: [(&str, String); 9] = [
        ("街道(乡镇)名称", or_blank(&s.street_name)),
        ("所属区县", or_blank(&s.county)),
        ("报表期间", report.period_text()),
        ("统计截止日期", format::chinese_date(report.as_of)),
        ("填报人", or_blank(&s.preparer)),
        ("联系电话", or_blank(&s.phone)),
        ("填报日期", format::chinese_date(report.generated_at.date())),
        (
            "生成时间",
            report.generated_at.format("%Y-%m-%d %H:%M").to_string(),
        ),
        ("身份证号", id_numbers.to_string()),
    ];
    let mut r = 3;
    for (label, value) in &facts {
        put_merged(ws, (r, 0, r, 1), label, &styles.cover_label)?;
        put_text(ws, r, 2, value, &styles.cover_value)?;
        ws.set_row_height(r, 26)?;
        r += 1;
    }

    r += 1;
    put_merged(ws, (r, 0, r, 2), "本表目录", &styles.section)?;
    ws.set_row_height(r, 24)?;
    r += 1;
    for (i, h) in ["序号", "工作表", "内容"].iter().enumerate() {
        put_text(ws, r, i as u16, h, &styles.header)?;
    }
    r += 1;
    for (i, sheet) in report.sheets.iter().enumerate() {
        ws.write_number_with_format(r, 0, (i + 1) as f64, &styles.int)?;
        put_text(ws, r, 1, sheet.name, &styles.center)?;
        let description = if sheet.name == super::ROSTER && report.include_exited {
            format!("{}（含报表期间内退出的人员）", sheet.description)
        } else {
            sheet.description.to_string()
        };
        put_text(ws, r, 2, &description, &styles.wrap)?;
        ws.set_row_height(r, 22)?;
        r += 1;
    }

    r += 1;
    put_merged(
        ws,
        (r, 0, r, 2),
        "说明：本报表由社工台账根据台账记录生成，人数、年龄、状态均按统计截止日期计算；\
         社区工作者指社区“两委”专职成员和社区专职工作人员。",
        &styles.note,
    )?;
    ws.set_row_height(r, 30)?;

    format::page_setup(ws, false);
    ws.set_print_fit_to_pages(1, 1);
    Ok(0)
}
