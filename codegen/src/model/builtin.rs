//! XSD built-in types and their Rust mapping.

use super::{Facets, WhiteSpace};

/// The Rust type an XSD built-in maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    /// `String`
    String,
    /// `bool`
    Bool,
    /// `rt::Decimal`
    Decimal,
    /// `i64`
    I64,
    /// `i32`
    I32,
    /// `i16`
    I16,
    /// `i8`
    I8,
    /// `u64`
    U64,
    /// `u32`
    U32,
    /// `u16`
    U16,
    /// `u8`
    U8,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `rt::Date`
    Date,
    /// `rt::DateTime`
    DateTime,
    /// `rt::Time`
    Time,
    /// `rt::Duration`
    Duration,
    /// `rt::Base64Binary`
    Base64Binary,
    /// `rt::HexBinary`
    HexBinary,
    /// `rt::QName`
    QName,
    /// `rt::AnyXml`
    AnyXml,
    /// `rt::PositiveInteger` (`u64`, at least 1)
    PositiveInteger,
    /// `rt::NegativeInteger` (`i64`, at most -1)
    NegativeInteger,
    /// `rt::NonPositiveInteger` (`i64`, at most 0)
    NonPositiveInteger,
    /// `rt::Language` (a `String` that is a language tag)
    Language,
    /// `rt::Name` (a `String` that is an XML name)
    XmlName,
    /// `rt::NcName` (a `String` that is an XML name without colons; also `ID`, `IDREF`, `ENTITY`)
    NcName,
    /// `rt::NmToken` (a `String` of XML name characters)
    NmToken,
    /// `rt::NormalizedString` (a `String` without tabs or newlines)
    NormalizedString,
    /// `rt::Token` (a `String` with whitespace collapsed)
    Token,
    /// `rt::NmTokens` (one or more `NMTOKEN`s)
    NmTokens,
    /// `rt::IdRefs` (one or more `IDREF`s)
    IdRefs,
    /// `rt::Entities` (one or more `ENTITY` names)
    Entities,
}

/// The kind of facet check a value type supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    /// `Facets::check_str`
    Str,
    /// `Facets::check_decimal`
    Decimal,
    /// `Facets::check_i64`
    Signed,
    /// `Facets::check_u64`
    Unsigned,
    /// `Facets::check_f64`
    Float,
    /// `Facets::check_str` on the lexical form.
    Lexical,
}

impl Builtin {
    /// The mapping of an XSD built-in by local name, with the facets the
    /// built-in implies (`positiveInteger` → `minInclusive 1`).
    pub fn of_xsd(local: &str) -> Option<(Builtin, Facets)> {
        let mut facets = Facets::default();
        let b = match local {
            "string" | "anyURI" | "NOTATION" | "anySimpleType" | "gYear" | "gYearMonth"
            | "gMonth" | "gMonthDay" | "gDay" => Builtin::String,
            "normalizedString" => {
                facets.white_space = Some(WhiteSpace::Replace);
                Builtin::String
            }
            "token" => {
                facets.white_space = Some(WhiteSpace::Collapse);
                Builtin::String
            }
            "language" | "Name" | "NCName" | "ID" | "IDREF" | "ENTITY" | "NMTOKEN" => {
                facets.patterns.push(Self::name_pattern(local)?.into());
                facets.white_space = Some(WhiteSpace::Collapse);
                Builtin::String
            }
            "NMTOKENS" => Builtin::NmTokens,
            "IDREFS" => Builtin::IdRefs,
            "ENTITIES" => Builtin::Entities,
            "boolean" => Builtin::Bool,
            "decimal" => Builtin::Decimal,
            "integer" | "long" => Builtin::I64,
            "int" => Builtin::I32,
            "short" => Builtin::I16,
            "byte" => Builtin::I8,
            "nonNegativeInteger" | "unsignedLong" => Builtin::U64,
            "positiveInteger" => {
                facets.min_inclusive = Some("1".into());
                Builtin::U64
            }
            "negativeInteger" => {
                facets.max_inclusive = Some("-1".into());
                Builtin::I64
            }
            "nonPositiveInteger" => {
                facets.max_inclusive = Some("0".into());
                Builtin::I64
            }
            "unsignedInt" => Builtin::U32,
            "unsignedShort" => Builtin::U16,
            "unsignedByte" => Builtin::U8,
            "float" => Builtin::F32,
            "double" => Builtin::F64,
            "date" => Builtin::Date,
            "dateTime" => Builtin::DateTime,
            "time" => Builtin::Time,
            "duration" => Builtin::Duration,
            "base64Binary" => Builtin::Base64Binary,
            "hexBinary" => Builtin::HexBinary,
            "QName" => Builtin::QName,
            "anyType" => Builtin::AnyXml,
            _ => return None,
        };
        Some((b, facets))
    }

    /// The XSD pattern of a name-like string built-in (the runtime newtype's).
    fn name_pattern(local: &str) -> Option<&'static str> {
        Some(match local {
            "language" => "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*",
            "Name" => "\\i\\c*",
            "NCName" | "ID" | "IDREF" | "ENTITY" => "[\\i-[:]][\\c-[:]]*",
            "NMTOKEN" => "\\c+",
            _ => return None,
        })
    }

    /// The type of a direct use of an XSD built-in (a field, attribute, list
    /// item or union member of type `xs:positiveInteger`): a built-in whose
    /// own facets the Rust integer does not bound is the runtime newtype that
    /// checks them. Restrictions start from [`of_xsd`](Self::of_xsd) instead.
    pub fn of_xsd_use(local: &str) -> Option<Builtin> {
        Some(match local {
            "positiveInteger" => Builtin::PositiveInteger,
            "negativeInteger" => Builtin::NegativeInteger,
            "nonPositiveInteger" => Builtin::NonPositiveInteger,
            "language" => Builtin::Language,
            "Name" => Builtin::XmlName,
            "NCName" | "ID" | "IDREF" | "ENTITY" => Builtin::NcName,
            "NMTOKEN" => Builtin::NmToken,
            "normalizedString" => Builtin::NormalizedString,
            "token" => Builtin::Token,
            other => Builtin::of_xsd(other)?.0,
        })
    }

    /// Rust source of the type (`String`, `rt::Decimal`).
    pub fn rust(self) -> &'static str {
        match self {
            Builtin::String => "String",
            Builtin::Bool => "bool",
            Builtin::Decimal => "rt::Decimal",
            Builtin::I64 => "i64",
            Builtin::I32 => "i32",
            Builtin::I16 => "i16",
            Builtin::I8 => "i8",
            Builtin::U64 => "u64",
            Builtin::U32 => "u32",
            Builtin::U16 => "u16",
            Builtin::U8 => "u8",
            Builtin::F32 => "f32",
            Builtin::F64 => "f64",
            Builtin::Date => "rt::Date",
            Builtin::DateTime => "rt::DateTime",
            Builtin::Time => "rt::Time",
            Builtin::Duration => "rt::Duration",
            Builtin::Base64Binary => "rt::Base64Binary",
            Builtin::HexBinary => "rt::HexBinary",
            Builtin::QName => "rt::QName",
            Builtin::AnyXml => "rt::AnyXml",
            Builtin::PositiveInteger => "rt::PositiveInteger",
            Builtin::NegativeInteger => "rt::NegativeInteger",
            Builtin::NonPositiveInteger => "rt::NonPositiveInteger",
            Builtin::Language => "rt::Language",
            Builtin::XmlName => "rt::Name",
            Builtin::NcName => "rt::NcName",
            Builtin::NmToken => "rt::NmToken",
            Builtin::NormalizedString => "rt::NormalizedString",
            Builtin::Token => "rt::Token",
            Builtin::NmTokens => "rt::NmTokens",
            Builtin::IdRefs => "rt::IdRefs",
            Builtin::Entities => "rt::Entities",
        }
    }

    /// A name for union variants (`String`, `Decimal`, `I32`).
    pub fn variant_name(self) -> &'static str {
        let rust = self.rust();
        match self {
            Builtin::Bool => "Bool",
            Builtin::I64 => "I64",
            Builtin::I32 => "I32",
            Builtin::I16 => "I16",
            Builtin::I8 => "I8",
            Builtin::U64 => "U64",
            Builtin::U32 => "U32",
            Builtin::U16 => "U16",
            Builtin::U8 => "U8",
            Builtin::F32 => "F32",
            Builtin::F64 => "F64",
            _ => rust.trim_start_matches("rt::"),
        }
    }

    /// True when the type is `Eq + Hash + Ord`.
    pub fn is_ord(self) -> bool {
        matches!(
            self,
            Builtin::String
                | Builtin::Bool
                | Builtin::Decimal
                | Builtin::I64
                | Builtin::I32
                | Builtin::I16
                | Builtin::I8
                | Builtin::U64
                | Builtin::U32
                | Builtin::U16
                | Builtin::U8
                | Builtin::PositiveInteger
                | Builtin::NegativeInteger
                | Builtin::NonPositiveInteger
                | Builtin::Language
                | Builtin::XmlName
                | Builtin::NcName
                | Builtin::NmToken
                | Builtin::NormalizedString
                | Builtin::Token
                | Builtin::NmTokens
                | Builtin::IdRefs
                | Builtin::Entities
        )
    }

    /// Which `rt::Facets` check applies.
    pub fn facet_kind(self) -> FacetKind {
        match self {
            Builtin::String => FacetKind::Str,
            Builtin::Decimal => FacetKind::Decimal,
            Builtin::I64 | Builtin::I32 | Builtin::I16 | Builtin::I8 => FacetKind::Signed,
            Builtin::U64 | Builtin::U32 | Builtin::U16 | Builtin::U8 => FacetKind::Unsigned,
            Builtin::F32 | Builtin::F64 => FacetKind::Float,
            _ => FacetKind::Lexical,
        }
    }
}
