//! Baselines: the findings a code base accepts for now. `check --write-baseline FILE` records them; `check
//! --baseline FILE` leaves out those it records, matched by path, code and fingerprint (the code of the site and
//! the lines around it, not its line number, so unrelated edits above it do not wake it up), so only new
//! findings fail the run.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::SiteReport;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub fingerprint: String,
    /// For the reader of the file; not matched.
    #[serde(default)]
    pub message: String,
}

pub fn record(findings: &[&SiteReport]) -> String {
    let mut entries: Vec<Entry> = findings
        .iter()
        .map(|s| Entry {
            path: s.path.clone(),
            code: s.code.0.to_string(),
            fingerprint: s.fingerprint.clone(),
            message: s.message.clone(),
        })
        .collect();
    entries.sort();
    serde_json::to_string_pretty(&Baseline { version: 1, findings: entries }).expect("plain JSON values") + "\n"
}

pub fn read(text: &str) -> Result<Baseline, String> {
    serde_json::from_str(text).map_err(|e| format!("not an asyncmod baseline: {e}"))
}

/// The findings the baseline does not hold; each entry accounts for one finding.
pub fn filter<'a>(findings: Vec<&'a SiteReport>, baseline: &Baseline) -> (Vec<&'a SiteReport>, usize) {
    let mut left: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for e in &baseline.findings {
        *left.entry((e.path.as_str(), e.code.as_str(), e.fingerprint.as_str())).or_default() += 1;
    }
    let mut known = 0;
    let kept = findings
        .into_iter()
        .filter(|s| match left.get_mut(&(s.path.as_str(), s.code.0, s.fingerprint.as_str())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                known += 1;
                false
            }
            _ => true,
        })
        .collect();
    (kept, known)
}
