//! `rt::polymorphic!`: the enum of a complex type and the types derived from it.

/// A field whose declared type other types derive from: one variant per
/// type an element of it may hold, chosen by `xsi:type`.
///
/// ```ignore
/// rt::polymorphic! {
///     /// `party` or a type derived from it, chosen by `xsi:type`.
///     #[xsd(base = rt::FieldName::qualified("urn:example:crm", "party"))]
///     pub enum AnyParty {
///         #[base]
///         /// `party` itself (written without `xsi:type`).
///         Party(Party),
///         #[xsi_type = rt::FieldName::qualified("urn:example:crm", "person")]
///         /// XSD type `person`.
///         Person(Person),
///     }
/// }
/// ```
///
/// The body is Rust item syntax; a variant's marker comes before its doc
/// comments and other attributes. The `#[base]` variant holds the declared
/// type itself and is left out when that type is abstract (`#[xsd(base = ..,
/// abstract)]`); every other variant names its type with `#[xsi_type = ..]`.
/// Expands to the enum (derives `Debug, Clone, PartialEq` plus the
/// attributes given), `Default` (the base, or the first derived type) and
/// [`XmlType`](crate::rt::XmlType): encoding writes `xsi:type` for every
/// variant but the base; decoding reads the variant `xsi:type` names, the
/// base when there is none, and for a type it does not list the base with an
/// [`UnknownXsiType`](crate::rt::DiagnosticKind::UnknownXsiType) diagnostic
/// (an error in strict mode). An abstract base with no or an unknown
/// `xsi:type` is an [`AbstractType`](crate::rt::DecodeErrorKind::AbstractType) error.
#[macro_export]
macro_rules! polymorphic {
    (
        $(#[doc = $doc:literal])*
        #[xsd(base = $base:expr $(,)?)]
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            #[base]
            $(#[$bdoc:meta])*
            $bvariant:ident($bty:ty $(,)?),
            $(
                #[xsi_type = $xsi:expr]
                $(#[$vdoc:meta])*
                $variant:ident($ty:ty $(,)?),
            )*
        }
    ) => {
        $(#[doc = $doc])*
        $(#[$attr])*
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        $vis enum $name {
            $(#[$bdoc])*
            $bvariant($bty),
            $( $(#[$vdoc])* $variant($ty), )*
        }
        impl ::core::default::Default for $name {
            fn default() -> Self {
                Self::$bvariant(::core::default::Default::default())
            }
        }
        impl $crate::rt::XmlType for $name {
            fn write_attributes(
                &self,
                w: &mut $crate::rt::Writer,
            ) -> ::core::result::Result<(), $crate::rt::EncodeError> {
                match self {
                    Self::$bvariant(v) => $crate::rt::XmlType::write_attributes(v, w),
                    $(
                        Self::$variant(v) => {
                            w.xsi_type($xsi);
                            $crate::rt::XmlType::write_attributes(v, w)
                        }
                    )*
                }
            }
            fn write_content(
                &self,
                w: &mut $crate::rt::Writer,
            ) -> ::core::result::Result<(), $crate::rt::EncodeError> {
                match self {
                    Self::$bvariant(v) => $crate::rt::XmlType::write_content(v, w),
                    $( Self::$variant(v) => $crate::rt::XmlType::write_content(v, w), )*
                }
            }
            fn read(
                r: &mut $crate::rt::Reader<'_>,
                start: &$crate::rt::Start<'_>,
            ) -> ::core::result::Result<Self, $crate::rt::DecodeError> {
                let base: $crate::rt::FieldName = $base;
                if let ::core::option::Option::Some(found) = r.xsi_type(start)? {
                    $(
                        if found.is($xsi) {
                            return ::core::result::Result::Ok(Self::$variant(
                                $crate::rt::XmlType::read(r, start)?,
                            ));
                        }
                    )*
                    if !found.is(base) {
                        r.unknown_xsi_type(start, &found, base, false)?;
                    }
                }
                ::core::result::Result::Ok(Self::$bvariant($crate::rt::XmlType::read(r, start)?))
            }
        }
    };
    (
        $(#[doc = $doc:literal])*
        #[xsd(base = $base:expr, abstract $(,)?)]
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            #[xsi_type = $first_xsi:expr]
            $(#[$fdoc:meta])*
            $first:ident($first_ty:ty $(,)?),
            $(
                #[xsi_type = $xsi:expr]
                $(#[$vdoc:meta])*
                $variant:ident($ty:ty $(,)?),
            )*
        }
    ) => {
        $(#[doc = $doc])*
        $(#[$attr])*
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        $vis enum $name {
            $(#[$fdoc])*
            $first($first_ty),
            $( $(#[$vdoc])* $variant($ty), )*
        }
        impl ::core::default::Default for $name {
            fn default() -> Self {
                Self::$first(::core::default::Default::default())
            }
        }
        impl $crate::rt::XmlType for $name {
            fn write_attributes(
                &self,
                w: &mut $crate::rt::Writer,
            ) -> ::core::result::Result<(), $crate::rt::EncodeError> {
                match self {
                    Self::$first(v) => {
                        w.xsi_type($first_xsi);
                        $crate::rt::XmlType::write_attributes(v, w)
                    }
                    $(
                        Self::$variant(v) => {
                            w.xsi_type($xsi);
                            $crate::rt::XmlType::write_attributes(v, w)
                        }
                    )*
                }
            }
            fn write_content(
                &self,
                w: &mut $crate::rt::Writer,
            ) -> ::core::result::Result<(), $crate::rt::EncodeError> {
                match self {
                    Self::$first(v) => $crate::rt::XmlType::write_content(v, w),
                    $( Self::$variant(v) => $crate::rt::XmlType::write_content(v, w), )*
                }
            }
            fn read(
                r: &mut $crate::rt::Reader<'_>,
                start: &$crate::rt::Start<'_>,
            ) -> ::core::result::Result<Self, $crate::rt::DecodeError> {
                let base: $crate::rt::FieldName = $base;
                let ::core::option::Option::Some(found) = r.xsi_type(start)? else {
                    return ::core::result::Result::Err(r.missing_xsi_type(start, base));
                };
                if found.is($first_xsi) {
                    return ::core::result::Result::Ok(Self::$first(
                        $crate::rt::XmlType::read(r, start)?,
                    ));
                }
                $(
                    if found.is($xsi) {
                        return ::core::result::Result::Ok(Self::$variant(
                            $crate::rt::XmlType::read(r, start)?,
                        ));
                    }
                )*
                r.unknown_xsi_type(start, &found, base, true)?;
                ::core::result::Result::Err(r.missing_xsi_type(start, base))
            }
        }
    };
}
