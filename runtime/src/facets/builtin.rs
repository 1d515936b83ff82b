//! XSD's derived built-in types whose value space the Rust type does not
//! bound: newtypes checked against the built-in type's own facets, like a
//! generated restriction (`new` refuses, encoding refuses, decoding reports).
//! The integers (`positiveInteger`...) and the name-like strings
//! (`language`, `Name`, `NCName` for `ID`/`IDREF`/`ENTITY` too, `NMTOKEN`).
//!
//! The other built-ins need none: `nonNegativeInteger` is `u64`,
//! `unsignedShort` is `u16`, `byte` is `i8`..., so a value outside their range
//! cannot be built, and a received one is out of range.

use super::{Facets, Pattern};

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
    ($($(#[doc = $doc:literal])* $name:ident = $xsd:literal, $facets:ident, $pattern:ident = $regex:literal;)*) => {$(
        crate::newtype! {
            $(#[doc = $doc])*
            #[xsd(name = $xsd, facets = $facets)]
            #[derive(Eq, Hash, PartialOrd, Ord)]
            #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
            pub struct $name(String);
        }
        static $pattern: Pattern = Pattern::new($regex);
        #[doc = ::core::concat!(" The facets of XSD `", $xsd, "`.")]
        pub static $facets: Facets = Facets { patterns: &[&$pattern], ..Facets::NONE };
    )*};
}

builtin_strings! {
    /// XSD `language`: a language tag (`sv`, `en-GB`).
    Language = "language", LANGUAGE, LANGUAGE_PATTERN = "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*";
    /// XSD `Name`: an XML name (`a:b`, `_x1`).
    Name = "Name", NAME, NAME_PATTERN = "\\i\\c*";
    /// XSD `NCName` (and `ID`, `IDREF`, `ENTITY`): an XML name without colons.
    NcName = "NCName", NC_NAME, NC_NAME_PATTERN = "[\\i-[:]][\\c-[:]]*";
    /// XSD `NMTOKEN`: one or more XML name characters.
    NmToken = "NMTOKEN", NM_TOKEN, NM_TOKEN_PATTERN = "\\c+";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::SimpleType;

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
}
