//! What `tokshop init` writes: the app secret alone in a 0600 file, the config file pointing at
//! it (other keys a config already had are kept), and the systemd unit for `tokshop daemon`.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The answers that go into the config file.
pub struct ConfigAnswers {
    pub app_key: String,
    pub service_id: String,
    pub secret_file: PathBuf,
    pub webhook_listen: String,
    /// Base URLs that differ from TikTok's (the sandbox's, in a trial).
    pub urls: Vec<(&'static str, String)>,
    pub data_dir: Option<PathBuf>,
}

fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    Ok(())
}

/// Write `text` to `path` as a new 0600 file, whole or not at all (a temporary file renamed).
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(d) = path.parent() {
        private_dir(d)?;
    }
    let tmp = path.with_extension("init-tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
    std::fs::rename(&tmp, path)
}

/// The secret, alone in `path` (0600).
pub fn write_secret(path: &Path, secret: &str) -> Result<(), String> {
    write_private(path, &format!("{secret}\n"))
        .map_err(|e| format!("cannot write the secret to {}: {e}", path.display()))
}

/// Write the config file: the answers set, `app_secret` removed (the secret lives in its own
/// file), every other key of an existing file kept. Its comments are not kept: the file as it
/// was is left beside it as `config.toml.before-init`. Returns that copy's path, if any.
pub fn write_config(path: &Path, a: &ConfigAnswers) -> Result<Option<PathBuf>, String> {
    let old = match std::fs::read_to_string(path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let mut table: toml::Table = match &old {
        Some(t) => {
            toml::from_str(t).map_err(|e| format!("{} is not valid TOML ({e}); fix or move it", path.display()))?
        }
        None => toml::Table::new(),
    };
    table.remove("app_secret");
    let mut set = |k: &str, v: String| {
        table.insert(k.to_string(), toml::Value::String(v));
    };
    set("app_key", a.app_key.clone());
    set("app_secret_file", a.secret_file.display().to_string());
    set("service_id", a.service_id.clone());
    set("webhook_listen", a.webhook_listen.clone());
    for (k, v) in &a.urls {
        set(k, v.clone());
    }
    if let Some(d) = &a.data_dir {
        set("data_dir", d.display().to_string());
    }
    let text = toml::to_string(&table).map_err(|e| format!("cannot write the config: {e}"))?;
    let backup = match old {
        Some(t) => {
            let b = PathBuf::from(format!("{}.before-init", path.display()));
            write_private(&b, &t).map_err(|e| format!("cannot keep the old config as {}: {e}", b.display()))?;
            Some(b)
        }
        None => None,
    };
    let head = "# Written by tokshop init. The app secret is in app_secret_file (mode 600), never here.\n";
    write_private(path, &format!("{head}{text}")).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(backup)
}

/// An argument of `ExecStart=` quoted for systemd when it needs it.
fn unit_arg(a: &str) -> String {
    if a.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | '%' | '$')) {
        let escaped = a.replace('\\', "\\\\").replace('"', "\\\"").replace('%', "%%").replace('$', "$$");
        format!("\"{escaped}\"")
    } else {
        a.to_string()
    }
}

/// A systemd user unit running `tokshop daemon` with this config (and data dir, when given).
pub fn systemd_unit(exe: &Path, config: &Path, data_dir: Option<&Path>) -> String {
    let mut cmd = vec![exe.display().to_string(), "--config".into(), config.display().to_string()];
    if let Some(d) = data_dir {
        cmd.extend(["--data-dir".into(), d.display().to_string()]);
    }
    cmd.push("daemon".into());
    let exec: Vec<String> = cmd.iter().map(|a| unit_arg(a)).collect();
    format!(
        "[Unit]\n\
         Description=tokshop engine: TikTok Shop sync, outbox and webhook receiver\n\
         Wants=network-online.target\n\
         After=network-online.target\n\
         \n\
         [Service]\n\
         Type=simple\n\
         ExecStart={}\n\
         # SIGTERM stops the engine cleanly (what it is writing is finished first).\n\
         KillSignal=SIGTERM\n\
         TimeoutStopSec=30\n\
         Restart=on-failure\n\
         RestartSec=5\n\
         \n\
         [Install]\n\
         WantedBy=default.target\n",
        exec.join(" ")
    )
}

/// Where a user's systemd units live: `$XDG_CONFIG_HOME/systemd/user/tokshop.service`.
pub fn unit_path(config_home: &Path) -> PathBuf {
    config_home.join("systemd/user/tokshop.service")
}

pub fn write_unit(path: &Path, text: &str) -> Result<(), String> {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).map_err(|e| format!("cannot make {}: {e}", d.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_quotes_paths_with_spaces() {
        let u =
            systemd_unit(Path::new("/opt/tok shop/tokshop"), Path::new("/home/a/.config/tokshop/config.toml"), None);
        assert!(
            u.contains("ExecStart=\"/opt/tok shop/tokshop\" --config /home/a/.config/tokshop/config.toml daemon\n")
        );
        assert!(u.contains("WantedBy=default.target"));
    }

    #[test]
    fn config_keeps_other_keys_and_drops_an_inline_secret() {
        let d = tempfile::tempdir().expect("tempdir");
        let p = d.path().join("tokshop/config.toml");
        write_private(&p, "app_secret = \"old\"\nqps_per_shop = 20\n").expect("seed");
        let a = ConfigAnswers {
            app_key: "k".into(),
            service_id: "1".into(),
            secret_file: d.path().join("tokshop/app_secret"),
            webhook_listen: "127.0.0.1:8787".into(),
            urls: vec![],
            data_dir: None,
        };
        let backup = write_config(&p, &a).expect("write");
        let text = std::fs::read_to_string(&p).expect("read");
        assert!(text.contains("qps_per_shop = 20") && text.contains("app_key = \"k\""), "{text}");
        assert!(!text.contains("old"), "{text}");
        assert!(backup.is_some_and(|b| std::fs::read_to_string(b).is_ok_and(|t| t.contains("old"))));
        let mode = std::fs::metadata(&p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
