//! A profile in a URL fragment (`#net-guide:site=pancreas;ki67=lt3;prior=ssa_lanreotide`), so
//! a clinician can share a tailored view. Fragments never reach a server. Parsing is
//! forgiving: unknown keys or values are reported and skipped, never fatal.

use super::profile::{field, Kind as FieldKind, Profile};
#[cfg(test)]
use super::questions::toggle;
use super::questions::{answer, questions, set_answer, Kind};

pub const PREFIX: &str = "net-guide:";

pub fn to_fragment(p: &Profile) -> String {
    let mut parts: Vec<String> = Vec::new();
    for q in questions() {
        let Some(field) = field(q.field) else {
            continue;
        };
        let value = match q.kind {
            Kind::One => answer(p, q.field).map(str::to_string),
            Kind::Many => Some(p.list(q.field).join(",")).filter(|v| !v.is_empty()),
        };
        if let Some(v) = value {
            parts.push(format!("{}={v}", field.key));
        }
    }
    format!("{PREFIX}{}", parts.join(";"))
}

/// The fragment of one widget instance: an instance with a storage scope (its `id` or
/// `storage-key`) writes `net-guide:in=<scope>;…`, so several widgets on one page each read
/// only their own link.
pub fn to_fragment_in(p: &Profile, scope: &str) -> String {
    let plain = to_fragment(p);
    if scope.is_empty() {
        return plain;
    }
    format!("{PREFIX}in={scope};{}", &plain[PREFIX.len()..])
}

/// Reads the fragment meant for the instance with `scope` (see [`to_fragment_in`]); `None`
/// when it is not ours or belongs to another instance.
pub fn from_fragment_in(fragment: &str, scope: &str) -> Option<(Profile, Vec<String>)> {
    let body = fragment.trim_start_matches('#').strip_prefix(PREFIX)?;
    let (owner, rest) = match body.strip_prefix("in=") {
        Some(scoped) => scoped.split_once(';').unwrap_or((scoped, "")),
        None => ("", body),
    };
    if owner != scope {
        return None;
    }
    from_fragment(&format!("{PREFIX}{rest}"))
}

/// Reads a fragment (with or without the leading `#`). Returns `None` when it is not ours.
/// Keys are the schema's short keys (or full field names).
pub fn from_fragment(fragment: &str) -> Option<(Profile, Vec<String>)> {
    let body = fragment.trim_start_matches('#').strip_prefix(PREFIX)?;
    let mut p = Profile::default();
    let mut problems = Vec::new();
    for part in body.split(';').filter(|s| !s.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let Some(field) = field(key) else {
            problems.push(format!("unknown field “{}”", clip(key)));
            continue;
        };
        if matches!(field.kind, FieldKind::List(_)) {
            for item in value.split(',').filter(|s| !s.is_empty()) {
                if !p.add_item(field.name, item) {
                    problems.push(format!("unknown value “{}” for {key}", clip(item)));
                }
            }
        } else if !set_answer(&mut p, field.name, Some(value)) {
            problems.push(format!("unknown value “{}” for {key}", clip(value)));
        }
    }
    Some((p, problems))
}

fn clip(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(30).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_answer() {
        let mut p = Profile::default();
        for (field, value) in [
            ("site", "pancreas"),
            ("differentiation", "well"),
            ("grade", "G2"),
            ("ki67", "10_20"),
            ("stage", "metastatic"),
            ("resectable", "no"),
            ("size_cm", "gt2"),
            ("functional_syndrome", "none"),
            ("sstr_positive", "yes"),
            ("progression", "progressive"),
            ("age_years", "12_17"),
            ("hereditary_syndrome", "MEN1"),
            ("liver_dominant", "yes"),
        ] {
            assert!(set_answer(&mut p, field, Some(value)));
        }
        toggle(&mut p, "prior_therapies", "ssa_lanreotide");
        toggle(&mut p, "prior_therapies", "everolimus");
        toggle(&mut p, "risk_features", "node_positive");
        let text = to_fragment(&p);
        let (back, problems) = from_fragment(&format!("#{text}")).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(to_fragment(&back), text);
        assert_eq!(back.prior_therapies, vec!["ssa_lanreotide", "everolimus"]);
    }

    #[test]
    fn each_instance_reads_only_its_own_fragment() {
        let mut p = Profile::default();
        assert!(set_answer(&mut p, "site", Some("lung")));
        let left = to_fragment_in(&p, "left");
        assert_eq!(left, "net-guide:in=left;site=lung");
        assert_eq!(from_fragment_in(&left, "left").unwrap().0, p);
        assert!(from_fragment_in(&left, "right").is_none());
        assert!(from_fragment_in(&left, "").is_none());
        let plain = to_fragment_in(&p, "");
        assert_eq!(from_fragment_in(&plain, "").unwrap().0, p);
        assert!(from_fragment_in(&plain, "left").is_none());
    }

    #[test]
    fn garbage_is_reported_not_fatal() {
        assert!(from_fragment("#section-2").is_none());
        let (p, problems) =
            from_fragment("#net-guide:site=mars;grade=G1;<x>=1;prior=everolimus,nonsense;ki67=2.5")
                .unwrap();
        assert_eq!(p.site, None);
        assert_eq!(p.grade, Some("G1"));
        assert_eq!(p.ki67, Some(2.5));
        assert_eq!(p.prior_therapies, vec!["everolimus"]);
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
