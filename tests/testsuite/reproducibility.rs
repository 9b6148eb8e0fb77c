//! The same input gives byte-identical output, whatever the thread count,
//! the folder the corpus sits in, the time zone or the locale.

use std::process::Command;

use crate::support::{copy_tree, read_tree, repo_root, starter_site};

#[test]
fn two_builds_are_byte_identical_across_thread_counts_folders_and_zones() {
    let first = read_tree(&starter_site().out);
    // The same project elsewhere, built on one thread in another zone and
    // locale.
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("elsewhere");
    copy_tree(&repo_root().join("corpus"), &project.join("corpus"));
    copy_tree(&repo_root().join("themes"), &project.join("themes"));
    std::fs::copy(repo_root().join("amicus.yaml"), project.join("amicus.yaml")).unwrap();
    let out = dir.path().join("public");
    let status = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["build", "--quiet", "--out", out.to_str().unwrap()])
        .current_dir(&project)
        .env("RAYON_NUM_THREADS", "1")
        .env("TZ", "Pacific/Kiritimati")
        .env("LANG", "fr_FR.UTF-8")
        .env("LC_ALL", "fr_FR.UTF-8")
        .status()
        .unwrap();
    assert!(status.success());
    let second = read_tree(&out);
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
    let folder = project.to_string_lossy();
    for (path, bytes) in &second {
        assert!(
            !String::from_utf8_lossy(bytes).contains(folder.as_ref()),
            "{path} names the folder it was built in"
        );
    }
}
