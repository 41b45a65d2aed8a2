//! The webhook receiver: signature check, durable hand-off to the store's webhook inbox, then
//! the acknowledgement; and the OAuth callback. It never talks to the UI.

pub mod guard;
pub mod ingest;
pub mod payload;
pub mod server;
pub mod verify;

pub use server::{Receiver, ReceiverEvent, start, start_with};
