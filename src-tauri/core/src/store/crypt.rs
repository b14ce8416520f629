//! Password-protected copies for 异地备份: the age format (scrypt from the password, then
//! ChaCha20-Poly1305), from the `age` crate; never a home-made cipher. A wrong password and a
//! garbled file are told apart where age can tell them.

use crate::error::{CoreError, Result};
use age::secrecy::SecretString;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

fn failed(e: impl std::fmt::Display) -> CoreError {
    CoreError::Io(std::io::Error::other(format!("加密失败：{e}")))
}

/// Encrypts the file `plain` to `dest` with `password`.
pub(crate) fn encrypt_file(plain: &Path, dest: &Path, password: &str) -> Result<()> {
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(password.to_owned()));
    let out = std::fs::File::create(dest)?;
    let mut writer = encryptor.wrap_output(BufWriter::new(out)).map_err(failed)?;
    std::io::copy(
        &mut BufReader::new(std::fs::File::open(plain)?),
        &mut writer,
    )?;
    let mut inner = writer.finish()?;
    inner.flush()?;
    inner
        .into_inner()
        .map_err(|e| CoreError::Io(e.into_error()))?
        .sync_all()?;
    Ok(())
}

/// Decrypts the file `encrypted` to `dest` with `password`.
pub(crate) fn decrypt_file(encrypted: &Path, dest: &Path, password: &str) -> Result<()> {
    let not_ours = || {
        CoreError::validation(
            "password",
            "这个文件不是社工台账的加密备份，或者已经损坏，打不开。请选择另一份备份。",
        )
    };
    let decryptor = age::Decryptor::new(BufReader::new(std::fs::File::open(encrypted)?))
        .map_err(|_| not_ours())?;
    let identity = age::scrypt::Identity::new(SecretString::from(password.to_owned()));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => {
                CoreError::validation(
                    "password",
                    "密码不对，打不开这份加密备份。请输入设置异地备份时的密码（密码忘记了就无法恢复这份备份，请改用其他备份）。",
                )
            }
            _ => not_ours(),
        })?;
    let mut out = BufWriter::new(std::fs::File::create(dest)?);
    let copied = std::io::copy(&mut reader, &mut out);
    if copied.is_err() {
        drop(out);
        let _ = std::fs::remove_file(dest);
        return Err(not_ours());
    }
    out.flush()?;
    super::private::file(dest)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_opens_with_its_password_only() {
        let dir = tempfile::tempdir().expect("tmp");
        let plain = dir.path().join("a.db");
        std::fs::write(&plain, "台账内容".repeat(1000)).expect("write");
        let enc = dir.path().join("a.db.age");
        encrypt_file(&plain, &enc, "正确的密码123").expect("encrypt");
        let bytes = std::fs::read(&enc).expect("read");
        assert!(!String::from_utf8_lossy(&bytes).contains("台账内容"));
        let back = dir.path().join("b.db");
        decrypt_file(&enc, &back, "正确的密码123").expect("decrypt");
        assert_eq!(
            std::fs::read(&back).expect("b"),
            std::fs::read(&plain).expect("a")
        );
        let err = decrypt_file(&enc, &back, "错误的密码").expect_err("wrong");
        assert!(err.to_string().contains("密码不对"), "{err}");
        let err = decrypt_file(&plain, &back, "正确的密码123").expect_err("not age");
        assert!(err.to_string().contains("不是社工台账的加密备份"), "{err}");
    }
}
