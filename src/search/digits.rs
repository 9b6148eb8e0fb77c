//! How the export writes numbers into strings: digits a JSON string holds
//! unescaped, so that the shards stay plain JSON and the browser decodes
//! them with a table lookup. `readNumbers`, `packedBytes` and `BitReader`
//! in `search.js` are the other side.

/// The base64 digits, by value: six bits each, for bit columns
/// ([`BitWriter`]) and the shards' front-coded starts.
pub(crate) const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The 93 printable ASCII characters a JSON string holds as they are,
/// from the space to `~` but `"` and `\\`, by value: the digits of numbers
/// ([`push_number`]) and of packed text.
pub(crate) const DIGITS_93: [u8; 93] = digits_93();

const fn digits_93() -> [u8; 93] {
    let mut digits = [0u8; 93];
    let (mut c, mut i) = (b' ', 0);
    while c <= b'~' {
        if c != b'"' && c != b'\\' {
            digits[i] = c;
            i += 1;
        }
        c += 1;
    }
    digits
}

/// A number's last digit is one of the first 64; each of the 29 after
/// them says that more digits follow.
const LAST_DIGITS: u32 = 64;
const MORE_DIGITS: u32 = 93 - LAST_DIGITS;

/// Writes `value` in as few digits as it needs, lowest first: while it is
/// 64 or more, its remainder by 29 as a digit from 64 up, then the rest
/// divided by 29; at last, below 64, its own digit. Numbers below 64 take
/// one character, below 1,856 two, below 53,824 three.
pub(crate) fn push_number(out: &mut String, mut value: u32) {
    while value >= LAST_DIGITS {
        out.push(char::from(DIGITS_93[(LAST_DIGITS + value % MORE_DIGITS) as usize]));
        value /= MORE_DIGITS;
    }
    out.push(char::from(DIGITS_93[value as usize]));
}

/// Each digit's value, by byte; 255 for a byte that is not a digit.
const VALUES_93: [u8; 256] = {
    let mut values = [255u8; 256];
    let mut i = 0;
    while i < DIGITS_93.len() {
        values[DIGITS_93[i] as usize] = i as u8;
        i += 1;
    }
    values
};

/// Reads back, one at a time, the numbers [`push_number`] wrote.
pub(crate) struct NumberReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> NumberReader<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        NumberReader {
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    /// The byte offset of the next number.
    pub(crate) fn at(&self) -> usize {
        self.at
    }
}

impl Iterator for NumberReader<'_> {
    type Item = u32;

    /// The next number; `None` at the end, or at a byte that is not a digit
    /// (which `push_number` never writes).
    fn next(&mut self) -> Option<u32> {
        let (mut value, mut scale) = (0u64, 1u64);
        loop {
            let digit = VALUES_93[usize::from(*self.bytes.get(self.at)?)];
            if digit == 255 {
                return None;
            }
            self.at += 1;
            let digit = u32::from(digit);
            if digit < LAST_DIGITS {
                let value = value.saturating_add(u64::from(digit).saturating_mul(scale));
                return Some(u32::try_from(value).unwrap_or(u32::MAX));
            }
            value = value.saturating_add(u64::from(digit - LAST_DIGITS).saturating_mul(scale));
            scale = scale.saturating_mul(u64::from(MORE_DIGITS));
        }
    }
}

/// Numbers of a fixed width in bits, packed six bits to a digit, low bits
/// first.
#[derive(Default)]
pub(crate) struct BitWriter {
    digits: String,
    current: usize,
    used: u32,
}

impl BitWriter {
    pub(crate) fn push(&mut self, value: u32, width: u32) {
        for bit in 0..width {
            self.current |= (((value >> bit) & 1) as usize) << self.used;
            self.used += 1;
            if self.used == 6 {
                self.flush();
            }
        }
    }

    fn flush(&mut self) {
        self.digits.push(DIGITS[self.current] as char);
        self.current = 0;
        self.used = 0;
    }

    pub(crate) fn finish(mut self) -> String {
        if self.used > 0 {
            self.flush();
        }
        self.digits
    }
}

/// The bits needed to write every number up to `max`.
pub(crate) fn width(max: u32) -> u32 {
    u32::BITS - max.leading_zeros()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_as_few_digits_as_they_need() {
        let mut out = String::new();
        let values = [0, 1, 63, 64, 92, 93, 1855, 1856, 53_823, 53_824, u32::MAX];
        for value in values {
            push_number(&mut out, value);
        }
        // 0, 1 and 63 are the digits ` `, `!` and `a`; 64 is the digit
        // 64 + 64 mod 29 = 70 (`h`), then 64 / 29 = 2 (`#`).
        assert!(out.starts_with(" !ah#"), "{out}");
        let lengths: Vec<usize> = values
            .iter()
            .map(|&v| {
                let mut one = String::new();
                push_number(&mut one, v);
                one.len()
            })
            .collect();
        assert_eq!(lengths, [1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 7]);
        let mut reader = NumberReader::new(&out);
        let read: Vec<u32> = reader.by_ref().collect();
        assert_eq!(read, values);
        assert_eq!(reader.at(), out.len());
        assert!(out.bytes().all(|b| DIGITS_93.contains(&b)));
        assert_eq!(NumberReader::new("\"").next(), None);
    }

    #[test]
    fn bits_are_packed_low_first() {
        let mut bits = BitWriter::default();
        bits.push(5, 3);
        bits.push(1, 1);
        bits.push(0, 2);
        bits.push(3, 2);
        assert_eq!(bits.finish(), "ND");
        assert_eq!((width(0), width(1), width(5), width(8)), (0, 1, 3, 4));
    }
}
