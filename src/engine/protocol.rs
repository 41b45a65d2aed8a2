//! The engine's socket protocol: length-delimited JSON frames over a Unix socket in the data
//! dir. A client opens a connection per channel and says hello first (its tokshop version and
//! what the connection is for); the engine answers with who the kernel says the client is and
//! the role that gives them, or why it is refused.
//!
//! - `Views`: requests for one view page each, answered in order (the console's reads).
//! - `Events`: commands from a console; updates to it (changes, answers, messages).
//! - `Command`: one headless command run by the engine, its output streamed back, then its exit
//!   code.
//! - `Control`: status and stop.

use crate::cli::output::Printed;
use crate::domain::role::Role;
use crate::message::{Command, Update};
use futures::{SinkExt, StreamExt};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tokio::net::UnixStream;
use tokio_util::codec::{Framed, LengthDelimitedCodec};

/// Bumped when frames change shape; a client of another version is refused with a message.
pub const PROTOCOL: u32 = 1;
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The largest frame either side accepts (a page of rows is far smaller).
pub const MAX_FRAME: usize = 64 << 20;

/// The engine's socket in a data dir.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join("engine.sock")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    Views,
    Events,
    Command,
    Control,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Hello {
    pub version: String,
    pub protocol: u32,
    pub channel: Channel,
    /// Ask for the viewer role whatever the config gives (`--read-only`).
    pub viewer: bool,
}

impl Hello {
    pub fn new(channel: Channel, viewer: bool) -> Hello {
        Hello { version: VERSION.into(), protocol: PROTOCOL, channel, viewer }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    pub user: String,
    pub role: Role,
    pub engine_pid: u32,
    pub version: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Greeting {
    Welcome(Welcome),
    Refused(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ToConsole {
    Update(Update),
    /// Updates were dropped (the console fell behind): read every view again.
    Resync,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ToEngine {
    Command(Command),
}

/// A headless command for the engine to run: its arguments, without the program name.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Run {
    pub args: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum RunOutput {
    Printed(Printed),
    Exit(i32),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ControlRequest {
    Status,
    Stop,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ControlReply {
    Status(EngineStatus),
    Stopping,
    Refused(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineStatus {
    pub pid: u32,
    pub version: String,
    /// `start_time` in `daemon status --json`, as every time there.
    #[serde(rename = "start_time")]
    pub started_at: i64,
    pub uptime_secs: u64,
    pub socket: String,
    pub data_dir: String,
    pub receiver: Option<String>,
    pub clients: Vec<ClientInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientInfo {
    pub id: u64,
    pub user: String,
    pub role: Role,
    pub channel: Channel,
    pub since: i64,
}

/// An async connection speaking frames.
pub type Conn = Framed<UnixStream, LengthDelimitedCodec>;

pub fn framed(stream: UnixStream) -> Conn {
    let codec = LengthDelimitedCodec::builder().max_frame_length(MAX_FRAME).new_codec();
    Framed::new(stream, codec)
}

fn invalid(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string())
}

pub async fn send<T: Serialize>(conn: &mut Conn, v: &T) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(v).map_err(invalid)?;
    conn.send(tokio_util::bytes::Bytes::from(bytes)).await
}

/// The next frame, or None when the other side closed.
pub async fn recv<T: DeserializeOwned>(conn: &mut Conn) -> std::io::Result<Option<T>> {
    match conn.next().await {
        None => Ok(None),
        Some(frame) => serde_json::from_slice(&frame?).map(Some).map_err(invalid),
    }
}

/// Blocking frames over a std stream (the console's view reads, one at a time).
pub fn send_blocking<T: Serialize>(s: &mut std::os::unix::net::UnixStream, v: &T) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(v).map_err(invalid)?;
    let len = u32::try_from(bytes.len()).map_err(invalid)?;
    s.write_all(&len.to_be_bytes())?;
    s.write_all(&bytes)?;
    s.flush()
}

pub fn recv_blocking<T: DeserializeOwned>(s: &mut std::os::unix::net::UnixStream) -> std::io::Result<T> {
    let mut len = [0u8; 4];
    s.read_exact(&mut len)?;
    let n = u32::from_be_bytes(len) as usize;
    if n > MAX_FRAME {
        return Err(invalid(format!("a frame of {n} bytes is over the limit")));
    }
    let mut buf = vec![0u8; n];
    s.read_exact(&mut buf)?;
    serde_json::from_slice(&buf).map_err(invalid)
}
