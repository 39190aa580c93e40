//! The competency framework's storage: competencies with their levels and courses, what each
//! position requires, and the default loaded into an empty framework.

use super::{Db, Tx};
use crate::framework::{kind_key, kind_of, pillars_of, pillars_text, Defaults, RequirementLine};
use lentera_protocol::akpk::FrameworkCompetency;
use lentera_protocol::framework::RequirementsImport;
use std::collections::HashMap;

type CompetencyRow = (String, String, String, String, String, String, String, String, String, String);

impl Db {
    /// Every competency in display order, with its levels and courses.
    pub async fn framework(&self) -> Result<Vec<FrameworkCompetency>, sqlx::Error> {
        let rows: Vec<CompetencyRow> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT code, kind, name, description, pillars, level1, level2, level3, level4, level5 \
             FROM competencies ORDER BY ordinal, code",
        )
        .fetch_all(p)
        .await)?;
        let links: Vec<(String, String)> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT competency, course_id FROM competency_courses ORDER BY competency, ordinal, course_id",
        )
        .fetch_all(p)
        .await)?;
        let mut courses: HashMap<String, Vec<String>> = HashMap::new();
        for (code, course) in links {
            courses.entry(code).or_default().push(course);
        }
        Ok(rows
            .into_iter()
            .filter_map(|(code, kind, name, description, pillars, l1, l2, l3, l4, l5)| {
                Some(FrameworkCompetency {
                    courses: courses.remove(&code).unwrap_or_default(),
                    code,
                    kind: kind_of(&kind)?,
                    name,
                    description,
                    pillars: pillars_of(&pillars),
                    levels: vec![l1, l2, l3, l4, l5],
                })
            })
            .collect())
    }

    /// (competency code, level) a position requires, in the framework's order; `position_key` is
    /// `lentera_protocol::akpk::position_key` of the position's name.
    pub async fn requirements_of(&self, position_key: &str) -> Result<Vec<(String, u8)>, sqlx::Error> {
        let rows: Vec<(String, i64)> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT r.competency, r.level FROM position_requirements r JOIN competencies c ON c.code = r.competency \
             WHERE r.position_key = $1 ORDER BY c.ordinal, c.code",
        )
        .bind(position_key)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(|(code, level)| (code, level_of(level))).collect())
    }

    /// (position key, position, competency code, level) of every position, by position key then
    /// the framework's order.
    pub async fn all_requirements(&self) -> Result<Vec<(String, String, String, u8)>, sqlx::Error> {
        let sql = format!(
            "SELECT r.position_key, r.position, r.competency, r.level FROM position_requirements r \
             JOIN competencies c ON c.code = r.competency ORDER BY {}, c.ordinal, c.code",
            self.dialect().bytes("r.position_key")
        );
        let rows: Vec<(String, String, String, i64)> = on_pool!(self.pool, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)?;
        Ok(rows.into_iter().map(|(key, position, code, level)| (key, position, code, level_of(level))).collect())
    }

    /// Replaces an existing competency (its place in the order stays) and writes `audit` with it;
    /// false when there is no competency with that code.
    pub async fn replace_competency(&self, competency: &FrameworkCompetency, audit: &super::audit::Entry) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let c = competency;
        let updated = on_tx!(&mut tx, conn => sqlx::query(
            "UPDATE competencies SET kind = $1, name = $2, description = $3, pillars = $4, level1 = $5, level2 = $6, \
             level3 = $7, level4 = $8, level5 = $9, updated_at_ms = $10 WHERE code = $11",
        )
        .bind(kind_key(c.kind))
        .bind(&c.name)
        .bind(&c.description)
        .bind(pillars_text(&c.pillars))
        .bind(&c.levels[0])
        .bind(&c.levels[1])
        .bind(&c.levels[2])
        .bind(&c.levels[3])
        .bind(&c.levels[4])
        .bind(audit.at_ms)
        .bind(&c.code)
        .execute(&mut *conn)
        .await
        .map(|d| d.rows_affected()))?;
        if updated == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        set_courses(&mut tx, &c.code, &c.courses).await?;
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Every position named in `lines` comes to require exactly its lines; other positions stay.
    /// All in one transaction, with the audit entry `audit` makes from the counts (none when
    /// nothing changed, so importing the same file again leaves no trace).
    pub async fn import_requirements(
        &self,
        lines: &[RequirementLine],
        audit: impl FnOnce(&RequirementsImport) -> Option<super::audit::Entry>,
    ) -> Result<RequirementsImport, sqlx::Error> {
        let mut tx = self.begin().await?;
        let mut keys: Vec<&str> = lines.iter().map(|l| l.position_key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut counts = RequirementsImport { lines: count(lines.len()), positions: count(keys.len()), ..Default::default() };
        let mut renamed = false;
        for key in &keys {
            let before: Vec<(String, String, i64)> = on_tx!(&mut tx, c => sqlx::query_as(
                "SELECT competency, position, level FROM position_requirements WHERE position_key = $1",
            )
            .bind(*key)
            .fetch_all(&mut *c)
            .await)?;
            let before: HashMap<String, (String, u8)> = before.into_iter().map(|(code, name, level)| (code, (name, level_of(level)))).collect();
            let mine: Vec<&RequirementLine> = lines.iter().filter(|l| l.position_key == *key).collect();
            for line in &mine {
                match before.get(&line.code) {
                    None => counts.added += 1,
                    Some((_, level)) if *level != line.level => counts.changed += 1,
                    Some(_) => counts.unchanged += 1,
                }
                renamed |= before.get(&line.code).is_some_and(|(name, _)| *name != line.position);
            }
            counts.removed += count(before.keys().filter(|code| !mine.iter().any(|l| &l.code == *code)).count());
            on_tx!(&mut tx, c => sqlx::query("DELETE FROM position_requirements WHERE position_key = $1")
                .bind(*key).execute(&mut *c).await.map(|d| d.rows_affected()))?;
            for line in mine {
                insert_requirement(&mut tx, line).await?;
            }
        }
        if counts.added + counts.changed + counts.removed > 0 || renamed {
            super::audit::write_some(&mut tx, audit(&counts).as_ref()).await?;
        }
        tx.commit().await?;
        Ok(counts)
    }

    /// Loads `defaults` when there is no competency yet; a framework the admin has is kept.
    /// Returns whether it loaded.
    pub async fn seed_framework(&self, defaults: &Defaults, now_ms: i64) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let existing: i64 = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM competencies").fetch_one(&mut *c).await)?;
        if existing > 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        for (ordinal, c) in defaults.competencies.iter().enumerate() {
            // Two servers starting on one PostgreSQL database: the second finds the rows there.
            let inserted = on_tx!(&mut tx, conn => sqlx::query(
                "INSERT INTO competencies (code, kind, name, description, pillars, level1, level2, level3, level4, level5, ordinal, updated_at_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING",
            )
            .bind(&c.code)
            .bind(kind_key(c.kind))
            .bind(&c.name)
            .bind(&c.description)
            .bind(pillars_text(&c.pillars))
            .bind(&c.levels[0])
            .bind(&c.levels[1])
            .bind(&c.levels[2])
            .bind(&c.levels[3])
            .bind(&c.levels[4])
            .bind(i64::try_from(ordinal).unwrap_or(i64::MAX))
            .bind(now_ms)
            .execute(&mut *conn)
            .await
            .map(|d| d.rows_affected()))?;
            if inserted == 0 {
                tx.rollback().await?;
                return Ok(false);
            }
            set_courses(&mut tx, &c.code, &c.courses).await?;
        }
        for line in &defaults.requirements {
            insert_requirement(&mut tx, line).await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}

fn level_of(level: i64) -> u8 {
    u8::try_from(level).unwrap_or(0)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

async fn set_courses(tx: &mut Tx, code: &str, courses: &[String]) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("DELETE FROM competency_courses WHERE competency = $1").bind(code).execute(&mut *c).await.map(|d| d.rows_affected()))?;
    for (ordinal, course) in courses.iter().enumerate() {
        on_tx!(tx, c => sqlx::query("INSERT INTO competency_courses (competency, course_id, ordinal) VALUES ($1, $2, $3)")
            .bind(code)
            .bind(course)
            .bind(i64::try_from(ordinal).unwrap_or(i64::MAX))
            .execute(&mut *c)
            .await
            .map(|d| d.rows_affected()))?;
    }
    Ok(())
}

async fn insert_requirement(tx: &mut Tx, line: &RequirementLine) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("INSERT INTO position_requirements (position_key, position, competency, level) VALUES ($1, $2, $3, $4)")
        .bind(&line.position_key)
        .bind(&line.position)
        .bind(&line.code)
        .bind(i64::from(line.level))
        .execute(&mut *c)
        .await
        .map(|d| d.rows_affected()))?;
    Ok(())
}
