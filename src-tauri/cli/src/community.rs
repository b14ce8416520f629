//! `shegong community set`: a community's 城镇常住人口 (and its statistics date) for IT staff,
//! after an import created communities with population 0.

use crate::args::Args;
use crate::Failure;
use shegong_core::audit::Channel;
use shegong_core::communities::{self, CommunityInput};
use shegong_core::{dates, store, CoreError};
use std::path::Path;

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    match args.command().as_deref() {
        Some("set") => set(args, db),
        _ => Err(Failure::Usage(
            "community 之后请写 set 社区名 --population 人数 [--as-of 统计日期] [--households 户数]。".into(),
        )),
    }
}

fn set(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let name = args
        .command()
        .ok_or_else(|| Failure::Usage("community set 后面需要社区名。".into()))?;
    let population: Option<i64> = args.number("--population")?;
    let households: Option<i64> = args.number("--households")?;
    let as_of = args.value("--as-of")?;
    args.finish()?;
    let population = population.ok_or_else(|| {
        Failure::Usage("请用 --population 给出城镇常住人口，例如 --population 8600。".into())
    })?;
    let as_of = dates::optional("populationDate", "人口统计日期", as_of.as_deref())?;
    let mut conn = store::open(db)?;
    let community = communities::find_by_name(&conn, name.trim())?.ok_or_else(|| {
        let known: Vec<String> = communities::list(&conn)
            .map(|l| l.into_iter().map(|c| c.name).collect())
            .unwrap_or_default();
        CoreError::not_found(format!(
            "台账中没有名为“{name}”的社区。现有社区：{}。",
            known.join("、")
        ))
    })?;
    let input = CommunityInput {
        name: community.name.clone(),
        code: community.code.clone(),
        population,
        population_date: as_of.map(dates::text).or(community.population_date.clone()),
        households: households.or(community.households),
        remarks: community.remarks.clone(),
    };
    let saved = shegong_core::write(&mut conn, |tx| {
        communities::update(tx, &Channel::Cli, community.id, &input)
    })?;
    println!(
        "已保存：{} 城镇常住人口 {} 人{}。",
        saved.name,
        saved.population,
        saved
            .population_date
            .map(|d| format!("（统计日期 {d}）"))
            .unwrap_or_default()
    );
    Ok(())
}
