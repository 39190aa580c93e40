//! The public verification page `/verifikasi/{nomor}`: a small server-made HTML page in Bahasa
//! Indonesia that confirms or denies a certificate, with the NIP partly hidden.

use super::{CertificateBody, competency_words, mask_nip};
use lentera_protocol::html::escape;

/// What the page says about a number.
pub enum Finding<'a> {
    Valid(&'a CertificateBody),
    Revoked { body: &'a CertificateBody, on: String, reason: &'a str },
    /// Stored, but the signature no longer matches its text: someone changed it.
    Tampered,
    Unknown(&'a str),
}

/// A date `YYYY-MM-DD` in words: `4 Desember 2026`.
pub fn date_words(date: &str) -> String {
    const MONTHS: [&str; 12] = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [y, m, d] if (1..=12).contains(m) => format!("{d} {} {y}", MONTHS[*m as usize - 1]),
        _ => date.to_owned(),
    }
}

fn rows(body: &CertificateBody) -> String {
    let fields = [
        ("Nomor sertifikat", body.number.clone()),
        ("Nama", body.name.clone()),
        ("NIP", mask_nip(&body.nip)),
        (if body.form == "e_learning" { "Kursus" } else { "Pelatihan" }, body.course.clone()),
        ("Jam Pelajaran (JP)", body.jp.to_string()),
        ("Jenis kompetensi", competency_words(&body.competency).to_owned()),
        ("Bentuk pembelajaran", super::form_words(&body.form).to_owned()),
        ("Tanggal selesai", date_words(&body.completed_on)),
        ("Diterbitkan oleh", body.issuer.clone()),
    ];
    let items: String = fields.iter().map(|(k, v)| format!("<dt>{}</dt><dd>{}</dd>", escape(k), escape(v))).collect();
    format!("<dl>{items}</dl>")
}

/// The whole page.
pub fn render(finding: &Finding) -> String {
    let (title, class, main) = match finding {
        Finding::Valid(body) => (
            "Sertifikat sah".to_owned(),
            "sah",
            format!(
                "<p class=\"status\">Sertifikat ini <strong>sah</strong>: diterbitkan oleh Lentera dan tanda tangan digitalnya cocok.</p>{}\
                 <p class=\"note\">Sebagian NIP disembunyikan untuk melindungi pemiliknya. Cocokkan nama dan nomor dengan sertifikat yang Anda pegang.</p>",
                rows(body)
            ),
        ),
        Finding::Revoked { body, on, reason } => (
            "Sertifikat dicabut".to_owned(),
            "dicabut",
            format!(
                "<p class=\"status\">Sertifikat ini <strong>sudah dicabut</strong> pada {} dan <strong>tidak berlaku</strong>. Alasan: {}.</p>{}",
                escape(&date_words(on)),
                escape(reason),
                rows(body)
            ),
        ),
        Finding::Tampered => (
            "Sertifikat tidak sah".to_owned(),
            "tidak-sah",
            "<p class=\"status\">Catatan sertifikat ini <strong>tidak cocok</strong> dengan tanda tangan digitalnya. Jangan terima sertifikat ini; hubungi BKPSDM penerbit.</p>".to_owned(),
        ),
        Finding::Unknown(number) => (
            "Sertifikat tidak ditemukan".to_owned(),
            "tidak-sah",
            format!(
                "<p class=\"status\">Tidak ada sertifikat Lentera dengan nomor <strong>{}</strong>. Periksa kembali nomornya (huruf dan angka persis seperti tertulis), atau hubungi BKPSDM penerbit.</p>",
                escape(number)
            ),
        ),
    };
    format!(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Verifikasi Sertifikat Lentera</title><link rel=\"stylesheet\" href=\"/verifikasi.css\"></head>\
         <body><main class=\"{class}\"><p class=\"brand\">Lentera · Verifikasi Sertifikat</p><h1>{title}</h1>{main}</main></body></html>"
    )
}

/// Served as `/verifikasi.css`: the page's policy allows no inline style.
pub const STYLE: &str = "body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f4f4f0}\
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem}.brand{color:#3d3d3d;font-weight:600;margin:0}\
h1{font-size:1.6rem;margin:.5rem 0 1rem;padding-left:.75rem;border-left:.4rem solid}\
.sah h1{border-color:#1e6b34}.dicabut h1,.tidak-sah h1{border-color:#a3221b}\
.status{background:#fff;padding:.75rem;border:1px solid #c8c8c0}\
dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.25rem 1rem;background:#fff;padding:1rem;border:1px solid #c8c8c0}\
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}.note{color:#3d3d3d;font-size:.9rem}\
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_are_escaped() {
        assert_eq!(escape("<b>\"A&B'</b>"), "&lt;b&gt;&quot;A&amp;B&#39;&lt;/b&gt;");
        assert!(render(&Finding::Unknown("<script>")).contains("&lt;script&gt;"));
        assert_eq!(date_words("2026-12-04"), "4 Desember 2026");
    }
}
