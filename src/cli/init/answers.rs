//! Where `tokshop init` gets its answers: a flag when one was given, else one line of stdin per
//! question (a person typing, or a script piping them). The question goes to stderr; the app
//! secret is read with the terminal's echo off and never printed back.

use std::io::{BufRead, IsTerminal, Write};
use tokio::sync::mpsc;

/// Lines of stdin, read by a thread of their own so that a question can wait for a line and
/// for something else at once (the seller's browser bringing the code back).
pub struct Answers {
    lines: mpsc::UnboundedReceiver<String>,
    /// Stdin is a terminal: questions are shown, the secret is typed without echo.
    pub terminal: bool,
    ended: bool,
}

impl Answers {
    pub fn from_stdin() -> Answers {
        let (tx, rx) = mpsc::unbounded_channel();
        let terminal = std::io::stdin().is_terminal();
        // Not joined: a thread blocked in read() must not hold up the end of the process.
        std::thread::spawn(move || {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Answers { lines: rx, terminal, ended: false }
    }

    /// The next line, or None once stdin has ended.
    pub async fn line(&mut self) -> Option<String> {
        if self.ended {
            return None;
        }
        let l = self.lines.recv().await;
        self.ended = l.is_none();
        l.map(|l| l.trim().to_string())
    }

    /// `flag` if given, else a line of stdin (an empty line takes `default`). None when there
    /// is neither an answer nor a default.
    pub async fn ask(&mut self, question: &str, flag: Option<String>, default: Option<&str>) -> Option<String> {
        if let Some(f) = flag.filter(|f| !f.trim().is_empty()) {
            return Some(f.trim().to_string());
        }
        prompt(&match default {
            Some(d) => format!("{question} [{d}]: "),
            None => format!("{question}: "),
        });
        let got = self.line().await.filter(|l| !l.is_empty());
        got.or(default.map(String::from))
    }

    /// The app secret: never echoed on a terminal, never printed. Ctrl-C while the echo is off
    /// turns it back on before the process ends.
    pub async fn secret(&mut self, question: &str) -> Option<String> {
        prompt(&format!("{question} (not shown): "));
        let echo = EchoOff::new(self.terminal);
        let got = tokio::select! {
            l = self.line() => l,
            _ = tokio::signal::ctrl_c() => None,
        };
        drop(echo);
        if self.terminal {
            eprintln!();
        }
        got.filter(|l| !l.is_empty())
    }
}

fn prompt(text: &str) {
    let mut e = std::io::stderr();
    let _ = write!(e, "{text}");
    let _ = e.flush();
}

/// The terminal's echo turned off while it lives (stdin only, and only when it is a terminal).
struct EchoOff {
    saved: Option<libc::termios>,
}

impl EchoOff {
    fn new(terminal: bool) -> EchoOff {
        if !terminal {
            return EchoOff { saved: None };
        }
        // SAFETY: tcgetattr/tcsetattr on fd 0 with a termios value this function owns.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) != 0 {
                return EchoOff { saved: None };
            }
            let saved = t;
            t.c_lflag &= !libc::ECHO;
            t.c_lflag |= libc::ECHONL;
            if libc::tcsetattr(0, libc::TCSANOW, &t) != 0 {
                return EchoOff { saved: None };
            }
            EchoOff { saved: Some(saved) }
        }
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        if let Some(t) = self.saved.take() {
            // SAFETY: restores the attributes read in `new` on the same fd.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, &t);
            }
        }
    }
}

/// What the operator pasted for the code: the code itself, or the whole address the seller's
/// browser ended on (`…/oauth/callback?code=…&state=…`).
pub fn code_of(pasted: &str) -> Option<String> {
    let p = pasted.trim();
    if p.is_empty() {
        return None;
    }
    match p.split_once('?') {
        Some((_, query)) => query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "code")
            .map(|(_, v)| v.to_string())
            .filter(|v| !v.is_empty()),
        None => Some(p.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_redirect_gives_its_code() {
        assert_eq!(code_of("  abc123 \n").as_deref(), Some("abc123"));
        assert_eq!(code_of("https://x.example/oauth/callback?state=s&code=K9&locale=en").as_deref(), Some("K9"));
        assert_eq!(code_of("https://x.example/oauth/callback?state=s"), None);
        assert_eq!(code_of("   "), None);
    }
}
