//! What the dashboard bench reports beyond the sync bench's helpers (machine, percentiles, numbers).

pub use crate::machine::machine;
pub use crate::stats::{percentile, thousands, verdict};

/// `/proc/loadavg`'s 1, 5 and 15 minute figures: `0.52 0.31 0.20`.
pub fn load() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

pub fn median(values: &[f64]) -> f64 {
    crate::stats::Spread::of(values).median
}

/// Bytes as `1,234 B (1.2 KB)` (10^3).
pub fn kb(bytes: usize) -> String {
    format!("{} B ({:.1} KB)", thousands(bytes as f64), bytes as f64 / 1000.0)
}
