//! Compression for the knowledge-base blob: Burrows–Wheeler transform, move-to-front and an
//! adaptive binary range coder. Medical text full of repeated phrases packs about a fifth
//! smaller this way than under the gzip the browser already applies, for ~2 KB of decoder.
//! Plain std only: `build.rs` compiles this file too.

/// Probabilities are 12-bit fixed point in the coder.
const PROB_BITS: u32 = 12;
/// The range is renormalised whenever it falls below this.
const TOP: u32 = 1 << 24;
/// A corrupt header must not make the decoder allocate without bound; `compress` refuses
/// more, so the build fails instead of shipping data the widget would not read.
pub const MAX_LEN: usize = 1 << 24;

/// Adaptive probability that the next bit is 0: a fast and a slow estimate, averaged, which
/// follows both the long runs and the sudden switches of move-to-front output.
#[derive(Clone, Copy)]
struct Prob {
    fast: u16,
    slow: u16,
}

impl Prob {
    const NEW: Prob = Prob {
        fast: 1 << 15,
        slow: 1 << 15,
    };

    fn zero_chance(self) -> u32 {
        ((u32::from(self.fast) + u32::from(self.slow)) >> 5).clamp(1, (1 << PROB_BITS) - 1)
    }

    fn update(&mut self, bit: bool) {
        if bit {
            self.fast -= self.fast >> 4;
            self.slow -= self.slow >> 7;
        } else {
            self.fast += (u16::MAX - self.fast) >> 4;
            self.slow += (u16::MAX - self.slow) >> 7;
        }
    }
}

/// Encoder and decoder share one model walk; the encoder passes real bits, the decoder
/// ignores them and returns what it reads.
trait BitCoder {
    fn bit(&mut self, prob: &mut Prob, bit: bool) -> bool;
}

struct Encoder {
    low: u64,
    range: u32,
    cache: u8,
    pending: u64,
    out: Vec<u8>,
}

impl Encoder {
    fn new() -> Self {
        Encoder {
            low: 0,
            range: u32::MAX,
            cache: 0,
            pending: 1,
            out: Vec::new(),
        }
    }

    /// Emits the top byte of `low`, resolving a carry into bytes still pending.
    fn shift_low(&mut self) {
        if self.low < 0xFF00_0000 || self.low >= 1 << 32 {
            let carry = (self.low >> 32) as u8;
            let mut byte = self.cache;
            while self.pending > 0 {
                self.out.push(byte.wrapping_add(carry));
                byte = 0xFF;
                self.pending -= 1;
            }
            self.cache = (self.low >> 24) as u8;
        }
        self.pending += 1;
        self.low = (self.low & 0x00FF_FFFF) << 8;
    }

    fn finish(mut self) -> Vec<u8> {
        for _ in 0..5 {
            self.shift_low();
        }
        self.out
    }
}

impl BitCoder for Encoder {
    fn bit(&mut self, prob: &mut Prob, bit: bool) -> bool {
        let bound = (self.range >> PROB_BITS) * prob.zero_chance();
        if bit {
            self.low += u64::from(bound);
            self.range -= bound;
        } else {
            self.range = bound;
        }
        prob.update(bit);
        while self.range < TOP {
            self.range <<= 8;
            self.shift_low();
        }
        bit
    }
}

struct Decoder<'a> {
    input: &'a [u8],
    code: u32,
    range: u32,
}

impl<'a> Decoder<'a> {
    fn new(input: &'a [u8]) -> Self {
        let mut d = Decoder {
            input,
            code: 0,
            range: u32::MAX,
        };
        for _ in 0..5 {
            d.code = (d.code << 8) | u32::from(d.next_byte());
        }
        d
    }

    /// Past the end reads zeros, so truncated input decodes to garbage, never a panic.
    fn next_byte(&mut self) -> u8 {
        let (first, rest) = self.input.split_first().unwrap_or((&0, &[]));
        self.input = rest;
        *first
    }
}

impl BitCoder for Decoder<'_> {
    fn bit(&mut self, prob: &mut Prob, _: bool) -> bool {
        let bound = (self.range >> PROB_BITS) * prob.zero_chance();
        let bit = self.code >= bound;
        if bit {
            self.code -= bound;
            self.range -= bound;
        } else {
            self.range = bound;
        }
        prob.update(bit);
        while self.range < TOP {
            self.range <<= 8;
            self.code = (self.code << 8) | u32::from(self.next_byte());
        }
        bit
    }
}

/// Context model for move-to-front ranks: "is it 0", "is it 1", then the bit length in
/// unary and the lower bits, each in the context of the two previous ranks.
struct Model {
    zero: [Prob; 9],
    one: [Prob; 9],
    length: [Prob; 18],
    mantissa: [Prob; 9 * 128],
    previous: [u8; 2],
}

impl Model {
    fn new() -> Self {
        Model {
            zero: [Prob::NEW; 9],
            one: [Prob::NEW; 9],
            length: [Prob::NEW; 18],
            mantissa: [Prob::NEW; 9 * 128],
            previous: [0; 2],
        }
    }

    /// Codes one rank (`rank` is ignored when decoding) and returns it.
    fn rank<C: BitCoder>(&mut self, coder: &mut C, rank: u8) -> u8 {
        let [p1, p2] = self.previous.map(|p| usize::from(p.min(2)));
        let ctx = p1 * 3 + p2;
        let value = if !coder.bit(&mut self.zero[ctx], rank != 0) {
            0
        } else if !coder.bit(&mut self.one[ctx], rank > 1) {
            1
        } else {
            // rank - 1 is 1..=254: its bit length (1..=8) in unary, then the bits below the top.
            let x = u32::from(rank.wrapping_sub(1));
            let bits = 32 - x.leading_zeros();
            let big = if p1 == 2 { 9 } else { 0 };
            let mut len = 1;
            while len < 8 && coder.bit(&mut self.length[big + len as usize], len < bits) {
                len += 1;
            }
            let mut y = 1u32;
            for b in (0..len - 1).rev() {
                let bit = coder.bit(
                    &mut self.mantissa[len as usize * 128 + y as usize],
                    (x >> b) & 1 == 1,
                );
                y = y * 2 + u32::from(bit);
            }
            (y + 1).min(255) as u8
        };
        self.previous = [value, self.previous[0]];
        value
    }
}

/// Writes a LEB128 number (see [`read_varint`]).
pub fn push_varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 number; `None` at the end of input or on overflow.
pub fn read_varint(input: &mut &[u8]) -> Option<usize> {
    let mut v: usize = 0;
    for shift in (0..usize::BITS).step_by(7) {
        let (&byte, rest) = input.split_first()?;
        *input = rest;
        v |= usize::from(byte & 0x7F).checked_shl(shift)?;
        if byte < 0x80 {
            return Some(v);
        }
    }
    None
}

/// Burrows–Wheeler transform with an implicit end marker that sorts first. Returns the last
/// column without the marker and the row where the marker stood.
fn bwt(data: &[u8]) -> (Vec<u8>, usize) {
    let mut suffixes: Vec<usize> = (0..data.len()).collect();
    suffixes.sort_unstable_by(|&a, &b| data[a..].cmp(&data[b..]));
    let mut last = Vec::with_capacity(data.len());
    // Row 0 is the end marker's own rotation; its last symbol is the final byte.
    last.extend(data.last());
    let mut primary = 0;
    for (row, &start) in suffixes.iter().enumerate() {
        match start.checked_sub(1) {
            Some(prev) => last.push(data[prev]),
            None => primary = row + 1,
        }
    }
    (last, primary)
}

/// Inverse of [`bwt`]; `None` if the input cannot come from it.
fn unbwt(last: &[u8], primary: usize) -> Option<Vec<u8>> {
    let n = last.len();
    if n == 0 {
        return Some(Vec::new());
    }
    if primary == 0 || primary > n {
        return None;
    }
    // Symbol of each row: 0 for the end marker, byte + 1 otherwise.
    let symbol = |row: usize| match row.cmp(&primary) {
        std::cmp::Ordering::Less => usize::from(last[row]) + 1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => usize::from(last[row - 1]) + 1,
    };
    let mut starts = [0u32; 257];
    for row in 0..=n {
        if let Some(next) = starts.get_mut(symbol(row) + 1) {
            *next += 1;
        }
    }
    for s in 1..257 {
        starts[s] += starts[s - 1];
    }
    let mut next_row = vec![0u32; n + 1];
    for (row, slot) in next_row.iter_mut().enumerate() {
        let s = symbol(row);
        *slot = starts[s];
        starts[s] += 1;
    }
    let mut out = vec![0u8; n];
    let mut row = 0usize;
    for k in (0..n).rev() {
        if row == primary {
            return None;
        }
        out[k] = last[row - usize::from(row > primary)];
        row = next_row[row] as usize;
    }
    Some(out)
}

/// Compresses `data`; [`decompress`] restores it exactly. `None` above [`MAX_LEN`] bytes.
pub fn compress(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() > MAX_LEN {
        return None;
    }
    let (last, primary) = bwt(data);
    let mut out = Vec::new();
    push_varint(&mut out, last.len());
    push_varint(&mut out, primary);
    let mut order: Vec<u8> = (0..=255).collect();
    let mut model = Model::new();
    let mut coder = Encoder::new();
    for byte in last {
        let rank = order.iter().position(|&b| b == byte).unwrap_or(0);
        order[..=rank].rotate_right(1);
        model.rank(&mut coder, rank as u8);
    }
    out.extend(coder.finish());
    Some(out)
}

/// Restores what [`compress`] produced; `None` for input it did not produce (never panics).
pub fn decompress(packed: &[u8]) -> Option<Vec<u8>> {
    let mut input = packed;
    let len = read_varint(&mut input)?;
    let primary = read_varint(&mut input)?;
    if len > MAX_LEN {
        return None;
    }
    let mut order: Vec<u8> = (0..=255).collect();
    let mut model = Model::new();
    let mut coder = Decoder::new(input);
    let mut last = Vec::with_capacity(len);
    for _ in 0..len {
        let rank = usize::from(model.rank(&mut coder, 0));
        let byte = order[rank];
        order[..=rank].rotate_right(1);
        last.push(byte);
    }
    unbwt(&last, primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(data: &[u8]) {
        let packed = compress(data).expect("small enough");
        assert_eq!(decompress(&packed).as_deref(), Some(data), "{data:?}");
    }

    #[test]
    fn restores_edge_cases() {
        roundtrip(b"");
        roundtrip(b"a");
        roundtrip(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        roundtrip(b"banana");
        roundtrip(&(0..=255).collect::<Vec<u8>>());
        roundtrip(&(0..=255).rev().cycle().take(5000).collect::<Vec<u8>>());
        roundtrip("é\u{2}ü\u{3}ñ".repeat(40).as_bytes());
    }

    #[test]
    fn restores_pseudo_random_bytes() {
        let mut x: u32 = 12345;
        let data: Vec<u8> = (0..20000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        roundtrip(&data);
    }

    #[test]
    fn shrinks_repetitive_text_below_its_size() {
        let text = "Somatostatin analogues slow tumor growth. ".repeat(200);
        let packed = compress(text.as_bytes()).expect("small enough");
        assert!(packed.len() < text.len() / 20, "{}", packed.len());
    }

    #[test]
    fn oversized_input_is_refused_at_build_time() {
        assert!(compress(&vec![b'a'; MAX_LEN + 1]).is_none());
    }

    #[test]
    fn damaged_input_is_refused_or_garbled_without_panic() {
        let packed = compress(b"Neuroendocrine tumors grow from hormone-making cells.").unwrap();
        for cut in 0..packed.len() {
            let _ = decompress(&packed[..cut]);
        }
        for i in 0..packed.len() {
            for flip in [1u8, 0x80, 0xFF] {
                let mut bad = packed.clone();
                bad[i] ^= flip;
                let _ = decompress(&bad);
            }
        }
        assert_eq!(decompress(&[]), None);
        assert_eq!(decompress(&[0xFF; 12]), None);
        assert_eq!(decompress(&[3, 9, 0, 0]), None, "primary row out of range");
    }
}
