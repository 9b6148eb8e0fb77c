//! `amicus new`: a new entry file with the front matter of its type, the
//! required fields left empty (so that `check` names them until they are
//! filled) and the optional ones commented out.

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::corpus::frontmatter::fields_of;
use crate::corpus::{EntryId, EntryType};
use crate::markdown::slugify;
use crate::yaml;

/// Ids longer than this are cut at a hyphen.
const MAX_ID_CHARS: usize = 60;

#[derive(Debug, Error)]
pub(crate) enum NewEntryError {
    #[error("unknown entry type `{0}`{1}")]
    UnknownType(String, String),
    #[error("the title gives no usable id; pass one with --id")]
    NoId,
    #[error("`{0}` is not a valid id: use lowercase letters, digits and hyphens")]
    BadId(String),
    #[error("{} already exists; choose another title or --id", .0.display())]
    Exists(PathBuf),
    #[error("the id `{id}` is already used by {}", path.display())]
    IdTaken { id: String, path: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

/// `case`, `cases`, `Case` → the type.
pub(crate) fn parse_type(name: &str) -> Result<EntryType, NewEntryError> {
    let lower = name.to_lowercase();
    EntryType::ALL
        .into_iter()
        .find(|t| t.name() == lower || t.folder() == lower)
        .ok_or_else(|| {
            let names: Vec<&str> = EntryType::ALL.iter().map(|t| t.name()).collect();
            let hint = crate::diagnostic::did_you_mean(&lower, names.iter().copied())
                .map_or_else(|| format!("; the types are {}", names.join(", ")), |h| format!("; {h}"));
            NewEntryError::UnknownType(name.to_string(), hint)
        })
}

/// The id a title gives: its slug, cut at a hyphen to a readable length.
pub(crate) fn id_from_title(title: &str) -> Option<EntryId> {
    let slug = slugify(title);
    let mut id = String::new();
    for word in slug.split('-') {
        if !id.is_empty() && id.len() + 1 + word.len() > MAX_ID_CHARS {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    EntryId::parse(&id)
}

/// Creates the entry file and returns its path. Refuses to overwrite a file
/// or to reuse an id held by an entry of any type.
pub(crate) fn create(corpus: &Path, kind: EntryType, title: &str, id: Option<&str>) -> Result<PathBuf, NewEntryError> {
    let id = match id {
        Some(id) => EntryId::parse(id).ok_or_else(|| NewEntryError::BadId(id.to_string()))?,
        None => id_from_title(title).ok_or(NewEntryError::NoId)?,
    };
    for other in EntryType::ALL {
        let taken = corpus.join(other.folder()).join(format!("{id}.md"));
        if taken.exists() {
            return Err(if other == kind {
                NewEntryError::Exists(taken)
            } else {
                NewEntryError::IdTaken {
                    id: id.to_string(),
                    path: taken,
                }
            });
        }
    }
    let folder = corpus.join(kind.folder());
    std::fs::create_dir_all(&folder).map_err(|source| NewEntryError::Io {
        path: folder.clone(),
        source,
    })?;
    let path = folder.join(format!("{id}.md"));
    let io_error = |source| NewEntryError::Io {
        path: path.clone(),
        source,
    };
    // `create_new` refuses to overwrite, even a file created a moment ago.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(io_error)?;
    file.write_all(template(kind, title).as_bytes()).map_err(io_error)?;
    Ok(path)
}

/// The text of a new entry of `kind`.
pub(crate) fn template(kind: EntryType, title: &str) -> String {
    let (_, required) = fields_of(kind);
    let mut text = format!("---\ntitle: {}\n", yaml::scalar(title));
    text.push_str("# short_title: a short name for links and listings\n");
    text.push_str("date:          # required: YYYY-MM-DD, or YYYY-MM / YYYY when only that is known\n");
    match kind {
        EntryType::Case => {
            text.push_str("court:         # required: the court or chamber\n");
            text.push_str("# case_number: as the court writes it\n");
        }
        _ if required.contains(&"issuer") => {
            text.push_str("issuer:        # required: who issued or published it\n");
            text.push_str("# citation: an official citation or document symbol\n");
        }
        _ => {
            text.push_str("# issuer: who adopted or published it\n");
            text.push_str("# citation: an official citation, e.g. 2187 UNTS 3\n");
        }
    }
    text.push_str(
        "# countries: []   # ISO 3166-1 alpha-2 codes, e.g. [ML, AF]\n\
         # grounds: []     # e.g. [gender, religion]\n\
         # crimes: []      # e.g. [persecution]\n\
         # cites: []       # ids of entries this one refers to\n\
         # relations:      # appeal_of, applies, interprets, follows, distinguishes, overturns\n\
         #   applies: []\n\
         # sources:\n\
         #   - title: where the facts come from\n\
         #     url: https://\n\
         # summary: one paragraph shown in listings and search results\n\
         status: draft     # draft until it is ready: then published (or confidential)\n\
         ---\n\
         [1] The first numbered paragraph.\n",
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_titles() {
        assert_eq!(
            id_from_title("The Prosecutor v. Al Hassan").unwrap().as_str(),
            "the-prosecutor-v-al-hassan"
        );
        let long = id_from_title(&"word ".repeat(40)).unwrap();
        assert!(long.as_str().len() <= MAX_ID_CHARS && !long.as_str().ends_with('-'));
        assert!(id_from_title("!!!").is_none());
    }

    #[test]
    fn the_title_of_a_new_entry_reads_back_as_given() {
        for title in [
            "The Prosecutor v. Al Hassan",
            "Doe: Appeal",
            "It's #1",
            "2020",
            "Line\nbreak",
        ] {
            let text = template(EntryType::Case, title);
            let yaml = &text[4..text.find("\n---\n").unwrap()];
            let root = yaml::parse(yaml).unwrap().unwrap();
            assert_eq!(root.get("title").unwrap().as_str(), Some(title), "{text}");
        }
    }

    #[test]
    fn types_are_named_either_way() {
        assert_eq!(parse_type("cases").unwrap(), EntryType::Case);
        assert_eq!(parse_type("Policy").unwrap(), EntryType::Policy);
        let error = parse_type("casse").unwrap_err().to_string();
        assert!(error.contains("did you mean `case`?"), "{error}");
    }
}
