//! The decision flow: profile in, guideline-ordered options with reasons, excluded options,
//! notes. Pure Rust; the rules are data compiled from content/rules.toml.

pub mod ask_team;
pub mod engine;
pub mod features;
pub mod fragment;
#[cfg(not(target_arch = "wasm32"))]
pub mod json;
pub mod profile;
pub mod questions;
pub mod safety;
pub mod unknowns;

pub use engine::{decide, Decision};
pub use profile::Profile;
