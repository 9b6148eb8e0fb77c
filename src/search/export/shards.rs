//! Keyed shards (`terms-K.TAG.js`, `pos-K.TAG.js`): sorted keys cut into files
//! where the keys alone say, so that an edit rewrites the shards it
//! touches and keeps the others, and a word shares its shard with its
//! terms.

use std::collections::BTreeSet;
use std::ops::Bound;

use rayon::prelude::*;

use super::files::{name_of, packed, push_json_string, retagged, tagged_script_file, Batches};
use crate::hash::content_tag;
use crate::output::OutputFile;
use crate::search::digits::{push_number, DIGITS};
use crate::search::keys::KeyEntry;

/// A terms shard holds about this many bytes: small, since a query loads
/// a shard for each of its words and terms.
pub(crate) const TERMS_SHARD_BYTES: usize = 16 * 1024;
pub(crate) const POSITIONS_SHARD_BYTES: usize = 48 * 1024;

/// A kind of keyed shard: its files' name, its parts in the order they
/// are written, its size, and whether it is packed.
pub(super) struct ShardKind {
    name: &'static str,
    parts: &'static [&'static str],
    target: usize,
    packed: bool,
}

impl ShardKind {
    /// Whether a shard holding `bytes` is cut before `key`, of `size`,
    /// when `span` is the span of linked keys open in that shard.
    ///
    /// Where shards are cut depends on the keys, not on where the last cut
    /// fell: a key starts a shard with a chance in proportion to its size
    /// (from a hash of the key), once the shard holds a quarter of the
    /// target. A word that
    /// comes into the corpus or leaves it then changes its own shard, and
    /// the cuts after it stay where they were, as do their shards; cut
    /// greedily by size, every shard after it would move (at 10,000
    /// entries, a new word rewrote 700 shards). A shard reaching four
    /// times the target is cut all the same.
    ///
    /// Nor is a key inside a span (a term and the words whose term it is,
    /// see [`Span`]) unless the span itself has grown past four times the
    /// target: the shard a word is looked up in then holds its terms'
    /// postings too, and a query needs no second round of terms shards.
    fn cuts_before(&self, key: &str, size: usize, bytes: usize, span: Option<&Span<'_>>) -> bool {
        if let Some(span) = span.filter(|span| key <= span.last) {
            return bytes - span.from + size > self.target * 4;
        }
        // A quarter of the target, then a start every three quarters of it
        // on average: shards of about the target.
        let spacing = (self.target * 3 / 4) as u64;
        let starts_shard = bytes >= self.target / 4 && stable_hash(key) % spacing < (size as u64).min(spacing);
        starts_shard || bytes + size > self.target * 4
    }
}

/// Keys that belong together in one shard: from a key whose entry points
/// past itself (a term to its forms, a word to its terms; see
/// [`KeyEntry::reach`]) to the last key it points to, spans that overlap
/// joined. `from` is the shard's size after the first key, so that a term
/// with long postings still keeps its words.
struct Span<'k> {
    last: &'k str,
    from: usize,
}

impl<'k> Span<'k> {
    /// The span open after `entry` was added to a shard that now holds
    /// `bytes`, given the one open before it.
    fn after(open: Option<Span<'k>>, entry: &KeyEntry<'k>, bytes: usize) -> Option<Span<'k>> {
        let open = open.filter(|span| entry.key <= span.last);
        match (open, entry.reach.filter(|&reach| reach > entry.key)) {
            (Some(span), Some(reach)) => Some(Span {
                last: span.last.max(reach),
                from: span.from,
            }),
            (None, Some(reach)) => Some(Span {
                last: reach,
                from: bytes,
            }),
            (open, None) => open,
        }
    }
}

/// FNV-1a: a hash that never changes with the compiler or the platform, so
/// that the same corpus is cut into the same shards.
fn stable_hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Terms shards: every query loads some, and they deflate to a third.
pub(super) const TERMS: ShardKind = ShardKind {
    name: "terms",
    parts: &["w", "p", "f", "n"],
    target: TERMS_SHARD_BYTES,
    packed: true,
};
/// Positions shards: loaded for phrases only, and left as they are:
/// deflate would save 6 % of their bytes, and an edit that moves the
/// positions of common words writes nearly all of them again.
pub(super) const POSITIONS: ShardKind = ShardKind {
    name: "pos",
    parts: &["p"],
    target: POSITIONS_SHARD_BYTES,
    packed: false,
};

/// Consecutive shards whose files share a tag: the manifest names a tag
/// per group, not per shard (at 10,000 entries, 440 tags of terms shards
/// instead of 3,383), and an edit renames the shards of its group.
///
/// A shard starts a group when a hash of its first key says so, one in
/// `GROUP` on average, or when the group before it has `MAX_GROUP`
/// shards: where groups end depends on the keys, not on the shards'
/// numbers, and a file is named by its place in its group (`terms-2.TAG`,
/// the group's tag). A shard that comes or goes then renames its own
/// group only; numbered from the first shard, every later file took
/// another name (at 10,000 entries, a common word whose postings grew
/// past a shard's end rewrote 4,500 files).
pub(super) const GROUP: u64 = 8;
/// A group is cut after this many shards whatever the hashes say.
pub(super) const MAX_GROUP: usize = 32;

/// Whether a shard whose first key is `first` starts a group (see
/// [`GROUP`]). The key's hash is mixed first (MurmurHash3's finaliser):
/// FNV-1a's own bits are those that chose where shards end, and keys that
/// differ in their last characters differ little in its high bits.
fn starts_group(first: &str) -> bool {
    let mut hash = stable_hash(first);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    hash.is_multiple_of(GROUP)
}

/// A shard as it was written, to keep it when its keys are unchanged.
#[derive(Clone)]
pub(super) struct ShardMemo {
    first: String,
    last: String,
    count: usize,
    /// The tag of the shard's own data (its group's tag is its file's).
    content: String,
    file: OutputFile,
}

/// The keyed entries of a kind from a key on, in order.
pub(super) type EntriesFrom<'a, 'k> = &'a dyn Fn(&str) -> Box<dyn Iterator<Item = KeyEntry<'k>> + 'k>;

/// What [`write_keyed_shards`] wrote.
pub(super) struct Written {
    /// Where each shard starts, front-coded (see [`front_coded`]).
    pub(super) starts: String,
    /// The tags of the groups of shards (see [`GROUP`]), one after
    /// another.
    pub(super) tags: String,
    /// How many shards each group has, as numbers (see
    /// `search::digits`).
    pub(super) groups: String,
    /// What each shard was made of (when kept for a next export).
    pub(super) memos: Vec<ShardMemo>,
}

/// Writes shards `NAME-0.TAG.js`, `NAME-1.TAG.js`, … of keyed entries of a
/// `kind`, each an object of parts (`{"w": {…}, "p": {…}}`) mapping keys to
/// JSON.
///
/// A shard with the same keys as in `previous`, none of them in `dirty`, is
/// kept as it was; and where such a shard starts, its keys are
/// not even read: whether a shard is cut before a key depends only on the
/// keys since the shard's first (see [`ShardKind::cuts_before`]), so a
/// shard whose keys, and the first key of the next, are all unchanged ends
/// where it ended. After an edit, most of the hundreds of thousands of
/// keys are then skipped.
pub(super) fn write_keyed_shards<'k, E>(
    kind: &ShardKind,
    entries_from: EntriesFrom<'_, 'k>,
    (previous, dirty): (&[ShardMemo], &BTreeSet<String>),
    out: &mut Batches<'_, E>,
    keep: bool,
) -> Result<Written, E> {
    let mut shard = ShardWriter {
        tags: String::new(),
        groups: String::new(),
        group: Vec::new(),
        kind,
        previous,
        dirty,
        keep,
        memos: Vec::new(),
        pending: Vec::new(),
    };
    let mut starts: Vec<String> = Vec::new();
    // The last key of the shard before the one being filled.
    let mut last_key: Option<String> = None;
    let mut entries: Vec<KeyEntry<'k>> = Vec::new();
    let mut bytes = 0;
    let mut span: Option<Span<'k>> = None;
    let mut keys = entries_from("");
    'walk: while let Some(entry) = keys.next() {
        let size =
            entry.key.len() * entry.parts().len() + entry.parts().iter().map(|(_, json)| json.len()).sum::<usize>();
        if entries.is_empty() || kind.cuts_before(entry.key, size, bytes, span.as_ref()) {
            if let Some(last) = entries.last() {
                last_key = Some(last.key.to_string());
                shard.write(&entries, out)?;
                entries.clear();
                bytes = 0;
                span = None;
            }
            starts.push(
                last_key
                    .as_deref()
                    .map_or_else(String::new, |last| separator(last, entry.key)),
            );
            if let Some(mut at) = shard.unchanged_from(entry.key) {
                // A run of unchanged shards, kept without reading a key.
                loop {
                    let kept = &previous[at];
                    last_key = Some(kept.last.clone());
                    shard.keep(kept, out)?;
                    let Some(next) = previous.get(at + 1) else {
                        break 'walk;
                    };
                    match shard.unchanged_from(&next.first) {
                        Some(again) => {
                            starts.push(separator(&kept.last, &next.first));
                            at = again;
                        }
                        None => {
                            keys = entries_from(&next.first);
                            continue 'walk;
                        }
                    }
                }
            }
        }
        bytes += size;
        span = Span::after(span, &entry, bytes);
        entries.push(entry);
    }
    if !entries.is_empty() {
        shard.write(&entries, out)?;
    }
    shard.flush(out)?;
    shard.hand_on_group(out)?;
    Ok(Written {
        starts: front_coded(&starts),
        tags: shard.tags,
        groups: shard.groups,
        memos: shard.memos,
    })
}

/// Hands on the keyed shards one by one, each kept from the last export
/// when it holds the same keys and none of them changed.
struct ShardWriter<'a> {
    kind: &'a ShardKind,
    previous: &'a [ShardMemo],
    dirty: &'a BTreeSet<String>,
    keep: bool,
    memos: Vec<ShardMemo>,
    /// The tags of the groups handed on.
    tags: String,
    /// The sizes of the groups handed on, as numbers.
    groups: String,
    /// The shards of the group being filled, made but not handed on.
    group: Vec<MadeShard>,
    /// Shards cut but not handed on yet, compressed together in parallel
    /// (the cuts themselves are made one after another, in key order).
    pending: Vec<PendingShard>,
}

/// A shard cut, with what its file is made from.
struct PendingShard {
    first: String,
    last: String,
    count: usize,
    made: Made,
}

/// A pending shard's file: kept from the last export (with the tag of its
/// data), or to be made from its JSON.
enum Made {
    Kept(OutputFile, String),
    Json(String),
}

/// A shard whose data is made, with the tag of its data, waiting for its
/// group to be complete to be named.
struct MadeShard {
    first: String,
    last: String,
    count: usize,
    content: String,
    data: ShardData,
}

/// A made shard's data: a file kept from the last export (renamed when
/// its group's tag changed), or the JSON of a new one, put into its file
/// once its name is known (a file made first under another name was
/// copied again: 36 MB of positions shards after an edit in the middle of
/// a body).
enum ShardData {
    Kept(OutputFile),
    New(String),
}

impl<'a> ShardWriter<'a> {
    /// Where in the last export a shard started at `first`, if one did.
    fn previous_from(&self, first: &str) -> Option<usize> {
        self.previous
            .binary_search_by(|memo| memo.first.as_str().cmp(first))
            .ok()
    }

    /// The last export's shard that started at `first`, if none of its
    /// keys, nor the first key of the shard after it, changed since: then
    /// it is the next shard again, whole, whatever its number was.
    fn unchanged_from(&self, first: &str) -> Option<usize> {
        let at = self.previous_from(first)?;
        let end = self
            .previous
            .get(at + 1)
            .map_or(Bound::Unbounded, |next| Bound::Included(next.first.as_str()));
        let changed = self.dirty.range::<str, _>((Bound::Included(first), end)).next();
        changed.is_none().then_some(at)
    }

    fn keep<E>(&mut self, memo: &ShardMemo, out: &mut Batches<'_, E>) -> Result<(), E> {
        self.flush(out)?;
        let made = MadeShard {
            first: memo.first.clone(),
            last: memo.last.clone(),
            count: memo.count,
            content: memo.content.clone(),
            data: ShardData::Kept(memo.file.clone()),
        };
        self.add_to_group(made, out)
    }

    /// Adds a made shard to the group being filled, handing on the group
    /// before it when the shard starts a new one.
    fn add_to_group<E>(&mut self, made: MadeShard, out: &mut Batches<'_, E>) -> Result<(), E> {
        if self.group.len() == MAX_GROUP || (!self.group.is_empty() && starts_group(&made.first)) {
            self.hand_on_group(out)?;
        }
        self.group.push(made);
        Ok(())
    }

    /// Names the shards of the group by their places in it and its tag
    /// (made from theirs), and hands them on; a shard kept from the last
    /// export whose name changed gets the new one, its data as it was.
    fn hand_on_group<E>(&mut self, out: &mut Batches<'_, E>) -> Result<(), E> {
        if self.group.is_empty() {
            return Ok(());
        }
        let tag = group_tag(self.group.iter().map(|made| made.content.as_str()));
        push_number(&mut self.groups, self.group.len() as u32);
        for (place, made) in std::mem::take(&mut self.group).into_iter().enumerate() {
            let name = format!("{}-{place}", self.kind.name);
            let file = match made.data {
                ShardData::New(data) => tagged_script_file(&name, &tag, &data),
                ShardData::Kept(file) if name_of(&file) == format!("{name}.{tag}") => file,
                ShardData::Kept(file) => retagged(&file, &name, &tag),
            };
            if self.keep {
                self.memos.push(ShardMemo {
                    first: made.first,
                    last: made.last,
                    count: made.count,
                    content: made.content,
                    file: file.clone(),
                });
            }
            out.push(file)?;
        }
        self.tags.push_str(&tag);
        Ok(())
    }

    fn write<E>(&mut self, entries: &[KeyEntry<'_>], out: &mut Batches<'_, E>) -> Result<(), E> {
        let (first, last) = (entries[0].key, entries[entries.len() - 1].key);
        let unchanged = self.previous_from(first).map(|at| &self.previous[at]).filter(|memo| {
            memo.last == last
                && memo.count == entries.len()
                && self
                    .dirty
                    .range::<str, _>((Bound::Included(first), Bound::Included(last)))
                    .next()
                    .is_none()
        });
        self.pending.push(PendingShard {
            first: first.to_string(),
            last: last.to_string(),
            count: entries.len(),
            made: match unchanged {
                Some(memo) => Made::Kept(memo.file.clone(), memo.content.clone()),
                None => Made::Json(shard_json(entries, self.kind.parts)),
            },
        });
        if self.pending.len() >= Self::PENDING {
            self.flush(out)?;
        }
        Ok(())
    }

    /// Up to this many shards wait to be compressed together.
    const PENDING: usize = 64;

    /// Makes the data of the pending shards (packed, when their kind is)
    /// and its tag, in parallel, and adds them to their groups in order.
    fn flush<E>(&mut self, out: &mut Batches<'_, E>) -> Result<(), E> {
        let kind = self.kind;
        let pending = std::mem::take(&mut self.pending);
        let made: Vec<MadeShard> = pending
            .into_par_iter()
            .map(|shard| {
                let (data, content) = match shard.made {
                    Made::Kept(file, content) => (ShardData::Kept(file), content),
                    Made::Json(json) => {
                        let data = if kind.packed { packed(&json) } else { json };
                        let content = content_tag(data.as_bytes());
                        (ShardData::New(data), content)
                    }
                };
                MadeShard {
                    first: shard.first,
                    last: shard.last,
                    count: shard.count,
                    content,
                    data,
                }
            })
            .collect();
        for made in made {
            self.add_to_group(made, out)?;
        }
        Ok(())
    }
}

/// The tag of a group of shards, from the tags of their data.
fn group_tag<'t>(contents: impl Iterator<Item = &'t str>) -> String {
    content_tag(contents.collect::<String>().as_bytes())
}

/// The shortest start of `first` that sorts after `last`: where a shard
/// begins, enough to tell it from the one before.
fn separator(last: &str, first: &str) -> String {
    for (at, c) in first.char_indices() {
        let prefix = &first[..at + c.len_utf8()];
        if prefix > last {
            return prefix.to_string();
        }
    }
    first.to_string()
}

/// Sorted keys as one string: each key as the number of characters it
/// shares with the key before (one digit, at most 63), then the rest, the
/// keys separated by newlines (names hold spaces; no key holds a newline).
fn front_coded(keys: &[String]) -> String {
    let mut out = String::new();
    let mut previous: Vec<char> = Vec::new();
    for key in keys {
        let chars: Vec<char> = key.chars().collect();
        let shared = previous
            .iter()
            .zip(&chars)
            .take_while(|(a, b)| a == b)
            .count()
            .min(DIGITS.len() - 1);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push(DIGITS[shared] as char);
        out.extend(&chars[shared..]);
        previous = chars;
    }
    out
}

/// A shard's JSON: each part present in the shard, keys in code point
/// order.
fn shard_json(entries: &[KeyEntry<'_>], part_names: &[&str]) -> String {
    let bytes: usize = entries
        .iter()
        .map(|e| {
            e.parts()
                .iter()
                .map(|(_, value)| e.key.len() + value.len() + 4)
                .sum::<usize>()
        })
        .sum();
    let mut json = String::with_capacity(bytes + 16);
    json.push('{');
    for part in part_names {
        let mut members = entries
            .iter()
            .flat_map(|e| {
                e.parts()
                    .iter()
                    .filter(|(p, _)| p == part)
                    .map(|(_, value)| (e.key, &**value))
            })
            .peekable();
        if members.peek().is_none() {
            continue;
        }
        if json.len() > 1 {
            json.push(',');
        }
        push_json_string(&mut json, part);
        json.push_str(":{");
        for (number, (key, value)) in members.enumerate() {
            if number > 0 {
                json.push(',');
            }
            push_json_string(&mut json, key);
            json.push(':');
            json.push_str(value);
        }
        json.push('}');
    }
    json.push('}');
    json
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::search::export::files::tag_of;
    use std::convert::Infallible;

    /// Keys with their values and reach.
    type Map = BTreeMap<String, (String, Option<String>)>;

    /// The shards of a `kind` of `map`, written after `previous` with
    /// `dirty` changed since: where they start, what was kept, the files.
    fn write_shards(
        kind: &ShardKind,
        map: &Map,
        (previous, dirty): (&[ShardMemo], &BTreeSet<String>),
    ) -> (String, Vec<ShardMemo>, Vec<OutputFile>) {
        let entries_from = |from: &str| -> Box<dyn Iterator<Item = KeyEntry<'_>> + '_> {
            Box::new(
                map.range::<str, _>((Bound::Included(from), Bound::Unbounded))
                    .map(|(key, (json, reach))| {
                        let mut entry = KeyEntry::new(key);
                        entry.push("p", json.into());
                        entry.reach = reach.as_deref();
                        entry
                    }),
            )
        };
        let mut files = Vec::new();
        let mut emit = |made: Vec<OutputFile>| {
            files.extend(made);
            Ok::<(), Infallible>(())
        };
        let mut out = Batches::new(&mut emit);
        let written = write_keyed_shards(kind, &entries_from, (previous, dirty), &mut out, true).unwrap();
        out.flush().unwrap();
        // The groups the manifest lists: their files share the tag it
        // names, and are numbered from 0 in each.
        let sizes = numbers(&written.groups);
        assert_eq!(sizes.iter().sum::<usize>(), files.len());
        assert!(sizes.iter().all(|&size| (1..=MAX_GROUP).contains(&size)));
        let mut group_tags = String::new();
        let mut rest = &files[..];
        for size in sizes {
            let (group, after) = rest.split_at(size);
            let tag = tag_of(&group[0]);
            for (place, file) in group.iter().enumerate() {
                assert_eq!(name_of(file), format!("{}-{place}.{tag}", kind.name));
            }
            group_tags.push_str(tag);
            rest = after;
        }
        assert_eq!(written.tags, group_tags);
        (written.starts, written.memos, files)
    }

    /// The numbers a string of numbers holds.
    fn numbers(text: &str) -> Vec<usize> {
        crate::search::digits::NumberReader::new(text)
            .map(|n| n as usize)
            .collect()
    }

    /// Edits that change a value, grow one past a shard's size, add a
    /// key, and take out the first key of a shard and the last key: each
    /// time the shards kept from the last write and those made anew are
    /// exactly what writing every shard gives, and a small change rewrites
    /// few shards: the changed ones and the others of their groups, even
    /// when shards come or go.
    #[test]
    fn shards_kept_after_an_edit_are_those_a_whole_write_gives() {
        let mut map: Map = (0..100_000)
            .map(|n| {
                (
                    format!("k{n:05}"),
                    (format!("\"{}\"", "A".repeat(10 + n * 37 % 300)), None),
                )
            })
            .collect();
        let mut last = write_shards(&POSITIONS, &map, (&[], &BTreeSet::new()));
        assert!(last.1.len() > 300, "{} shards", last.1.len());
        let first_of_a_shard = last.1[20].first.clone();
        let last_key = map.keys().next_back().unwrap().clone();
        // A changed shard renames its group; one that comes or goes, its
        // group and the one it then joins or splits.
        let edits: Vec<(String, Option<String>, usize)> = vec![
            ("k10000".into(), Some("\"changed\"".into()), MAX_GROUP),
            (
                "k10001".into(),
                Some(format!("\"{}\"", "B".repeat(200_000))),
                2 * MAX_GROUP,
            ),
            ("k12345x".into(), Some("\"new\"".into()), 2 * MAX_GROUP),
            (first_of_a_shard, None, 2 * MAX_GROUP),
            (last_key, None, MAX_GROUP),
        ];
        for (key, value, most_rewritten) in edits {
            match &value {
                Some(value) => map.insert(key.clone(), (value.clone(), None)),
                None => map.remove(&key),
            };
            let dirty = BTreeSet::from([key.clone()]);
            let kept = write_shards(&POSITIONS, &map, (&last.1, &dirty));
            let whole = write_shards(&POSITIONS, &map, (&[], &BTreeSet::new()));
            assert_eq!(kept.0, whole.0, "starts after {key}");
            let bytes = |files: &[OutputFile]| -> Vec<(String, Vec<u8>)> {
                files.iter().map(|f| (f.path.clone(), f.bytes.to_vec())).collect()
            };
            assert_eq!(bytes(&kept.2), bytes(&whole.2), "files after {key}");
            let rewritten = kept
                .2
                .iter()
                .filter(|f| !last.2.iter().any(|l| l.bytes == f.bytes))
                .count();
            assert!(rewritten <= most_rewritten, "{rewritten} shards rewritten after {key}");
            last = kept;
        }
    }

    /// Every term (`tNNNN`, its postings as long as four shards in one
    /// case) reaches to the words whose term it is (`tNNNN-a` …
    /// `tNNNN-e`): each stays in one shard with them, and after an edit
    /// that moves a reach, the shards are still those a whole write gives.
    #[test]
    fn a_term_and_its_words_share_a_shard() {
        let mut map = Map::new();
        for n in 0..3_000 {
            let term = format!("t{n:04}");
            let long = if n == 1_500 {
                4 * TERMS_SHARD_BYTES
            } else {
                20 + n * 37 % 400
            };
            map.insert(
                term.clone(),
                (format!("\"{}\"", "A".repeat(long)), Some(format!("{term}-e"))),
            );
            for form in ["a", "b", "c", "d", "e"] {
                map.insert(format!("{term}-{form}"), ("\"B\"".into(), None));
            }
        }
        let together = |map: &Map, memos: &[ShardMemo]| {
            for (key, (_, reach)) in map {
                let Some(reach) = reach else { continue };
                let shard = memos.iter().rposition(|m| m.first.as_str() <= key.as_str()).unwrap();
                assert!(
                    memos[shard].last.as_str() >= reach.as_str(),
                    "{key} and {reach} are apart"
                );
            }
        };
        let whole = write_shards(&TERMS, &map, (&[], &BTreeSet::new()));
        assert!(whole.1.len() > 20, "{} shards", whole.1.len());
        together(&map, &whole.1);
        // t2000 now reaches past the words of t2001 and t2002.
        map.insert("t2000".into(), ("\"C\"".into(), Some("t2002-e".into())));
        let dirty = BTreeSet::from(["t2000".to_string()]);
        let kept = write_shards(&TERMS, &map, (&whole.1, &dirty));
        let again = write_shards(&TERMS, &map, (&[], &BTreeSet::new()));
        assert_eq!(kept.0, again.0, "starts");
        let bytes = |files: &[OutputFile]| -> Vec<Vec<u8>> { files.iter().map(|f| f.bytes.to_vec()).collect() };
        assert_eq!(bytes(&kept.2), bytes(&again.2), "files");
        together(&map, &again.1);
    }

    #[test]
    fn a_shard_starts_with_the_shortest_key_after_the_last_one() {
        assert_eq!(separator("gender", "genex"), "gene");
        assert_eq!(separator("persecut", "persecution"), "persecuti");
        assert_eq!(separator("ab", "b"), "b");
        assert_eq!(separator("жен", "жены"), "жены");
    }

    #[test]
    fn starts_are_front_coded() {
        let keys = ["", "gene", "genex", "persecuti", "persecution e", "жен"].map(String::from);
        assert_eq!(front_coded(&keys), "A\nAgene\nEx\nApersecuti\nJon e\nAжен");
    }
}
