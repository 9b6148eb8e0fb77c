use std::ffi::{c_char, c_int, c_long};
use std::process::ExitCode;

/// mimalloc reuses, across threads, the memory one stage frees for the
/// next: with the system allocator of glibc, what the parallel stages free
/// stays with their threads, and a build of 10,000 entries peaks about
/// 15% higher (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    return_freed_memory_soon();
    let cli = amicus::cli::Cli::from_env();
    if cli.rebuilds_on_saves() {
        keep_freed_memory_a_moment();
    }
    amicus::cli::run(cli)
}

/// Sets mimalloc's options before the first allocation reserves its first
/// arena, which is committed or not as the options then say: an ELF
/// constructor runs before the runtime allocates (elsewhere `main` sets
/// them, too late for the arena).
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static SET_ALLOCATOR_OPTIONS: extern "C" fn() = return_freed_memory_soon;

/// mimalloc's options (`mi_option_e` in `mimalloc.h`, version 3, the one
/// `libmimalloc-sys` 0.1.49 builds), which its Rust binding leaves out,
/// with the variables of the environment that set them.
const ARENA_EAGER_COMMIT: (c_int, &std::ffi::CStr) = (4, c"MIMALLOC_ARENA_EAGER_COMMIT");
const PURGE_DELAY: (c_int, &std::ffi::CStr) = (15, c"MIMALLOC_PURGE_DELAY");

extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    /// The C library's: reading the environment without allocating.
    fn getenv(name: *const c_char) -> *const c_char;
}

/// A single build's options: arenas committed as used, freed pages given
/// back [`PURGE_DELAY_MS`] after they empty.
const SINGLE_BUILD: [((c_int, &std::ffi::CStr), c_long); 2] = [(ARENA_EAGER_COMMIT, 0), (PURGE_DELAY, PURGE_DELAY_MS)];

/// Not at once: each page given back at once is faulted in again by the
/// next allocation, and each return interrupts the other core to flush
/// its TLB, a tenth of a 10,000-entry build's time; 10 ms takes that off
/// and keeps the peak within 12 MiB of returning at once
/// (docs/benchmarks.md, "Resident memory").
const PURGE_DELAY_MS: c_long = 10;

/// By default mimalloc commits each arena whole and gives freed pages back
/// to the system a second after they empty. A build frees
/// each stage's working memory just before the next needs as much again,
/// and both stay resident: committing as used and returning pages soon
/// lowers a 10,000-entry build's peak by about 90 MiB (an eighth).
extern "C" fn return_freed_memory_soon() {
    for (option, value) in SINGLE_BUILD {
        set_unless_the_environment_does(option, value);
    }
}

/// `serve` and `build --watch` rebuild after each save, freeing and
/// allocating again what the last rebuild did: with freed pages returned
/// at once, an edit's rebuild at 10,000 entries took 10-25 % longer
/// (docs/benchmarks.md). They keep mimalloc's defaults (`options.c`: 2,
/// arenas committed whole where the system overcommits, and 1,000 ms),
/// for the arenas reserved from then on.
fn keep_freed_memory_a_moment() {
    set_unless_the_environment_does(ARENA_EAGER_COMMIT, 2);
    set_unless_the_environment_does(PURGE_DELAY, 1000);
}

/// Sets a mimalloc option, unless its `MIMALLOC_…` variable does.
fn set_unless_the_environment_does((option, variable): (c_int, &std::ffi::CStr), value: c_long) {
    // SAFETY: C calls on a constant string and integers, made before
    // `main` or first thing in it, when no other thread exists (setting
    // an option is not thread-safe).
    unsafe {
        if getenv(variable.as_ptr()).is_null() {
            mi_option_set(option, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    extern "C" {
        fn mi_option_get(option: c_int) -> c_long;
    }

    /// Each option reads as its variable sets it, or as a single build
    /// sets it when unset.
    #[test]
    fn the_options_are_the_environments_or_a_single_builds() {
        for ((option, variable), value) in SINGLE_BUILD {
            let set = std::env::var(variable.to_str().expect("ASCII")).ok();
            let expected = set.map_or(value, |value| value.parse().expect("a number"));
            // SAFETY: reading an option.
            assert_eq!(unsafe { mi_option_get(option) }, expected, "{variable:?}");
        }
    }

    /// The option numbers are mimalloc's: in a process whose environment
    /// sets the variables, each option reads its own variable's value.
    #[test]
    fn the_option_numbers_are_mimallocs() {
        let child = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args(["tests::the_options_are_the_environments_or_a_single_builds", "--exact"])
            .env("MIMALLOC_ARENA_EAGER_COMMIT", "1")
            .env("MIMALLOC_PURGE_DELAY", "7")
            .output()
            .expect("runs");
        let out = String::from_utf8_lossy(&child.stdout);
        assert!(child.status.success() && out.contains("1 passed"), "{out}");
    }
}
