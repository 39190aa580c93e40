//! A training as an iCalendar event (RFC 5545), written by hand: CRLF line ends, lines folded at
//! 75 octets, text escaped, times in UTC.

use lentera_protocol::activity::Training;

/// Escapes a TEXT value: backslash, comma, semicolon and line breaks (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no line is longer than 75 octets (a UTF-8 character is never split).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// `YYYYMMDDTHHMMSSZ` of Unix milliseconds.
fn utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (y, m, d) = lentera_protocol::progress::civil_from_days(days);
    format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// The calendar file of `training` (with its partner's name), stamped `now_ms`; `host` makes the UID unique.
pub fn calendar(training: &Training, partner: Option<&str>, host: &str, now_ms: i64) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Lentera//Pelatihan//ID");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, "BEGIN:VEVENT");
    line(&mut out, &format!("UID:training-{}@{}", training.id, host));
    line(&mut out, &format!("DTSTAMP:{}", utc(now_ms)));
    line(&mut out, &format!("DTSTART:{}", utc(training.start_ms)));
    line(&mut out, &format!("DTEND:{}", utc(training.end_ms)));
    line(&mut out, &format!("SUMMARY:{}", escape(&training.title)));
    let mut about = Vec::new();
    if let Some(p) = partner {
        about.push(format!("Mitra: {p}"));
    }
    about.push(format!("{} JP bila hadir (kode check-in di lokasi/di layar).", training.jp));
    if let Some(link) = &training.link {
        about.push(format!("Tautan: {link}"));
    }
    line(&mut out, &format!("DESCRIPTION:{}", escape(&about.join("\n"))));
    match (&training.place, &training.link) {
        (Some(place), _) => line(&mut out, &format!("LOCATION:{}", escape(place))),
        (None, Some(link)) => line(&mut out, &format!("LOCATION:{}", escape(link))),
        (None, None) => {}
    }
    if let Some(link) = &training.link {
        line(&mut out, &format!("URL:{link}"));
    }
    line(&mut out, "END:VEVENT");
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        assert!(out.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(out.replace("\r\n ", ""), format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn text_escapes_commas_semicolons_backslashes_and_newlines() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn times_are_utc() {
        assert_eq!(utc(0), "19700101T000000Z");
        assert_eq!(utc(1_780_000_000_000), "20260528T202640Z");
    }
}
