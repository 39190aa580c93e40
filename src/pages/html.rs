//! Static markup built as text, escaped here. Parts of a page that never change once drawn cost the
//! wasm far less this way than as typed views (each typed view compiles its own renderer).

pub use lentera_protocol::html::escape as esc;

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
