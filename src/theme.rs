//! Themes: tera templates and static assets.
//!
//! The default theme in `themes/default/` is embedded in the binary, so an
//! installed `amicus` needs no checkout. A theme folder on disk
//! (`themes/<name>/templates/*.html`, `themes/<name>/static/*`,
//! `themes/<name>/i18n/<lang>.yaml`) overrides the embedded files of the
//! same name (translation files key by key) and may add more.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::collections::BTreeMap;

use tera::Tera;

use crate::hash::content_tag;
use crate::i18n::{self, Translations};
use crate::output::OutputFile;
use thiserror::Error;

/// The embedded default theme's templates.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../themes/default/templates/base.html")),
    ("macros.html", include_str!("../themes/default/templates/macros.html")),
    ("index.html", include_str!("../themes/default/templates/index.html")),
    ("listing.html", include_str!("../themes/default/templates/listing.html")),
    (
        "taxonomy.html",
        include_str!("../themes/default/templates/taxonomy.html"),
    ),
    ("entry.html", include_str!("../themes/default/templates/entry.html")),
    ("search.html", include_str!("../themes/default/templates/search.html")),
    ("404.html", include_str!("../themes/default/templates/404.html")),
];

/// The embedded default theme's static files, written under `assets/`.
const ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../themes/default/static/style.css")),
    ("stemmer.js", include_bytes!("../themes/default/static/stemmer.js")),
    ("search.js", include_bytes!("../themes/default/static/search.js")),
    (
        "search-page.js",
        include_bytes!("../themes/default/static/search-page.js"),
    ),
];

#[derive(Debug, Error)]
pub enum ThemeError {
    #[error("theme `{name}` not found: there is no folder {}", folder.display())]
    NotFound { name: String, folder: PathBuf },
    #[error("cannot read theme file {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the theme may not hold symbolic links: {} is one (copy the file into the theme instead)", .0.display())]
    Link(PathBuf),
    #[error(
        "{} is not a file: a theme's templates/, static/ and i18n/ hold files only, published as they are",
        .0.display()
    )]
    NotAFile(PathBuf),
    #[error("template error in the theme: {0}")]
    Template(String),
    #[error("translation file {}: {message}", path.display())]
    Translation { path: PathBuf, message: String },
}

/// A loaded theme, ready to render pages.
pub(crate) struct Theme {
    pub(crate) tera: Tera,
    /// Static files, by name, sorted by name.
    pub(crate) assets: Vec<(String, Vec<u8>)>,
    /// Where each static file is published (`style.css` →
    /// `assets/style.8f2c1a9b.css`): what templates name as `assets`.
    pub(crate) asset_paths: BTreeMap<String, String>,
    /// A hash of every template's source: a changed template means every
    /// page must be rendered again.
    fingerprint: u64,
    /// The interface strings, per language.
    pub(crate) translations: Translations,
    /// A hash of the files of the theme's folder it was made from.
    files: u64,
}

/// The files of a theme's folder that override or add to the embedded
/// ones, as read, and a hash of them all.
struct ThemeFiles {
    folder: PathBuf,
    templates: Vec<(String, Vec<u8>)>,
    static_files: Vec<(String, Vec<u8>)>,
    translations: Vec<(String, Vec<u8>)>,
    hash: u64,
}

impl ThemeFiles {
    fn read(themes_dir: &Path, name: &str) -> Result<ThemeFiles, ThemeError> {
        let folder = themes_dir.join(name);
        if std::fs::symlink_metadata(&folder).is_ok_and(|m| m.is_symlink()) {
            return Err(ThemeError::Link(folder));
        }
        if name != "default" && !folder.is_dir() {
            return Err(ThemeError::NotFound {
                name: name.to_string(),
                folder,
            });
        }
        let templates = read_folder(&folder.join("templates"))?;
        let static_files = read_folder(&folder.join("static"))?;
        let translations = read_folder(&folder.join("i18n"))?;
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&(name, &templates, &static_files, &translations), &mut hasher);
        Ok(ThemeFiles {
            hash: std::hash::Hasher::finish(&hasher),
            folder,
            templates,
            static_files,
            translations,
        })
    }
}

impl Theme {
    /// The theme called `name`, looked up in `themes_dir`; `default` falls
    /// back to the embedded theme where the folder lacks a file.
    pub(crate) fn load(themes_dir: &Path, name: &str) -> Result<Theme, ThemeError> {
        Theme::of(ThemeFiles::read(themes_dir, name)?)
    }

    /// The theme `files` make, or `last` when it was made from the same
    /// files: a rebuild after an edit of an entry reads the theme's folder
    /// again, but compiles its templates and parses its translations only
    /// when one of them changed.
    pub(crate) fn load_again(
        themes_dir: &Path,
        name: &str,
        last: Option<&Arc<Theme>>,
    ) -> Result<Arc<Theme>, ThemeError> {
        let files = ThemeFiles::read(themes_dir, name)?;
        match last {
            Some(last) if last.files == files.hash => Ok(Arc::clone(last)),
            _ => Theme::of(files).map(Arc::new),
        }
    }

    /// The theme made of the embedded files and `files`, which override
    /// them.
    fn of(files: ThemeFiles) -> Result<Theme, ThemeError> {
        let ThemeFiles {
            folder,
            templates: overriding,
            static_files,
            translations,
            hash,
        } = files;
        let mut templates: Vec<(String, String)> =
            TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut assets: Vec<(String, Vec<u8>)> = ASSETS.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
        for (file_name, bytes) in overriding {
            let text = String::from_utf8(bytes).map_err(|_| {
                ThemeError::Template(format!(
                    "{} is not UTF-8",
                    folder.join("templates").join(&file_name).display()
                ))
            })?;
            replace_or_add(&mut templates, file_name, text);
        }
        for (file_name, bytes) in static_files {
            replace_or_add(&mut assets, file_name, bytes);
        }
        assets.sort();
        let asset_paths = assets
            .iter()
            .map(|(name, bytes)| (name.clone(), published_path(name, bytes)))
            .collect();
        let translations = load_translations(&folder.join("i18n"), translations)?;
        templates.sort();
        let fingerprint = {
            let mut hasher = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&templates, &mut hasher);
            std::hash::Hash::hash(&translations, &mut hasher);
            std::hash::Hash::hash(&asset_paths, &mut hasher);
            std::hash::Hasher::finish(&hasher)
        };
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(crate::escape::html);
        tera.add_raw_templates(templates)
            .map_err(|e| ThemeError::Template(describe(&e)))?;
        Ok(Theme {
            tera,
            assets,
            asset_paths,
            fingerprint,
            translations,
            files: hash,
        })
    }

    /// The static files, as published.
    pub(crate) fn asset_files(&self) -> Vec<OutputFile> {
        (self.assets.iter())
            .map(|(name, bytes)| OutputFile::new(self.asset_paths[name].clone(), bytes.clone()))
            .collect()
    }

    /// The published paths of the static files whose names carry a tag.
    pub(crate) fn tagged_assets(&self) -> impl Iterator<Item = &str> {
        (self.asset_paths.iter())
            .filter(|(name, path)| path.strip_prefix("assets/") != Some(name.as_str()))
            .map(|(_, path)| path.as_str())
    }

    /// A hash of the templates, translations and asset names: when it
    /// changes, every page must be rendered again.
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Renders one page, naming the template in any error.
    pub(crate) fn render(&self, template: &str, context: &tera::Context) -> Result<String, ThemeError> {
        self.tera
            .render(template, context)
            .map_err(|e| ThemeError::Template(format!("{template}: {}", describe(&e))))
    }
}

/// Where a static file is published, under `assets/`: a style sheet or a
/// script with a tag of its content in its name (`style.8f2c1a9b.css`),
/// so that a host may let browsers keep it for good and a new version is
/// a new name; other files (pictures, fonts, which a style sheet may name)
/// as they are.
fn published_path(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension @ ("css" | "js"))) => {
            format!("assets/{stem}.{}.{extension}", content_tag(bytes))
        }
        _ => format!("assets/{name}"),
    }
}

/// The embedded translation files, each overridden key by key by the
/// theme's `i18n/<lang>.yaml` (the files of `folder`, read), which may also
/// add languages.
fn load_translations(folder: &Path, read: Vec<(String, Vec<u8>)>) -> Result<Translations, ThemeError> {
    let mut files: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (lang, text) in i18n::EMBEDDED {
        let map = i18n::parse(text).map_err(|message| ThemeError::Translation {
            path: PathBuf::from(format!("themes/default/i18n/{lang}.yaml")),
            message,
        })?;
        files.insert(lang.to_string(), map);
    }
    for (file_name, bytes) in read {
        let Some(lang) = file_name.strip_suffix(".yaml") else {
            continue;
        };
        let path = folder.join(&file_name);
        let text = String::from_utf8(bytes).map_err(|_| ThemeError::Translation {
            path: path.clone(),
            message: "not UTF-8".into(),
        })?;
        let map = i18n::parse(&text).map_err(|message| ThemeError::Translation { path, message })?;
        files.entry(lang.to_string()).or_default().extend(map);
    }
    Ok(Translations::new(files))
}

fn replace_or_add<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}

/// The files directly in `folder`, sorted by name; none if it does not
/// exist. Hidden files are left out. The theme's rule is the corpus's: a
/// symbolic link (which could lead anywhere, `/etc/passwd` or the
/// environment of the build) is refused, never followed, and so is anything
/// else that would not be published as it is (a folder, a pipe).
fn read_folder(folder: &Path) -> Result<Vec<(String, Vec<u8>)>, ThemeError> {
    match std::fs::symlink_metadata(folder) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(ThemeError::Read {
                path: folder.to_path_buf(),
                source,
            })
        }
        Ok(metadata) if metadata.is_symlink() => return Err(ThemeError::Link(folder.to_path_buf())),
        Ok(metadata) if !metadata.is_dir() => return Err(ThemeError::NotAFile(folder.to_path_buf())),
        Ok(_) => {}
    }
    let read_error = |source| ThemeError::Read {
        path: folder.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for item in std::fs::read_dir(folder).map_err(read_error)? {
        let item = item.map_err(read_error)?;
        let path = item.path();
        let name = item.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        let kind = item.file_type().map_err(|source| ThemeError::Read {
            path: path.clone(),
            source,
        })?;
        if kind.is_symlink() {
            return Err(ThemeError::Link(path));
        }
        if !kind.is_file() {
            return Err(ThemeError::NotAFile(path));
        }
        let bytes = std::fs::read(&path).map_err(|source| ThemeError::Read { path, source })?;
        files.push((name, bytes));
    }
    files.sort();
    Ok(files)
}

/// Tera's error with its causes, which hold the useful part.
fn describe(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
