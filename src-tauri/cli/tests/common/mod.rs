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
