//! Front matter and a whole entry file: `corpus::frontmatter::parse_entry`,
//! the in-memory parse `corpus::load` runs on each file (YAML, field checks,
//! references, and the body's scan).
//!
//! Beyond "no panic": every diagnostic names a line of the file and a
//! column of that line, and shows that line; the entry's body is the end of
//! the file and starts on `body_line`; references point into the file.

#![no_main]

use amicus::corpus::EntryType;
use libfuzzer_sys::fuzz_target;

#[path = "../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    // The text as `corpus::load` hands it to the parser.
    let Some(text) = invariants::decode(data) else {
        return;
    };
    // The type (which fields are allowed and required) from the length, so
    // that seeds stay plain entry files.
    let kind = EntryType::ALL[text.len() % EntryType::ALL.len()];
    invariants::check_frontmatter(&text, kind);
});
