//! The competency framework (migration 0026). Placeholder with the signatures the framework branch
//! (wt-fw) provides; replaced by that branch's file when it is merged.

use super::Db;
use lentera_protocol::akpk::FrameworkCompetency;
use lentera_protocol::{Competency, Pillar};

#[derive(sqlx::FromRow)]
struct Row {
    code: String,
    kind: String,
    name: String,
    description: String,
    pillars: String,
    level1: String,
    level2: String,
    level3: String,
    level4: String,
    level5: String,
}

impl Db {
    /// Every competency in display order, with the courses that develop each.
    pub async fn framework(&self) -> Result<Vec<FrameworkCompetency>, sqlx::Error> {
        let rows: Vec<Row> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT code, kind, name, description, pillars, level1, level2, level3, level4, level5 FROM competencies ORDER BY ordinal, code",
        )
        .fetch_all(p)
        .await)?;
        let courses: Vec<(String, String)> =
            on_pool!(self.pool, p => sqlx::query_as("SELECT competency, course_id FROM competency_courses ORDER BY competency, course_id").fetch_all(p).await)?;
        Ok(rows
            .into_iter()
            .map(|r| FrameworkCompetency {
                kind: match r.kind.as_str() {
                    "manajerial" => Competency::Manajerial,
                    "sosial_kultural" => Competency::SosialKultural,
                    _ => Competency::Teknis,
                },
                pillars: r.pillars.split(',').filter_map(|p| Pillar::ALL.into_iter().find(|x| serde_json::to_value(x).ok().and_then(|v| v.as_str().map(|s| s == p.trim())).unwrap_or(false))).collect(),
                levels: vec![r.level1, r.level2, r.level3, r.level4, r.level5],
                courses: courses.iter().filter(|(c, _)| *c == r.code).map(|(_, id)| id.clone()).collect(),
                code: r.code,
                name: r.name,
                description: r.description,
            })
            .collect())
    }

    /// What the position with this key requires: (competency code, level).
    pub async fn requirements_of(&self, position_key: &str) -> Result<Vec<(String, u8)>, sqlx::Error> {
        let rows: Vec<(String, i64)> = on_pool!(self.pool, p => sqlx::query_as("SELECT competency, level FROM position_requirements WHERE position_key = $1 ORDER BY competency")
            .bind(position_key)
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().map(|(c, l)| (c, u8::try_from(l).unwrap_or(0))).collect())
    }

    /// Every requirement: (position key, position, competency code, level).
    pub async fn all_requirements(&self) -> Result<Vec<(String, String, String, u8)>, sqlx::Error> {
        let rows: Vec<(String, String, String, i64)> =
            on_pool!(self.pool, p => sqlx::query_as("SELECT position_key, position, competency, level FROM position_requirements ORDER BY position_key, competency").fetch_all(p).await)?;
        Ok(rows.into_iter().map(|(k, p, c, l)| (k, p, c, u8::try_from(l).unwrap_or(0))).collect())
    }
}
