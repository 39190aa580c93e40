//! The unit tree in reading order with each unit's depth (pure, tested natively).

use lentera_protocol::org::Unit;

/// Indexes into `units`, each parent followed by its children (by name), with depth 0 for roots.
/// A unit whose parent is not in the list (outside the caller's view) counts as a root.
pub fn ordered(units: &[Unit]) -> Vec<(usize, usize)> {
    let known = |code: &str| units.iter().any(|u| u.code == code);
    let mut children: Vec<(Option<&str>, usize)> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.parent.as_deref().filter(|p| known(p) && *p != u.code), i))
        .collect();
    children.sort_by(|a, b| units[a.1].name.to_lowercase().cmp(&units[b.1].name.to_lowercase()));
    let mut out = Vec::with_capacity(units.len());
    // Depth-first with an explicit stack; the `out` check stops a cycle from looping forever.
    let mut stack: Vec<(usize, usize)> =
        children.iter().rev().filter(|(p, _)| p.is_none()).map(|&(_, i)| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        if out.iter().any(|&(seen, _)| seen == i) {
            continue;
        }
        out.push((i, depth));
        let code = units[i].code.as_str();
        stack.extend(children.iter().rev().filter(|(p, _)| *p == Some(code)).map(|&(_, c)| (c, depth + 1)));
    }
    // Units caught in a cycle never reach a root; list them last rather than lose them.
    for i in 0..units.len() {
        if !out.iter().any(|&(seen, _)| seen == i) {
            out.push((i, 0));
        }
    }
    out
}

/// The unit's name indented by depth with no-break spaces, for `<option>` text.
pub fn indented(name: &str, depth: usize) -> String {
    format!("{}{name}", "\u{a0}\u{a0}\u{a0}".repeat(depth))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, name: &str, parent: Option<&str>) -> Unit {
        Unit { code: code.into(), name: name.into(), parent: parent.map(Into::into), supervisors: vec![], supervisor_names: vec![], staff: 0, id: 0 }
    }

    #[test]
    fn parents_come_before_children_sorted_by_name() {
        let units = vec![
            unit("KEC-B", "Kelurahan Bojong", Some("KEC")),
            unit("KOTA", "Kota Sibolga", None),
            unit("KEC", "Kecamatan Curug", Some("KOTA")),
            unit("DIS", "Dinas Kominfo", Some("KOTA")),
            unit("LOST", "Unit lain", Some("ELSEWHERE")),
        ];
        let order: Vec<(&str, usize)> = ordered(&units).into_iter().map(|(i, d)| (units[i].code.as_str(), d)).collect();
        assert_eq!(order, [("KOTA", 0), ("DIS", 1), ("KEC", 1), ("KEC-B", 2), ("LOST", 0)]);
    }

    #[test]
    fn a_cycle_does_not_lose_units() {
        let units = vec![unit("A", "A", Some("B")), unit("B", "B", Some("A"))];
        assert_eq!(ordered(&units).len(), 2);
    }
}
