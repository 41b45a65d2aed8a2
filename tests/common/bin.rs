//! Running the tokshop binary as a user would, with a private environment.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Env {
    pub home: tempfile::TempDir,
    pub vars: Vec<(String, String)>,
}

impl Env {
    /// A fresh HOME/XDG layout; `api` points the app at a sandbox base URL.
    pub fn new(api: Option<&str>) -> Env {
        let home = tempfile::tempdir().expect("tempdir");
        let h = home.path().display().to_string();
        let mut vars = vec![
            ("HOME".to_string(), h.clone()),
            ("XDG_CONFIG_HOME".to_string(), format!("{h}/config")),
            ("XDG_DATA_HOME".to_string(), format!("{h}/data")),
            ("XDG_STATE_HOME".to_string(), format!("{h}/state")),
        ];
        if let Some(base) = api {
            vars.extend([
                ("TOKSHOP_APP_KEY".to_string(), super::APP_KEY.to_string()),
                ("TOKSHOP_APP_SECRET".to_string(), super::APP_SECRET.to_string()),
                ("TOKSHOP_SERVICE_ID".to_string(), tokshop::sandbox::DEFAULT_SERVICE_ID.to_string()),
                ("TOKSHOP_API_BASE_URL".to_string(), base.to_string()),
                ("TOKSHOP_AUTH_BASE_URL".to_string(), base.to_string()),
                ("TOKSHOP_AUTHORIZE_URL".to_string(), format!("{base}/open/authorize")),
            ]);
        }
        Env { home, vars }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("data/tokshop")
    }

    pub fn state_dir(&self) -> PathBuf {
        self.home.path().join("state/tokshop")
    }

    pub fn set(&mut self, k: &str, v: &str) {
        self.vars.retain(|(x, _)| x != k);
        self.vars.push((k.into(), v.into()));
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_tokshop"));
        c.args(args).env_clear().env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in &self.vars {
            c.env(k, v);
        }
        c
    }

    /// Run to completion (blocking: call from `spawn_blocking` when a sandbox runs in-process).
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("tokshop runs")
    }

    /// Run to completion off the async runtime, so an in-process sandbox keeps serving.
    pub async fn run_async(&self, args: &[&str]) -> Output {
        let mut c = self.command(args);
        tokio::task::spawn_blocking(move || c.output().expect("tokshop runs")).await.expect("join")
    }

    /// Run to completion with `input` on stdin, off the async runtime.
    pub async fn run_with_stdin(&self, args: &[&str], input: Vec<u8>) -> Output {
        use std::io::Write;
        use std::process::Stdio;
        let mut c = self.command(args);
        c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        tokio::task::spawn_blocking(move || {
            let mut child = c.spawn().expect("tokshop runs");
            child.stdin.take().expect("stdin").write_all(&input).expect("stdin written");
            child.wait_with_output().expect("wait")
        })
        .await
        .expect("join")
    }

    /// A store `web` with the sandbox's "Sandbox Seller" shop connected to it; the shop's id.
    pub async fn connect_web_shop(&self, sb: &tokshop::sandbox::SandboxHandle) -> String {
        assert!(self.run_async(&["stores", "add", "web"]).await.status.success());
        let code = sb.issue_code(Some("Sandbox Seller")).expect("code");
        let o = self.run_async(&["shops", "connect", "--store", "web", "--auth-code", &code, "--json"]).await;
        assert!(o.status.success(), "{}", stderr(&o));
        json(&o)[0]["id"].as_str().expect("shop id").to_string()
    }
}

/// The command's stdout as one JSON document.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn write_private(path: &Path, text: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Every file under `dir`, read as text.
pub fn all_text(dir: &Path) -> String {
    let mut out = String::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.push_str(&all_text(&p));
            } else if let Ok(t) = std::fs::read_to_string(&p) {
                out.push_str(&t);
            }
        }
    }
    out
}
