//! How the export writes numbers into strings: base64 digits, so that the
//! shards stay plain JSON and the browser decodes them with a table lookup.
//! `readNumbers` and `BitReader` in `search.js` are the other side.

/// The digits, by value.
pub(crate) const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Writes `value` in as few digits as it needs: each digit holds five bits,
/// low bits first, and a sixth (32) when more digits follow. Numbers below
/// 32 take one character, below 1024 two.
pub(crate) fn push_number(out: &mut String, mut value: u32) {
    loop {
        let low = (value & 31) as usize;
        value >>= 5;
        if value == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low | 32] as char);
    }
}

/// Each digit's value, by byte; 64 for a byte that is not a digit.
const VALUES: [u8; 256] = {
    let mut values = [64u8; 256];
    let mut i = 0;
    while i < 64 {
        values[DIGITS[i] as usize] = i as u8;
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
        let (mut value, mut shift) = (0u32, 0);
        loop {
            let digit = u32::from(*VALUES.get(usize::from(*self.bytes.get(self.at)?))?);
            if digit == 64 {
                return None;
            }
            self.at += 1;
            value |= (digit & 31).checked_shl(shift).unwrap_or(0);
            if digit < 32 {
                return Some(value);
            }
            shift += 5;
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
    fn numbers_take_five_bits_a_digit() {
        let mut out = String::new();
        for value in [0, 1, 31, 32, 1023, 1024] {
            push_number(&mut out, value);
        }
        assert_eq!(out, "ABf".to_string() + "gB" + "/f" + "ggB");
        let mut reader = NumberReader::new(&out);
        let read: Vec<u32> = reader.by_ref().collect();
        assert_eq!(read, [0, 1, 31, 32, 1023, 1024]);
        assert_eq!(reader.at(), out.len());
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
