//! A small argument reader: options may stand anywhere; anything left over is an error.

use crate::Failure;

pub struct Args(Vec<String>);

impl Args {
    pub fn new(raw: Vec<String>) -> Self {
        Args(raw)
    }

    pub fn flag(&mut self, name: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|a| a != name);
        self.0.len() != before
    }

    pub fn value(&mut self, name: &str) -> Result<Option<String>, Failure> {
        let Some(i) = self.0.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 >= self.0.len() || self.0[i + 1].starts_with("--") {
            return Err(Failure::Usage(format!("{name} 后面需要一个值。")));
        }
        let v = self.0.remove(i + 1);
        self.0.remove(i);
        Ok(Some(v))
    }

    pub fn number<T: std::str::FromStr>(&mut self, name: &str) -> Result<Option<T>, Failure> {
        match self.value(name)? {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| Failure::Usage(format!("{name} 需要一个非负整数，现在是“{v}”。"))),
        }
    }

    /// The first argument that is not an option.
    pub fn command(&mut self) -> Option<String> {
        let i = self.0.iter().position(|a| !a.starts_with("--"))?;
        Some(self.0.remove(i))
    }

    pub fn finish(&self) -> Result<(), Failure> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Failure::Usage(format!(
                "多余或不认识的参数：{}",
                self.0.join(" ")
            )))
        }
    }
}
