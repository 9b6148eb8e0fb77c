//! Reading a corpus file: its bytes, within a size limit, and its text,
//! checked UTF-8 with a BOM removed and line endings made `\n`.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Span};

/// Files larger than this are refused rather than read into memory.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The file's text with a BOM removed and line endings made `\n`.
pub(crate) fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    decode_text(path, read_bytes(path)?)
}

/// The bytes of a file no larger than [`MAX_FILE_BYTES`].
pub(super) fn read_bytes(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    let too_big = std::fs::metadata(path)
        .map(|m| m.len() > MAX_FILE_BYTES)
        .unwrap_or(false);
    if too_big {
        return Err(Box::new(Diagnostic::error(
            path,
            Span::default(),
            format!("the file is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024)),
        )));
    }
    std::fs::read(path).map_err(|error| {
        Box::new(Diagnostic::error(
            path,
            Span::default(),
            format!("cannot read the file: {error}"),
        ))
    })
}

/// `bytes` as text: UTF-8 checked, BOM removed, line endings made `\n`.
pub(super) fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Box::new(
            Diagnostic::error(path, Span::new(line, column, 1), "the file is not valid UTF-8")
                .with_help("save the file as UTF-8"),
        )
    })?;
    if !text.starts_with('\u{feff}') && !text.contains('\r') {
        return Ok(text);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}
