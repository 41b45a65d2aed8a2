//! Settings: a TOML file (`--config PATH`, default `$XDG_CONFIG_HOME/tokshop/config.toml`),
//! overridden by environment variables, overridden by flags. Every problem names the key and
//! the fix; the CLI turns it into exit code 2.

use crate::domain::Secret;
use etcetera::BaseStrategy;
use serde::Deserialize;
use std::net::SocketAddr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

pub const DEFAULT_API_BASE_URL: &str = "https://open-api.tiktokglobalshop.com";
pub const DEFAULT_AUTH_BASE_URL: &str = "https://auth.tiktok-shops.com";
pub const DEFAULT_AUTHORIZE_URL: &str = "https://services.tiktokshop.com/open/authorize";
pub const DEFAULT_WEBHOOK_LISTEN: &str = "127.0.0.1:8787";

/// The keys a config file may hold, exactly.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    app_key: Option<String>,
    app_secret: Option<String>,
    app_secret_file: Option<PathBuf>,
    service_id: Option<String>,
    api_base_url: Option<String>,
    auth_base_url: Option<String>,
    authorize_url: Option<String>,
    webhook_listen: Option<String>,
    data_dir: Option<PathBuf>,
    print_command: Option<String>,
    labels_dir: Option<PathBuf>,
    qps_per_shop: Option<u32>,
    team: Option<crate::config_team::TeamFile>,
    scan_gap_ms: Option<u64>,
    scan_min_length: Option<usize>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{message}")]
pub struct ConfigError {
    /// The config key at fault, when there is one.
    pub key: Option<String>,
    pub message: String,
}

impl ConfigError {
    fn key(key: &str, message: impl Into<String>) -> ConfigError {
        ConfigError { key: Some(key.to_string()), message: message.into() }
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub config_path: Option<PathBuf>,
    pub app_key: Option<String>,
    pub app_secret: Option<Secret>,
    pub service_id: Option<String>,
    pub api_base_url: String,
    pub auth_base_url: String,
    pub authorize_url: String,
    pub webhook_listen: SocketAddr,
    pub data_dir: PathBuf,
    /// Logs and other state that is not data (`$XDG_STATE_HOME/tokshop`).
    pub state_dir: PathBuf,
    /// Where a user keymap is looked for (`$XDG_CONFIG_HOME/tokshop/keymap.toml`).
    pub keymap_path: PathBuf,
    /// Run with a saved shipping label's path as its last argument (e.g. `lp -d zebra`).
    pub print_command: Option<String>,
    /// Where shipping labels are saved (default: `<data_dir>/labels`).
    pub labels_dir: Option<PathBuf>,
    /// Calls per second per shop (TikTok's default limit is 50; 0 turns our limiter off).
    pub qps_per_shop: u32,
    /// Who may use the data dir, and with which role (`[team]`).
    pub team: TeamSettings,
    /// A barcode scan: keys less than this many ms apart (0: no scan detection) ...
    pub scan_gap_ms: u64,
    /// ... at least this many, then Enter.
    pub scan_min_length: usize,
}

pub use crate::config_team::TeamSettings;

/// Flags that override everything else.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
}

/// Where environment values come from (the process environment, or a map in tests).
pub trait Env {
    fn get(&self, key: &str) -> Option<String>;
}

pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn get(&self, key: &str) -> Option<String> {
        std::env::var(key).ok().filter(|v| !v.is_empty())
    }
}

impl Env for std::collections::HashMap<String, String> {
    fn get(&self, key: &str) -> Option<String> {
        std::collections::HashMap::get(self, key).cloned()
    }
}

struct Dirs {
    config: PathBuf,
    data: PathBuf,
    state: PathBuf,
}

fn dirs(env: &dyn Env) -> Dirs {
    // etcetera resolves the XDG layout; a value supplied through `Env` wins (hermetic tests).
    let base = etcetera::base_strategy::choose_base_strategy().ok();
    let home = || {
        env.get("HOME").map(PathBuf::from).or_else(|| etcetera::home_dir().ok()).unwrap_or_else(|| PathBuf::from("."))
    };
    let config = env
        .get("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| base.as_ref().map(|b| b.config_dir()))
        .unwrap_or_else(|| home().join(".config"));
    let data = env
        .get("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| base.as_ref().map(|b| b.data_dir()))
        .unwrap_or_else(|| home().join(".local/share"));
    let state = env
        .get("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| base.as_ref().and_then(|b| b.state_dir()))
        .unwrap_or_else(|| home().join(".local/state"));
    Dirs { config: config.join("tokshop"), data: data.join("tokshop"), state: state.join("tokshop") }
}

fn read_file(path: &Path, explicit: bool) -> Result<Option<FileConfig>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => return Ok(None),
        Err(e) => {
            return Err(ConfigError { key: None, message: format!("cannot read config file {}: {e}", path.display()) });
        }
    };
    let cfg: FileConfig = toml::from_str(&text).map_err(|e| {
        let msg = e.message().to_string();
        let key = msg.split('`').nth(1).map(String::from);
        let line = e
            .span()
            .map(|s| text[..s.start].matches('\n').count() + 1)
            .map(|l| format!(" (line {l})"))
            .unwrap_or_default();
        ConfigError { key, message: format!("config file {}{line}: {msg}", path.display()) }
    })?;
    if cfg.app_secret.is_some() {
        check_private(path, "app_secret")?;
    }
    Ok(Some(cfg))
}

/// A file holding a secret must not be readable by group or others.
fn check_private(path: &Path, key: &str) -> Result<(), ConfigError> {
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(ConfigError::key(
                key,
                format!(
                    "{} holds {key} but is readable by group/others (mode {mode:o}); run: chmod 600 {}",
                    path.display(),
                    path.display()
                ),
            ));
        }
    }
    Ok(())
}

fn check_url(key: &str, value: &str) -> Result<String, ConfigError> {
    match reqwest::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            Ok(value.trim_end_matches('/').to_string())
        }
        Ok(_) => Err(ConfigError::key(
            key,
            format!("{key} = {value:?} is not an http(s) URL with a host; e.g. {key} = \"https://example.com\""),
        )),
        Err(e) => Err(ConfigError::key(
            key,
            format!("{key} = {value:?} is not a valid URL ({e}); e.g. {key} = \"https://example.com\""),
        )),
    }
}

/// Where the config file is read from: `--config`, else `$XDG_CONFIG_HOME/tokshop/config.toml`
/// (whether it exists or not; `tokshop init` writes it there).
pub fn config_path(over: &Overrides, env: &dyn Env) -> PathBuf {
    over.config.clone().unwrap_or_else(|| dirs(env).config.join("config.toml"))
}

/// `$XDG_CONFIG_HOME` itself (systemd's user units live under it).
pub fn config_home(env: &dyn Env) -> PathBuf {
    let c = dirs(env).config;
    c.parent().map(Path::to_path_buf).unwrap_or(c)
}

impl Settings {
    pub fn load(over: &Overrides, env: &dyn Env) -> Result<Settings, ConfigError> {
        let d = dirs(env);
        let (path, explicit) = match &over.config {
            Some(p) => (p.clone(), true),
            None => (d.config.join("config.toml"), false),
        };
        let file = read_file(&path, explicit)?;
        let found = file.is_some();
        let f = file.unwrap_or_default();
        let pick = |env_key: &str, file_val: Option<String>| env.get(env_key).or(file_val);

        if f.app_secret.is_some() && f.app_secret_file.is_some() {
            return Err(ConfigError::key(
                "app_secret",
                format!(
                    "{} sets both app_secret and app_secret_file; keep one (app_secret_file keeps the secret out of \
                     the config)",
                    path.display()
                ),
            ));
        }
        let app_key = pick("TOKSHOP_APP_KEY", f.app_key);
        let mut app_secret = pick("TOKSHOP_APP_SECRET", f.app_secret).map(Secret::new);
        if app_secret.is_none()
            && let Some(sf) = f.app_secret_file
        {
            check_private(&sf, "app_secret_file")?;
            let s = std::fs::read_to_string(&sf).map_err(|e| {
                ConfigError::key("app_secret_file", format!("app_secret_file {}: cannot read it ({e})", sf.display()))
            })?;
            let s = s.trim();
            if s.is_empty() {
                return Err(ConfigError::key("app_secret_file", format!("app_secret_file {} is empty", sf.display())));
            }
            app_secret = Some(Secret::new(s));
        }
        let service_id = pick("TOKSHOP_SERVICE_ID", f.service_id);
        let api_base_url = check_url(
            "api_base_url",
            &pick("TOKSHOP_API_BASE_URL", f.api_base_url).unwrap_or(DEFAULT_API_BASE_URL.into()),
        )?;
        let auth_base_url = check_url(
            "auth_base_url",
            &pick("TOKSHOP_AUTH_BASE_URL", f.auth_base_url).unwrap_or(DEFAULT_AUTH_BASE_URL.into()),
        )?;
        let authorize_url = check_url(
            "authorize_url",
            &pick("TOKSHOP_AUTHORIZE_URL", f.authorize_url).unwrap_or(DEFAULT_AUTHORIZE_URL.into()),
        )?;
        let listen = pick("TOKSHOP_WEBHOOK_LISTEN", f.webhook_listen).unwrap_or(DEFAULT_WEBHOOK_LISTEN.into());
        let webhook_listen = listen.parse::<SocketAddr>().map_err(|_| {
            ConfigError::key(
                "webhook_listen",
                format!("webhook_listen = {listen:?} is not an address:port; e.g. webhook_listen = \"127.0.0.1:8787\""),
            )
        })?;
        let data_dir =
            over.data_dir.clone().or(env.get("TOKSHOP_DATA_DIR").map(PathBuf::from)).or(f.data_dir).unwrap_or(d.data);
        Ok(Settings {
            config_path: found.then_some(path),
            app_key,
            app_secret,
            service_id,
            api_base_url,
            auth_base_url,
            authorize_url,
            webhook_listen,
            data_dir,
            state_dir: d.state,
            keymap_path: d.config.join("keymap.toml"),
            print_command: env.get("TOKSHOP_PRINT_COMMAND").or(f.print_command).filter(|c| !c.trim().is_empty()),
            labels_dir: env.get("TOKSHOP_LABELS_DIR").map(PathBuf::from).or(f.labels_dir),
            qps_per_shop: match env.get("TOKSHOP_QPS_PER_SHOP") {
                Some(v) => v.trim().parse().map_err(|_| {
                    ConfigError::key("qps_per_shop", format!("TOKSHOP_QPS_PER_SHOP={v:?} is not a whole number"))
                })?,
                None => f.qps_per_shop.unwrap_or(50),
            },
            team: TeamSettings::from_file(f.team)?,
            scan_gap_ms: match env.get("TOKSHOP_SCAN_GAP_MS") {
                Some(v) => v.trim().parse().map_err(|_| {
                    ConfigError::key("scan_gap_ms", format!("TOKSHOP_SCAN_GAP_MS={v:?} is not a whole number"))
                })?,
                None => f.scan_gap_ms.unwrap_or(30),
            },
            scan_min_length: f.scan_min_length.unwrap_or(6).max(2),
        })
    }

    /// The app credentials, for commands that call TikTok.
    pub fn app(&self) -> Result<(String, Secret), ConfigError> {
        let key = self.app_key.clone().filter(|k| !k.is_empty()).ok_or_else(|| {
            ConfigError::key(
                "app_key",
                "app_key is not set: add app_key = \"...\" to the config file or set TOKSHOP_APP_KEY",
            )
        })?;
        let secret = self.app_secret.clone().filter(|s| !s.is_empty()).ok_or_else(|| {
            ConfigError::key(
                "app_secret",
                "app_secret is not set: add app_secret (or app_secret_file) to the config file (mode 600) or set \
                    TOKSHOP_APP_SECRET",
            )
        })?;
        Ok((key, secret))
    }

    pub fn service_id(&self) -> Result<String, ConfigError> {
        self.service_id.clone().filter(|s| !s.is_empty()).ok_or_else(|| {
            ConfigError::key(
                "service_id",
                "service_id is not set: add service_id = \"...\" (Partner Center) to the config file or set \
                    TOKSHOP_SERVICE_ID",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(dir: &Path, extra: &[(&str, &str)]) -> HashMap<String, String> {
        let mut m: HashMap<String, String> = extra.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        m.insert("HOME".into(), dir.display().to_string());
        m.insert("XDG_CONFIG_HOME".into(), dir.join("cfg").display().to_string());
        m
    }

    fn write(path: &Path, text: &str, mode: u32) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }

    #[test]
    fn defaults_without_a_file() {
        let d = tempfile::tempdir().expect("tempdir");
        let s = Settings::load(&Overrides::default(), &env(d.path(), &[])).expect("load");
        assert_eq!(s.api_base_url, DEFAULT_API_BASE_URL);
        assert_eq!(s.webhook_listen.to_string(), DEFAULT_WEBHOOK_LISTEN);
        assert!(s.data_dir.ends_with(".local/share/tokshop"));
        assert!(s.app().is_err());
    }

    #[test]
    fn file_then_env_then_flags() {
        let d = tempfile::tempdir().expect("tempdir");
        let cfg = d.path().join("cfg/tokshop/config.toml");
        write(&cfg, "app_key = \"file\"\napp_secret = \"s\"\ndata_dir = \"/from/file\"\nservice_id = \"1\"\n", 0o600);
        let e = env(d.path(), &[("TOKSHOP_APP_KEY", "env")]);
        let s = Settings::load(&Overrides::default(), &e).expect("load");
        assert_eq!(s.app_key.as_deref(), Some("env"));
        assert_eq!(s.data_dir, PathBuf::from("/from/file"));
        let s = Settings::load(&Overrides { data_dir: Some("/flag".into()), ..Default::default() }, &e).expect("load");
        assert_eq!(s.data_dir, PathBuf::from("/flag"));
        assert_eq!(s.app().expect("app").1.expose(), "s");
    }

    #[test]
    fn unknown_key_is_named() {
        let d = tempfile::tempdir().expect("tempdir");
        let cfg = d.path().join("c.toml");
        write(&cfg, "app_key = \"k\"\napp_sekret = \"x\"\n", 0o600);
        let e = Settings::load(&Overrides { config: Some(cfg), ..Default::default() }, &env(d.path(), &[]))
            .expect_err("error");
        assert_eq!(e.key.as_deref(), Some("app_sekret"));
        assert!(e.message.contains("line 2") && e.message.contains("expected one of"), "{}", e.message);
    }

    #[test]
    fn bad_url_and_listen_are_named() {
        let d = tempfile::tempdir().expect("tempdir");
        let cfg = d.path().join("c.toml");
        write(&cfg, "api_base_url = \"open-api.tiktokglobalshop.com\"\n", 0o600);
        let e = Settings::load(&Overrides { config: Some(cfg.clone()), ..Default::default() }, &env(d.path(), &[]))
            .expect_err("error");
        assert_eq!(e.key.as_deref(), Some("api_base_url"));
        write(&cfg, "webhook_listen = \"localhost\"\n", 0o600);
        let e = Settings::load(&Overrides { config: Some(cfg), ..Default::default() }, &env(d.path(), &[]))
            .expect_err("error");
        assert_eq!(e.key.as_deref(), Some("webhook_listen"));
    }

    #[test]
    fn readable_secret_file_is_refused() {
        let d = tempfile::tempdir().expect("tempdir");
        let cfg = d.path().join("c.toml");
        write(&cfg, "app_secret = \"s\"\n", 0o644);
        let e = Settings::load(&Overrides { config: Some(cfg.clone()), ..Default::default() }, &env(d.path(), &[]))
            .expect_err("error");
        assert_eq!(e.key.as_deref(), Some("app_secret"));
        assert!(e.message.contains("chmod 600"), "{}", e.message);
        assert!(!e.message.contains("\"s\""));
        // Without a secret in it, a readable file is fine.
        write(&cfg, "app_key = \"k\"\n", 0o644);
        assert!(Settings::load(&Overrides { config: Some(cfg), ..Default::default() }, &env(d.path(), &[])).is_ok());
    }

    #[test]
    fn secret_file_and_missing_explicit_config() {
        let d = tempfile::tempdir().expect("tempdir");
        let sf = d.path().join("secret");
        write(&sf, "  abc\n", 0o600);
        let cfg = d.path().join("c.toml");
        write(&cfg, &format!("app_key = \"k\"\napp_secret_file = \"{}\"\n", sf.display()), 0o644);
        let s =
            Settings::load(&Overrides { config: Some(cfg), ..Default::default() }, &env(d.path(), &[])).expect("load");
        assert_eq!(s.app().expect("app").1.expose(), "abc");
        let e = Settings::load(
            &Overrides { config: Some(d.path().join("nope.toml")), ..Default::default() },
            &env(d.path(), &[]),
        )
        .expect_err("error");
        assert!(e.message.contains("cannot read config file"), "{}", e.message);
    }

    #[test]
    fn a_secret_given_twice_is_refused() {
        let d = tempfile::tempdir().expect("tempdir");
        let sf = d.path().join("secret");
        write(&sf, "abc\n", 0o600);
        let cfg = d.path().join("c.toml");
        let text = format!("app_key = \"k\"\napp_secret = \"x\"\napp_secret_file = \"{}\"\n", sf.display());
        write(&cfg, &text, 0o600);
        let e = Settings::load(&Overrides { config: Some(cfg), ..Default::default() }, &env(d.path(), &[]))
            .expect_err("both refused");
        assert!(e.message.contains("both app_secret and app_secret_file"), "{}", e.message);
        assert!(!e.message.contains("abc") && !e.message.contains("\"x\""), "no secret in the message");
    }
}
