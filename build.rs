//! Marks the tests that cannot run on this machine, so that `cargo test`
//! lists them as `ignored`, with what to install, instead of passing tests
//! that did not run.
//!
//! Some tests run the search engine under Node, or the site in a headless
//! Chromium, or axe-core in it (installed by the test from
//! `package-lock.json` with npm). A test cannot ignore itself once it runs,
//! so the programs are looked for here, once per build, and each one that
//! is missing sets a `cfg` that the tests name in
//! `#[cfg_attr(…, ignore = "…")]`:
//!
//! - `amicus_without_node`: no `node`;
//! - `amicus_without_chromium`: no `$CHROMIUM` (else `chromium`);
//! - `amicus_without_axe`: neither `npm` nor `node_modules/axe-core/`.
//!
//! On CI (`CI=true`) none is set: there a missing program fails the tests
//! that need it. The script only looks at files: it runs no program, never
//! touches the network and never fails the build.

use std::env;
use std::path::{Path, PathBuf};

/// The flags, and the programs whose absence sets them.
const NODE: &str = "amicus_without_node";
const CHROMIUM: &str = "amicus_without_chromium";
const AXE: &str = "amicus_without_axe";

/// Where axe-core is once `npm ci` has installed it.
const AXE_FILE: &str = "node_modules/axe-core/axe.min.js";

fn main() {
    println!("cargo::rustc-check-cfg=cfg({NODE}, {CHROMIUM}, {AXE})");
    println!("cargo::rerun-if-changed=build.rs");
    for variable in ["PATH", "CHROMIUM", "CI"] {
        println!("cargo::rerun-if-env-changed={variable}");
    }
    let chromium = env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let axe = find_program("npm").or_else(|| Some(PathBuf::from(AXE_FILE)).filter(|file| file.is_file()));
    let mut missing = Vec::new();
    for (flag, found) in [
        (NODE, find_program("node")),
        (CHROMIUM, find_program(&chromium)),
        (AXE, axe),
    ] {
        match found {
            Some(path) => println!("cargo::rerun-if-changed={}", path.display()),
            None => missing.push(flag),
        }
    }
    if missing.is_empty() {
        return;
    }
    watch_program_folders();
    if env::var("CI").is_ok_and(|value| value == "true") {
        return;
    }
    for flag in missing {
        println!("cargo::rustc-cfg={flag}");
    }
}

/// The executable file `program` names: itself when it holds a `/`, else
/// the first one of that name in a folder of `PATH`, as a shell finds it.
fn find_program(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        return Some(PathBuf::from(program)).filter(|path| is_executable(path));
    }
    env::split_paths(&env::var_os("PATH")?)
        .map(|folder| folder.join(program))
        .find(|path| is_executable(path))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Asks cargo to run this script again when a program is installed into a
/// folder of `PATH`: installing one changes the folder, not `PATH`, and
/// without this the tests would stay ignored after the install. Only flat
/// folders of programs are watched, since cargo scans a watched folder
/// whole on every build.
fn watch_program_folders() {
    let Some(path) = env::var_os("PATH") else { return };
    for folder in env::split_paths(&path) {
        if folder.is_absolute() && is_flat_folder(&folder) {
            println!("cargo::rerun-if-changed={}", folder.display());
        }
    }
}

/// Whether `folder` is a folder that holds no folder (a link to one, such
/// as Debian's `/usr/bin/X11` to itself, is not counted).
fn is_flat_folder(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|items| {
        items
            .flatten()
            .all(|item| item.file_type().is_ok_and(|kind| !kind.is_dir()))
    })
}
