//! Static markup built as text, escaped here. Parts of a page that never change once drawn cost the
//! wasm far less this way than as typed views (each typed view compiles its own renderer).

/// Escapes text for use in HTML content and double-quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `<tag class="class">escaped text</tag>`.
pub fn el(tag: &str, class: &str, text: &str) -> String {
    let class = if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
    format!("<{tag}{class}>{}</{tag}>", esc(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_shown_not_run() {
        assert_eq!(esc("<img src=x onerror=\"alert('1')\">&"), "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;");
        assert_eq!(el("p", "muted", "a<b"), "<p class=\"muted\">a&lt;b</p>");
    }
}
