//! Rebuilding when the inputs change: the watcher that `serve` and
//! `build --watch` share, and the loop of `build --watch`, which keeps the
//! output folder up to date by writing only the files a rebuild changed.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};
use thiserror::Error;

use crate::output::{OutputError, Published};
use crate::site::{BuildError, Builder, Report};

/// How long events from one save are gathered before rebuilding. An
/// editor's save (a backup renamed, the file written and closed, a swap
/// file removed) comes within a few milliseconds; waiting 50 ms for quiet,
/// as watchexec does, keeps it one burst and adds little to the time from
/// a save to the page. Should a slow write be cut in two, the second part
/// starts another build at once.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(50);

#[derive(Debug, Error)]
#[error("cannot watch {}: {source}", path.display())]
pub(crate) struct WatchError {
    path: PathBuf,
    source: notify::Error,
}

/// Watches `inputs` (files or folders, which need not exist yet) and calls
/// `on_burst` after each burst of changes, on a thread of its own, with the
/// paths that changed, or `None` when the watcher may have missed some
/// (then every file must be looked at). Watching stops when the returned
/// watcher is dropped.
///
/// Only changes count. inotify also reports every opening of a file, and a
/// rebuild opens every input: were those events counted, each rebuild would
/// start the next (and every page open in `serve` would reload several
/// times a second). The burst is gathered here (not by
/// `notify-debouncer-mini`, which drops the kind of each event).
pub(crate) fn watch(
    inputs: &[PathBuf],
    mut on_burst: impl FnMut(Option<Vec<PathBuf>>) + Send + 'static,
) -> Result<notify::RecommendedWatcher, WatchError> {
    let inputs: Vec<PathBuf> = inputs.iter().map(|path| absolute(path)).collect();
    let watched = inputs.clone();
    let (changes, changed) = mpsc::channel::<()>();
    // The paths changed since the last burst; `None` once the watcher may
    // have missed some.
    let seen: Arc<Mutex<Option<Vec<PathBuf>>>> = Arc::new(Mutex::new(Some(Vec::new())));
    let noted = Arc::clone(&seen);
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let mut noted = noted.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let event = match event {
            Ok(event) if !event.need_rescan() => event,
            _ => {
                *noted = None;
                let _ = changes.send(());
                return;
            }
        };
        // A missing input is watched through its folder, which may hold
        // other things (the output folder, written by every build): only
        // the inputs themselves count.
        let is_input = |path: &Path| watched.iter().any(|input| path.starts_with(input));
        if is_change(&event.kind) && event.paths.iter().any(|p| is_input(p) && !is_editor_noise(p)) {
            if let Some(paths) = noted.as_mut() {
                paths.extend(event.paths.iter().filter(|p| is_input(p)).cloned());
            }
            let _ = changes.send(());
        }
    })
    .map_err(|source| WatchError {
        path: PathBuf::from("."),
        source,
    })?;
    std::thread::spawn(move || {
        // A burst ends when no change has come for DEBOUNCE.
        while changed.recv().is_ok() {
            while changed.recv_timeout(DEBOUNCE).is_ok() {}
            let paths = seen
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .replace(Vec::new());
            on_burst(paths);
        }
    });
    for path in inputs {
        // A config file or themes folder that does not exist yet is watched
        // through its parent, so that creating it is noticed.
        let (target, mode) = if path.is_dir() {
            (path.clone(), RecursiveMode::Recursive)
        } else {
            let parent = path.parent().unwrap_or(Path::new("/"));
            (parent.to_path_buf(), RecursiveMode::NonRecursive)
        };
        watcher
            .watch(&target, mode)
            .map_err(|source| WatchError { path: target, source })?;
    }
    Ok(watcher)
}

/// What a build of `build --watch` did.
#[derive(Debug)]
pub(crate) enum Rebuilt {
    /// The output folder holds the new site: `written` files written (all
    /// of them by the first build), `removed` removed.
    Updated {
        report: Report,
        written: usize,
        removed: usize,
        took: Duration,
    },
    /// The build failed; the output folder is as it was.
    Failed(BuildError),
    /// The site was built, but writing it failed; the next build writes
    /// the whole site again.
    NotWritten(OutputError),
}

/// `build --watch`: builds the site into `out`, then rebuilds after every
/// change to its inputs, writing only the files that changed. Calls
/// `on_build` after each build; returns only if watching cannot start.
pub(crate) fn build_and_watch(
    builder: Builder,
    out: &Path,
    on_build: impl Fn(Rebuilt) + Send + Sync + 'static,
) -> Result<Infallible, WatchError> {
    let inputs = builder.inputs();
    let out = out.to_path_buf();
    let state = Arc::new(Mutex::new((builder, Published::default())));
    let on_build = Arc::new(on_build);
    // Watching starts before the first build, so that no change made while
    // it runs, or just after, goes unseen.
    let (watched_state, watched_on_build, watched_out) = (Arc::clone(&state), Arc::clone(&on_build), out.clone());
    let _watcher = watch(&inputs, move |changed| {
        let mut state = watched_state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (builder, published) = &mut *state;
        watched_on_build(build_into(builder, &watched_out, published, changed));
    })?;
    {
        let mut state = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (builder, published) = &mut *state;
        on_build(build_into(builder, &out, published, None));
    }
    // The watcher's thread does the work from now on.
    loop {
        std::thread::park();
    }
}

/// One build of `build --watch`, written into `out`.
fn build_into(builder: &mut Builder, out: &Path, published: &mut Published, changed: Option<Vec<PathBuf>>) -> Rebuilt {
    let started = Instant::now();
    if let Some(changed) = changed {
        builder.expect_changes(changed);
    }
    let built = match builder.render(&|| {}) {
        Ok(built) => built,
        Err(error) => return Rebuilt::Failed(error),
    };
    match published.update(out, built.files) {
        Ok(update) => Rebuilt::Updated {
            report: built.report,
            written: update.written,
            removed: update.removed,
            took: started.elapsed(),
        },
        Err(error) => Rebuilt::NotWritten(error),
    }
}

/// `path` made absolute with its links resolved, as the watcher reports
/// paths; a path that does not exist yet resolves through its folder.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), path.file_name()) {
        (Ok(parent), Some(name)) => parent.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// Whether a watcher event is a change: reading a file (opening it, closing
/// it unwritten) is not; closing it after writing is.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    match kind {
        notify::EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        notify::EventKind::Access(_) => false,
        _ => true,
    }
}

/// Swap files and backups editors write next to the file being saved.
fn is_editor_noise(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with(".#") || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
        use notify::EventKind;
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(!is_change(&EventKind::Access(AccessKind::Read)));
        assert!(is_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn editor_swap_files_are_ignored() {
        for noise in [".#x.md", "x.md~", ".x.md.swp", "4913"] {
            assert!(is_editor_noise(Path::new(noise)), "{noise}");
        }
        assert!(!is_editor_noise(Path::new("x.md")));
    }
}
