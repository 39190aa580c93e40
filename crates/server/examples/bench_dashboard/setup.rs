//! The organisation the dashboard is measured on, built with the server's own code on either
//! engine: units with `Db::create_unit`, the staff through the admin's CSV import
//! (`import::plan` + `Db::apply_import`), an admin, 200 events a person stored with
//! `Db::load_history` (multi-row INSERTs, and each person's fold rows written by the same code a
//! push uses), storage warnings and assignments. Each step is timed.

use super::workload::{Catalog, Expected, Rng, RuleBook};
use lentera_protocol::Nip;
use lentera_server::calendar;
use lentera_server::db::Db;
use lentera_server::db::accounts::NewLearner;
use lentera_server::db::fixtures::History;
use lentera_server::db::org::Scope;
use lentera_server::demo::{FIRST, LAST, POSITIONS};
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

const DAY: i64 = 86_400_000;
/// People whose events are made and stored together (one transaction each).
const LOAD_PEOPLE: usize = 500;

const DINAS: [&str; 10] = [
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Sosial",
    "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Komunikasi dan Informatika", "Badan Kepegawaian dan Pengembangan SDM",
    "Badan Perencanaan Pembangunan Daerah", "Dinas Perhubungan", "Sekretariat Daerah",
];
const REGIONS: [&str; 10] = ["Medan", "Binjai", "Tebing Tinggi", "Pematangsiantar", "Tanjungbalai", "Sibolga", "Padangsidimpuan", "Gunungsitoli", "Deli Serdang", "Langkat"];

/// Shape of the organisation: `units` units of `staff_per_unit` people (the unit itself and two
/// sections below it) under one root; `events` events a person.
#[derive(Clone, Copy)]
pub struct Shape {
    pub units: usize,
    pub staff_per_unit: usize,
    pub events: usize,
}

impl Shape {
    pub fn staff(&self) -> usize {
        self.units * self.staff_per_unit
    }
}

pub struct Person {
    pub nip: String,
    pub name: String,
    pub id: i64,
    pub unit: usize,
    pub last_sync_ms: i64,
    pub expected: Expected,
}

/// What was built, and how long each step took.
pub struct Org {
    pub root_code: String,
    /// Code of each top unit (a dinas with two sections below it).
    pub unit_codes: Vec<String>,
    /// The unit whose head is the measured supervisor.
    pub bench_unit: usize,
    pub supervisor_nip: String,
    pub admin_nip: String,
    pub people: Vec<Person>,
    pub timings: Timings,
    pub kinds: BTreeMap<&'static str, usize>,
    pub events: usize,
    pub assignments: usize,
    pub stale: usize,
    pub warnings: usize,
}

#[derive(Default)]
pub struct Timings {
    pub units: Duration,
    pub import_plan: Duration,
    pub import_apply: Duration,
    pub generate: Duration,
    pub load: Duration,
    pub rest: Duration,
    pub total: Duration,
}

/// The `n`th structurally valid NIP: born 12 March 1960 + n / 11,988, appointed 1990 + that, in
/// month n / 999 % 12 + 1, sequence n % 999 + 1 (so 50,000 people fit).
pub fn nip(n: usize) -> Result<String, String> {
    let year = n / (999 * 12);
    let text = format!("{}0312{}{:02}1{:03}", 1960 + year, 1990 + year, n / 999 % 12 + 1, n % 999 + 1);
    Nip::parse(&text).map(|n| n.to_string()).map_err(|e| format!("bench NIP {text}: {e}"))
}

pub async fn build(db: &Db, catalog: &Catalog, rules: &RuleBook, shape: Shape, password_hash: &str, now_ms: i64) -> Result<Org, String> {
    let err = |what: &'static str| move |e: sqlx::Error| format!("{what}: {e}");
    let begun = Instant::now();
    let mut timings = Timings::default();
    let mut rng = Rng::new(0xDA5B_0A2D_2026);

    // Units: a root, each dinas under it, two sections under each dinas.
    let start = Instant::now();
    let root_code = "PROV-BENCH".to_owned();
    let root = db.create_unit(&root_code, "Pemerintah Provinsi Bench (fiktif)", None).await.map_err(err("root unit"))?;
    let mut unit_codes = Vec::new();
    for u in 0..shape.units {
        let code = format!("PROV-U{u:03}");
        let name = format!("{} {}", DINAS[u % DINAS.len()], REGIONS[u / DINAS.len() % REGIONS.len()]);
        let name = if u >= DINAS.len() * REGIONS.len() { format!("{name} {}", u / (DINAS.len() * REGIONS.len()) + 1) } else { name };
        let id = db.create_unit(&code, &name, Some(root)).await.map_err(err("unit"))?;
        for (s, section) in ["Bidang Program", "Bidang Layanan"].iter().enumerate() {
            db.create_unit(&format!("{code}-B{}", s + 1), &format!("{section} {name}"), Some(id)).await.map_err(err("section"))?;
        }
        unit_codes.push(code);
    }
    timings.units = start.elapsed();

    // Staff, as the admin's CSV lists them: a head per dinas, everyone there and in its sections led by the head.
    let mut csv = String::from("nip,nama,jabatan,kode_unit,nip_atasan,email\n");
    let mut placed: Vec<(String, String, usize)> = Vec::new();
    let mut n = 0;
    for (u, code) in unit_codes.iter().enumerate() {
        let head = nip(n)?;
        for i in 0..shape.staff_per_unit {
            let nip = nip(n)?;
            n += 1;
            let name = format!("{} {}", FIRST[n % FIRST.len()], LAST[(n * 7 + n / FIRST.len()) % LAST.len()]);
            let (unit, position, boss) = match i {
                0 => (code.clone(), format!("Kepala {}", DINAS[u % DINAS.len()]), String::new()),
                i if i % 5 == 1 => (format!("{code}-B1"), POSITIONS[i % POSITIONS.len()].to_owned(), head.clone()),
                i if i % 5 == 2 => (format!("{code}-B2"), POSITIONS[i % POSITIONS.len()].to_owned(), head.clone()),
                i => (code.clone(), POSITIONS[i % POSITIONS.len()].to_owned(), head.clone()),
            };
            let email = if i % 3 == 0 { format!("{}.{n}@bench.example", name.to_lowercase().replace(' ', ".")) } else { String::new() };
            csv.push_str(&format!("{nip},{name},{position},{unit},{boss},{email}\n"));
            placed.push((nip, name, u));
        }
    }
    let start = Instant::now();
    let tree = db.org_tree().await.map_err(err("org tree"))?;
    let existing = db.existing_staff().await.map_err(err("existing staff"))?;
    let plan = lentera_server::import::plan(csv.as_bytes(), &tree, &Scope::Everything, &existing);
    if let Some(e) = plan.preview.errors.first() {
        return Err(format!("bench staff line {}: {} ({} errors)", e.line, e.message, plan.preview.errors.len()));
    }
    timings.import_plan = start.elapsed();
    let start = Instant::now();
    db.apply_import(&plan, &HashMap::new(), now_ms).await.map_err(err("import"))?;
    timings.import_apply = start.elapsed();

    let start_rest = Instant::now();
    let admin_nip = nip(n)?;
    let admin_parsed = Nip::parse(&admin_nip).map_err(|e| e.to_string())?;
    let admin = NewLearner { nip: &admin_parsed, name: "Admin Bench", unit: "", role: "admin", password_hash };
    db.create_learner(&admin, now_ms).await.map_err(err("admin"))?;
    let bench_unit = shape.units / 2;
    let supervisor_nip = nip(bench_unit * shape.staff_per_unit)?;
    db.set_password_hash(&supervisor_nip, password_hash).await.map_err(err("supervisor password"))?;
    let parsed = Nip::parse(&supervisor_nip).map_err(|e| e.to_string())?;
    let role = db.learner_by_nip(&parsed).await.map_err(err("role"))?.map(|l| l.role).unwrap_or_default();
    if role != "supervisor" {
        return Err(format!("the import made the head of {} a {role:?}, not a supervisor", unit_codes[bench_unit]));
    }
    let ids: HashMap<String, i64> = db.people_by_nip().await.map_err(err("ids"))?.into_iter().map(|(id, nip)| (nip, id)).collect();
    timings.rest += start_rest.elapsed();

    // 200 events a person over the year so far, stored a few hundred people at a time.
    let (_, day, _) = calendar::year_position(now_ms);
    let year_start = now_ms - i64::from(day - 1) * DAY;
    let mut people = Vec::with_capacity(placed.len());
    let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut events, mut stale, mut warnings) = (0, 0, 0);
    let mut warned = Vec::new();
    for group in placed.chunks(LOAD_PEOPLE) {
        let start = Instant::now();
        let mut histories = Vec::with_capacity(group.len());
        for (nip, name, unit) in group {
            let id = *ids.get(nip).ok_or_else(|| format!("imported {nip} is missing"))?;
            let device = rng.device();
            // Most sync within days; one in six has been out of signal for ten days or more.
            let out_of_signal = rng.below(6) == 0;
            let last_sync = if out_of_signal { now_ms - (10 + rng.below(30) as i64) * DAY } else { now_ms - rng.below(5) as i64 * DAY - 3_600_000 };
            stale += usize::from(out_of_signal);
            let (made, expected) = catalog.person_events(rules, device, year_start, last_sync, shape.events, &mut rng);
            for event in &made {
                *kinds.entry(event.body.kind().name()).or_default() += 1;
            }
            events += made.len();
            if rng.below(12) == 0 {
                warned.push((id, last_sync));
            }
            histories.push(History { learner_id: id, events: made, received_at_ms: last_sync });
            people.push(Person { nip: nip.clone(), name: name.clone(), id, unit: *unit, last_sync_ms: last_sync, expected });
        }
        timings.generate += start.elapsed();
        let start = Instant::now();
        db.load_history(&histories).await.map_err(err("load history"))?;
        timings.load += start.elapsed();
        if people.len() % 10_000 < LOAD_PEOPLE && people.len() >= 10_000 {
            eprintln!(
                "   ... {} people, {} events stored ({:.0} s)",
                people.len(), events, begun.elapsed().as_secs_f64()
            );
        }
    }

    // Storage warnings, as the phones report them.
    let start = Instant::now();
    let report = lentera_protocol::org::StorageReport { used_bytes: 120_000_000, quota_bytes: 128_000_000, full: false };
    let warning = lentera_server::routes::sync::storage_warning(&report);
    for (id, at) in &warned {
        db.set_storage_warning(*id, warning.as_deref(), *at).await.map_err(err("storage warning"))?;
        warnings += 1;
    }

    // Assignments: the measured unit's head gave their unit a course now 20 days overdue; the admin
    // gave two other units a course due next month and everyone one due at the year's end.
    let courses = catalog.ids();
    let head_id = *ids.get(&supervisor_nip).ok_or("no supervisor id")?;
    let admin_id = *ids.get(&admin_nip).ok_or("no admin id")?;
    let (year, _, _) = calendar::year_position(now_ms);
    let of_units = |units: &[usize]| people.iter().filter(|p| units.contains(&p.unit)).map(|p| p.id).collect::<Vec<_>>();
    let sets: Vec<(Vec<i64>, &str, String, i64)> = vec![
        (of_units(&[bench_unit]), courses[0].as_str(), calendar::date(now_ms - 20 * DAY), head_id),
        (of_units(&[(bench_unit + 1) % shape.units, (bench_unit + 2) % shape.units]), courses[1 % courses.len()].as_str(), calendar::date(now_ms + 30 * DAY), admin_id),
        (people.iter().map(|p| p.id).collect(), courses[2 % courses.len()].as_str(), format!("{year}-12-31"), admin_id),
    ];
    let today = calendar::date(now_ms);
    let mut assignments = 0;
    let by_id: HashMap<i64, usize> = people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    for (learners, course, due, by) in &sets {
        let (added, _) = db.assign(learners, course, due, *by, now_ms).await.map_err(err("assign"))?;
        assignments += added as usize;
        for id in learners {
            let Some(&i) = by_id.get(id) else { continue };
            let expected = &mut people[i].expected;
            if !expected.done.contains(*course) {
                expected.assigned_open += 1;
                expected.overdue += u32::from(due.as_str() < today.as_str());
            }
        }
    }
    timings.rest += start.elapsed();
    timings.total = begun.elapsed();
    Ok(Org { root_code, unit_codes, bench_unit, supervisor_nip, admin_nip, people, timings, kinds, events, assignments, stale, warnings })
}
