//! Yew components, one per file. They render state and dispatch actions; the rules live in
//! the pure core (`widget`, `page`, `kb`).

mod app;
mod article_view;
mod audience_picker;
mod bridge;
mod citation;
mod context;
mod disclaimer;
mod dom;
mod drug_facts;
mod fact_row;
mod follow_up;
mod glossary_term;
mod header;
mod notices;
mod references;
mod rich_text;
mod slot;
mod tailor;
mod tailor_results;
mod topic_index;
mod topic_link;
mod topic_view;

pub use app::{App, AppProps};
pub use bridge::Bridge;
pub use context::{HostCallbacks, WidgetCtx};
pub use slot::{Slot, SlotProps};
