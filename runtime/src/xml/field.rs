//! Dispatch on the shape of a field (`T`, `Option<T>`, `Vec<T>`, with `Nillable<T>`
//! or `Box<T>` as the item) for [`Writer::field`] and [`Reader::read_into`].
//!
//! A field is one, an optional or a list of items; an item ([`FieldItem`]) is one
//! element: a plain value, a nillable one or a boxed one. The `K` parameters are
//! markers from [`kind`] that keep the impls apart; they are always inferred.

use super::{Reader, Start, Writer, XmlType};
use crate::diag::DiagnosticKind;
use crate::error::{DecodeError, EncodeError};
use crate::value::Nillable;

/// Markers telling field shapes apart (inferred, never written).
pub mod kind {
    use std::marker::PhantomData;

    /// An item `T`.
    #[derive(Debug)]
    pub enum Plain {}
    /// An item `Nillable<T>`.
    #[derive(Debug)]
    pub enum Nil {}
    /// An item `Box<T>`.
    #[derive(Debug)]
    pub enum Boxed {}
    /// A field holding one item of kind `K`.
    #[derive(Debug)]
    pub struct One<K>(PhantomData<K>);
    /// A field `Option<item>`.
    #[derive(Debug)]
    pub struct Opt<K>(PhantomData<K>);
    /// A field `Vec<item>`.
    #[derive(Debug)]
    pub struct List<K>(PhantomData<K>);
}

/// One element of a field: `T`, `Nillable<T>` or `Box<T>`.
pub trait FieldItem<K>: Sized {
    /// Writes the element (`index`: 1-based position in a list, 0 otherwise).
    fn write_item(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
        index: usize,
    ) -> Result<(), EncodeError>;
    /// Reads the element `start` through its end tag; `None` when it holds no
    /// value the item can take (`xsi:nil` on a non-nillable element, recorded).
    fn read_item(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Option<Self>, DecodeError>;
}

impl<T: XmlType> FieldItem<kind::Plain> for T {
    fn write_item(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
        index: usize,
    ) -> Result<(), EncodeError> {
        self.write_element(w, ns, name, index)
    }
    fn read_item(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Option<Self>, DecodeError> {
        if start.is_nil() {
            r.diagnostic(DiagnosticKind::UnexpectedNil);
            r.skip(start)?;
            return Ok(None);
        }
        T::read(r, start).map(Some)
    }
}

impl<T: XmlType> FieldItem<kind::Nil> for Nillable<T> {
    fn write_item(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
        index: usize,
    ) -> Result<(), EncodeError> {
        match self {
            Nillable::Nil => {
                w.nil(ns, name, index);
                Ok(())
            }
            Nillable::Value(v) => v.write_element(w, ns, name, index),
        }
    }
    fn read_item(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Option<Self>, DecodeError> {
        if start.is_nil() {
            r.skip(start)?;
            return Ok(Some(Nillable::Nil));
        }
        T::read(r, start).map(|v| Some(Nillable::Value(v)))
    }
}

impl<T: XmlType> FieldItem<kind::Boxed> for Box<T> {
    fn write_item(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
        index: usize,
    ) -> Result<(), EncodeError> {
        (**self).write_element(w, ns, name, index)
    }
    fn read_item(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Option<Self>, DecodeError> {
        <T as FieldItem<kind::Plain>>::read_item(r, start).map(|v| v.map(Box::new))
    }
}

/// A field value [`Writer::field`] can write.
pub trait FieldValue<K> {
    /// Writes the element(s) for this value (nothing for `None` or an empty list).
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError>;
}

/// A decoding slot [`Reader::read_into`] can fill from one child element.
pub trait FieldSlot<K> {
    /// Reads the element `start` (through its end tag) into the slot.
    fn read_slot(&mut self, r: &mut Reader<'_>, start: &Start<'_>) -> Result<(), DecodeError>;
}

impl<K, I: FieldItem<K>> FieldValue<kind::One<K>> for I {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        self.write_item(w, ns, name, 0)
    }
}

impl<K, I: FieldItem<K>> FieldValue<kind::Opt<K>> for Option<I> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        match self {
            Some(v) => v.write_item(w, ns, name, 0),
            None => Ok(()),
        }
    }
}

impl<K, I: FieldItem<K>> FieldValue<kind::List<K>> for Vec<I> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, v)| v.write_item(w, ns, name, i + 1))
    }
}

/// A single-valued slot takes the first element: a second one is a duplicate
/// (diagnostic, or error in strict mode) and is skipped.
impl<K, I: FieldItem<K>> FieldSlot<kind::Opt<K>> for Option<I> {
    fn read_slot(&mut self, r: &mut Reader<'_>, start: &Start<'_>) -> Result<(), DecodeError> {
        if self.is_some() {
            return r.duplicate(start);
        }
        r.first_of_field(start);
        if let Some(v) = I::read_item(r, start)? {
            *self = Some(v);
        }
        Ok(())
    }
}

impl<K, I: FieldItem<K>> FieldSlot<kind::List<K>> for Vec<I> {
    fn read_slot(&mut self, r: &mut Reader<'_>, start: &Start<'_>) -> Result<(), DecodeError> {
        r.mark_repeated(self.len() + 1);
        if let Some(v) = I::read_item(r, start)? {
            self.push(v);
        }
        Ok(())
    }
}
