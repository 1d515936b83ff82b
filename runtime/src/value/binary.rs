//! XSD `base64Binary` and `hexBinary`.

use std::fmt::Write as _;

use base64::Engine as _;

use super::SimpleType;
use crate::error::ValueError;

/// XSD `base64Binary`: the decoded bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Base64Binary(pub Vec<u8>);

/// XSD `hexBinary`: the decoded bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct HexBinary(pub Vec<u8>);

impl SimpleType for Base64Binary {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let compact: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\r'))
            .collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map(Self)
            .map_err(|e| ValueError::new("base64Binary", text).because(e.to_string()))
    }
    fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
        base64::engine::general_purpose::STANDARD.encode_string(&self.0, out);
        Ok(())
    }
}

impl SimpleType for HexBinary {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let t = super::collapse_ws(text).as_bytes();
        if !t.len().is_multiple_of(2) {
            return Err(ValueError::new("hexBinary", text).because("odd number of digits"));
        }
        let nibble = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
        t.chunks_exact(2)
            .map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
            .collect::<Option<Vec<u8>>>()
            .map(Self)
            .ok_or_else(|| ValueError::new("hexBinary", text))
    }
    fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
        for b in &self.0 {
            let _ = write!(out, "{b:02X}");
        }
        Ok(())
    }
}

impl From<Vec<u8>> for Base64Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<Vec<u8>> for HexBinary {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}
