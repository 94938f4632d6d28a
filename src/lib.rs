//! calibrate: diagnose an initiative's circumstances before picking its
//! playbook (Calibrated Decision Design).
//!
//! The flow runs one way: input (flags, interview) → [`answers::Answers`] →
//! [`diagnosis::diagnose`] (pure) → [`render`] → [`sink`].

pub mod answers;
pub mod ballot;
pub mod check;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod diagnosis;
pub mod diff;
pub mod exit;
pub mod files;
pub mod framework;
pub mod git;
pub mod history;
pub mod input;
pub mod interview;
pub mod limits;
pub mod live;
pub mod lock;
pub mod packs;
pub mod portfolio;
pub mod problem;
pub mod record;
pub mod render;
pub mod session;
pub mod shapes;
pub mod simulate;
pub mod sink;
pub mod suggest;
pub mod terminal;
pub mod track_record;
pub mod wording;
pub mod workshop;
pub mod yaml;
