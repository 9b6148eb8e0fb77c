//! Markdown bodies: `markdown::scan`, `markdown::render` (with `[[id]]`,
//! `[[id#p3]]`, `[[id|label]]` resolved) and `markdown::plain_blocks`.
//!
//! Beyond "no panic": the HTML runs no script (no `<script>`, no `on…=`
//! attribute, no `javascript:` or other non-web URL), loads nothing from
//! another host, and, for bodies without raw HTML, holds every anchor the
//! scan found.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    invariants::check_markdown(body);
});
