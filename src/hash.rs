//! Stable hashes: the same bytes give the same value on every machine, in
//! every build and with every Rust version (unlike `DefaultHasher`), for
//! what is written to disk or into the site: cache keys, and short
//! suffixes that keep derived file names unique (FNV-1a; CRC-32 for the
//! tags of file names, over many more bytes).

/// FNV-1a, 64 bits.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The short tag of content-addressed file names (`style.8f2c1a9b.css`):
/// the CRC-32 of `bytes` (IEEE, as zlib and gzip compute it), in
/// lower-case hex (so that names differ on case-insensitive file systems
/// too). Not for security: it tells one version of a file from another,
/// so that a browser never takes an old file for a new one of the same
/// name, and any edit of a few bytes changes it. CRC-32, not FNV-1a: a
/// build tags 200 MB of search files at 10,000 entries, and an edit in
/// the middle of a body 36 MB of positions shards, which FNV-1a, a byte
/// at a time, took 18 ms of processor time to tag.
pub(crate) fn content_tag(bytes: &[u8]) -> String {
    format!("{:08x}", crc32fast::hash(bytes))
}

/// The length of a [`content_tag`].
pub(crate) const TAG_LENGTH: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_gives_the_published_values() {
        // From the FNV reference test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn tags_are_eight_lower_case_hex_digits() {
        // The CRC-32 check value, and zlib's CRC of "foobar".
        assert_eq!(content_tag(b"123456789"), "cbf43926");
        let tag = content_tag(b"foobar");
        assert_eq!(tag, "9ef61f95");
        assert_eq!(tag.len(), TAG_LENGTH);
        assert_ne!(content_tag(b"foobar"), content_tag(b"foobaz"));
    }
}
