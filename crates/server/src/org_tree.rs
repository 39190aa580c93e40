//! The organisation tree and who may see which part of it: pure logic, loaded by `db::org`.

use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct UnitRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
}

/// Every unit, loaded at once (a city government has hundreds at most).
#[derive(Clone, Debug, Default)]
pub struct OrgTree {
    pub units: Vec<UnitRow>,
    children: HashMap<i64, Vec<i64>>,
    by_id: HashMap<i64, usize>,
}

/// The units a caller may see: a supervisor's supervised subtrees, an admin's own subtree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// An admin placed in no unit manages the whole tree.
    Everything,
    Units(BTreeSet<i64>),
}

impl Scope {
    pub fn contains(&self, unit_id: Option<i64>) -> bool {
        match (self, unit_id) {
            (Scope::Everything, _) => true,
            (Scope::Units(set), Some(id)) => set.contains(&id),
            (Scope::Units(_), None) => false,
        }
    }
}

impl OrgTree {
    pub fn new(mut units: Vec<UnitRow>) -> Self {
        units.sort_by(|a, b| a.name.cmp(&b.name));
        let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
        for unit in &units {
            if let Some(parent) = unit.parent_id {
                children.entry(parent).or_default().push(unit.id);
            }
        }
        let by_id = units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        Self { units, children, by_id }
    }

    pub fn get(&self, id: i64) -> Option<&UnitRow> {
        self.by_id.get(&id).map(|&i| &self.units[i])
    }

    pub fn by_code(&self, code: &str) -> Option<&UnitRow> {
        self.units.iter().find(|u| u.code == code)
    }

    pub fn children(&self, id: i64) -> &[i64] {
        self.children.get(&id).map_or(&[], Vec::as_slice)
    }

    /// `id` and everything below it.
    pub fn subtree(&self, id: i64) -> BTreeSet<i64> {
        let mut found = BTreeSet::new();
        let mut stack = vec![id];
        while let Some(next) = stack.pop() {
            if found.insert(next) {
                stack.extend_from_slice(self.children(next));
            }
        }
        found
    }

    /// `id` and every unit above it (nothing for `None`).
    pub fn chain(&self, id: Option<i64>) -> BTreeSet<i64> {
        let mut found = BTreeSet::new();
        let mut next = id;
        while let Some(unit) = next.filter(|u| found.insert(*u)) {
            next = self.get(unit).and_then(|u| u.parent_id);
        }
        found
    }

    /// Whether `ancestor` is `id` or above it (a cycle check for moving units).
    pub fn is_within(&self, id: i64, ancestor: i64) -> bool {
        self.subtree(ancestor).contains(&id)
    }

    /// Units in tree order (each parent before its children), limited to `scope`.
    pub fn ordered(&self, scope: &Scope) -> Vec<&UnitRow> {
        let mut out = Vec::new();
        let mut stack: Vec<i64> = self.units.iter().rev().filter(|u| u.parent_id.is_none()).map(|u| u.id).collect();
        while let Some(id) = stack.pop() {
            let Some(unit) = self.get(id) else { continue };
            if scope.contains(Some(id)) {
                out.push(unit);
            }
            stack.extend(self.children(id).iter().rev());
        }
        out
    }

    /// The topmost units of a scope: those whose parent is outside it.
    pub fn scope_roots(&self, scope: &Scope) -> Vec<i64> {
        self.ordered(scope)
            .into_iter()
            .filter(|u| !u.parent_id.is_some_and(|p| scope.contains(Some(p))))
            .map(|u| u.id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, code: &str, parent: Option<i64>) -> UnitRow {
        UnitRow { id, code: code.into(), name: code.into(), parent_id: parent }
    }

    #[test]
    fn a_subtree_holds_everything_below_and_nothing_beside() {
        let tree = OrgTree::new(vec![unit(1, "A", None), unit(2, "B", Some(1)), unit(3, "C", Some(2)), unit(4, "D", Some(1))]);
        assert_eq!(tree.subtree(2), BTreeSet::from([2, 3]));
        assert_eq!(tree.subtree(1).len(), 4);
        let scope = Scope::Units(tree.subtree(2));
        assert!(scope.contains(Some(3)) && !scope.contains(Some(4)) && !scope.contains(None));
        assert_eq!(tree.scope_roots(&scope), vec![2]);
        let codes: Vec<_> = tree.ordered(&Scope::Everything).iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, ["A", "B", "C", "D"]);
    }
}
