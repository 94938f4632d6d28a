//! The integration tests, compiled as one crate: one module per feature,
//! each driving the built binary the way a user would.

mod common;

mod architecture;
mod browser;
mod check;
mod concurrency;
mod corpus;
mod diagnose;
mod diff;
mod engine;
mod examples;
mod faults;
mod fuzz_inputs;
mod help;
mod hostile;
mod init;
mod input_errors;
mod interview;
mod languages;
mod live;
mod live_browser;
mod mermaid;
mod outlook;
mod output;
mod pack;
mod playbooks;
mod portfolio;
mod records;
mod snapshots;
mod sources;
mod track_record;
mod workshop;
mod workshop_run;
