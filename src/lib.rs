//! net-guide: an offline, cited Q&A widget about neuroendocrine tumors.
//!
//! Pure core (no Yew, no web-sys): [`kb`], [`decide`], [`search`], [`readability`], [`widget`],
//! [`page`].
//! Yew components: [`ui`]. Browser entry: `web` (wasm only). Native only: [`content_source`],
//! [`check`], [`render`] and the `net-guide` command.

pub mod decide;
pub mod kb;
pub mod page;
pub mod readability;
pub mod search;
pub mod ui;
pub mod widget;

#[cfg(not(target_arch = "wasm32"))]
pub mod check;
#[cfg(not(target_arch = "wasm32"))]
pub mod content_source;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;

#[cfg(target_arch = "wasm32")]
mod web;
