//! PLACEHOLDER until the framework branch lands: the reads the AKPK routes use.

use super::Db;
use lentera_protocol::akpk::FrameworkCompetency;

impl Db {
    pub async fn framework(&self) -> Result<Vec<FrameworkCompetency>, sqlx::Error> {
        Ok(Vec::new())
    }

    pub async fn requirements_of(&self, _position_key: &str) -> Result<Vec<(String, u8)>, sqlx::Error> {
        Ok(Vec::new())
    }
}
