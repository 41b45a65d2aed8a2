#![recursion_limit = "256"]
//! tokshop: a keyboard-first terminal console connecting a seller's own commerce platform to
//! TikTok Shop, with a built-in emulator of the TikTok Shop Open API.
//!
//! Module boundaries follow `design.md`: `ui` never does I/O, `api` knows nothing of the store,
//! and `sandbox` shares nothing with the client.

#![cfg_attr(test, allow(clippy::panic))]

pub mod api;
pub mod cli;
pub mod clock;
pub mod config;
pub mod config_team;
pub mod domain;
pub mod engine;
pub mod logging;
pub mod message;
pub mod sandbox;
pub mod store;
pub mod sync;
pub mod ui;
pub mod webhook;
