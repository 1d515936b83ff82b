//! XSD's derived built-in types whose value space the Rust type does not
//! bound: newtypes checked against the built-in type's own facets, like a
//! generated restriction (`new` refuses, encoding refuses, decoding reports).
//! The integers (`positiveInteger`...), the strings with their own
//! whiteSpace (`normalizedString`, `token`) and the name-like ones derived
//! from `token` (`language`, `Name`, `NCName` for `ID`/`IDREF`/`ENTITY` too,
//! `NMTOKEN`), and the lists of names (`NMTOKENS`, `IDREFS`, `ENTITIES`:
//! at least one item).
//!
//! The other built-ins need none: `nonNegativeInteger` is `u64`,
//! `unsignedShort` is `u16`, `byte` is `i8`..., so a value outside their range
//! cannot be built, and a received one is out of range.

use super::{Facets, Pattern, WhiteSpace};
use crate::error::{FacetError, FacetKind, ValueError};
use crate::value::SimpleType;

macro_rules! builtin_newtypes {
    ($($(#[doc = $doc:literal])* $name:ident($inner:ty) = $xsd:literal, $facets:ident { $($facet:ident: $bound:literal),* };)*) => {$(
        crate::newtype! {
            $(#[doc = $doc])*
            #[xsd(name = $xsd, facets = $facets)]
            #[derive(Copy, Eq, Hash, PartialOrd, Ord)]
            #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
            pub struct $name($inner);
        }
        #[doc = ::core::concat!(" The facets of XSD `", $xsd, "`.")]
        pub static $facets: Facets = Facets { $($facet: Some($bound),)* ..Facets::NONE };
    )*};
}

builtin_newtypes! {
    /// XSD `positiveInteger`: a `u64` of at least 1.
    PositiveInteger(u64) = "positiveInteger", POSITIVE_INTEGER { min_inclusive: "1" };
    /// XSD `negativeInteger`: an `i64` of at most -1.
    NegativeInteger(i64) = "negativeInteger", NEGATIVE_INTEGER { max_inclusive: "-1" };
    /// XSD `nonPositiveInteger`: an `i64` of at most 0.
    NonPositiveInteger(i64) = "nonPositiveInteger", NON_POSITIVE_INTEGER { max_inclusive: "0" };
}

macro_rules! builtin_strings {
    ($($(#[doc = $doc:literal])* $name:ident = $xsd:literal, $facets:ident, $ws:ident $(, $pattern:ident = $regex:literal)?;)*) => {$(
        crate::newtype! {
            $(#[doc = $doc])*
            #[xsd(name = $xsd, facets = $facets)]
            #[derive(Eq, Hash, PartialOrd, Ord)]
            #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
            pub struct $name(String);
        }
        $(static $pattern: Pattern = Pattern::new($regex);)?
        #[doc = ::core::concat!(" The facets of XSD `", $xsd, "`.")]
        pub static $facets: Facets = Facets {
            patterns: &[$(&$pattern)?],
            white_space: WhiteSpace::$ws,
            ..Facets::NONE
        };
    )*};
}

builtin_strings! {
    /// XSD `normalizedString`: received tabs and newlines become spaces; a
    /// value to send has none.
    NormalizedString = "normalizedString", NORMALIZED_STRING, Replace;
    /// XSD `token`: received whitespace is collapsed (no leading, trailing or
    /// repeated spaces, no tabs or newlines); a value to send is already so.
    Token = "token", TOKEN, Collapse;
    /// XSD `language`: a language tag (`sv`, `en-GB`).
    Language = "language", LANGUAGE, Collapse, LANGUAGE_PATTERN = "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*";
    /// XSD `Name`: an XML name (`a:b`, `_x1`).
    Name = "Name", NAME, Collapse, NAME_PATTERN = "\\i\\c*";
    /// XSD `NCName` (and `ID`, `IDREF`, `ENTITY`): an XML name without colons.
    NcName = "NCName", NC_NAME, Collapse, NC_NAME_PATTERN = "[\\i-[:]][\\c-[:]]*";
    /// XSD `NMTOKEN`: one or more XML name characters.
    NmToken = "NMTOKEN", NM_TOKEN, Collapse, NM_TOKEN_PATTERN = "\\c+";
}

macro_rules! builtin_lists {
    ($($(#[doc = $doc:literal])* $name:ident($item:ty) = $xsd:literal;)*) => {$(
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
        pub struct $name(pub Vec<$item>);

        impl SimpleType for $name {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                text.split_ascii_whitespace()
                    .map(SimpleType::parse_text)
                    .collect::<Result<Vec<_>, _>>()
                    .map(Self)
            }
            fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
                for (i, item) in self.0.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    item.write_text(out)?;
                }
                Ok(())
            }
            fn check_facets(&self) -> Result<(), FacetError> {
                if self.0.is_empty() {
                    return Err(FacetError::new("", FacetKind::MinLength(1)));
                }
                self.0.iter().try_for_each(SimpleType::check_facets)
            }
        }

        /// A restriction of the list: lengths count items, patterns match the lexical form.
        impl crate::macros::FacetValue for $name {
            fn check_against(&self, facets: &Facets) -> Result<(), FacetError> {
                self.check_facets()?;
                let mut text = String::new();
                // Names are written as they are: this cannot fail.
                let _ = self.write_text(&mut text);
                facets.check_len(&text, self.0.len())?;
                facets.check_lexical(&text)
            }
        }

        impl From<Vec<$item>> for $name {
            fn from(items: Vec<$item>) -> Self {
                Self(items)
            }
        }

        crate::arbitrary_list! { struct $name($item); }
    )*};
}

builtin_lists! {
    /// XSD `NMTOKENS`: one or more `NMTOKEN`s, space-separated.
    NmTokens(NmToken) = "NMTOKENS";
    /// XSD `IDREFS`: one or more `IDREF`s (`NCName`s), space-separated.
    IdRefs(NcName) = "IDREFS";
    /// XSD `ENTITIES`: one or more `ENTITY` names (`NCName`s), space-separated.
    Entities(NcName) = "ENTITIES";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_bounds_are_checked() {
        assert!(PositiveInteger::new(0_u64).is_err());
        assert_eq!(
            PositiveInteger::new(1_u64).map(PositiveInteger::into_inner),
            Ok(1)
        );
        assert!(NegativeInteger::new(0_i64).is_err());
        assert!(NegativeInteger::new(-1_i64).is_ok());
        assert!(NonPositiveInteger::new(1_i64).is_err());
        assert!(NonPositiveInteger::new(0_i64).is_ok());
        assert!("0".parse::<PositiveInteger>().is_err());
        let lenient = PositiveInteger::parse_text("0").map(|v| v.check_facets().is_err());
        assert_eq!(
            lenient,
            Ok(true),
            "parsing is lexical; the facet is reported apart"
        );
        assert_eq!(PositiveInteger::default().into_inner(), 0);
    }

    #[test]
    fn the_name_like_strings_are_checked() {
        assert!(Language::new("en-GB").is_ok());
        assert!(Language::new("languages").is_err());
        assert!(Name::new("ns:order_1").is_ok());
        assert!(Name::new("1order").is_err());
        assert!(NcName::new("order_1.x").is_ok());
        assert!(NcName::new("ns:order").is_err());
        assert!(NcName::new("").is_err());
        assert!(NmToken::new("1-2.3").is_ok());
        assert!(NmToken::new("a b").is_err());
        let lenient = NcName::parse_text("a:b").map(|v| v.check_facets().is_err());
        assert_eq!(lenient, Ok(true), "reported apart from parsing");
    }

    #[test]
    fn whitespace_is_normalised_on_receipt_and_refused_on_send() {
        let token = Token::parse_text("\n  two \t words ");
        assert_eq!(token.as_ref().map(Token::as_str), Ok("two words"));
        assert_eq!(token.map(|t| t.check_facets()), Ok(Ok(())));
        let e = Token::new(" two  words").err().map(|e| e.facet);
        assert_eq!(e, Some(FacetKind::WhiteSpace(WhiteSpace::Collapse)));
        let normal = NormalizedString::parse_text("a\tb\n");
        assert_eq!(normal.as_ref().map(NormalizedString::as_str), Ok("a b "));
        assert!(NormalizedString::new(" a  b ").is_ok());
        assert!(NormalizedString::new("a\nb").is_err());
        let lang = Language::parse_text(" en-GB\n");
        assert_eq!(lang.map(|l| l.check_facets().is_ok()), Ok(true));
    }

    #[test]
    fn name_lists_have_one_item_at_least() {
        let tokens = NmTokens::parse_text(" a-1\n b.2 ");
        let mut text = String::new();
        let written = tokens.as_ref().map(|t| t.write_text(&mut text));
        assert_eq!(written, Ok(Ok(())));
        assert_eq!(text, "a-1 b.2");
        assert_eq!(tokens.map(|t| t.check_facets()), Ok(Ok(())));
        let empty = IdRefs::parse_text("  ").map(|r| r.check_facets().err().map(|e| e.facet));
        assert_eq!(empty, Ok(Some(FacetKind::MinLength(1))));
        let bad = Entities::parse_text("a:b").map(|r| r.check_facets().is_err());
        assert_eq!(bad, Ok(true));
    }
}
