//! The make-up of each community's team on a date, for forms with one row per community:
//! the same people 队伍结构 counts (两委专职成员 and 社区专职工作人员 in post), by gender,
//! age band, education band, political status, qualification and grade.

use crate::reports::{in_post, is_community_worker, roster::Extras};
use crate::vocab;
use crate::workers::WorkerRecord;
use std::collections::HashMap;

/// Counts for one community (or the street).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Team {
    pub total: i64,
    pub age_sum: i64,
    pub male: i64,
    pub female: i64,
    /// 中共党员 and 中共预备党员.
    pub party: i64,
    /// In the order of `vocab::AGE_BANDS`.
    pub age_bands: [i64; 4],
    /// In the order of `vocab::EDUCATION_BANDS`.
    pub education: [i64; 4],
    /// By the highest social-work level held, in the order of `vocab::SOCIAL_WORK_LEVELS`.
    pub levels: [i64; 3],
    /// Holding any social-work level.
    pub certified: i64,
    pub graded: i64,
    pub ungraded: i64,
    /// 书记 (书记兼主任) in post, by name.
    pub secretaries: Vec<String>,
}

impl Team {
    fn add(&mut self, r: &WorkerRecord, extras: &Extras) {
        let w = &r.worker;
        self.total += 1;
        self.age_sum += w.age;
        match w.gender.as_str() {
            "男" => self.male += 1,
            "女" => self.female += 1,
            _ => {}
        }
        if vocab::PARTY_MEMBER_STATUSES.contains(&w.input.political_status.as_str()) {
            self.party += 1;
        }
        let band = vocab::age_band(w.age);
        if let Some(i) = vocab::AGE_BANDS.iter().position(|b| *b == band) {
            self.age_bands[i] += 1;
        }
        let edu = vocab::education_band(&w.input.education);
        if let Some(i) = vocab::EDUCATION_BANDS.iter().position(|b| *b == edu) {
            self.education[i] += 1;
        }
        let highest = r
            .certificates
            .iter()
            .filter_map(|k| vocab::SOCIAL_WORK_LEVELS.iter().position(|l| l == k))
            .max();
        if let Some(level) = highest {
            self.levels[level] += 1;
            self.certified += 1;
        }
        if vocab::SECRETARY_POSTS.contains(&w.input.position.as_str()) {
            self.secretaries.push(w.input.name.clone());
        }
        if extras.grades.contains_key(&w.id) {
            self.graded += 1;
        } else {
            self.ungraded += 1;
        }
    }

    /// Average age to one decimal; None for an empty team.
    pub fn average_age(&self) -> Option<f64> {
        (self.total > 0).then(|| (self.age_sum as f64 / self.total as f64 * 10.0).round() / 10.0)
    }
}

/// Each community's team (by community id) and the street's.
pub(crate) fn teams(records: &[WorkerRecord], extras: &Extras) -> (HashMap<i64, Team>, Team) {
    let mut by_community: HashMap<i64, Team> = HashMap::new();
    let mut street = Team::default();
    for r in records
        .iter()
        .filter(|r| is_community_worker(r) && in_post(r))
    {
        by_community
            .entry(r.worker.input.community_id)
            .or_default()
            .add(r, extras);
        street.add(r, extras);
    }
    (by_community, street)
}
