//! The same input gives byte-identical output, whatever the thread count.

use std::process::Command;

use crate::common::{read_tree, repo_root, starter_site};

#[test]
fn two_builds_are_byte_identical_across_thread_counts() {
    let first = read_tree(&starter_site().out);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let status = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["build", "--quiet", "--out", out.to_str().unwrap()])
        .current_dir(repo_root())
        .env("RAYON_NUM_THREADS", "1")
        .status()
        .unwrap();
    assert!(status.success());
    let second = read_tree(&out);
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
}
