//! Which of a round's jurors also supervise some of its entrants (pure, tested natively). Such a
//! juror endorses their own staff's ideas in the review queue, with the author's name, before
//! judging: the form says so, so the admin can pick jurors from other units for blind judging.

use lentera_protocol::org::Unit;
use std::collections::{HashMap, HashSet};

/// A juror who heads units with entrants, and those units (top-most first, in tree order).
#[derive(Debug, PartialEq, Eq)]
pub struct Conflict {
    pub name: String,
    pub units: Vec<String>,
}

/// The jurors (NIPs, in the order given) who supervise a unit with staff the round is open to:
/// everyone when `scope` is `None`, else the people of unit `scope` and the units below it.
pub fn supervising_entrants(units: &[Unit], scope: Option<&str>, jurors: &[&str]) -> Vec<Conflict> {
    // Built once per call: the form asks again on every keystroke, and a province has many units.
    let tree = Tree::of(units);
    let order = crate::tree::ordered(units);
    let mut out: Vec<Conflict> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for &nip in jurors {
        if seen.contains(&nip) {
            continue;
        }
        seen.push(nip);
        let mut name = None;
        let mut headed: Vec<&Unit> = Vec::new();
        for &(i, _) in &order {
            let unit = &units[i];
            let Some(at) = unit.supervisors.iter().position(|s| s == nip) else { continue };
            // Below a unit already listed: the same people, said once.
            if headed.iter().any(|h| tree.lineage(&unit.code).contains(&h.code.as_str())) || !tree.has_entrants(&unit.code, scope) {
                continue;
            }
            name = name.or_else(|| unit.supervisor_names.get(at).cloned());
            headed.push(unit);
        }
        if !headed.is_empty() {
            let units = headed.iter().map(|u| u.name.clone()).collect();
            out.push(Conflict { name: name.unwrap_or_else(|| nip.to_owned()), units });
        }
    }
    out
}

/// The first two unit names, and how many more: a head of many offices stays one short line.
pub fn first_units(units: &[String]) -> String {
    match units {
        [a] => a.clone(),
        [a, b] => format!("{a}, {b}"),
        [a, b, rest @ ..] => format!("{a}, {b} +{}", rest.len()),
        [] => String::new(),
    }
}

/// Each unit's parent, and the units with staff somewhere in their subtree.
struct Tree<'a> {
    parent: HashMap<&'a str, &'a str>,
    staffed: HashSet<&'a str>,
}

impl<'a> Tree<'a> {
    fn of(units: &'a [Unit]) -> Self {
        let parent = units.iter().filter_map(|u| Some((u.code.as_str(), u.parent.as_deref()?))).collect();
        let mut tree = Tree { parent, staffed: HashSet::new() };
        let staffed: Vec<&'a str> = units.iter().filter(|u| u.staff > 0).flat_map(|u| tree.lineage(&u.code)).collect();
        tree.staffed.extend(staffed);
        tree
    }

    /// `code` and its ancestors, nearest first (a cycle stops at the first repeat).
    fn lineage<'b>(&self, code: &'b str) -> Vec<&'b str>
    where
        'a: 'b,
    {
        let mut out = vec![code];
        let mut at = code;
        while let Some(&parent) = self.parent.get(at) {
            if out.contains(&parent) {
                break;
            }
            out.push(parent);
            at = parent;
        }
        out
    }

    /// Whether anyone in `code`'s subtree may enter a round open to `scope`'s subtree: the two
    /// subtrees meet where one holds the other.
    fn has_entrants(&self, code: &str, scope: Option<&str>) -> bool {
        let region = match scope {
            None => code,
            Some(scope) if self.lineage(scope).contains(&code) => scope,
            Some(scope) if self.lineage(code).contains(&scope) => code,
            Some(_) => return false,
        };
        self.staffed.contains(region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, parent: Option<&str>, heads: &[(&str, &str)], staff: u32) -> Unit {
        Unit {
            code: code.into(),
            name: format!("Unit {code}"),
            parent: parent.map(Into::into),
            supervisors: heads.iter().map(|(nip, _)| (*nip).to_owned()).collect(),
            supervisor_names: heads.iter().map(|(_, name)| (*name).to_owned()).collect(),
            staff,
            id: 0,
        }
    }

    /// A regency (head: the Sekda) with two offices; Kominfo has a section below it.
    fn regency() -> Vec<Unit> {
        vec![
            unit("KAB", None, &[("1", "Sekda")], 0),
            unit("KOMINFO", Some("KAB"), &[("2", "Kadis Kominfo")], 3),
            unit("KOMINFO-TIK", Some("KOMINFO"), &[("2", "Kadis Kominfo"), ("3", "Kabid TIK")], 4),
            unit("DINKES", Some("KAB"), &[("4", "Kadis Kesehatan")], 5),
            unit("KOSONG", Some("KAB"), &[("5", "Kepala unit kosong")], 0),
        ]
    }

    fn named(conflicts: &[Conflict]) -> Vec<(&str, Vec<&str>)> {
        conflicts.iter().map(|c| (c.name.as_str(), c.units.iter().map(String::as_str).collect())).collect()
    }

    #[test]
    fn in_a_round_for_everyone_every_head_of_staff_supervises_entrants() {
        let got = supervising_entrants(&regency(), None, &["2", "1", "5", "9"]);
        // Kominfo's head is named once, for the office (the section below it is the same people);
        // the head of a unit with nobody in it and a NIP that heads nothing are not named.
        assert_eq!(named(&got), [("Kadis Kominfo", vec!["Unit KOMINFO"]), ("Sekda", vec!["Unit KAB"])]);
    }

    #[test]
    fn a_round_for_one_office_names_its_heads_and_those_above_it_only() {
        let units = regency();
        let got = supervising_entrants(&units, Some("KOMINFO-TIK"), &["1", "2", "3", "4"]);
        assert_eq!(named(&got), [("Sekda", vec!["Unit KAB"]), ("Kadis Kominfo", vec!["Unit KOMINFO"]), ("Kabid TIK", vec!["Unit KOMINFO-TIK"])]);
        assert!(supervising_entrants(&units, Some("DINKES"), &["2", "3"]).is_empty(), "heads of another office judge blind");
    }

    #[test]
    fn a_head_of_many_units_is_one_short_line() {
        let names: Vec<String> = ["A", "B", "C", "D"].iter().map(|s| (*s).to_owned()).collect();
        assert_eq!([first_units(&names[..1]), first_units(&names[..2]), first_units(&names)], ["A", "A, B", "A, B +2"]);
    }

    #[test]
    fn a_juror_named_twice_is_listed_once() {
        assert_eq!(supervising_entrants(&regency(), None, &["4", "4"]).len(), 1);
    }
}
