//! Everything a host page can set, read by one table: the `<net-guide>` attributes, the
//! `mount()` options and `setProfile()` all arrive here as name/value text pairs (the module
//! script turns numbers, booleans and lists into text), so a bad value gets the same polite
//! notice wherever it came from. Profile fields (SPEC §5) are read through the profile schema
//! (`FIELDS`), the same reader a share link uses.

use super::{clip, Notice};
use crate::decide::profile::{field, Kind, Profile, FIELDS};
use crate::decide::questions::set_answer;
use crate::kb::Audience;

/// What may be stored on this device (SPEC §8 `remember`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Remember {
    /// Nothing is stored.
    Off,
    /// Only the audience choice, plus the answers if the reader ticks "Remember my answers".
    #[default]
    Audience,
    /// The audience and the answers (a host's own signed-in portal).
    All,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Theme {
    /// Follows the reader's system setting (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
}

/// What "Share these answers" does (SPEC §8 `share`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Share {
    /// Copies a link (host page URL + the widget's fragment); the page URL stays as it is.
    #[default]
    Copy,
    /// Also puts the fragment in the host page's address.
    Url,
    /// No share button.
    Off,
}

/// The heading level of the widget's title when the host says nothing (its sections are
/// one level below).
pub const DEFAULT_HEADING_LEVEL: u8 = 2;

/// Settings read from one batch of pairs; `None` = not given in this batch.
#[derive(Clone, Default, PartialEq, Debug)]
pub struct Settings {
    pub audience: Option<Audience>,
    pub remember: Option<Remember>,
    pub theme: Option<Theme>,
    pub heading_level: Option<u8>,
    pub share: Option<Share>,
    /// Scopes this instance's storage keys and share fragment (sanitised).
    pub storage_key: Option<String>,
    /// The answers after this batch, if it named any profile field.
    pub profile: Option<Profile>,
    pub notices: Vec<Notice>,
}

/// Which names a batch may set: `setProfile()` takes answers only.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Source {
    /// Attributes and `mount()` options: settings and answers.
    Host,
    /// `setProfile()`: answers only.
    Answers,
}

/// One host setting: its name (attribute spelling), the words it takes (for the notice) and
/// how a value is read (`None` = not understood).
struct Setting {
    name: &'static str,
    expects: &'static str,
    read: fn(&mut Settings, &str) -> Option<()>,
}

const SETTINGS: &[Setting] = &[
    Setting {
        name: "audience",
        expects: "patient, caregiver or clinician",
        read: |s, v| Audience::parse(v).map(|a| s.audience = Some(a)),
    },
    Setting {
        name: "remember",
        expects: "off, audience or all",
        read: |s, v| {
            let r = match v {
                "off" | "none" | "false" | "no" => Remember::Off,
                // "on" was this setting's earlier spelling of the default.
                "audience" | "on" | "" => Remember::Audience,
                "all" => Remember::All,
                _ => return None,
            };
            s.remember = Some(r);
            Some(())
        },
    },
    Setting {
        name: "theme",
        expects: "light, dark or auto",
        read: |s, v| {
            let t = match v {
                "auto" | "" => Theme::Auto,
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                _ => return None,
            };
            s.theme = Some(t);
            Some(())
        },
    },
    Setting {
        name: "heading-level",
        expects: "a number from 1 to 5",
        read: |s, v| {
            let level = match v {
                "" => DEFAULT_HEADING_LEVEL,
                "1" => 1,
                "2" => 2,
                "3" => 3,
                "4" => 4,
                "5" => 5,
                _ => return None,
            };
            s.heading_level = Some(level);
            Some(())
        },
    },
    Setting {
        name: "share",
        expects: "copy, url or off",
        read: |s, v| {
            let mode = match v {
                "copy" | "" => Share::Copy,
                "url" => Share::Url,
                "off" => Share::Off,
                _ => return None,
            };
            s.share = Some(mode);
            Some(())
        },
    },
    Setting {
        name: "storage-key",
        expects: "letters, digits, - or _",
        read: |s, v| {
            let key = storage_scope(v);
            (!key.is_empty() || v.is_empty()).then(|| s.storage_key = Some(key))
        },
    },
];

/// The names the `<net-guide>` element observes: every host setting and every profile field
/// (`_` written `-`).
pub fn attribute_names() -> Vec<String> {
    SETTINGS
        .iter()
        .map(|s| s.name.to_string())
        .chain(FIELDS.iter().map(|f| f.name.replace('_', "-")))
        .collect()
}

/// Reads a batch of name/value pairs. Answers start from `answers` (the current ones), so an
/// attribute that changes one field keeps the others; `setProfile` passes empty answers.
/// An empty value clears a field. Nothing here fails: every problem becomes a notice.
pub fn read(pairs: &[(String, String)], answers: &Profile, source: Source) -> Settings {
    let mut out = Settings::default();
    let mut profile = answers.clone();
    let mut answered = false;
    let mut bad: Vec<String> = Vec::new();
    for (name, value) in pairs {
        // `size_cm`, `size-cm` and `Size-CM` are the same name.
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        let value = value.trim();
        if let Some(f) = field(&name.replace('-', "_")).filter(|f| f.name == name.replace('-', "_"))
        {
            answered = true;
            if !set_field(&mut profile, f.name, value) {
                bad.push(format!("{name}=“{}” (not a known answer)", clip(value)));
            }
            continue;
        }
        let setting = SETTINGS
            .iter()
            .find(|s| s.name == name)
            .filter(|_| source == Source::Host);
        match setting {
            Some(s) => {
                let lower = value.to_ascii_lowercase();
                if (s.read)(&mut out, &lower).is_none() {
                    bad.push(format!("{name}=“{}” (use {})", clip(value), s.expects));
                }
            }
            None => bad.push(format!("“{}” (not a setting of this guide)", clip(&name))),
        }
    }
    if answered {
        out.profile = Some(profile);
    }
    if !bad.is_empty() {
        out.notices.push(Notice(format!(
            "Some settings from this page were not understood, so defaults were used for them: {}.",
            bad.join("; ")
        )));
    }
    out
}

/// Sets one field from text: a list takes comma-separated items, the rest one value; the
/// words are matched loosely (`small-intestine`, `Small_Intestine`, `g2`). Empty clears.
pub fn set_field(profile: &mut Profile, name: &'static str, value: &str) -> bool {
    let Some(f) = field(name) else {
        return false;
    };
    match &f.kind {
        Kind::List(values) => {
            let mut items = Vec::new();
            for item in value.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                match loose(values, item) {
                    Some(word) => items.push(word),
                    None => return false,
                }
            }
            if let Some(list) = profile_list(profile, name) {
                list.clear();
            }
            items.into_iter().all(|i| profile.add_item(name, i))
        }
        _ if value.is_empty() => set_answer(profile, name, None),
        Kind::Choice(values) | Kind::Type(values) => match loose(values, value) {
            Some(word) => set_answer(profile, name, Some(word)),
            None => false,
        },
        _ => set_answer(profile, name, Some(&value.to_ascii_lowercase())),
    }
}

fn profile_list<'a>(profile: &'a mut Profile, name: &str) -> Option<&'a mut Vec<&'static str>> {
    match name {
        "prior_therapies" => Some(&mut profile.prior_therapies),
        "risk_features" => Some(&mut profile.risk_features),
        _ => None,
    }
}

/// A vocabulary word written with any case and `-` or `_`.
fn loose(values: &'static [&'static str], value: &str) -> Option<&'static str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace('-', "_");
    let wanted = norm(value);
    values.iter().copied().find(|v| norm(v) == wanted)
}

/// A storage scope from an element id or `storage-key`: letters, digits, `-` and `_` only, at
/// most 40 of them, so it can sit in a storage key and a URL fragment as it is.
pub fn storage_scope(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(40)
        .collect()
}

/// The localStorage key of `name` for an instance: `net-guide:audience` for an unscoped
/// widget, `net-guide:<scope>:audience` otherwise (SPEC §8: only `net-guide:*` keys).
pub fn storage_key(scope: &str, name: &str) -> String {
    if scope.is_empty() {
        format!("net-guide:{name}")
    } else {
        format!("net-guide:{scope}:{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn attributes_options_and_set_profile_share_one_reader() {
        let s = read(
            &pairs(&[
                ("audience", "Clinician"),
                ("remember", "all"),
                ("theme", "dark"),
                ("heading-level", "3"),
                ("share", "url"),
                ("storage-key", "clinic<b>1"),
                ("site", "small-intestine"),
                ("grade", "g2"),
                ("ki67", "12"),
                ("size_cm", "2.5"),
                ("sstr-positive", "true"),
                ("gastric-type", "3"),
                ("prior-therapies", "ssa_lanreotide, everolimus"),
            ]),
            &Profile::default(),
            Source::Host,
        );
        assert!(s.notices.is_empty(), "{:?}", s.notices);
        assert_eq!(s.audience, Some(Audience::Clinician));
        assert_eq!(s.remember, Some(Remember::All));
        assert_eq!(s.theme, Some(Theme::Dark));
        assert_eq!(s.heading_level, Some(3));
        assert_eq!(s.share, Some(Share::Url));
        assert_eq!(s.storage_key.as_deref(), Some("clinicb1"));
        let p = s.profile.unwrap();
        assert_eq!(p.site, Some("small_intestine"));
        assert_eq!(p.grade, Some("G2"));
        assert_eq!(p.ki67, Some(12.0));
        assert_eq!(p.size_cm, Some(2.5));
        assert_eq!(p.sstr_positive, Some(true));
        assert_eq!(p.gastric_type, Some(3));
        assert_eq!(p.prior_therapies, vec!["ssa_lanreotide", "everolimus"]);
    }

    #[test]
    fn bad_values_become_one_polite_notice_and_defaults() {
        let s = read(
            &pairs(&[
                ("audience", "<script>alert(1)</script>"),
                ("heading-level", "9"),
                ("ki67", "250"),
                ("site", "mars"),
                ("onload", "x"),
            ]),
            &Profile::default(),
            Source::Host,
        );
        assert_eq!(s.audience, None);
        assert_eq!(s.heading_level, None);
        assert_eq!(s.profile, Some(Profile::default()));
        assert_eq!(s.notices.len(), 1);
        let text = &s.notices[0].0;
        for part in [
            "audience=",
            "heading-level=“9”",
            "ki67=“250”",
            "site=“mars”",
            "“onload”",
        ] {
            assert!(text.contains(part), "{part} in {text}");
        }
    }

    #[test]
    fn set_profile_takes_answers_only_and_changes_keep_other_answers() {
        let s = read(
            &pairs(&[("audience", "clinician"), ("site", "lung")]),
            &Profile::default(),
            Source::Answers,
        );
        assert_eq!(s.audience, None, "setProfile cannot change settings");
        assert_eq!(s.notices.len(), 1);
        let base = s.profile.unwrap();
        let changed = read(
            &pairs(&[("grade", "atypical-carcinoid")]),
            &base,
            Source::Host,
        );
        let p = changed.profile.unwrap();
        assert_eq!(
            (p.site, p.grade),
            (Some("lung"), Some("atypical_carcinoid"))
        );
        let cleared = read(&pairs(&[("site", "")]), &p, Source::Host)
            .profile
            .unwrap();
        assert_eq!(cleared.site, None);
    }

    #[test]
    fn storage_keys_are_scoped_per_instance() {
        assert_eq!(storage_key("", "audience"), "net-guide:audience");
        assert_eq!(storage_key("left", "profile"), "net-guide:left:profile");
        assert_eq!(storage_scope("a:b/c\"d\u{0}-é_9"), "abcd-_9");
        assert!(attribute_names().contains(&"size-cm".to_string()));
        assert!(attribute_names().contains(&"storage-key".to_string()));
    }
}
