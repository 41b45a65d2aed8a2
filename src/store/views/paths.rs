//! Completing a file path typed in the console (a certificate, a catalogue file): the files of
//! the folder typed so far whose names start with what follows the last `/`. Read by the engine,
//! which is also the process that reads the file afterwards.

/// At most this many completions.
const MAX: usize = 200;

/// Every path that completes `typed`: folders end in `/`; hidden files only when the name typed
/// starts with `.`; sorted. A relative path is taken from the engine's working folder.
pub fn complete_path(typed: &str) -> Vec<String> {
    let (dir, stem) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let read = if dir.is_empty() { std::path::Path::new(".") } else { std::path::Path::new(dir) };
    let Ok(entries) = std::fs::read_dir(read) else { return Vec::new() };
    let mut out: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(stem) || (name.starts_with('.') && !stem.starts_with('.')) {
                return None;
            }
            let folder = e.file_type().map(|t| t.is_dir()).unwrap_or(false)
                || (e.file_type().map(|t| t.is_symlink()).unwrap_or(false) && e.path().is_dir());
            Some(format!("{dir}{name}{}", if folder { "/" } else { "" }))
        })
        .collect();
    out.sort();
    out.truncate(MAX);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_names_with_spaces_and_marks_folders() {
        let d = tempfile::tempdir().expect("tempdir");
        std::fs::write(d.path().join("SDS rose mist.pdf"), b"x").expect("file");
        std::fs::write(d.path().join("SDS rose oil.pdf"), b"x").expect("file");
        std::fs::write(d.path().join(".hidden"), b"x").expect("file");
        std::fs::create_dir(d.path().join("SDS old")).expect("dir");
        let base = format!("{}/", d.path().display());
        assert_eq!(
            complete_path(&format!("{base}SDS ro")),
            vec![format!("{base}SDS rose mist.pdf"), format!("{base}SDS rose oil.pdf")]
        );
        assert_eq!(complete_path(&format!("{base}SDS o")), vec![format!("{base}SDS old/")]);
        assert_eq!(complete_path(&base).len(), 3, "hidden files only when asked for");
        assert_eq!(complete_path(&format!("{base}.h")), vec![format!("{base}.hidden")]);
        assert!(complete_path("/no/such/folder/x").is_empty());
    }
}
