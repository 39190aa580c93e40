//! RFC 4180 CSV: reading the admin's staff file (with line numbers for errors) and writing exports.

/// One record and the file line it starts on (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: u32,
    pub fields: Vec<String>,
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub line: u32,
    pub message: String,
}

/// Reads a whole CSV file. The delimiter is `,` or `;` (spreadsheets in Indonesian locales save `;`),
/// chosen from the header line. Blank lines are skipped.
pub fn read(bytes: &[u8]) -> Result<Vec<Record>, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError { line: 1, message: "berkas tersimpan sebagai UTF-16; simpan ulang sebagai \"CSV UTF-8\"".into() });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        ReadError {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            message: "baris ini bukan teks UTF-8 (misalnya huruf dari Windows-1252); simpan berkas sebagai \"CSV UTF-8\"".into(),
        }
    })?;
    let delimiter = delimiter_of(text.lines().next().unwrap_or(""));
    parse(text, delimiter)
}

fn delimiter_of(header: &str) -> char {
    if header.matches(';').count() > header.matches(',').count() { ';' } else { ',' }
}

fn parse(text: &str, delimiter: char) -> Result<Vec<Record>, ReadError> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line: u32 = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        loop {
            match chars.next() {
                None => break,
                Some('"') if quoted => {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                }
                Some('"') if field.is_empty() => quoted = true,
                Some('\n') if quoted => {
                    line += 1;
                    field.push('\n');
                }
                Some('\r') if !quoted && chars.peek() == Some(&'\n') => {}
                Some('\n') if !quoted => {
                    line += 1;
                    break;
                }
                Some(c) if c == delimiter && !quoted => fields.push(std::mem::take(&mut field)),
                Some(c) => field.push(c),
            }
        }
        if quoted {
            return Err(ReadError { line: start, message: "tanda kutip (\") dibuka tetapi tidak ditutup".into() });
        }
        fields.push(field);
        if fields.iter().any(|f| !f.trim().is_empty()) {
            records.push(Record { line: start, fields });
        }
    }
    Ok(records)
}

/// What a spreadsheet may read as the start of a formula (OWASP's list): `-` too, since `-2+3`
/// or `-cmd|...` runs, and tab or carriage return, which some programs skip before the `=`.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `value` is a plain signed decimal (`-16.67`): a number to a spreadsheet, never a formula.
fn plain_number(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    [whole, fraction].iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// One CSV field: quoted only when it must be, quotes doubled. Text a spreadsheet would run as a
/// formula gets a leading apostrophe, so a name, unit or course id can never be an attack. Every
/// writer goes through here; a plain negative number (a pre/post gain) stays a number.
pub fn field(value: &str) -> String {
    let guarded;
    let value = if value.starts_with(FORMULA_STARTS) && !plain_number(value) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// A field typed by people (names, titles): also guards a leading `-` or carriage return, which
/// some spreadsheets read as a formula or a line break.
pub fn text_field(value: &str) -> String {
    if value.starts_with(['-', '\r']) { format!("'{value}") } else { value.to_owned() }
}

/// A CSV line (CRLF-terminated, as RFC 4180 says) from already-formatted fields.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = fields.iter().map(|f| field(f.as_ref())).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// Signed hundredths as a plain decimal (-12.50); empty for none.
pub fn signed_decimal(h: Option<i64>) -> String {
    h.map(|h| format!("{}{}.{:02}", if h < 0 { "-" } else { "" }, h.abs() / 100, h.abs() % 100)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_quotes_and_newlines() {
        let records = read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"two\nlines\",z\n".as_bytes()).expect("reads");
        assert_eq!(records[1], Record { line: 2, fields: vec!["x, y".into(), "say \"hi\"".into()] });
        assert_eq!(records[2], Record { line: 4, fields: vec!["two\nlines".into(), "z".into()] });
    }

    #[test]
    fn semicolon_files_and_a_bom_are_understood() {
        let records = read("\u{feff}nip;nama\n1;Sri, S.Kom\n".as_bytes()).expect("reads");
        assert_eq!(records[1].fields, ["1", "Sri, S.Kom"]);
        assert_eq!(records[0].fields[0], "nip");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_named_by_line() {
        let err = read(b"nip,nama\n1,Sri\n2,Jos\xe9\n").expect_err("refuses");
        assert_eq!(err.line, 3);
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        // A negative figure is a number; anything more after the sign is still defused.
        assert_eq!((field("-16.67"), field("-5"), field("-2+3"), field("-1e5"), field("-"), field("-.5")), ("-16.67".into(), "-5".into(), "'-2+3".into(), "'-1e5".into(), "'-".into(), "'-.5".into()));
        assert_eq!(field("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(field("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(field("\t=1"), "'\t=1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("Sri-Rahayu"), "Sri-Rahayu");
    }

    #[test]
    fn written_fields_read_back_unchanged() {
        let values = ["plain", "with, comma", "with \"quote\"", "multi\nline", " padded "];
        let text = line(&values);
        assert!(text.ends_with("\r\n"));
        let back = read(text.as_bytes()).expect("reads");
        assert_eq!(back[0].fields, values);
    }
}
