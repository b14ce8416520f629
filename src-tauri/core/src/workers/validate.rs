//! Every rule on a person record. The form repeats the simple ones as the clerk types
//! (ui/src/views/workers/rules.ts); this is the authority.

use super::WorkerInput;
use crate::error::{CoreError, Result};
use crate::text::{clean_optional, compact_ascii};
use crate::vocab::{Category, Position};
use crate::{dates, idcard, vocab};
use chrono::{Months, NaiveDate};

pub(crate) fn one_of(field: &str, label: &str, value: &str, list: &[&str]) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(CoreError::validation(field, format!("请选择{label}。")));
    }
    if list.contains(&v) {
        Ok(v.to_string())
    } else {
        Err(CoreError::validation(
            field,
            format!(
                "{label}“{v}”不在可选范围内，请从下拉列表中选择（{}）。",
                list.join("、")
            ),
        ))
    }
}

fn optional_one_of(
    field: &str,
    label: &str,
    value: Option<&str>,
    list: &[&str],
) -> Result<Option<String>> {
    match clean_optional(value) {
        None => Ok(None),
        Some(v) => one_of(field, label, &v, list).map(Some),
    }
}

pub(crate) fn limited(
    field: &str,
    label: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    let v = clean_optional(value);
    if v.as_ref().is_some_and(|t| t.chars().count() > max) {
        return Err(CoreError::validation(
            field,
            format!("{label}不能超过 {max} 个字。"),
        ));
    }
    Ok(v)
}

/// A mainland mobile number: 11 digits starting 13-19. Spaces, dashes and full-width digits
/// are accepted and removed.
pub fn phone(input: Option<&str>) -> Result<Option<String>> {
    let Some(raw) = clean_optional(input) else {
        return Ok(None);
    };
    let mut p: String = compact_ascii(&raw).chars().filter(|c| *c != '-').collect();
    if let Some(rest) = p.strip_prefix("+86") {
        p = rest.to_string();
    }
    let ok = p.len() == 11
        && p.starts_with('1')
        && matches!(p.as_bytes()[1], b'3'..=b'9')
        && p.chars().all(|c| c.is_ascii_digit());
    if ok {
        Ok(Some(p))
    } else {
        Err(CoreError::validation(
            "phone",
            format!(
                "手机号“{}”不正确：应为 11 位大陆手机号码，以 13–19 开头，例如 13800138000。",
                crate::text::excerpt(&raw)
            ),
        ))
    }
}

/// 人员类别 × 职务 (`vocab::POSTS_BY_CATEGORY`): a post the category may not hold is refused
/// on 人员类别, with the categories that may hold it. Checked on save only, so a ledger kept
/// before the rule opens as it was and the clerk corrects such a record when editing it.
pub(crate) fn category_holds_position(category: &str, position: &str) -> Result<()> {
    let (Some(c), Some(p)) = (Category::parse(category), Position::parse(position)) else {
        return Ok(());
    };
    if c.posts().contains(&p) {
        return Ok(());
    }
    let group = if Position::COMMITTEE.contains(&p) {
        "两委成员"
    } else {
        "社区专职工作人员"
    };
    // In the table's order, as the form's instant check lists them (views/workers/rules.ts).
    let holders: Vec<String> = vocab::POSTS_BY_CATEGORY
        .iter()
        .filter(|(_, posts)| posts.contains(&p))
        .map(|(c, _)| format!("“{c}”"))
        .collect();
    let list = match holders.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}或{last}", rest.concat()),
        _ => holders.concat(),
    };
    Err(CoreError::validation(
        "category",
        format!("职务“{p}”属于{group}，人员类别应为{list}，请修改人员类别或职务。"),
    ))
}

fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(12 * years))
        .unwrap_or(date)
}

/// Checks and normalises a person record. `today` bounds dates that cannot be in the future.
pub fn validate(input: &WorkerInput, today: NaiveDate) -> Result<WorkerInput> {
    let name = clean_optional(Some(&input.name))
        .ok_or_else(|| CoreError::validation("name", "请填写姓名。"))?;
    if name.chars().count() > 20 {
        return Err(CoreError::validation("name", "姓名不能超过 20 个字。"));
    }
    if name.chars().any(|c| c.is_ascii_digit()) {
        return Err(CoreError::validation("name", "姓名中不能有数字，请核对。"));
    }
    let id = idcard::parse_born_by(&input.id_number, today)?;
    let ethnicity = one_of("ethnicity", "民族", &input.ethnicity, vocab::ETHNIC_GROUPS)?;
    let political_status = one_of(
        "politicalStatus",
        "政治面貌",
        &input.political_status,
        vocab::POLITICAL_STATUSES,
    )?;
    let party_joined = dates::optional(
        "partyJoinedOn",
        "入党时间",
        input.party_joined_on.as_deref(),
    )?;
    let is_member = vocab::PARTY_MEMBER_STATUSES.contains(&political_status.as_str());
    let party_joined_on = match (is_member, party_joined) {
        (false, Some(_)) => {
            return Err(CoreError::validation(
                "partyJoinedOn",
                format!("政治面貌为“{political_status}”时不填入党时间，请清空或改正政治面貌。"),
            ))
        }
        (true, Some(d)) if d > today => {
            return Err(CoreError::validation(
                "partyJoinedOn",
                "入党时间不能晚于今天。",
            ))
        }
        (true, Some(d)) if d < add_years(id.birth_date, 18) => {
            return Err(CoreError::validation(
                "partyJoinedOn",
                "入党时间早于年满 18 周岁，请核对入党时间或身份证号。",
            ))
        }
        (_, d) => d.map(dates::text),
    };
    let education = one_of(
        "education",
        "最高学历",
        &input.education,
        vocab::EDUCATION_LEVELS,
    )?;
    if input.community_id <= 0 {
        return Err(CoreError::validation("communityId", "请选择所在社区。"));
    }
    let category = one_of("category", "人员类别", &input.category, vocab::CATEGORIES)?;
    let position = one_of("position", "职务", &input.position, vocab::POSITIONS)?;
    category_holds_position(&category, &position)?;
    let source = optional_one_of("source", "来源", input.source.as_deref(), vocab::SOURCES)?;
    let recruitment = optional_one_of(
        "recruitment",
        "招聘方式",
        input.recruitment.as_deref(),
        vocab::RECRUITMENT_METHODS,
    )?;

    let working_age = add_years(id.birth_date, 16);
    let work_start = dates::optional(
        "communityWorkStart",
        "参加社区工作时间",
        input.community_work_start.as_deref(),
    )?;
    if let Some(d) = work_start {
        if d > today {
            return Err(CoreError::validation(
                "communityWorkStart",
                "参加社区工作时间不能晚于今天。",
            ));
        }
        if d < working_age {
            return Err(CoreError::validation(
                "communityWorkStart",
                "参加社区工作时间早于年满 16 周岁，请核对。",
            ));
        }
    }
    if !(0..=600).contains(&input.prior_service_months) {
        return Err(CoreError::validation(
            "priorServiceMonths",
            "省内此前社区工作年限应在 0 到 50 年之间，请核对。",
        ));
    }
    let interruption_months = input.interruption_months.filter(|m| *m != 0);
    if interruption_months.is_some_and(|m| !(1..=600).contains(&m)) {
        return Err(CoreError::validation(
            "interruptionMonths",
            "中断社区工作月数应在 0 到 600 个月之间，请核对。",
        ));
    }
    let resumed = dates::optional(
        "serviceResumedOn",
        "重新参加社区工作时间",
        input.service_resumed_on.as_deref(),
    )?;
    if resumed.is_some_and(|d| d > today) {
        return Err(CoreError::validation(
            "serviceResumedOn",
            "重新参加社区工作时间不能晚于今天。",
        ));
    }
    let hired = dates::required("hiredOn", "入职时间", &input.hired_on)?;
    if hired < working_age {
        return Err(CoreError::validation(
            "hiredOn",
            "入职时间早于年满 16 周岁，请核对入职时间或身份证号。",
        ));
    }
    if hired > add_years(today, 1) {
        return Err(CoreError::validation(
            "hiredOn",
            "入职时间不能晚于一年以后，请核对。",
        ));
    }
    if resumed.is_some_and(|d| d < work_start.unwrap_or(hired)) {
        return Err(CoreError::validation(
            "serviceResumedOn",
            "重新参加社区工作时间不能早于参加社区工作时间（或入职时间），请核对。",
        ));
    }
    let probation = dates::optional(
        "probationEnd",
        "试用期满日期",
        input.probation_end.as_deref(),
    )?;
    if let Some(p) = probation {
        if p < hired {
            return Err(CoreError::validation(
                "probationEnd",
                "试用期满日期不能早于入职时间。",
            ));
        }
        let longest = hired.checked_add_months(Months::new(6)).unwrap_or(hired);
        if p > longest {
            return Err(CoreError::validation(
                "probationEnd",
                format!(
                    "试用期最长 6 个月（劳动合同法第十九条），满期日不能晚于 {}。",
                    dates::text(longest)
                ),
            ));
        }
    }

    Ok(WorkerInput {
        name,
        id_number: id.value,
        ethnicity,
        native_place: limited("nativePlace", "籍贯", input.native_place.as_deref(), 40)?,
        phone: phone(input.phone.as_deref())?,
        political_status,
        party_joined_on,
        education,
        full_time_education: input.full_time_education,
        school: limited("school", "毕业院校", input.school.as_deref(), 60)?,
        major: limited("major", "所学专业", input.major.as_deref(), 60)?,
        social_work_major: input.social_work_major,
        community_id: input.community_id,
        category,
        position,
        post_detail: limited("postDetail", "具体岗位", input.post_detail.as_deref(), 40)?,
        source,
        recruitment,
        community_work_start: work_start.map(dates::text),
        prior_service_months: input.prior_service_months,
        hired_on: dates::text(hired),
        probation_end: probation.map(dates::text),
        interruption_months,
        service_resumed_on: resumed.map(dates::text),
        remarks: limited("remarks", "备注", input.remarks.as_deref(), 500)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_and_position_agree() {
        let err = category_holds_position("社区专职工作人员", "书记").expect_err("书记");
        assert_eq!(err.field(), Some("category"));
        assert_eq!(
            err.to_string(),
            "职务“书记”属于两委成员，人员类别应为“两委专职成员”“两委兼职成员”或“挂职干部”，请修改人员类别或职务。"
        );
        let err = category_holds_position("两委兼职成员", "专职工作人员").expect_err("staff");
        assert_eq!(
            err.to_string(),
            "职务“专职工作人员”属于社区专职工作人员，人员类别应为“社区专职工作人员”或“挂职干部”，请修改人员类别或职务。"
        );
        for (c, p) in [
            ("两委专职成员", "书记兼主任"),
            ("两委兼职成员", "委员"),
            ("社区专职工作人员", "专职工作人员"),
            ("挂职干部", "副书记"),
            ("挂职干部", "专职工作人员"),
        ] {
            assert!(category_holds_position(c, p).is_ok(), "{c} {p}");
        }
    }

    #[test]
    fn phones() {
        assert_eq!(
            phone(Some("138 0013 8000")).expect("ok"),
            Some("13800138000".into())
        );
        assert_eq!(
            phone(Some("+86-13800138000")).expect("ok"),
            Some("13800138000".into())
        );
        assert_eq!(
            phone(Some("１３８００１３８０００")).expect("ok"),
            Some("13800138000".into())
        );
        assert_eq!(phone(Some("  ")).expect("blank"), None);
        for bad in ["12800138000", "1380013800", "0571-88001234", "1380013800a"] {
            let err = phone(Some(bad)).expect_err(bad);
            assert_eq!(err.field(), Some("phone"));
            assert!(err.to_string().contains("11 位"));
        }
    }
}
