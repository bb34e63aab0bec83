//! The decision flow: profile in, guideline-ordered options with reasons, excluded options,
//! notes. Pure Rust; the rules are data compiled from content/rules.toml.

pub mod ask_team;
pub mod consistency;
pub mod engine;
pub mod evaluate;
pub mod explain;
pub mod features;
pub mod fragment;
#[cfg(not(target_arch = "wasm32"))]
pub mod json;
pub mod profile;
pub mod questions;
pub mod safety;
pub mod unknowns;
pub mod view;

pub use engine::{decide, Decision, NoteKind};

/// Every phrase of content/phrases.toml the flow uses, with the slots it fills.
pub const PHRASES: [(&str, &[&str]); 30] = [
    ("needs_specialist", &[]),
    ("check_report", &[]),
    ("reading_if_right", &["field", "result"]),
    ("reading_without", &["field", "result"]),
    ("result_options", &["options"]),
    ("result_none", &[]),
    ("whatif_add", &["field", "answers", "added"]),
    ("whatif_drop", &["field", "answers", "removed"]),
    ("whatif_both", &["field", "answers", "added", "removed"]),
    ("unknown_refines", &["field", "option"]),
    ("unknown_rules_out", &["field"]),
    ("already_received", &[]),
    ("fits_other_answer", &["field", "answer"]),
    ("needs_prior", &["treatment"]),
    ("guarded", &[]),
    ("child_caveat", &[]),
    ("do_not_stop", &[]),
    ("usual_use", &["use"]),
    ("fits_every_reading", &["use"]),
    ("ask_grade", &[]),
    ("ask_differentiation", &[]),
    ("ask_stage", &[]),
    ("ask_scan", &[]),
    ("ask_goal", &[]),
    ("ask_option", &["option"]),
    ("ask_order", &[]),
    ("ask_symptoms", &[]),
    ("ask_genetics", &[]),
    ("ask_board", &[]),
    ("ask_trial", &[]),
];
pub use profile::Profile;
