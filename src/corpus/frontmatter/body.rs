//! The body of an entry file, as far as loading it goes: its `[[…]]`
//! references, the problems the Markdown scan finds, NUL characters, and
//! its outline (numbered paragraphs, heading anchors), each placed in the
//! file. Rendering the body is `markdown`'s.

use std::path::Path;

use crate::corpus::entry::{BodyOutline, Reference, ReferenceOrigin};
use crate::diagnostic::{Diagnostic, SourceLines, Span};
use crate::markdown;

use super::references::parse_reference;

/// What the body of one file holds, for checking.
pub(super) struct BodyScan {
    pub references: Vec<Reference>,
    pub outline: BodyOutline,
    pub problems: Vec<Diagnostic>,
}

/// Scans `body`, which starts on line `body_line` of the file `path`.
pub(super) fn scan_body(path: &Path, source: &SourceLines<'_>, body: &str, body_line: usize) -> BodyScan {
    let scan = markdown::scan(body);
    let place = BodyPlace::new(body, body_line);
    let mut references = Vec::new();
    let mut problems = Vec::new();
    for link in &scan.links {
        let span = place.span(link.range.clone());
        match parse_reference(&link.destination, span, ReferenceOrigin::Body) {
            Ok(reference) => references.push(reference),
            Err((message, help)) => problems.push(
                Diagnostic::error(path, span, message)
                    .with_help(help)
                    .with_line_of(source),
            ),
        }
    }
    for problem in &scan.problems {
        let span = place.span(problem.range.clone());
        problems.push(
            Diagnostic::error(path, span, problem.message.clone())
                .with_help_opt(problem.help.clone())
                .with_line_of(source),
        );
    }
    if let Some(at) = body.find('\0') {
        let more = body[at + 1..].matches('\0').count();
        problems.push(
            Diagnostic::error(
                path,
                place.span(at..at + 1),
                match more {
                    0 => "the body holds a NUL character (U+0000)".to_string(),
                    n => format!("the body holds {} NUL characters (U+0000), the first here", n + 1),
                },
            )
            .with_help("NUL is not text (a copy from a binary file or a PDF can leave it): remove it")
            .with_line_of(source),
        );
    }
    BodyScan {
        references,
        outline: BodyOutline {
            paragraphs: scan.paragraphs,
            headings: scan.headings,
        },
        problems,
    }
}

/// Maps byte ranges of the body to lines and columns of the file.
struct BodyPlace<'a> {
    body: &'a str,
    first_line: usize,
    /// Byte offsets where lines start, so that placing a range does not
    /// count the newlines before it again for every reference.
    line_starts: Vec<usize>,
}

impl<'a> BodyPlace<'a> {
    fn new(body: &'a str, first_line: usize) -> Self {
        let line_starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        BodyPlace {
            body,
            first_line,
            line_starts,
        }
    }

    fn span(&self, range: std::ops::Range<usize>) -> Span {
        let start = range.start.min(self.body.len());
        let line_index = self.line_starts.partition_point(|&s| s <= start) - 1;
        let line = self.first_line + line_index;
        let line_start = self.line_starts[line_index];
        let column = self.body[line_start..start].chars().count() + 1;
        let rest = &self.body[range.start.min(self.body.len())..range.end.min(self.body.len())];
        let len = rest.split('\n').next().unwrap_or_default().chars().count();
        Span::new(line, column, len)
    }
}
