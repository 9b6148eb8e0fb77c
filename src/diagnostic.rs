//! Problems found in a corpus, with the place they were found.
//!
//! A [`Diagnostic`] names the file, line and column of a problem, keeps the
//! offending source line so it can be shown with a caret under the bad value,
//! and carries an optional help line ("did you mean …"). Every stage that
//! validates user input collects diagnostics instead of stopping at the first,
//! so one run reports every problem in the corpus.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in a source file: 1-based line and column (in characters), and
/// the number of characters the problem spans (at least 1 when shown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// 1-based; 0 when the problem is with the file as a whole (it is then
    /// shown with no line).
    pub line: usize,
    /// 1-based, counted in characters (not bytes) from the line's start.
    pub column: usize,
    pub(crate) len: usize,
}

impl Span {
    pub(crate) fn new(line: usize, column: usize, len: usize) -> Self {
        Span { line, column, len }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    pub(crate) file: PathBuf,
    /// Where in `file` the problem is.
    pub span: Span,
    /// What is wrong, starting lower case and with no full stop, as rustc
    /// writes its messages ("missing required field `date`").
    pub message: String,
    /// The source line the span points into, shown under the message.
    pub source_line: Option<String>,
    pub(crate) help: Option<String>,
    /// The problem is in a file that is not published (a confidential
    /// entry, a draft left out, or a file whose status could not be read):
    /// a preview seen from another machine names it without its lines.
    pub(crate) withheld: bool,
}

impl Diagnostic {
    pub(crate) fn error(file: &Path, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            span,
            message: message.into(),
            source_line: None,
            help: None,
            withheld: false,
        }
    }

    pub(crate) fn warning(file: &Path, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, span, message)
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Attaches the line the span points into, taken from the file's text.
    /// For many diagnostics in one file, [`Diagnostic::with_line_of`] finds
    /// the line without reading the text from its start each time.
    pub(crate) fn with_source(self, text: &str) -> Self {
        self.with_line_of(&SourceLines::new(text))
    }

    /// Attaches the line the span points into, from the file's lines.
    pub(crate) fn with_line_of(mut self, lines: &SourceLines<'_>) -> Self {
        if self.span.line > 0 {
            self.source_line = lines.line(self.span.line).map(str::to_string);
        }
        self
    }

    /// Whether it stops the build; warnings are `check`'s advice to
    /// editors (`lint`), and never stop one.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as editors and terminals recognise it.
    pub fn location(&self) -> String {
        if self.span.line == 0 {
            self.file.display().to_string()
        } else {
            format!("{}:{}:{}", self.file.display(), self.span.line, self.span.column.max(1))
        }
    }
}

/// The lines of a file's text, numbered from 1, found in constant time.
pub(crate) struct SourceLines<'a> {
    text: &'a str,
    /// Where each line starts, found on the first look-up past line 1.
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> SourceLines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        SourceLines {
            text,
            starts: std::cell::OnceCell::new(),
        }
    }

    /// Line `number` (from 1) without its line ending, as `str::lines` gives it.
    pub(crate) fn line(&self, number: usize) -> Option<&'a str> {
        let text = self.text;
        let line = if number == 1 {
            text.lines().next()?
        } else {
            let starts = self
                .starts
                .get_or_init(|| text.match_indices('\n').map(|(i, _)| i + 1).collect());
            let start = *starts.get(number.checked_sub(2)?)?;
            let rest = &text[start..];
            if rest.is_empty() {
                return None;
            }
            rest.split('\n').next().unwrap_or(rest)
        };
        Some(line.trim_end_matches('\r'))
    }
}

/// Shown in the style of rustc, by the crate rustc and cargo use for it
/// (`annotate-snippets`):
///
/// ```text
/// error: unknown field `counties`
///  --> corpus/cases/x.md:7:1
///   |
/// 7 | counties: [ML]
///   | ^^^^^^^^
///   |
///   = help: did you mean `countries`?
/// ```
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.render(Renderer::plain()))
    }
}

/// How wide a source line is shown before it is cut around the problem.
const TERM_WIDTH: usize = 120;

impl Diagnostic {
    /// The diagnostic in the style of rustc, coloured when `colour`.
    pub fn rendered(&self, colour: bool) -> String {
        let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
        self.render(renderer)
    }

    fn render(&self, renderer: Renderer) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self.file.display().to_string();
        let title = level.primary_title(self.message.as_str());
        let mut group = match (&self.source_line, self.span.line) {
            (Some(line), number) if number > 0 => title.element(
                Snippet::source(line.as_str())
                    .line_start(number)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(byte_range(line, self.span))),
            ),
            _ => title.element(Origin::path(self.location())),
        };
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        renderer.term_width(TERM_WIDTH).render(&[group])
    }
}

/// The bytes of `line` that `span` (1-based column and length, in
/// characters) covers, kept within the line.
fn byte_range(line: &str, span: Span) -> std::ops::Range<usize> {
    let offset = |chars: usize| line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i);
    let start = offset(span.column.max(1) - 1);
    let end = offset(span.column.max(1) - 1 + span.len.max(1));
    start..end.max(start)
}

/// How many diagnostics of one file [`Diagnostics::rendered`] shows.
pub const SHOWN_PER_FILE: usize = 50;

/// Every problem of one run, in a stable order (file, line, column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub(crate) Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub(crate) fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub(crate) fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// `2 errors, 1 warning in 2 files`.
    pub(crate) fn counts(&self) -> String {
        let plural = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        let counts = match (self.error_count(), self.warning_count()) {
            (0, w) => format!("{w} {}", plural(w, "warning", "warnings")),
            (e, 0) => format!("{e} {}", plural(e, "error", "errors")),
            (e, w) => format!(
                "{e} {}, {w} {}",
                plural(e, "error", "errors"),
                plural(w, "warning", "warnings")
            ),
        };
        let files: std::collections::BTreeSet<_> = self.0.iter().map(|d| &d.file).collect();
        format!("{counts} in {} {}", files.len(), plural(files.len(), "file", "files"))
    }

    /// For editor integrations and CI: every diagnostic with its place.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let items: Vec<serde_json::Value> = self
            .0
            .iter()
            .map(|d| {
                serde_json::json!({
                    "severity": d.severity.as_str(),
                    "file": d.file.display().to_string(),
                    "line": d.span.line,
                    "column": d.span.column,
                    "length": d.span.len,
                    "message": d.message,
                    "help": d.help,
                })
            })
            .collect();
        serde_json::json!({
            "errors": self.error_count(),
            "warnings": self.warning_count(),
            "diagnostics": items,
        })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The same problems, with no line of a file that is not published:
    /// what a preview shows to a browser on another machine.
    pub(crate) fn without_withheld_lines(&self) -> Diagnostics {
        let mut shown = self.clone();
        for diagnostic in shown.0.iter_mut().filter(|d| d.withheld) {
            diagnostic.source_line = None;
        }
        shown
    }

    pub(crate) fn sort(&mut self) {
        self.0
            .sort_by(|a, b| (&a.file, a.span, a.severity, &a.message).cmp(&(&b.file, b.span, b.severity, &b.message)));
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl Diagnostics {
    /// Every diagnostic, then the counts; coloured when `colour`. At most
    /// [`SHOWN_PER_FILE`] are shown for one file, then a line saying how
    /// many more it has: a file with thousands of problems is usually one
    /// mistake repeated, and its last errors would push its first out of
    /// the terminal.
    pub(crate) fn rendered(&self, colour: bool) -> String {
        let mut text = String::new();
        let mut index = 0;
        while index < self.0.len() {
            let file = &self.0[index].file;
            let in_file = self.0[index..].iter().take_while(|d| &d.file == file).count();
            for diagnostic in &self.0[index..index + in_file.min(SHOWN_PER_FILE)] {
                text.push_str(&diagnostic.rendered(colour));
                text.push_str("\n\n");
            }
            if in_file > SHOWN_PER_FILE {
                let more = in_file - SHOWN_PER_FILE;
                text.push_str(&format!(
                    "note: {more} more {} in {} not shown (`--format json` lists every one)\n\n",
                    if more == 1 { "problem" } else { "problems" },
                    file.display()
                ));
            }
            index += in_file;
        }
        text.push_str(&self.counts());
        text
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rendered(false))
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a
/// plausible typo: a few edits away, or sharing most of its beginning
/// (`apply` → `applies`).
pub(crate) fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= limit || shares_beginning(word, candidate))
        .min()
        .map(|(_, candidate)| candidate)
}

/// Whether the two words begin alike for at least four characters and three
/// quarters of `word`.
fn shares_beginning(word: &str, candidate: &str) -> bool {
    let common = word.chars().zip(candidate.chars()).take_while(|(a, b)| a == b).count();
    common >= 4 && common * 4 >= word.chars().count() * 3
}

/// "did you mean `x`?" when a close candidate exists.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc_with_a_caret_under_the_value() {
        let text = "---\ntitle: X\ncounties: [ML]\n---\n";
        let diagnostic = Diagnostic::error(Path::new("c/x.md"), Span::new(3, 1, 8), "unknown field `counties`")
            .with_source(text)
            .with_help("did you mean `countries`?");
        let shown = diagnostic.to_string();
        assert_eq!(
            shown,
            "error: unknown field `counties`\n --> c/x.md:3:1\n  |\n3 | counties: [ML]\n  | ^^^^^^^^\n  |\n  = help: did you mean `countries`?\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_problem() {
        let line = format!("{}BAD{}", "a".repeat(300), "b".repeat(300));
        let diagnostic = Diagnostic::error(Path::new("x.md"), Span::new(1, 301, 3), "bad").with_source(&line);
        let shown = diagnostic.to_string();
        let source = shown.lines().nth(3).unwrap();
        let caret = shown.lines().nth(4).unwrap();
        assert!(source.starts_with("1 | ...a") && source.ends_with("b..."), "{shown}");
        assert!(source.chars().count() <= TERM_WIDTH, "{shown}");
        assert_eq!(source.find("BAD"), caret.find("^^^"), "{shown}");
    }

    #[test]
    fn columns_count_characters_and_never_leave_the_line() {
        let text = "title: Procès «x»\ndate: 2024-13-01";
        let accented = Diagnostic::error(Path::new("x.md"), Span::new(1, 15, 3), "bad").with_source(text);
        let shown = accented.to_string();
        let source = shown.lines().nth(3).unwrap();
        let caret = shown.lines().nth(4).unwrap();
        let at = |s: &str, pat: &str| s[..s.find(pat).unwrap()].chars().count();
        assert_eq!(at(source, "«x»"), at(caret, "^^^"), "{shown}");
        // A span past the end of its line, or with no length, still shows.
        for span in [Span::new(2, 40, 5), Span::new(2, 1, 0), Span::new(9, 1, 1)] {
            let shown = Diagnostic::error(Path::new("x.md"), span, "bad")
                .with_source(text)
                .to_string();
            assert!(shown.contains("x.md"), "{shown}");
        }
    }

    #[test]
    fn source_lines_are_the_lines_of_the_text() {
        for text in ["", "a", "a\n", "a\r\nb\r\n\nc", "\n\n", "x\ny"] {
            let lines = SourceLines::new(text);
            for number in 1..6 {
                assert_eq!(lines.line(number), text.lines().nth(number - 1), "{text:?} {number}");
            }
        }
    }

    #[test]
    fn at_most_some_problems_of_a_file_are_shown() {
        let mut all = Diagnostics::default();
        for line in 1..=SHOWN_PER_FILE + 2 {
            all.push(Diagnostic::error(Path::new("a.md"), Span::new(line, 1, 1), "bad"));
        }
        all.push(Diagnostic::error(Path::new("b.md"), Span::new(1, 1, 1), "bad"));
        let shown = all.rendered(false);
        assert_eq!(shown.matches("error: bad").count(), SHOWN_PER_FILE + 1, "{shown}");
        assert!(shown.contains(&format!("a.md:{SHOWN_PER_FILE}:1")), "{shown}");
        assert!(!shown.contains(&format!("a.md:{}:1", SHOWN_PER_FILE + 1)), "{shown}");
        assert!(
            shown.contains(
                "note: 2 more problems in a.md not shown (`--format json` lists every one)\n\nerror: bad\n--> b.md:1:1"
            ),
            "{shown}"
        );
        assert!(shown.ends_with("53 errors in 2 files"), "{shown}");
    }

    #[test]
    fn suggests_only_close_words() {
        assert_eq!(closest("counties", ["countries", "crimes"]), Some("countries"));
        assert_eq!(closest("zzz", ["countries", "crimes"]), None);
        assert_eq!(closest("apply", ["appeal_of", "applies"]), Some("applies"));
    }
}
