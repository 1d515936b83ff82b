//! Declarative macros that expand the boilerplate of generated simple types
//! and fault enums, so generated files hold only what differs per type.
//!
//! Generated code calls them as [`rt::newtype!`](crate::newtype),
//! [`rt::enumeration!`](crate::enumeration), [`rt::xml_struct!`](crate::xml_struct),
//! [`rt::soap_headers!`](crate::soap_headers) and [`rt::fault_enum!`](crate::fault_enum). The items below them are their
//! support and not meant to be named by hand.

use core::fmt;

mod headers;
mod polymorphic;
mod structs;

pub use headers::push_header;
pub use structs::{ns, serde_absent, slot, Absent, StructField};

use crate::error::{FacetError, ValueError};
use crate::facets::Facets;
use crate::value::{Base64Binary, Date, DateTime, Duration, HexBinary, QName, SimpleType, Time};

/// A restricted simple type: a newtype over `T` whose value is checked
/// against the type's [`Facets`].
///
/// ```ignore
/// rt::newtype! {
///     /// XSD simple type `id`.
///     #[xsd(name = "id", facets = ID_FACETS)]
///     #[derive(Eq, Hash, PartialOrd, Ord)]
///     pub struct Id(String);
/// }
/// static ID_FACETS: rt::Facets = rt::Facets { min_length: Some(1), ..rt::Facets::NONE };
/// ```
///
/// The body is Rust item syntax (doc comments, then the `#[xsd]` line, then
/// any other attributes). Expands to the struct (private field; derives
/// `Debug, Clone, PartialEq, Default` plus the attributes given), `new` (checks the facets), `value`,
/// `into_inner`, `AsRef<T>`, `TryFrom<T>`, `FromStr` (parse + facets),
/// `Display` (the lexical form) and [`SimpleType`](crate::rt::SimpleType)
/// with `check_facets` against `facets`. A `String` newtype also gets
/// `as_str`, and its `FromStr` fails with a `FacetError` only; other inner
/// types fail with a `ValueError` naming the `xsd` type.
#[macro_export]
macro_rules! newtype {
    (
        $(#[doc = $doc:literal])*
        #[xsd(name = $xsd:literal, facets = $facets:path)]
        $(#[$attr:meta])*
        $vis:vis struct $name:ident(String $(,)?);
    ) => {
        $(#[doc = $doc])*
        $(#[$attr])*
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::default::Default
        )]
        $vis struct $name(::std::string::String);

        $crate::newtype!(@common $name, ::std::string::String, $xsd, $facets);

        impl $name {
            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = $crate::rt::FacetError;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::new(s)
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
    (
        $(#[doc = $doc:literal])*
        #[xsd(name = $xsd:literal, facets = $facets:path)]
        $(#[$attr:meta])*
        $vis:vis struct $name:ident($inner:ty $(,)?);
    ) => {
        $(#[doc = $doc])*
        $(#[$attr])*
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::default::Default
        )]
        $vis struct $name($inner);

        $crate::newtype!(@common $name, $inner, $xsd, $facets);

        impl ::core::str::FromStr for $name {
            type Err = $crate::rt::ValueError;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                $crate::macros::parse_checked(s, $xsd)
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::macros::display_text(&self.0, f)
            }
        }
    };
    (@common $name:ident, $inner:ty, $xsd:literal, $facets:path) => {
        $crate::__arbitrary_newtype!($name, $inner, $facets);
        impl $name {
            #[doc = ::core::concat!(" Checks the facets of `", $xsd, "` and wraps the value.")]
            pub fn new(
                value: impl ::core::convert::Into<$inner>,
            ) -> ::core::result::Result<Self, $crate::rt::FacetError> {
                let value = Self(value.into());
                $crate::rt::SimpleType::check_facets(&value)?;
                ::core::result::Result::Ok(value)
            }
            /// The wrapped value.
            pub fn value(&self) -> &$inner {
                &self.0
            }
            /// The wrapped value.
            pub fn into_inner(self) -> $inner {
                self.0
            }
        }
        impl ::core::convert::AsRef<$inner> for $name {
            fn as_ref(&self) -> &$inner {
                &self.0
            }
        }
        impl ::core::convert::TryFrom<$inner> for $name {
            type Error = $crate::rt::FacetError;
            fn try_from(value: $inner) -> ::core::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }
        impl $crate::rt::SimpleType for $name {
            fn parse_text(text: &str) -> ::core::result::Result<Self, $crate::rt::ValueError> {
                let text = $crate::rt::Facets::normalize(&$facets, text);
                ::core::result::Result::Ok(Self($crate::rt::SimpleType::parse_text(&text)?))
            }
            fn parse_nearest(text: &str) -> ::core::option::Option<Self> {
                let text = $crate::rt::Facets::normalize(&$facets, text);
                <$inner as $crate::rt::SimpleType>::parse_nearest(&text).map(Self)
            }
            fn write_text(
                &self,
                out: &mut ::std::string::String,
            ) -> ::core::result::Result<(), $crate::rt::ValueError> {
                $crate::rt::SimpleType::write_text(&self.0, out)
            }
            fn check_facets(&self) -> ::core::result::Result<(), $crate::rt::FacetError> {
                $crate::macros::FacetValue::check_against(&self.0, &$facets)
            }
        }
    };
}

/// An XSD enumeration: one unit variant per listed value and a last variant,
/// marked `#[unknown]`, holding any other value, so newer peers decode.
///
/// ```ignore
/// rt::enumeration! {
///     /// XSD simple type `orderState`.
///     pub enum OrderState {
///         /// `OPEN`
///         Open = "OPEN",
///         /// `IS_SHIPPED`
///         IsShipped = "IS_SHIPPED",
///         #[unknown]
///         /// A value this schema does not list (sent by a newer peer).
///         Unknown(String),
///     }
/// }
/// ```
///
/// The body is Rust item syntax; listed variants carry doc comments only.
/// Expands to the enum (derives `Debug, Clone, PartialEq, Eq, Hash` plus the
/// attributes given), `Default` (`Unknown("")`), `VALUES`, `as_str`,
/// `from_xml`, `Display`, `From<Enum> for String`, `From<String>` and
/// [`SimpleType`](crate::rt::SimpleType), whose `check_facets` refuses the
/// unknown variant (so it is never encoded).
#[macro_export]
macro_rules! enumeration {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $vdoc:literal])* $variant:ident = $value:literal, )*
            #[unknown]
            $(#[$uattr:meta])*
            $unknown:ident(String $(,)?) $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash
        )]
        $vis enum $name {
            $( $(#[doc = $vdoc])* $variant, )*
            $(#[$uattr])*
            $unknown(::std::string::String),
        }
        impl ::core::default::Default for $name {
            fn default() -> Self {
                Self::$unknown(::std::string::String::new())
            }
        }
        $crate::__arbitrary_enumeration!($name);
        impl $name {
            /// Every value the schema lists, in schema order.
            pub const VALUES: &'static [&'static str] = &[$($value),*];
            /// The XML value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::$unknown(v) => v,
                }
            }
            /// The variant for an XML value (`Unknown` for values the schema does not list).
            pub fn from_xml(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::$unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }
        impl $crate::rt::SimpleType for $name {
            fn parse_text(text: &str) -> ::core::result::Result<Self, $crate::rt::ValueError> {
                ::core::result::Result::Ok(Self::from_xml($crate::rt::collapse_ws(text)))
            }
            fn write_text(
                &self,
                out: &mut ::std::string::String,
            ) -> ::core::result::Result<(), $crate::rt::ValueError> {
                out.push_str(self.as_str());
                ::core::result::Result::Ok(())
            }
            fn check_facets(&self) -> ::core::result::Result<(), $crate::rt::FacetError> {
                match self {
                    Self::$unknown(v) => ::core::result::Result::Err(
                        $crate::rt::FacetError::enumeration(v, Self::VALUES),
                    ),
                    _ => ::core::result::Result::Ok(()),
                }
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::convert::From<$name> for ::std::string::String {
            fn from(value: $name) -> Self {
                match value {
                    $name::$unknown(v) => v,
                    other => ::std::borrow::ToOwned::to_owned(other.as_str()),
                }
            }
        }
        impl ::core::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::from_xml(&value) {
                    Self::$unknown(_) => Self::$unknown(value),
                    known => known,
                }
            }
        }
    };
}

/// The faults an operation declares: one variant per `wsdl:fault`, holding
/// the detail element's type, and its [`FaultDetail`](crate::rt::FaultDetail)
/// impl. Each variant names its detail element with `#[element = ..]` and may
/// say where the message for end users is (`Config::user_message`) with
/// `#[user_message = |detail| ..]`.
///
/// ```ignore
/// rt::fault_enum! {
///     /// The faults operation `getOrder` declares.
///     pub enum GetOrderFault {
///         /// `wsdl:fault` `ShopErrorException`: element `shopError`.
///         #[element = rt::FieldName::qualified("urn:example:shop:msg", "shopError")]
///         #[user_message = |detail| Some(&detail.user_message)]
///         ShopErrorException(super::msg::ShopError),
///     }
/// }
/// ```
///
/// The body is Rust item syntax; variants carry doc comments before
/// `#[element]`. The enum derives `Debug, Clone, PartialEq` plus the
/// attributes given.
/// Detail elements are matched in variant order.
#[macro_export]
macro_rules! fault_enum {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[doc = $vdoc:literal])*
                #[element = $element:expr]
                $(#[user_message = |$d:ident| $message:expr])?
                $variant:ident($detail:ty $(,)?)
            ),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        $vis enum $name {
            $( $(#[doc = $vdoc])* $variant($detail), )+
        }
        impl $crate::rt::FaultDetail for $name {
            fn elements() -> &'static [$crate::rt::FieldName] {
                static ELEMENTS: &[$crate::rt::FieldName] = &[$($element),+];
                ELEMENTS
            }
            #[allow(unused_assignments)]
            fn read_detail(
                index: usize,
                r: &mut $crate::rt::Reader<'_>,
                start: &$crate::rt::Start<'_>,
            ) -> ::core::result::Result<Self, $crate::rt::DecodeError> {
                let mut remaining = index;
                $(
                    if remaining == 0 {
                        return ::core::result::Result::Ok(Self::$variant(
                            $crate::rt::XmlType::read(r, start)?,
                        ));
                    }
                    remaining -= 1;
                )+
                ::core::result::Result::Err(r.unexpected(start))
            }
            fn write_detail(
                &self,
                w: &mut $crate::rt::Writer,
            ) -> ::core::result::Result<(), $crate::rt::EncodeError> {
                match self {
                    $(
                        Self::$variant(detail) => {
                            let element: $crate::rt::FieldName = $element;
                            w.field(element.ns, element.name, detail)
                        }
                    )+
                }
            }
            fn user_message(&self) -> ::core::option::Option<&str> {
                match self {
                    $(
                        Self::$variant(detail) => {
                            $crate::fault_enum!(@message detail $(, |$d| $message)?)
                        }
                    )+
                }
            }
            fn detail_value(&self) -> ::core::option::Option<&dyn ::core::any::Any> {
                match self {
                    $(Self::$variant(detail) => ::core::option::Option::Some(detail),)+
                }
            }
        }
    };
    (@message $detail:ident) => {{
        let _ = $detail;
        ::core::option::Option::None
    }};
    (@message $detail:ident, |$d:ident| $message:expr) => {{
        let $d = $detail;
        $message
    }};
}

/// How a newtype's inner value is checked against its [`Facets`]: numbers by
/// value, strings by characters, everything else by its lexical form.
#[doc(hidden)]
pub trait FacetValue {
    /// Checks `self` against `facets`.
    fn check_against(&self, facets: &Facets) -> Result<(), FacetError>;
}

impl FacetValue for String {
    fn check_against(&self, facets: &Facets) -> Result<(), FacetError> {
        facets.check_str(self)
    }
}

impl FacetValue for rust_decimal::Decimal {
    fn check_against(&self, facets: &Facets) -> Result<(), FacetError> {
        facets.check_decimal(self)
    }
}

macro_rules! facet_value_as {
    ($check:ident($wide:ty): $($t:ty),+) => {$(
        impl FacetValue for $t {
            fn check_against(&self, facets: &Facets) -> Result<(), FacetError> {
                facets.$check(<$wide>::from(*self))
            }
        }
    )+};
}
facet_value_as!(check_i64(i64): i64, i32, i16, i8);
facet_value_as!(check_u64(u64): u64, u32, u16, u8);
facet_value_as!(check_f64(f64): f64, f32);

macro_rules! facet_value_lexical {
    ($($t:ty),+) => {$(
        impl FacetValue for $t {
            fn check_against(&self, facets: &Facets) -> Result<(), FacetError> {
                let mut text = String::new();
                // A value that cannot be written has no lexical form to check;
                // encoding it reports that error.
                let _ = SimpleType::write_text(self, &mut text);
                facets.check_lexical(&text)
            }
        }
    )+};
}
facet_value_lexical!(
    bool,
    Date,
    DateTime,
    Time,
    Duration,
    Base64Binary,
    HexBinary,
    QName
);

/// `FromStr` of a non-string newtype: the lexical check, then the facets.
#[doc(hidden)]
pub fn parse_checked<T: SimpleType>(text: &str, xsd: &'static str) -> Result<T, ValueError> {
    let value = T::parse_text(text)?;
    value
        .check_facets()
        .map_err(|e| ValueError::new(xsd, text).because(e.to_string()))?;
    Ok(value)
}

/// `Display` of a non-string newtype: the lexical form of its value.
#[doc(hidden)]
pub fn display_text<T: SimpleType>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut text = String::new();
    value.write_text(&mut text).map_err(|_| fmt::Error)?;
    f.write_str(&text)
}

// Without the `proptest` feature the `Arbitrary` support expands to nothing,
// so generated code built with `Config::arbitrary(true)` compiles either way.

/// `Arbitrary` for a generated struct (feature `proptest`; nothing without it).
#[cfg(not(feature = "proptest"))]
#[macro_export]
macro_rules! arbitrary_struct {
    ($($any:tt)*) => {};
}

/// `Arbitrary` for a generated choice or union (feature `proptest`; nothing without it).
#[cfg(not(feature = "proptest"))]
#[macro_export]
macro_rules! arbitrary_variants {
    ($($any:tt)*) => {};
}

/// `Arbitrary` for a generated list type (feature `proptest`; nothing without it).
#[cfg(not(feature = "proptest"))]
#[macro_export]
macro_rules! arbitrary_list {
    ($($any:tt)*) => {};
}

#[doc(hidden)]
#[cfg(not(feature = "proptest"))]
#[macro_export]
macro_rules! __arbitrary_newtype {
    ($($any:tt)*) => {};
}

#[doc(hidden)]
#[cfg(not(feature = "proptest"))]
#[macro_export]
macro_rules! __arbitrary_enumeration {
    ($($any:tt)*) => {};
}
