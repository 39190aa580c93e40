//! Webinars and workshops (docs/activities.md): partners, trainings and their invited units, the
//! roster, and the host's marks. Registrations and check-ins from phones: `training_push`.

use super::audit::Entry;
use super::learner_credits::{self, Grant};
use super::{Db, Tx};
use lentera_protocol::activity::{Partner, Registration, RosterRow, Training, TrainingForm};
use std::collections::{BTreeMap, BTreeSet};

/// A training as stored: what the console edits, and the secret its codes come from.
#[derive(Clone, Debug)]
pub struct TrainingRow {
    pub training: Training,
    pub secret: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    form: String,
    partner_id: Option<i64>,
    link: Option<String>,
    place: Option<String>,
    start_ms: i64,
    end_ms: i64,
    capacity: Option<i64>,
    jp: i64,
    competency: String,
    pillars: String,
    pre_reading: Option<String>,
    recording: Option<String>,
    materials: String,
    secret: String,
}

const COLUMNS: &str = "id, title, form, partner_id, link, place, start_ms, end_ms, capacity, jp, competency, pillars, pre_reading, recording, materials, secret";

fn decode_err(e: serde_json::Error) -> sqlx::Error {
    sqlx::Error::Decode(Box::new(e))
}

fn encode_err(e: serde_json::Error) -> sqlx::Error {
    sqlx::Error::Encode(Box::new(e))
}

impl Row {
    fn into_training(self, units: Vec<i64>) -> Result<TrainingRow, sqlx::Error> {
        let form = if self.form == "workshop" { TrainingForm::Workshop } else { TrainingForm::Webinar };
        Ok(TrainingRow {
            training: Training {
                id: self.id,
                title: self.title,
                form,
                partner_id: self.partner_id,
                link: self.link,
                place: self.place,
                start_ms: self.start_ms,
                end_ms: self.end_ms,
                capacity: self.capacity.and_then(|c| u32::try_from(c).ok()),
                jp: u32::try_from(self.jp).unwrap_or(0),
                competency: serde_json::from_value(serde_json::Value::String(self.competency)).map_err(decode_err)?,
                pillars: serde_json::from_str(&self.pillars).map_err(decode_err)?,
                units,
                pre_reading: self.pre_reading,
                recording: self.recording,
                materials: serde_json::from_str(&self.materials).map_err(decode_err)?,
            },
            secret: self.secret,
        })
    }
}

/// The credit source of attending training `id`.
pub fn source_of(id: i64) -> String {
    format!("training:{id}")
}

/// What attending `row` credits.
pub fn grant_of<'a>(row: &'a Training, source: &'a str, provider: &'a str) -> Grant<'a> {
    Grant { source, form: row.form.key(), title: &row.title, provider, jp: row.jp, competency: Some(row.competency), at_ms: row.start_ms }
}

/// Figures of one training for the console's list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub confirmed: u32,
    pub full: u32,
    pub present: u32,
}

/// Loads trainings by the `WHERE` clause given (no request text goes into it).
/// `lock` (PostgreSQL) holds the rows until the transaction ends.
pub(super) async fn load_where(tx: &mut Tx, clause: &str, bind: Option<i64>, lock: bool) -> Result<Vec<TrainingRow>, sqlx::Error> {
    let lock = if lock && tx.dialect() == super::Dialect::Postgres { " FOR UPDATE" } else { "" };
    let sql = format!("SELECT {COLUMNS} FROM trainings {clause} ORDER BY start_ms, id{lock}");
    let rows: Vec<Row> = on_tx!(tx, c => {
        let q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
        let q = match bind { Some(b) => q.bind(b), None => q };
        q.fetch_all(&mut *c).await
    })?;
    let links: Vec<(i64, i64)> = on_tx!(tx, c => sqlx::query_as("SELECT training_id, unit_id FROM training_units ORDER BY training_id, unit_id").fetch_all(&mut *c).await)?;
    let mut units: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (t, u) in links {
        units.entry(t).or_default().push(u);
    }
    rows.into_iter().map(|r| { let u = units.remove(&r.id).unwrap_or_default(); r.into_training(u) }).collect()
}

/// The partner's name, or "Lentera" for a training the agency runs itself.
pub(super) async fn provider_of(tx: &mut Tx, partner_id: Option<i64>) -> Result<String, sqlx::Error> {
    let Some(id) = partner_id else { return Ok("Lentera".into()) };
    let name: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT name FROM partners WHERE id = $1").bind(id).fetch_optional(&mut *c).await)?;
    Ok(name.unwrap_or_else(|| "Lentera".into()))
}

async fn write_units(tx: &mut Tx, id: i64, units: &[i64]) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("DELETE FROM training_units WHERE training_id = $1").bind(id).execute(&mut *c).await.map(|d| d.rows_affected()))?;
    for unit in units.iter().collect::<BTreeSet<_>>() {
        on_tx!(tx, c => sqlx::query("INSERT INTO training_units (training_id, unit_id) VALUES ($1, $2)").bind(id).bind(*unit).execute(&mut *c).await.map(|d| d.rows_affected()))?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PartnerRow {
    id: i64,
    name: String,
    kind: String,
    profile: String,
    website: Option<String>,
}

impl From<PartnerRow> for Partner {
    fn from(r: PartnerRow) -> Partner {
        Partner { id: r.id, name: r.name, kind: r.kind, profile: r.profile, website: r.website }
    }
}

#[derive(sqlx::FromRow)]
struct RosterDbRow {
    id: i64,
    nip: String,
    name: String,
    unit: Option<String>,
    status: Option<String>,
}

fn registration_of(status: &str) -> Option<Registration> {
    match status {
        "confirmed" => Some(Registration::Confirmed),
        "full" => Some(Registration::Full),
        "cancelled" => Some(Registration::Cancelled),
        _ => None,
    }
}

impl Db {
    pub async fn partners(&self) -> Result<Vec<Partner>, sqlx::Error> {
        let rows: Vec<PartnerRow> = on_pool!(self.pool, p => sqlx::query_as("SELECT id, name, kind, profile, website FROM partners ORDER BY name, id").fetch_all(p).await)?;
        Ok(rows.into_iter().map(Partner::from).collect())
    }

    pub async fn partner_named(&self, name: &str) -> Result<Option<i64>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_scalar("SELECT id FROM partners WHERE name = $1").bind(name).fetch_optional(p).await)
    }

    /// Adds (`id` None) or changes a partner with its audit entry; `Ok(None)` when there is no such partner.
    pub async fn put_partner(&self, id: Option<i64>, partner: &Partner, now_ms: i64, audit: Option<&Entry>) -> Result<Option<Partner>, sqlx::Error> {
        let mut tx = self.begin().await?;
        let id = match id {
            Some(id) => {
                let changed = on_tx!(&mut tx, c => sqlx::query("UPDATE partners SET name = $2, kind = $3, profile = $4, website = $5, updated_at_ms = $6 WHERE id = $1")
                    .bind(id).bind(&partner.name).bind(&partner.kind).bind(&partner.profile).bind(&partner.website).bind(now_ms)
                    .execute(&mut *c).await.map(|d| d.rows_affected()))?;
                if changed == 0 {
                    return Ok(None);
                }
                id
            }
            None => on_tx!(&mut tx, c => sqlx::query_scalar("INSERT INTO partners (name, kind, profile, website, updated_at_ms) VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .bind(&partner.name).bind(&partner.kind).bind(&partner.profile).bind(&partner.website).bind(now_ms)
                .fetch_one(&mut *c).await)?,
        };
        super::audit::write_some(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(Some(Partner { id, ..partner.clone() }))
    }

    pub async fn trainings(&self) -> Result<Vec<TrainingRow>, sqlx::Error> {
        let mut tx = self.begin().await?;
        let rows = load_where(&mut tx, "", None, false).await?;
        tx.commit().await?;
        Ok(rows)
    }

    pub async fn training(&self, id: i64) -> Result<Option<TrainingRow>, sqlx::Error> {
        let mut tx = self.begin().await?;
        let row = load_where(&mut tx, "WHERE id = $1", Some(id), false).await?.pop();
        tx.commit().await?;
        Ok(row)
    }

    /// Schedules (`training.id` ignored, `secret` used) or changes a training with its audit entry;
    /// returns its id, or `None` when there is no training `id` to change.
    pub async fn put_training(&self, id: Option<i64>, training: &Training, secret: &str, by: Option<i64>, now_ms: i64, audit: Option<&Entry>) -> Result<Option<i64>, sqlx::Error> {
        let competency = serde_json::to_value(training.competency).map_err(encode_err)?.as_str().unwrap_or("teknis").to_owned();
        let pillars = serde_json::to_string(&training.pillars).map_err(encode_err)?;
        let materials = serde_json::to_string(&training.materials).map_err(encode_err)?;
        let capacity = training.capacity.map(i64::from);
        let mut tx = self.begin().await?;
        let id = match id {
            Some(id) => {
                let changed = on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE trainings SET title = $2, form = $3, partner_id = $4, link = $5, place = $6, start_ms = $7, end_ms = $8, capacity = $9, \
                     jp = $10, competency = $11, pillars = $12, pre_reading = $13, recording = $14, materials = $15, updated_at_ms = $16 WHERE id = $1")
                    .bind(id).bind(&training.title).bind(training.form.key()).bind(training.partner_id).bind(&training.link).bind(&training.place)
                    .bind(training.start_ms).bind(training.end_ms).bind(capacity).bind(i64::from(training.jp)).bind(&competency).bind(&pillars)
                    .bind(&training.pre_reading).bind(&training.recording).bind(&materials).bind(now_ms)
                    .execute(&mut *c).await.map(|d| d.rows_affected()))?;
                if changed == 0 {
                    return Ok(None);
                }
                id
            }
            None => on_tx!(&mut tx, c => sqlx::query_scalar(
                "INSERT INTO trainings (title, form, partner_id, link, place, start_ms, end_ms, capacity, jp, competency, pillars, pre_reading, recording, materials, secret, created_by, updated_at_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id")
                .bind(&training.title).bind(training.form.key()).bind(training.partner_id).bind(&training.link).bind(&training.place)
                .bind(training.start_ms).bind(training.end_ms).bind(capacity).bind(i64::from(training.jp)).bind(&competency).bind(&pillars)
                .bind(&training.pre_reading).bind(&training.recording).bind(&materials).bind(secret).bind(by).bind(now_ms)
                .fetch_one(&mut *c).await)?,
        };
        write_units(&mut tx, id, &training.units).await?;
        // Credit already given follows a changed title, JP or date.
        let source = source_of(id);
        let credited: Vec<i64> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT learner_id FROM learner_credits WHERE source = $1").bind(&source).fetch_all(&mut *c).await)?;
        if !credited.is_empty() {
            let provider = provider_of(&mut tx, training.partner_id).await?;
            let stored = Training { id, ..training.clone() };
            for learner in credited {
                learner_credits::grant(&mut tx, learner, &grant_of(&stored, &source, &provider)).await?;
            }
        }
        super::audit::write_some(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// Registrations confirmed, full, and people credited, per training.
    pub async fn training_counts(&self) -> Result<BTreeMap<i64, Counts>, sqlx::Error> {
        let regs: Vec<(i64, String, i64)> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT training_id, status, COUNT(*) FROM training_registrations GROUP BY training_id, status").fetch_all(p).await)?;
        let credits: Vec<(String, i64)> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT source, COUNT(*) FROM learner_credits WHERE source LIKE 'training:%' GROUP BY source").fetch_all(p).await)?;
        let mut out: BTreeMap<i64, Counts> = BTreeMap::new();
        for (id, status, n) in regs {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let counts = out.entry(id).or_default();
            match status.as_str() {
                "confirmed" => counts.confirmed = n,
                "full" => counts.full = n,
                _ => {}
            }
        }
        for (source, n) in credits {
            if let Some(id) = source.strip_prefix("training:").and_then(|i| i.parse().ok()) {
                out.entry(id).or_default().present = u32::try_from(n).unwrap_or(u32::MAX);
            }
        }
        Ok(out)
    }

    /// The learner's registration word and credited JP per training.
    pub async fn my_trainings(&self, learner_id: i64) -> Result<(BTreeMap<i64, Registration>, BTreeMap<i64, u32>), sqlx::Error> {
        let regs: Vec<(i64, String)> = on_pool!(self.pool, p => sqlx::query_as("SELECT training_id, status FROM training_registrations WHERE learner_id = $1")
            .bind(learner_id).fetch_all(p).await)?;
        let credits: Vec<(String, i64)> = on_pool!(self.pool, p => sqlx::query_as("SELECT source, jp FROM learner_credits WHERE learner_id = $1 AND source LIKE 'training:%'")
            .bind(learner_id).fetch_all(p).await)?;
        let regs = regs.into_iter().filter_map(|(id, s)| registration_of(&s).map(|r| (id, r))).collect();
        let credits = credits
            .into_iter()
            .filter_map(|(s, jp)| Some((s.strip_prefix("training:")?.parse().ok()?, u32::try_from(jp).unwrap_or(0))))
            .collect();
        Ok((regs, credits))
    }

    /// Everyone registered, checked in or credited for training `id`, by name.
    pub async fn roster(&self, id: i64) -> Result<Vec<RosterRow>, sqlx::Error> {
        let source = source_of(id);
        let key = id.to_string();
        let people: Vec<RosterDbRow> = on_pool!(self.pool, p => sqlx::query_as(
            "SELECT l.id, l.nip, l.name, u.name AS unit, r.status FROM learners l \
             LEFT JOIN units u ON u.id = l.unit_id \
             LEFT JOIN training_registrations r ON r.training_id = $1 AND r.learner_id = l.id \
             WHERE r.learner_id IS NOT NULL \
                OR EXISTS (SELECT 1 FROM learner_credits k WHERE k.learner_id = l.id AND k.source = $2) \
                OR EXISTS (SELECT 1 FROM training_checkins c WHERE c.learner_id = l.id AND c.training = $3) \
             ORDER BY l.name, l.nip")
            .bind(id).bind(&source).bind(&key).fetch_all(p).await)?;
        let present: BTreeSet<i64> = on_pool!(self.pool, p => sqlx::query_scalar("SELECT learner_id FROM learner_credits WHERE source = $1").bind(&source).fetch_all(p).await)?
            .into_iter().collect();
        let checkins: Vec<(i64, String)> = on_pool!(self.pool, p => sqlx::query_as("SELECT learner_id, verdict FROM training_checkins WHERE training = $1 AND event_id IS NOT NULL")
            .bind(&key).fetch_all(p).await)?;
        Ok(people
            .into_iter()
            .map(|r| {
                let mine: Vec<&str> = checkins.iter().filter(|(l, _)| *l == r.id).map(|(_, v)| v.as_str()).collect();
                RosterRow {
                    nip: r.nip,
                    name: r.name,
                    unit: r.unit.unwrap_or_default(),
                    registration: r.status.as_deref().and_then(registration_of),
                    present: present.contains(&r.id),
                    check_ins: u32::try_from(mine.len()).unwrap_or(u32::MAX),
                    by_code: mine.contains(&"credited"),
                }
            })
            .collect())
    }

    /// The host's mark: credits attendance (`present`) or takes it back, kept as a check-in row.
    pub async fn mark_attendance(&self, training: &TrainingRow, learner_id: i64, present: bool, by: i64, now_ms: i64, audit: &Entry) -> Result<(), sqlx::Error> {
        let t = &training.training;
        let source = source_of(t.id);
        let mut tx = self.begin().await?;
        if present {
            let provider = provider_of(&mut tx, t.partner_id).await?;
            learner_credits::grant(&mut tx, learner_id, &grant_of(t, &source, &provider)).await?;
        } else {
            learner_credits::take_back(&mut tx, learner_id, &source).await?;
        }
        let verdict = if present { "marked_present" } else { "marked_absent" };
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO training_checkins (training, learner_id, at_ms, received_ms, marked_by, verdict) VALUES ($1, $2, $3, $3, $4, $5)")
            .bind(t.id.to_string()).bind(learner_id).bind(now_ms).bind(by).bind(verdict)
            .execute(&mut *c).await.map(|d| d.rows_affected()))?;
        super::audit::write(&mut tx, audit).await?;
        tx.commit().await
    }

    /// Every check-in verdict kept for training `id` (tests and the host's figures).
    pub async fn check_in_verdicts(&self, id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
        on_pool!(self.pool, p => sqlx::query_as(
            "SELECT l.nip, c.verdict FROM training_checkins c JOIN learners l ON l.id = c.learner_id WHERE c.training = $1 ORDER BY c.id")
            .bind(id.to_string()).fetch_all(p).await)
    }
}
