//! The shops family: stores, connecting and re-authorizing shops, tokens and their refresh,
//! re-authorization reminders, disconnecting.

pub mod browser;
pub mod commands;
pub mod connections;
pub mod disconnect;
pub mod reminders;
pub mod tokens;
