//! Imports are strict about structure: an unterminated quote, a row with the wrong number of
//! fields and bytes that are not UTF-8 are named by line and column, the good rows are applied,
//! the command ends with "N imported, M refused" and exits 1; a huge value is never echoed whole.

use crate::common;

use common::bin::{Env, stderr, stdout};

#[test]
fn carriers_import_names_structural_errors_and_applies_the_good_rows() {
    let env = Env::new(None);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("carriers.csv");
    let huge = "Z".repeat(10 << 20);
    let text = format!("name,tracking_url\nUPS,\nDHL\n{huge},\nPostNL,\n\"FedEx,x\nUSPS,\n");
    std::fs::write(&file, text).expect("write");
    let o = env.run(&["carriers", "import", file.to_str().expect("path")]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{out}{}", &err[..err.len().min(500)]);
    assert!(out.trim_end().ends_with("2 imported, 3 refused"), "{out}");
    assert!(err.contains("line 3: 1 fields where the header has 2"), "{err:.500}");
    assert!(err.contains("line 6: the quoted field opened at line 6, column 1 is never closed"), "{err:.500}");
    assert!(err.len() < 4096, "the 10 MB value is cut in the message ({} bytes printed)", err.len());
    let listed = stdout(&env.run(&["carriers", "list"]));
    assert!(listed.contains("UPS") && listed.contains("PostNL") && !listed.contains("USPS"), "{listed}");

    std::fs::write(&file, b"name\nUPS\nDH\xffL\n").expect("write");
    let o = env.run(&["carriers", "import", file.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("line 3, column 3: the file is not UTF-8"), "{}", stderr(&o));
}
