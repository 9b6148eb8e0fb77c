//! How a term's postings in one field are written into the terms and
//! positions shards (`docs/search-format.md`), and how one document's part
//! of what was written is replaced in place: an edit changes one document,
//! and re-reading a common term's postings for every document to write
//! them again costs far more than the edit.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::digits::{push_number, NumberReader};
use super::engine::Posting;

/// A term's postings in one field, without positions: for each document,
/// the difference from the previous document's number (from 0), the field
/// length code (but in a body field) and the term frequency; in a body
/// field (`mask` given), then the segments the term stands in, as bits.
///
/// A body's length code is in the document table instead: it changes
/// when a sentence is added now and then, and in every posting it would
/// change every shard holding a term of that body.
pub(crate) fn encode_postings(postings: &[Posting], mask: Option<&dyn Fn(&Posting) -> u32>) -> String {
    let mut out = String::new();
    let mut previous_doc = 0;
    for posting in postings {
        push_record(&mut out, posting.doc - previous_doc, posting, mask);
        previous_doc = posting.doc;
    }
    out
}

/// The positions that go with [`encode_postings`]: for each document in
/// the same order, its term frequency's worth of positions, each the
/// difference from the previous one (from 0).
pub(crate) fn encode_positions(postings: &[Posting]) -> String {
    let mut out = String::new();
    for posting in postings {
        push_positions(&mut out, &posting.positions);
    }
    out
}

fn push_record(out: &mut String, delta: u32, posting: &Posting, mask: Option<&dyn Fn(&Posting) -> u32>) {
    push_number(out, delta);
    if mask.is_none() {
        push_number(out, u32::from(posting.norm_id));
    }
    push_number(out, posting.positions.len() as u32);
    if let Some(mask) = mask {
        push_number(out, mask(posting));
    }
}

fn push_positions(out: &mut String, positions: &[u32]) {
    let mut previous = 0;
    for &position in positions {
        push_number(out, position - previous);
        previous = position;
    }
}

/// What [`encode_postings`] and [`encode_positions`] would write for the
/// list `postings` and `positions` were written from, with document `doc`'s
/// posting replaced by `posting` (or taken out, for `None`; put in, if it
/// had none). Only `doc`'s record and the next one's document difference
/// are written anew; the rest is copied.
pub(crate) fn splice(
    (postings, positions): (&str, &str),
    doc: u32,
    posting: Option<&Posting>,
    mask: Option<&dyn Fn(&Posting) -> u32>,
) -> (String, String) {
    let mut records = NumberReader::new(postings);
    let mut places = NumberReader::new(positions);
    let mut previous_doc = 0;
    // The first record at or after `doc`: where it starts, and its number.
    let (start, places_start, next) = loop {
        let (start, places_start) = (records.at(), places.at());
        let Some(delta) = records.next() else {
            break (start, places_start, None);
        };
        let number = previous_doc + delta;
        if number >= doc {
            break (start, places_start, Some(number));
        }
        skip_record(&mut records, &mut places, mask.is_some());
        previous_doc = number;
    };
    // Past the old record of `doc`, if there was one, to the next record's
    // number.
    let next = match next {
        Some(number) if number == doc => {
            skip_record(&mut records, &mut places, mask.is_some());
            records.next().map(|delta| doc + delta)
        }
        other => other,
    };
    let (rest, places_rest) = (records.at(), places.at());

    let mut new_postings = String::with_capacity(postings.len() + 16);
    let mut new_positions = String::with_capacity(positions.len() + 64);
    new_postings.push_str(&postings[..start]);
    new_positions.push_str(&positions[..places_start]);
    if let Some(posting) = posting {
        push_record(&mut new_postings, doc - previous_doc, posting, mask);
        push_positions(&mut new_positions, &posting.positions);
        previous_doc = doc;
    }
    if let Some(number) = next {
        push_number(&mut new_postings, number - previous_doc);
    }
    new_postings.push_str(&postings[rest..]);
    new_positions.push_str(&positions[places_rest..]);
    (new_postings, new_positions)
}

/// Reads past a record's length code (but in a body field), frequency and
/// (in a body field) segments, and past its positions.
fn skip_record(records: &mut NumberReader<'_>, places: &mut NumberReader<'_>, body: bool) {
    if !body {
        records.next();
    }
    let frequency = records.next().unwrap_or(0);
    if body {
        records.next();
    }
    for _ in 0..frequency {
        places.next();
    }
}

/// `{"field":"encoded",…}`: a term's postings (or positions) by field
/// name, as the shards hold them. Neither the names nor the digits need
/// escaping in JSON.
pub(crate) fn fields_json<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut json = String::from("{");
    for (name, encoded) in fields {
        if json.len() > 1 {
            json.push(',');
        }
        for part in ["\"", name, "\":\"", encoded, "\""] {
            json.push_str(part);
        }
    }
    json.push('}');
    json
}

/// The fields of a text as [`fields_json`] writes it, by name; `None`
/// for a text of another shape. The values are found with one search for
/// their closing quote: a common term's positions run to megabytes.
pub(crate) fn json_fields(json: &str) -> Option<BTreeMap<Cow<'_, str>, Cow<'_, str>>> {
    let mut fields = BTreeMap::new();
    let mut rest = json.strip_prefix('{')?;
    if rest == "}" {
        return Some(fields);
    }
    loop {
        let (name, after) = rest.strip_prefix('"')?.split_once("\":\"")?;
        let end = after.find('"')?;
        fields.insert(Cow::Borrowed(name), Cow::Borrowed(&after[..end]));
        rest = &after[end + 1..];
        match rest {
            "}" => return Some(fields),
            _ => rest = rest.strip_prefix(',')?,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(doc: u32, positions: &[u32]) -> Posting {
        Posting {
            doc,
            norm_id: (doc * 7 % 40) as u8,
            positions: positions.to_vec(),
        }
    }

    fn encoded(list: &[Posting], body: bool) -> (String, String) {
        let mask = |p: &Posting| p.positions.iter().fold(0, |m, &x| m | 1 << (x / 100));
        let mask: Option<&dyn Fn(&Posting) -> u32> = if body { Some(&mask) } else { None };
        (encode_postings(list, mask), encode_positions(list))
    }

    /// Every way of replacing, adding or taking out one document's posting
    /// gives what encoding the changed list gives.
    #[test]
    fn a_spliced_posting_reads_as_if_the_whole_list_were_written_again() {
        let list = vec![
            posting(0, &[3]),
            posting(2, &[1, 40, 900]),
            posting(31, &[7, 8]),
            posting(32, &[2000]),
            posting(1500, &[0, 5]),
        ];
        let replacements = [None, Some(posting(0, &[6])), Some(posting(0, &[4, 70, 71]))];
        for body in [false, true] {
            let mask = |p: &Posting| p.positions.iter().fold(0, |m, &x| m | 1 << (x / 100));
            let mask: Option<&dyn Fn(&Posting) -> u32> = if body { Some(&mask) } else { None };
            let before = encoded(&list, body);
            for doc in [0, 1, 2, 3, 31, 32, 33, 1500, 1501, 4000] {
                for replacement in &replacements {
                    let replacement = replacement.as_ref().map(|p| posting(doc, &p.positions));
                    let mut expected: Vec<Posting> = list.iter().filter(|p| p.doc != doc).cloned().collect();
                    expected.extend(replacement.clone());
                    expected.sort_by_key(|p| p.doc);
                    let spliced = splice((&before.0, &before.1), doc, replacement.as_ref(), mask);
                    assert_eq!(spliced, encoded(&expected, body), "doc {doc}, body {body}");
                }
            }
        }
    }

    #[test]
    fn fields_are_read_back_as_written() {
        let written = fields_json([("body.en", "ABgB"), ("meta", "C")]);
        assert_eq!(written, r#"{"body.en":"ABgB","meta":"C"}"#);
        let read = json_fields(&written).unwrap();
        let read: Vec<(&str, &str)> = read.iter().map(|(k, v)| (&**k, &**v)).collect();
        assert_eq!(read, [("body.en", "ABgB"), ("meta", "C")]);
        assert_eq!(json_fields("{}").map(|f| f.len()), Some(0));
        for other in ["", "{", r#"{"a":1}"#, r#"{"a":"b""#, r#"{"a":"b"}x"#] {
            assert!(json_fields(other).is_none(), "{other}");
        }
    }

    #[test]
    fn a_posting_spliced_into_nothing_is_the_list_of_one() {
        let one = posting(12, &[4, 9]);
        let alone = encoded(std::slice::from_ref(&one), false);
        assert_eq!(splice(("", ""), 12, Some(&one), None), alone);
        assert_eq!(
            splice((&alone.0, &alone.1), 12, None, None),
            (String::new(), String::new())
        );
    }
}
