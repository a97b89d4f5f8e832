//! Lowercase hexadecimal, for digests stored or compared as text.

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
