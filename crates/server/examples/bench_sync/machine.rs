//! The machine the figures were taken on: CPU, memory, kernel, and the disk under the database.

use super::stats::Spread;
use std::path::Path;
use std::time::Instant;

/// Median ms of writing 4 KiB to a file in `dir` and syncing its data: overwriting in place (a
/// reused WAL) and appending (a growing WAL, whose size change is synced too), 50 times each.
pub fn fsync_probe(dir: &Path) -> Result<(Spread, Spread), String> {
    use std::io::{Seek, SeekFrom, Write};
    let path = dir.join("fsync-probe");
    let fail = |e: std::io::Error| format!("fsync probe: {e}");
    let mut file = std::fs::File::create(&path).map_err(fail)?;
    let block = [7u8; 4096];
    file.write_all(&[0u8; 50 * 4096]).and_then(|()| file.sync_all()).map_err(fail)?;
    let time = |file: &mut std::fs::File, offset: u64| -> Result<f64, String> {
        let start = Instant::now();
        file.seek(SeekFrom::Start(offset)).and_then(|_| file.write_all(&block)).and_then(|()| file.sync_data()).map_err(fail)?;
        Ok(start.elapsed().as_secs_f64() * 1000.0)
    };
    let overwrite = (0..50).map(|i| time(&mut file, i * 4096)).collect::<Result<Vec<_>, _>>()?;
    let append = (50..100).map(|i| time(&mut file, i * 4096)).collect::<Result<Vec<_>, _>>()?;
    let _ = std::fs::remove_file(&path);
    Ok((Spread::of(&overwrite), Spread::of(&append)))
}

/// `2× AMD EPYC (nproc 2), 23.5 GiB RAM, Linux 6.1`.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split(':').nth(1).map(str::trim))
        .unwrap_or("unknown CPU");
    let listed = cpuinfo.lines().filter(|l| l.starts_with("processor")).count();
    let nproc = std::thread::available_parallelism().map_or(0, usize::from);
    let mem_kib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().find_map(|l| l.strip_prefix("MemTotal:")?.trim().trim_end_matches("kB").trim().parse::<u64>().ok()))
        .unwrap_or(0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{listed}x {model} (nproc {nproc}), MemTotal {:.1} GiB, Linux {}",
        mem_kib as f64 / 1024.0 / 1024.0,
        kernel.trim()
    )
}

/// The file system holding `path`, from /proc/mounts: `ext4 (/dev/vda on /)`.
pub fn filesystem_of(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
    mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            Some((f.next()?, f.next()?, f.next()?))
        })
        .filter(|(_, point, _)| path.starts_with(point))
        .max_by_key(|(_, point, _)| point.len())
        .map_or_else(|| "unknown file system".into(), |(dev, point, fs)| format!("{fs} ({dev} on {point}) under {}", path.display()))
}
