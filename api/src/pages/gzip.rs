//! A page's gzip encoding made once, with its holes left open: each part between two holes is
//! deflated on its own (byte-aligned, never the last block), each value goes in as a stored block,
//! and the checksum of the whole is combined from the parts' own. Serving it is a copy of ~10 KB
//! instead of compressing ~40 KB for every browser (docs/PERFORMANCE.md, issue 18).

use crc32fast::Hasher;
use flate2::{Compress, Compression, FlushCompress};

/// Fast enough to run on every rebuild of a hot page; level 6 saves a few percent more.
const LEVEL: u32 = 4;
/// gzip, deflate, no name or time, unknown OS (RFC 1952).
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// A last, empty block with fixed codes: its end-of-block code only.
const LAST_BLOCK: [u8; 2] = [0x03, 0x00];

#[derive(Debug)]
pub struct GzipPage {
    /// Raw deflate blocks of each part, in order.
    parts: Vec<Vec<u8>>,
    /// The CRC-32 of each part's text, and the operator that moves a checksum past it.
    checksums: Vec<(u32, u32)>,
    /// The parts' text, in bytes.
    text_len: usize,
    compressed_len: usize,
}

impl GzipPage {
    /// Compresses `parts`, the page's text between its holes.
    pub fn new<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut compressed = Vec::new();
        let mut checksums = Vec::new();
        let mut text_len = 0;
        for part in parts {
            text_len += part.len();
            checksums.push((crc32fast::hash(part), shift_past(part.len())));
            compressed.push(deflate(part));
        }
        let compressed_len = compressed.iter().map(Vec::len).sum();
        GzipPage {
            parts: compressed,
            checksums,
            text_len,
            compressed_len,
        }
    }

    /// The gzip member of the page with `values` in its holes (one fewer than the parts).
    pub fn fill(&self, values: &[&[u8]]) -> Vec<u8> {
        let holes: usize = values.iter().map(|v| v.len() + 5).sum();
        let text_len = self.text_len + values.iter().map(|v| v.len()).sum::<usize>();
        let mut out = Vec::with_capacity(HEADER.len() + self.compressed_len + holes + 10);
        out.extend_from_slice(&HEADER);
        let mut checksum = 0;
        for (i, part) in self.parts.iter().enumerate() {
            out.extend_from_slice(part);
            let (own, shift) = self.checksums[i];
            checksum = multiply(shift, checksum) ^ own;
            if let Some(value) = values.get(i) {
                stored_block(&mut out, value);
                // A value is a few bytes: the checksum simply runs on through it.
                let mut running = Hasher::new_with_initial(checksum);
                running.update(value);
                checksum = running.finalize();
            }
        }
        out.extend_from_slice(&LAST_BLOCK);
        out.extend_from_slice(&checksum.to_le_bytes());
        // ISIZE is the length modulo 2^32 by definition.
        out.extend_from_slice(&(text_len as u32).to_le_bytes());
        out
    }
}

/// CRC-32's polynomial, reflected.
const POLYNOMIAL: u32 = 0xedb8_8320;

/// `a * b` modulo the polynomial, in CRC-32's reflected bit order (zlib's `multmodp`).
fn multiply(a: u32, mut b: u32) -> u32 {
    let mut product = 0;
    let mut bit = 1u32 << 31;
    while bit != 0 {
        if a & bit != 0 {
            product ^= b;
        }
        bit >>= 1;
        b = if b & 1 != 0 {
            (b >> 1) ^ POLYNOMIAL
        } else {
            b >> 1
        };
    }
    product
}

/// x^(8·len) modulo the polynomial: multiplied into the checksum of some text, it gives the
/// checksum of that text followed by `len` zero bytes, so the checksum of `a` then `b` is
/// `multiply(shift_past(len b), crc a) ^ crc b` (zlib's `crc32_combine_op`).
fn shift_past(len: usize) -> u32 {
    let mut power = 1u32 << 31; // x^0
    let mut square = 1u32 << 30; // x^1, squared on along the bits of 8·len
    let mut bits = (len as u64) << 3;
    while bits != 0 {
        if bits & 1 != 0 {
            power = multiply(square, power);
        }
        square = multiply(square, square);
        bits >>= 1;
    }
    power
}

/// `text` as deflate blocks of a stream of its own that end on a byte boundary, none marked last.
fn deflate(text: &[u8]) -> Vec<u8> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut compress = Compress::new(Compression::new(LEVEL), false);
    let mut out = Vec::with_capacity(text.len() / 2 + 64);
    loop {
        let consumed = usize::try_from(compress.total_in()).unwrap_or(text.len());
        // Writing into memory with room to spare cannot fail; a full buffer only means "again".
        if compress
            .compress_vec(&text[consumed..], &mut out, FlushCompress::Sync)
            .is_err()
        {
            break;
        }
        let done = usize::try_from(compress.total_in()).unwrap_or(0) == text.len();
        if done && out.len() < out.capacity() {
            break;
        }
        out.reserve(out.capacity().max(1024));
    }
    out
}

/// `value` uncompressed, as a stored block (the stream is byte-aligned before it).
fn stored_block(out: &mut Vec<u8>, value: &[u8]) {
    let mut rest = value;
    loop {
        let (chunk, after) = rest.split_at(rest.len().min(usize::from(u16::MAX)));
        let len = chunk.len() as u16;
        out.push(0);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
        if after.is_empty() {
            break;
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn gunzip(bytes: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .expect("a valid gzip member");
        text
    }

    #[test]
    fn the_member_inflates_to_the_parts_with_the_values_between() {
        let body = "秘书工作研究，".repeat(500);
        let parts: [&[u8]; 3] = [b"<p>\xe8\xae\xbf\xe9\x97\xae: ", body.as_bytes(), b"</p>"];
        let page = GzipPage::new(parts);
        let member = page.fill(&[b"493", b"nonce+/="]);
        assert_eq!(gunzip(&member), format!("<p>访问: 493{body}nonce+/=</p>"));
        assert!(member.len() < body.len() / 4, "{} bytes", member.len());
    }

    #[test]
    fn checksums_combine_as_the_checksum_of_the_whole() {
        for (a, b) in [("", "x"), ("秘书", ""), ("abc", &"正文".repeat(9_000)[..])] {
            let whole = crc32fast::hash(format!("{a}{b}").as_bytes());
            let combined = multiply(shift_past(b.len()), crc32fast::hash(a.as_bytes()))
                ^ crc32fast::hash(b.as_bytes());
            assert_eq!(combined, whole, "{a:?} then {} bytes", b.len());
        }
    }

    #[test]
    fn empty_parts_and_values_make_a_valid_member_too() {
        let page = GzipPage::new([&b""[..], b"", b"x"]);
        assert_eq!(gunzip(&page.fill(&[b"", b"1"])), "1x");
        assert_eq!(gunzip(&GzipPage::new([&b""[..]]).fill(&[])), "");
    }
}
