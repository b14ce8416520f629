//! Running the `shegong` binary from the CLI tests.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs `shegong` with these arguments, never on a ledger named by the environment.
pub fn shegong(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shegong"))
        .args(args)
        .env_remove("SHEGONG_DB")
        .output()
        .expect("run shegong")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Generates the small demo street (seed 7, 3 communities, as of 2026-06-30) into `db`.
pub fn demo(db: &str) -> Output {
    let out = shegong(&[
        "--db",
        db,
        "demo",
        "--seed",
        "7",
        "--communities",
        "3",
        "--as-of",
        "2026-06-30",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    out
}

/// Runs `shegong` with these arguments, expects success and reads its JSON output.
pub fn json(args: &[&str]) -> serde_json::Value {
    let out = shegong(args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}
