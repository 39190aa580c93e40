//! CPU time spent by the processes of a run (from /proc/<pid>/stat), so figures can be given per core
//! whatever else the machine was doing: the server processes, the PostgreSQL cluster, this client.

use std::path::{Path, PathBuf};

/// Clock ticks per second of /proc's times (`getconf CLK_TCK`; 100 on Linux).
const TICKS: f64 = 100.0;

/// (utime + stime, cutime + cstime) of `pid` in seconds; `None` if it is gone.
fn times(pid: u32) -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| fields.get(i - 3).and_then(|v| v.parse::<f64>().ok());
    let (own, children) = (tick(14)? + tick(15)?, tick(16)? + tick(17)?);
    Some((own / TICKS, children / TICKS))
}

fn parent(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 2..].split_whitespace().nth(1)?.parse().ok()
}

/// CPU seconds used so far by these processes (their own time only).
pub fn of(pids: &[u32]) -> f64 {
    pids.iter().filter_map(|&pid| times(pid)).map(|(own, _)| own).sum()
}

/// CPU seconds of this process (the bench client: HTTP, JSON, the made-up events).
pub fn this_process() -> f64 {
    times(std::process::id()).map_or(0.0, |(own, _)| own)
}

/// A PostgreSQL cluster's processes: the postmaster and every backend and helper it started.
pub struct Cluster {
    postmaster: u32,
}

impl Cluster {
    /// The cluster whose data directory is `data` (its `postmaster.pid` names the postmaster).
    pub fn at(data: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(PathBuf::from(data).join("postmaster.pid")).ok()?;
        let postmaster = text.lines().next()?.trim().parse().ok()?;
        times(postmaster)?;
        Some(Self { postmaster })
    }

    /// CPU seconds used so far: the postmaster, its children alive now, and those already ended
    /// (counted in the postmaster's children's times once it reaped them).
    pub fn cpu(&self) -> f64 {
        let (own, ended) = times(self.postmaster).unwrap_or((0.0, 0.0));
        let alive: f64 = std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|&pid| parent(pid) == Some(self.postmaster))
            .filter_map(|pid| times(pid).map(|(own, _)| own))
            .sum();
        own + ended + alive
    }
}
