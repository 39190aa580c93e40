//! Which of the console's bundles serves an address: the console loads its pages on demand, in a
//! few wasm files by area, and the server and the console read the same table.

/// The console's bundles: the everyday pages, then two areas opened less often.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// Dashboard, person pages, assignments, units, import, the change log, login and password.
    Core,
    /// Development: competency, the framework, needs (AKPK), trainings, partners, the learning log, internships.
    Develop,
    /// Evaluation and innovation: the SKM, the evaluation report, the idea competition.
    Evaluate,
}

impl Bundle {
    pub const ALL: [Bundle; 3] = [Bundle::Core, Bundle::Develop, Bundle::Evaluate];

    /// The folder under `/konsol/` that holds this bundle's files (empty for the core).
    pub fn dir(self) -> &'static str {
        match self {
            Bundle::Core => "",
            Bundle::Develop => "pengembangan",
            Bundle::Evaluate => "penilaian",
        }
    }
}

/// The bundle that shows `path` (the pathname, `/konsol` included); anything unknown is the core's
/// (its "not found" page).
pub fn bundle_of(path: &str) -> Bundle {
    let rest = path.strip_prefix(crate::CONSOLE_PATH).unwrap_or(path);
    match rest.trim_start_matches('/').split('/').next().unwrap_or("") {
        "kompetensi" | "kerangka" | "kebutuhan" | "pelatihan" | "mitra" | "catatan" | "magang" => Bundle::Develop,
        "kepuasan" | "evaluasi" | "ide" => Bundle::Evaluate,
        _ => Bundle::Core,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_area_has_its_bundle_and_the_rest_is_the_core() {
        assert_eq!(bundle_of("/konsol/"), Bundle::Core);
        assert_eq!(bundle_of("/konsol"), Bundle::Core);
        assert_eq!(bundle_of("/konsol/staf/198503122010012002"), Bundle::Core);
        assert_eq!(bundle_of("/konsol/pelatihan/7"), Bundle::Develop);
        assert_eq!(bundle_of("/konsol/kebutuhan"), Bundle::Develop);
        assert_eq!(bundle_of("/konsol/ide/3/usulan/2"), Bundle::Evaluate);
        assert_eq!(bundle_of("/konsol/evaluasi"), Bundle::Evaluate);
        assert_eq!(bundle_of("/konsol/idea"), Bundle::Core);
        // A bundle's own folder is no page of another bundle.
        for b in Bundle::ALL.into_iter().filter(|b| *b != Bundle::Core) {
            assert_eq!(bundle_of(&format!("/konsol/{}/", b.dir())), Bundle::Core);
        }
    }
}
