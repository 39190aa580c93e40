//! Each person is measured against their own yearly JP rule: PNS at least 20 JP, PPPK at most
//! 24 JP (`lentera_protocol::jp_rule`). The type comes in with the staff import, reaches the
//! person's phone at login and sync, and the dashboard's totals, rows, CSV and person page.

use crate::common;

use common::*;
use lentera_protocol::org::{Dashboard, ImportPreview, MyLedger, PersonDetail};
use lentera_protocol::{Employment, Event, EventBody, EventId, LoginResponse};
use reqwest::StatusCode;

/// Every real course: 3 + 4 + 3 + 3 + 4 + 4 = 21 JP, past the PNS 20 and short of the PPPK 24.
const COURSES: [&str; 6] = ["keamanan-digital", "budaya-inovasi", "media-sosial-publik", "spbe-layanan-warga", "analisis-data-layanan", "sistem-informasi"];

/// KOTA with an admin (who also supervises it); `pns` and `pppk` imported into it by CSV.
struct City {
    server: TestServer,
    admin: String,
    pns: String,
    pppk: String,
    blank: String,
}

impl City {
    async fn new() -> City {
        let server = TestServer::start_with_real_courses().await;
        server.create_unit("KOTA", "Pemerintah Kota Uji", None).await;
        let admin_nip = nip(1);
        server.create_person(&admin_nip, "Admin Kota", "admin", Some("KOTA")).await;
        server.supervise(&admin_nip, "KOTA").await;
        let admin = server.login_as(&admin_nip).await;
        let city = City { server, admin, pns: nip(10), pppk: nip(11), blank: nip(12) };
        let file = format!(
            "nip,nama,jabatan,kode_unit,nip_atasan,email,jenis_pegawai\n\
             {},Andi PNS,Analis,KOTA,,,PNS\n{},Budi PPPK,Pranata Komputer,KOTA,,,pppk\n{},Citra Kosong,Staf,KOTA,,,\n",
            city.pns, city.pppk, city.blank
        );
        let response = city.server.post_csv(&city.admin, "/api/admin/import", file).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap_or_default());
        let hash = lentera_server::auth::hash_password(PASSWORD).expect("hash");
        for nip in [&city.pns, &city.pppk, &city.blank] {
            city.server.db.set_password_hash(nip, &hash).await.expect("password set");
        }
        city
    }

    async fn dashboard(&self) -> Dashboard {
        self.server.get_json(&self.admin, "/api/dashboard").await
    }

    /// Completes every real course as `nip` (21 JP this year).
    async fn complete_all(&self, nip: &str, seed: u8) {
        let token = self.server.login_as(nip).await;
        let device = device_of(nip);
        let mut clock = lentera_server::now_ms() - 3_600_000;
        let mut made: u16 = 0;
        let mut events = Vec::new();
        for course in COURSES {
            events.extend(self.server.passing_events(course, |body| {
                clock += 1_000;
                made += 1;
                let [hi, lo] = made.to_be_bytes();
                Event { id: EventId::new_v7(clock as u64, [seed, hi, lo, 9, 9, 9, 9, 9, 9, 9]), device_id: device, device_time_ms: clock, body }
            }));
        }
        assert!(events.iter().any(|e| matches!(e.body, EventBody::CourseCompleted { .. })));
        self.server.push_events(&token, nip, events).await;
    }
}

#[tokio::test]
async fn the_import_takes_the_type_from_jenis_pegawai_and_names_the_line_of_a_wrong_one() {
    let city = City::new().await;
    let board = city.dashboard().await;
    let kind = |nip: &str| board.staff.iter().find(|r| r.nip == nip).map(|r| (r.employment, r.target_jp)).expect("on the dashboard");
    assert_eq!(kind(&city.pns), (Employment::Pns, 20));
    assert_eq!(kind(&city.pppk), (Employment::Pppk, 24), "lower case pppk reads as PPPK");
    assert_eq!(kind(&city.blank), (Employment::Pns, 20), "an empty cell means PNS");

    // A file without the column keeps working: everyone in it is a PNS.
    let file = format!("nip,nama,jabatan,kode_unit,nip_atasan,email\n{},Dedi Tanpa Kolom,Staf,KOTA,,\n", nip(13));
    let preview: ImportPreview = city.server.post_csv(&city.admin, "/api/admin/import/preview", file).await.json().await.expect("preview");
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!(preview.added.len(), 1);

    // Any other value is refused with its line, and the file imports nothing.
    let file = format!("nip,nama,jabatan,kode_unit,nip_atasan,email,jenis_pegawai\n{},Eka,Staf,KOTA,,,PNS\n{},Fajar,Staf,KOTA,,,honorer\n", nip(14), nip(15));
    let preview: ImportPreview = city.server.post_csv(&city.admin, "/api/admin/import/preview", file).await.json().await.expect("preview");
    let errors: Vec<(u32, &str)> = preview.errors.iter().map(|e| (e.line, e.kind.as_str())).collect();
    assert_eq!(errors, [(3, "employment")]);
    assert!(preview.errors[0].message.contains("honorer") && preview.errors[0].message.contains("PNS atau PPPK"), "{}", preview.errors[0].message);

    // Changing someone's type is a change the preview names.
    let file = format!("nip,nama,jabatan,kode_unit,nip_atasan,email,jenis_pegawai\n{},Andi PNS,Analis,KOTA,,,PPPK\n", city.pns);
    let preview: ImportPreview = city.server.post_csv(&city.admin, "/api/admin/import/preview", file).await.json().await.expect("preview");
    assert_eq!(preview.changed.iter().map(|c| c.fields.clone()).collect::<Vec<_>>(), [vec!["employment".to_owned()]]);
}

#[tokio::test]
async fn the_phone_learns_its_own_type_at_login_and_at_each_sync() {
    let city = City::new().await;
    for (nip, expected) in [(&city.pns, Employment::Pns), (&city.pppk, Employment::Pppk)] {
        let body = serde_json::json!({ "nip": nip, "password": PASSWORD, "device_id": device_of(nip).to_string() });
        let login: LoginResponse = city.server.http.post(city.server.url("/api/auth/login")).json(&body).send().await.expect("answered").json().await.expect("login");
        assert_eq!(login.account.employment, expected, "login of {nip}");
        let ledger: MyLedger = city.server.get_json(&login.token, "/api/ledger/me").await;
        assert_eq!(ledger.employment, expected, "the ledger fetched after each sync says it too");
    }
}

#[tokio::test]
async fn the_dashboard_counts_each_person_against_their_own_rule() {
    let city = City::new().await;
    city.complete_all(&city.pns, 1).await;
    city.complete_all(&city.pppk, 2).await;
    let board = city.dashboard().await;
    let row = |nip: &str| board.staff.iter().find(|r| r.nip == nip).cloned().expect("on the dashboard");
    let (pns, pppk) = (row(&city.pns), row(&city.pppk));
    assert_eq!((pns.jp, pppk.jp), (21, 21), "the same JP for both");
    let (_, day, days) = lentera_server::calendar::year_position(lentera_server::now_ms());
    assert!(pns.on_track, "21 JP is past a PNS's 20 on any day");
    assert_eq!(pppk.on_track, Employment::Pppk.on_track(21, day, days), "a PPPK keeps pace with 24 JP");

    // Reached: 21 JP meets the PNS minimum of 20 but not the PPPK's 24; the blank one has 0.
    assert_eq!(board.total.reached_target, 1);
    assert_eq!(board.total.pppk, 1);
    assert_eq!((board.target_jp, board.target_jp_pppk), (20, 24));
    assert_eq!(board.on_track_jp_pppk, Employment::Pppk.on_track_jp(day, days));
    let on_track = board.staff.iter().filter(|r| r.on_track).count() as u32;
    assert_eq!(board.total.on_track, on_track, "the SQL totals agree with the rows, each by its own rule");
    let kota = board.units.iter().find(|u| u.code == "KOTA").expect("KOTA summary");
    assert_eq!((kota.reached_target, kota.on_track, kota.pppk), (1, on_track, 1));
    let pppk_chart = board.people_jp.iter().find(|p| p.nip == city.pppk).expect("charted");
    assert_eq!(pppk_chart.employment, Employment::Pppk);

    // The person page says the same, and the CSV carries each person's own figure.
    let person: PersonDetail = city.server.get_json(&city.admin, &format!("/api/staff/{}", city.pppk)).await;
    assert_eq!((person.row.employment, person.row.target_jp, person.row.on_track), (Employment::Pppk, 24, pppk.on_track));
    let csv = city.server.get_with(&city.admin, "/api/dashboard.csv").await.text().await.expect("csv");
    let line = |nip: &str| csv.lines().find(|l| l.starts_with(nip)).map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>()).expect("in the csv");
    assert_eq!((line(&city.pppk)[6].as_str(), line(&city.pppk)[8].as_str()), ("PPPK", "24"));
    assert_eq!((line(&city.pns)[6].as_str(), line(&city.pns)[8].as_str()), ("PNS", "20"));
}

#[tokio::test]
async fn the_demo_city_is_mixed_and_its_named_pppk_is_one() {
    let server = TestServer::start().await;
    server.db.delete_all_people().await.expect("emptied");
    lentera_server::demo::seed(&server.db, real_library(), lentera_server::now_ms()).await.expect("seeds");
    let hash = lentera_server::auth::hash_password(PASSWORD).expect("hash");
    server.db.set_password_hash(lentera_server::demo::ADMIN_NIP, &hash).await.expect("password set");
    let admin = server.login_as(lentera_server::demo::ADMIN_NIP).await;
    let board: Dashboard = server.get_json(&admin, "/api/dashboard").await;
    assert!(board.total.pppk > 5 && board.total.pppk < board.total.staff / 2, "some PPPK among mostly PNS: {} of {}", board.total.pppk, board.total.staff);
    let person: PersonDetail = server.get_json(&admin, &format!("/api/staff/{}", lentera_server::demo::PPPK_NIP)).await;
    assert_eq!(person.row.employment, Employment::Pppk);
    server.shutdown().await;
}
