//! [`xml_struct!`](crate::xml_struct): a generated struct of element fields
//! from one field list (XML name, optional namespace, Rust name and type per
//! field), with its `XmlType`, serde and `Arbitrary` support.
//!
//! The expansion is flat (one `$(...)*` per job, no recursion) and small:
//! the field table is one static, required fields are told apart by their
//! type through [`StructField`], serde attributes are the same for every field.

use crate::error::DecodeError;
use crate::xml::{kind, FieldItem, Reader, Start};

/// A struct of element fields: the declaration, `impl rt::XmlType`, serde
/// attributes (with `serde`) and `Arbitrary` (with `arbitrary`).
///
/// ```ignore
/// rt::xml_struct! {
///     /// XSD complex type `payment`.
///     #[xml(serde, arbitrary)]
///     pub struct Payment {
///         /// The payment id.
///         #[xml("id")]
///         pub id: super::common::Id,
///         #[xml("note", ns = NAMESPACE)]
///         #[serde(with = "rt::serde_opt_nillable")]
///         pub note: Option<rt::Nillable<String>>,
///     }
/// }
/// ```
///
/// A field of type `T` (or `Nillable<T>`, `Box<T>`) is required: a missing
/// element is a `MissingRequired` diagnostic (an error in strict mode, for the
/// first missing one in field order). `Option<T>` and `Vec<T>` fields may be
/// absent. Attributes after `#[xml]` are kept on the field (serde ones are
/// merged with the macro's `rename`, `default` and `skip_serializing_if`).
#[macro_export]
macro_rules! xml_struct {
    (
        $(#[doc = $doc:literal])*
        #[xml($($flag:ident),*)]
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                #[xml($xml:literal $(, ns = $ns:expr)?)]
                $(#[$fattr:meta])*
                $fvis:vis $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $crate::__xml_struct_decl! {
            [$($flag)*]
            $(#[doc = $doc])*
            $(#[$attr])*
            $vis struct $name {
                $($(#[doc = $fdoc])* [$xml] $(#[$fattr])* $fvis $field: $ty,)*
            }
        }
        impl $crate::rt::XmlType for $name {
            #[allow(unused_variables)]
            fn write_content(
                &self,
                w: &mut $crate::rt::Writer,
            ) -> ::core::result::Result<(), $crate::rt::EncodeError> {
                $(w.field($crate::macros::ns(&[$($ns)?]), $xml, &self.$field)?;)*
                ::core::result::Result::Ok(())
            }
            #[allow(unused_variables, unused_mut, unused_assignments)]
            fn read(
                r: &mut $crate::rt::Reader<'_>,
                start: &$crate::rt::Start<'_>,
            ) -> ::core::result::Result<Self, $crate::rt::DecodeError> {
                static FIELDS: &[$crate::rt::FieldName] =
                    &[$($crate::rt::FieldName::new($crate::macros::ns(&[$($ns)?]), $xml)),*];
                $(let mut $field = $crate::macros::slot::<_, $ty>();)*
                while let ::core::option::Option::Some((index, child)) = r.next_field(FIELDS)? {
                    let mut at = 0usize;
                    $(
                        if index == at {
                            r.read_into(&mut $field, &child)?;
                            continue;
                        }
                        at += 1;
                    )*
                }
                ::core::result::Result::Ok(Self {
                    $($field: <$ty as $crate::macros::StructField<_>>::finish($field, r, start, $xml)?,)*
                })
            }
        }
        $crate::__xml_struct_arbitrary!([$($flag)*] $name { $($field: $ty),* });
    };
}

/// The declaration of an [`xml_struct!`](crate::xml_struct) (with or without serde).
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_struct_decl {
    (
        [serde $($other:ident)*]
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            $($(#[doc = $fdoc:literal])* [$xml:literal] $(#[$fattr:meta])* $fvis:vis $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::default::Default,
            $crate::rt::Serialize,
            $crate::rt::Deserialize
        )]
        #[serde(crate = "::soap_runtime::rt::serde")]
        $vis struct $name {
            $(
                $(#[doc = $fdoc])*
                #[serde(
                    rename = $xml,
                    default,
                    skip_serializing_if = "::soap_runtime::rt::serde_absent"
                )]
                $(#[$fattr])*
                $fvis $field: $ty,
            )*
        }
    };
    (
        [$($other:ident)*]
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            $($(#[doc = $fdoc:literal])* [$xml:literal] $(#[$fattr:meta])* $fvis:vis $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::default::Default
        )]
        $vis struct $name {
            $($(#[doc = $fdoc])* $(#[$fattr])* $fvis $field: $ty,)*
        }
    };
}

/// `Arbitrary` of an [`xml_struct!`](crate::xml_struct) flagged `arbitrary`.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_struct_arbitrary {
    ([serde arbitrary] $name:ident { $($body:tt)* }) => {
        $crate::arbitrary_struct! { struct $name { $($body)* } }
    };
    ([arbitrary] $name:ident { $($body:tt)* }) => {
        $crate::arbitrary_struct! { struct $name { $($body)* } }
    };
    ([$($flag:ident)*] $name:ident { $($body:tt)* }) => {};
}

/// The namespace of a field given as `&[]` or `&[ns]`.
#[doc(hidden)]
pub const fn ns(given: &[&'static str]) -> Option<&'static str> {
    match given {
        [ns] => Some(ns),
        _ => None,
    }
}

/// The empty decoding slot of a field of type `F`.
#[doc(hidden)]
pub fn slot<K, F: StructField<K>>() -> F::Slot {
    F::Slot::default()
}

/// A field type of a generated struct, by its shape: `T` (required), `Option<T>`
/// or `Vec<T>`. The `K` markers keep the impls apart and are always inferred.
pub trait StructField<K>: Sized {
    /// What the field is decoded into while its elements are read.
    type Slot: Default;
    /// The field's value once the parent element ends: a required field that
    /// got no element is reported as missing (`name`, under `parent`).
    fn finish(
        slot: Self::Slot,
        r: &mut Reader<'_>,
        parent: &Start<'_>,
        name: &'static str,
    ) -> Result<Self, DecodeError>;
}

impl<K, I: FieldItem<K> + Default> StructField<kind::One<K>> for I {
    type Slot = Option<I>;
    #[inline]
    fn finish(
        slot: Option<I>,
        r: &mut Reader<'_>,
        parent: &Start<'_>,
        name: &'static str,
    ) -> Result<I, DecodeError> {
        r.required(slot, parent, name)
    }
}

impl<K, I: FieldItem<K>> StructField<kind::Opt<K>> for Option<I> {
    type Slot = Option<I>;
    #[inline]
    fn finish(
        slot: Option<I>,
        _: &mut Reader<'_>,
        _: &Start<'_>,
        _: &'static str,
    ) -> Result<Self, DecodeError> {
        Ok(slot)
    }
}

impl<K, I: FieldItem<K>> StructField<kind::List<K>> for Vec<I> {
    type Slot = Vec<I>;
    #[inline]
    fn finish(
        slot: Vec<I>,
        _: &mut Reader<'_>,
        _: &Start<'_>,
        _: &'static str,
    ) -> Result<Self, DecodeError> {
        Ok(slot)
    }
}

/// Whether a field value is left out when serialized (serde's
/// `skip_serializing_if` of every [`xml_struct!`](crate::xml_struct) field):
/// `None` and empty lists are, a required value never is.
pub trait Absent<K> {
    /// True when the field is not written.
    fn absent(&self) -> bool;
}

impl<K, I: FieldItem<K>> Absent<kind::One<K>> for I {
    #[inline]
    fn absent(&self) -> bool {
        false
    }
}

impl<K, I: FieldItem<K>> Absent<kind::Opt<K>> for Option<I> {
    #[inline]
    fn absent(&self) -> bool {
        self.is_none()
    }
}

impl<K, I: FieldItem<K>> Absent<kind::List<K>> for Vec<I> {
    #[inline]
    fn absent(&self) -> bool {
        self.is_empty()
    }
}

/// serde's `skip_serializing_if` of [`xml_struct!`](crate::xml_struct) fields.
#[inline]
pub fn serde_absent<K, T: Absent<K>>(value: &T) -> bool {
    value.absent()
}
