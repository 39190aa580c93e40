//! The certificate as a one-page A4 PDF in Bahasa Indonesia, with the standard Helvetica font (no
//! font file to embed) and a QR code to the public verification page.

use super::page::date_words;
use super::{CertificateBody, competency_words};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use qrcode::{Color, QrCode};

/// Text in the standard fonts' WinAnsi encoding: Latin-1 letters kept, anything else a `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).ok().filter(|b| *b >= 0x20 && !(0x7f..0xa0).contains(b)).unwrap_or(b'?')).collect()
}

fn line(content: &mut Content, font: &[u8], size: f32, x: f32, y: f32, text: &str) {
    content.begin_text();
    content.set_font(Name(font), size);
    content.next_line(x, y);
    content.show(Str(&win_ansi(text)));
    content.end_text();
}

/// `verify_url` is printed under the QR code and encoded in it.
pub fn render(body: &CertificateBody, verify_url: &str, revoked: bool) -> Result<Vec<u8>, String> {
    let (catalog, tree, page_id, regular, bold, content_id) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5), Ref::new(6));
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let (w, h) = (842.0, 595.0);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, w, h)).parent(tree).contents(content_id);
    page.resources().fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
    page.finish();
    pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));

    let mut c = Content::new();
    c.set_line_width(3.0);
    c.rect(24.0, 24.0, w - 48.0, h - 48.0);
    c.stroke();
    line(&mut c, b"F1", 14.0, 60.0, 520.0, &body.issuer);
    line(&mut c, b"F2", 30.0, 60.0, 475.0, "SERTIFIKAT");
    line(&mut c, b"F1", 12.0, 60.0, 452.0, &format!("Nomor: {}", body.number));
    line(&mut c, b"F1", 13.0, 60.0, 415.0, "Diberikan kepada");
    line(&mut c, b"F2", 22.0, 60.0, 388.0, &body.name);
    line(&mut c, b"F1", 13.0, 60.0, 366.0, &format!("NIP {}", body.nip));
    line(&mut c, b"F1", 13.0, 60.0, 330.0, super::completed_words(&body.form));
    line(&mut c, b"F2", 17.0, 60.0, 305.0, &body.course);
    let facts = [
        format!("Jam Pelajaran: {} JP", body.jp),
        format!("Jenis kompetensi: {}", competency_words(&body.competency)),
        format!("Tanggal selesai: {}", date_words(&body.completed_on)),
    ];
    for (i, fact) in facts.iter().enumerate() {
        line(&mut c, b"F1", 13.0, 60.0, 270.0 - 20.0 * i as f32, fact);
    }
    line(&mut c, b"F1", 10.0, 60.0, 80.0, "Ditandatangani secara digital oleh server Lentera (Ed25519). Keaslian dapat diperiksa");
    line(&mut c, b"F1", 10.0, 60.0, 66.0, "dengan memindai kode QR atau membuka alamat di bawahnya.");
    if revoked {
        line(&mut c, b"F2", 20.0, 60.0, 130.0, "SERTIFIKAT INI SUDAH DICABUT DAN TIDAK BERLAKU");
    }

    let code = QrCode::new(verify_url.as_bytes()).map_err(|e| format!("QR code: {e}"))?;
    let n = code.width();
    let size = 170.0;
    let cell = size / n as f32;
    let (x0, y0) = (w - 60.0 - size, 130.0);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (col, row) = ((i % n) as f32, (i / n) as f32);
            c.rect(x0 + col * cell, y0 + size - (row + 1.0) * cell, cell, cell);
        }
    }
    c.fill_nonzero();
    line(&mut c, b"F1", 8.0, x0 - 20.0, y0 - 16.0, verify_url);
    pdf.stream(content_id, &c.finish());
    Ok(pdf.finish())
}
