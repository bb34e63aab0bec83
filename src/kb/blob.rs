//! The knowledge base travels as one compressed blob: a stream of small numbers that
//! describes the structure, and one string holding every text (NUL after each), each
//! compressed on its own. Strings are interned,
//! so an id used in many lists, or a patient text the caregiver view repeats, is stored once.
//! Tables of string pointers in the wasm cost more than the text they pointed to; this way the
//! data is one compressed byte array. `build.rs` compiles this file for the writer.

use super::codec;
use std::collections::HashMap;

/// Builds a blob (at build time).
#[derive(Default)]
pub struct Writer {
    numbers: Vec<u8>,
    text: String,
    seen: HashMap<String, usize>,
}

impl Writer {
    pub fn num(&mut self, v: usize) {
        codec::push_varint(&mut self.numbers, v);
    }

    /// A string already written becomes its index + 1; a new one 0, with its text and a NUL
    /// end mark in the text (cheaper than a length: the mark is predictable, lengths are not).
    /// NUL characters inside a string are dropped.
    pub fn str(&mut self, s: &str) {
        if let Some(&index) = self.seen.get(s) {
            self.num(index + 1);
        } else {
            self.num(0);
            self.text.extend(s.chars().filter(|&c| c != '\0'));
            self.text.push('\0');
            let index = self.seen.len();
            self.seen.insert(s.to_string(), index);
        }
    }

    pub fn strs<S: AsRef<str>>(&mut self, items: &[S]) {
        self.num(items.len());
        for s in items {
            self.str(s.as_ref());
        }
    }

    /// The compressed blob: the numbers and the text compressed apart (mixing them costs
    /// about 1% more), the numbers first, after their compressed length. Errs when the
    /// content is larger than the widget would read back.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        let too_big = || format!("content is over {} bytes of text", codec::MAX_LEN);
        let numbers = codec::compress(&self.numbers).ok_or_else(too_big)?;
        let mut blob = Vec::new();
        codec::push_varint(&mut blob, numbers.len());
        blob.extend(numbers);
        blob.extend(codec::compress(self.text.as_bytes()).ok_or_else(too_big)?);
        Ok(blob)
    }
}

/// Reads a blob back into `'static` data (the blob is decoded once and kept for the page's
/// life). Past the end, or on damage, every read yields 0 or "" rather than panicking.
pub struct Reader {
    numbers: &'static [u8],
    text: &'static str,
    seen: Vec<&'static str>,
}

impl Reader {
    pub fn open(blob: &[u8]) -> Option<Reader> {
        let mut rest = blob;
        let len = codec::read_varint(&mut rest)?;
        let (numbers, text) = (rest.get(..len)?, rest.get(len..)?);
        let numbers: &'static [u8] = codec::decompress(numbers)?.leak();
        let text = String::from_utf8(codec::decompress(text)?).ok()?;
        Some(Reader {
            numbers,
            text: text.leak(),
            seen: Vec::new(),
        })
    }

    pub fn is_at_end(&self) -> bool {
        self.numbers.is_empty()
    }

    pub fn num(&mut self) -> usize {
        codec::read_varint(&mut self.numbers).unwrap_or(0)
    }

    pub fn small(&mut self) -> u16 {
        u16::try_from(self.num()).unwrap_or(u16::MAX)
    }

    pub fn str(&mut self) -> &'static str {
        match codec::read_varint(&mut self.numbers) {
            Some(0) => {
                let (s, rest) = self.text.split_once('\0').unwrap_or((self.text, ""));
                self.text = rest;
                self.seen.push(s);
                s
            }
            Some(n) => self.seen.get(n - 1).copied().unwrap_or(""),
            None => "",
        }
    }

    pub fn strs(&mut self) -> &'static [&'static str] {
        self.list(Reader::str)
    }

    /// A length, then that many items; stops early at the end of the blob.
    pub fn list<T>(&mut self, mut item: impl FnMut(&mut Reader) -> T) -> &'static [T] {
        let n = self.num();
        let mut items = Vec::new();
        for _ in 0..n {
            if self.is_at_end() {
                break;
            }
            items.push(item(self));
        }
        items.leak()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_numbers_come_back_in_order_and_repeats_are_shared() {
        let mut w = Writer::default();
        w.str("octreotide");
        w.num(300);
        w.strs(&["a", "octreotide", "é"]);
        w.str("");
        let mut r = Reader::open(&w.finish().unwrap()).expect("blob opens");
        let first = r.str();
        assert_eq!(first, "octreotide");
        assert_eq!(r.num(), 300);
        let list = r.strs();
        assert_eq!(list, ["a", "octreotide", "é"]);
        assert!(
            std::ptr::eq(first, list[1]),
            "a repeated string is stored once"
        );
        assert_eq!(r.str(), "");
        assert!(r.is_at_end());
        assert_eq!((r.num(), r.str(), r.strs().len()), (0, "", 0));
    }

    #[test]
    fn nul_inside_a_string_cannot_break_the_stream() {
        let mut w = Writer::default();
        w.str("a\0b");
        w.str("after");
        let mut r = Reader::open(&w.finish().unwrap()).expect("blob opens");
        assert_eq!((r.str(), r.str()), ("ab", "after"));
    }

    #[test]
    fn damaged_blob_is_refused() {
        assert!(Reader::open(&[1, 2, 3]).is_none());
        let mut w = Writer::default();
        w.str("text");
        let blob = w.finish().unwrap();
        for cut in 0..blob.len() {
            // Must not panic; whatever opens reads as empty strings at worst.
            if let Some(mut r) = Reader::open(&blob[..cut]) {
                let _ = (r.str(), r.strs());
            }
        }
    }
}
