//! The learner's JP as the server credited it: `GET /api/ledger/me`, fetched after every sync and
//! kept on the phone for offline days; and what Beranda says of each completed course: verified,
//! waiting to sync (previewed here with the server's own rule, `lentera_protocol::credit`, over this
//! phone's fold and downloaded packs), or not confirmed, with the server's reason.

use crate::store::js::object;
use crate::store::{Store, StoreError, ToMeta};
use crate::sync::{SyncError, client};
use lentera_protocol::progress::year_of;
use crate::library::Downloaded;
use lentera_protocol::{CreditRule, Employment, Nip, NotCredited, Progress, Rules, Score, credit};
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;

/// Settings key of the ledger as last fetched: `{nip, json}`, the server's JSON as it came.
const LEDGER_KEY: &str = "ledger";

/// One line of the server's ledger, as far as the phone needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerLine {
    pub course_id: String,
    pub title: String,
    /// JP credited (0 when not confirmed).
    pub jp: u32,
    /// What the device claimed for a completion.
    pub claimed_jp: Option<u32>,
    pub credited: bool,
    pub reason: Option<NotCredited>,
    /// The number of the course's certificate, when credited.
    pub certificate: Option<String>,
}

/// The server's ledger of one year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerLedger {
    pub year: i32,
    pub lines: Vec<ServerLine>,
    /// JP credited in the year.
    pub total: u32,
    /// The learner's employment type as the server knows it now (absent from older servers).
    pub employment: Option<Employment>,
    /// The year's development plan, once sent to the supervisor.
    pub plan: Option<ServerPlan>,
}

/// The plan as the ledger brings it: its status (`submitted`, `validated`, `returned`), its lines
/// (title, JP, credited) and the JP planned and done.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerPlan {
    pub status: String,
    pub lines: Vec<(String, u32, bool)>,
    pub planned_jp: u32,
    pub done_jp: u32,
}

/// Fetches the learner's ledger for this year and keeps it (after push and pull, so it answers
/// for everything this phone has sent).
pub async fn fetch(store: &Store, token: &str, nip: &Nip) -> Result<(), SyncError> {
    let reply = crate::net::call("GET", crate::sw_contract::LEDGER_PATH, Some(token), None).await.map_err(|()| SyncError::Unreachable)?;
    if !reply.ok() {
        return Err(client::refusal(reply));
    }
    keep(store, nip.as_str(), &reply.text).await
}

/// Keeps the server's ledger JSON for `nip`, once it reads as a ledger.
pub async fn keep(store: &Store, nip: &str, json: &str) -> Result<(), SyncError> {
    if decode(json).is_none() {
        return Err(SyncError::Transient { message: "the JP ledger could not be read".into(), retry_after_s: None });
    }
    store.set_meta(LEDGER_KEY, &Kept { nip, json }).await?;
    Ok(())
}

/// The ledger kept at the last sync, if it belongs to `nip` (a phone handed to someone else never
/// shows the previous learner's JP).
pub async fn kept(store: &Store, nip: &str) -> Result<Option<ServerLedger>, StoreError> {
    let Some(value) = store.meta_value(LEDGER_KEY).await? else { return Ok(None) };
    let text = |name: &str| js_sys::Reflect::get(&value, &JsValue::from_str(name)).ok().and_then(|v| v.as_string());
    if text("nip").as_deref() != Some(nip) {
        return Ok(None);
    }
    Ok(text("json").and_then(|json| decode(&json)))
}

struct Kept<'a> {
    nip: &'a str,
    json: &'a str,
}

impl ToMeta for Kept<'_> {
    fn to_js(&self) -> JsValue {
        object(&[("nip", self.nip.into()), ("json", self.json.into())])
    }
}

/// Reads `MyLedger` by hand through the browser's JSON parser: a serde derive of the ledger types
/// (with their tagged reason enum) would compile a deserialiser per type into the wasm.
fn decode(text: &str) -> Option<ServerLedger> {
    let root = js_sys::JSON::parse(text).ok()?;
    let entries = js_sys::Array::from(&get(&root, "entries")?);
    let mut lines = Vec::new();
    for entry in entries.iter() {
        lines.push(ServerLine {
            course_id: get(&entry, "course_id")?.as_string()?,
            title: get(&entry, "title")?.as_string()?,
            jp: num(&entry, "jp")?,
            claimed_jp: num(&entry, "claimed_jp"),
            credited: get(&entry, "status")?.as_string()? == "credited",
            reason: get(&entry, "not_credited").and_then(|r| reason(&r)),
            certificate: get(&entry, "certificate").and_then(|c| c.as_string()),
        });
    }
    let employment = get(&root, "employment").and_then(|e| e.as_string()).and_then(|e| Employment::parse(&e));
    let plan = get(&root, "plan").and_then(|p| plan(&p));
    Some(ServerLedger { year: num(&root, "year")? as i32, lines, total: num(&get(&root, "totals")?, "year")?, employment, plan })
}

fn plan(value: &JsValue) -> Option<ServerPlan> {
    let mut lines = Vec::new();
    for item in js_sys::Array::from(&get(value, "items")?).iter() {
        lines.push((get(&item, "title")?.as_string()?, num(&item, "jp")?, get(&item, "done")?.as_bool()?));
    }
    Some(ServerPlan { status: get(value, "status")?.as_string()?, lines, planned_jp: num(value, "planned_jp")?, done_jp: num(value, "done_jp")? })
}

fn reason(value: &JsValue) -> Option<NotCredited> {
    Some(match get(value, "reason")?.as_string()?.as_str() {
        "unknown_course" => NotCredited::UnknownCourse,
        "unknown_version" => NotCredited::UnknownVersion { version: num(value, "version")? },
        "not_passed" => NotCredited::NotPassed {
            best: get(value, "best").and_then(|b| Some(Score { correct: num(&b, "correct")?, total: num(&b, "total")? })),
        },
        "lessons_missing" => NotCredited::LessonsMissing { missing: num(value, "missing")? },
        _ => return None,
    })
}

/// A field that is present and not null.
fn get(value: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn num(value: &JsValue, name: &str) -> Option<u32> {
    get(value, name)?.as_f64().filter(|n| *n >= 0.0 && n.fract() == 0.0).map(|n| n as u32)
}

/// The rules the phone can apply: those of the pack versions it has downloaded. A course that is
/// not downloaded, or an attempt on an older version, is not previewed (the server still decides).
pub struct PhoneRules<'a>(pub &'a BTreeMap<String, Downloaded>);

impl Rules for PhoneRules<'_> {
    fn rule(&self, course_id: &str, version: u32) -> Option<&CreditRule> {
        self.0.get(course_id).map(|d| &d.rule).filter(|r| r.version == version)
    }

    fn knows(&self, course_id: &str) -> bool {
        self.0.contains_key(course_id)
    }
}

/// Where one completed course stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The server credited it, with these JP and this certificate.
    Verified { jp: u32, certificate: Option<String> },
    /// Done on this phone; the server has not answered yet. The phone's preview of its JP, when
    /// the rule credits it with the packs on this phone; or how many lessons the rule still misses
    /// (something the learner can fix before the sync).
    Waiting { preview_jp: Option<u32>, lessons_missing: Option<u32> },
    /// The server did not confirm the claim.
    NotConfirmed { reason: NotCredited, claimed_jp: Option<u32> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseStanding {
    pub course_id: String,
    pub title: String,
    pub standing: Standing,
}

/// Beranda's JP: credited by the server, and previewed on the phone while waiting to sync.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Not confirmed first, then waiting, then verified.
    pub courses: Vec<CourseStanding>,
    pub verified_jp: u32,
    pub pending_jp: u32,
}

/// Every course of `year` the learner completed (or claims to), with its standing.
///
/// A course the server credited is verified. Otherwise, while this phone holds unsent events of
/// the course (`unsent`) or the server's ledger has no line for it, it waits, with the preview of
/// `credit` over this phone's fold and `rules` (the downloaded packs); else the server's reason stands.
pub fn summarise(
    progress: &Progress,
    rules: &impl Rules,
    ledger: Option<&ServerLedger>,
    unsent: &[String],
    year: i32,
    title: impl Fn(&str) -> Option<String>,
) -> Summary {
    let ledger = ledger.filter(|l| l.year == year);
    let line = |id: &str| ledger.and_then(|l| l.lines.iter().find(|line| line.course_id == id));
    let name = |id: &str| line(id).map(|l| l.title.clone()).or_else(|| title(id)).unwrap_or_else(|| id.to_owned());
    let (mut refused, mut waiting, mut verified) = (Vec::new(), Vec::new(), Vec::new());
    let mut pending_jp = 0;
    let previews = credit(progress, rules);
    for preview in &previews {
        let id = preview.course_id.as_str();
        let claims = preview.credited.is_some() || preview.claimed_jp.is_some() || preview.claimed_best.is_some_and(|s| s.passed());
        let standing = match line(id) {
            Some(l) if l.credited => Standing::Verified { jp: l.jp, certificate: l.certificate.clone() },
            Some(l) if !unsent.iter().any(|u| u == id) => {
                if !claims && l.claimed_jp.is_none() {
                    continue;
                }
                Standing::NotConfirmed { reason: l.reason.clone().unwrap_or(NotCredited::NotPassed { best: None }), claimed_jp: l.claimed_jp }
            }
            _ => {
                let at = preview.credited.map(|c| c.at_ms).or(preview.claimed_at_ms);
                if !claims || at.is_some_and(|at| year_of(at) != year) {
                    continue;
                }
                let preview_jp = preview.credited.map(|c| c.jp);
                pending_jp += preview_jp.unwrap_or(0);
                let lessons_missing = match preview.not_credited {
                    Some(NotCredited::LessonsMissing { missing }) => Some(missing),
                    _ => None,
                };
                Standing::Waiting { preview_jp, lessons_missing }
            }
        };
        let bucket = match standing {
            Standing::Verified { .. } => &mut verified,
            Standing::Waiting { .. } => &mut waiting,
            Standing::NotConfirmed { .. } => &mut refused,
        };
        bucket.push(CourseStanding { course_id: id.to_owned(), title: name(id), standing });
    }
    // Lines of courses this phone has no events of (not pulled yet): the server's word alone.
    for l in ledger.map_or(&[][..], |l| &l.lines[..]) {
        if previews.iter().any(|p| p.course_id == l.course_id) {
            continue;
        }
        let (bucket, standing) = match (&l.credited, &l.reason) {
            (true, _) => (&mut verified, Standing::Verified { jp: l.jp, certificate: l.certificate.clone() }),
            (false, Some(reason)) if l.claimed_jp.is_some() => (&mut refused, Standing::NotConfirmed { reason: reason.clone(), claimed_jp: l.claimed_jp }),
            _ => continue,
        };
        bucket.push(CourseStanding { course_id: l.course_id.clone(), title: l.title.clone(), standing });
    }
    let verified_jp = ledger.map_or(0, |l| l.total);
    refused.append(&mut waiting);
    refused.append(&mut verified);
    Summary { courses: refused, verified_jp, pending_jp }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lentera_protocol::{Competency, DeviceId, Event, EventBody, EventId};

    const YEAR: i32 = 2026;
    /// 2026-03-02 in WIB.
    const MARCH: i64 = 1_772_400_000_000;

    fn rule() -> CreditRule {
        CreditRule {
            course_id: "etika".into(),
            version: 1,
            title: "Etika Digital".into(),
            jp: 3,
            competency: Competency::Teknis,
            lessons: vec!["l1".into(), "l2".into()],
            key: vec![("q1".into(), vec![0]), ("q2".into(), vec![1])],
        }
    }

    fn rules() -> BTreeMap<(String, u32), CreditRule> {
        BTreeMap::from([(("etika".to_owned(), 1), rule())])
    }

    fn events(lessons: &[&str], answers: [u8; 2], claim_jp: Option<u32>) -> Vec<Event> {
        let device = DeviceId::from_random([7; 16]);
        let mut n = 0u8;
        let mut make = |body: EventBody| {
            n += 1;
            Event { id: EventId::new_v7(MARCH as u64 + u64::from(n), [n; 10]), device_id: device, device_time_ms: MARCH + i64::from(n), body }
        };
        let c = || "etika".to_owned();
        let mut out: Vec<Event> = lessons.iter().map(|l| make(EventBody::LessonCompleted { course_id: c(), lesson_id: (*l).into() })).collect();
        let start = make(EventBody::QuizStarted { course_id: c(), course_version: 1 });
        let attempt = start.id;
        out.push(start);
        for (q, choice) in ["q1", "q2"].iter().zip(answers) {
            out.push(make(EventBody::AnswerGiven { course_id: c(), attempt, question_id: (*q).into(), choice: vec![choice] }));
        }
        out.push(make(EventBody::QuizSubmitted { course_id: c(), attempt, correct: 2, total: 2 }));
        if let Some(jp) = claim_jp {
            out.push(make(EventBody::CourseCompleted { course_id: c(), jp }));
        }
        out
    }

    fn ledger(line: ServerLine) -> ServerLedger {
        let total = if line.credited { line.jp } else { 0 };
        ServerLedger { year: YEAR, lines: vec![line], total, employment: None, plan: None }
    }

    fn line(credited: bool, jp: u32, claimed_jp: Option<u32>, reason: Option<NotCredited>) -> ServerLine {
        ServerLine { course_id: "etika".into(), title: "Etika Digital".into(), jp, claimed_jp, credited, reason, certificate: None }
    }

    fn only(summary: &Summary) -> &Standing {
        assert_eq!(summary.courses.len(), 1, "{summary:?}");
        &summary.courses[0].standing
    }

    #[test]
    fn an_honest_completion_waits_with_its_preview_until_the_server_credits_it() {
        let progress = Progress::fold(&events(&["l1", "l2"], [0, 1], Some(3)));
        let unsent = ["etika".to_owned()];
        let before = summarise(&progress, &rules(), None, &unsent, YEAR, |_| Some("Etika Digital".into()));
        assert_eq!(only(&before), &Standing::Waiting { preview_jp: Some(3), lessons_missing: None });
        assert_eq!((before.verified_jp, before.pending_jp), (0, 3));
        assert_eq!(before.courses[0].title, "Etika Digital", "the title comes from the phone when no line has it");

        let server = ledger(line(true, 3, Some(3), None));
        let after = summarise(&progress, &rules(), Some(&server), &[], YEAR, |_| None);
        assert_eq!(only(&after), &Standing::Verified { jp: 3, certificate: None });
        assert_eq!((after.verified_jp, after.pending_jp), (3, 0));
    }

    #[test]
    fn a_claim_the_server_refused_shows_its_reason_and_the_devices_claim() {
        // Wrong answers, yet the device says 2/2 and 40 JP.
        let progress = Progress::fold(&events(&["l1", "l2"], [1, 0], Some(40)));
        let refused = NotCredited::NotPassed { best: Some(Score { correct: 0, total: 2 }) };
        let server = ledger(line(false, 0, Some(40), Some(refused.clone())));
        let summary = summarise(&progress, &rules(), Some(&server), &[], YEAR, |_| None);
        assert_eq!(only(&summary), &Standing::NotConfirmed { reason: refused, claimed_jp: Some(40) });
        assert_eq!((summary.verified_jp, summary.pending_jp), (0, 0));
    }

    #[test]
    fn the_preview_uses_the_rule_not_the_devices_claim() {
        // One lesson short: the phone's own rule credits nothing while it waits.
        let progress = Progress::fold(&events(&["l1"], [0, 1], Some(3)));
        let summary = summarise(&progress, &rules(), None, &["etika".to_owned()], YEAR, |_| None);
        assert_eq!(only(&summary), &Standing::Waiting { preview_jp: None, lessons_missing: Some(1) });
        assert_eq!(summary.pending_jp, 0);
    }

    #[test]
    fn new_events_after_a_refusal_wait_for_the_servers_new_word() {
        let progress = Progress::fold(&events(&["l1", "l2"], [0, 1], Some(3)));
        let server = ledger(line(false, 0, Some(3), Some(NotCredited::LessonsMissing { missing: 1 })));
        let summary = summarise(&progress, &rules(), Some(&server), &["etika".to_owned()], YEAR, |_| None);
        assert_eq!(only(&summary), &Standing::Waiting { preview_jp: Some(3), lessons_missing: None });
    }

    #[test]
    fn a_failed_attempt_is_no_completed_course_and_last_years_ledger_is_not_this_years() {
        let mut failed = events(&["l1", "l2"], [1, 0], None);
        if let EventBody::QuizSubmitted { correct, .. } = &mut failed.last_mut().expect("hand-in").body {
            *correct = 0;
        }
        let progress = Progress::fold(&failed);
        let server = ledger(line(false, 0, None, Some(NotCredited::NotPassed { best: Some(Score { correct: 0, total: 2 }) })));
        assert!(summarise(&progress, &rules(), Some(&server), &[], YEAR, |_| None).courses.is_empty());

        let honest = Progress::fold(&events(&["l1", "l2"], [0, 1], Some(3)));
        let old = ServerLedger { year: YEAR - 1, ..ledger(line(true, 3, Some(3), None)) };
        let summary = summarise(&honest, &rules(), Some(&old), &[], YEAR, |_| None);
        assert_eq!(only(&summary), &Standing::Waiting { preview_jp: Some(3), lessons_missing: None });
        assert_eq!(summary.verified_jp, 0);
    }

    #[test]
    fn lines_of_courses_not_on_this_phone_show_as_the_server_says() {
        let server = ServerLedger {
            year: YEAR,
            lines: vec![
                ServerLine { course_id: "a".into(), title: "A".into(), jp: 2, claimed_jp: Some(2), credited: true, reason: None, certificate: None },
                ServerLine { course_id: "b".into(), title: "B".into(), jp: 0, claimed_jp: Some(40), credited: false, reason: Some(NotCredited::UnknownCourse), certificate: None },
                ServerLine { course_id: "c".into(), title: "C".into(), jp: 0, claimed_jp: None, credited: false, reason: Some(NotCredited::NotPassed { best: None }), certificate: None },
            ],
            total: 2,
            employment: None,
            plan: None,
        };
        let summary = summarise(&Progress::default(), &rules(), Some(&server), &[], YEAR, |_| None);
        let ids: Vec<&str> = summary.courses.iter().map(|c| c.course_id.as_str()).collect();
        assert_eq!(ids, ["b", "a"], "not confirmed first; a failed attempt is no claim");
        assert_eq!(summary.verified_jp, 2);
    }
}
