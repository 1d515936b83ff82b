//! Dispatch on the shape of a field (`T`, `Option<T>`, `Vec<T>`, `Nillable<T>`,
//! `Box<T>`...) for [`Writer::field`] and [`Reader::read_into`].
//!
//! The `K` parameter is a marker from [`kind`] that keeps the impls apart; it is
//! always inferred.

use super::{Reader, Start, Writer, XmlType};
use crate::diag::DiagnosticKind;
use crate::error::{DecodeError, EncodeError};
use crate::value::Nillable;

/// Markers telling field shapes apart (inferred, never written).
pub mod kind {
    /// `T`.
    #[derive(Debug)]
    pub enum Plain {}
    /// `Option<T>`.
    #[derive(Debug)]
    pub enum Opt {}
    /// `Vec<T>`.
    #[derive(Debug)]
    pub enum List {}
    /// `Nillable<T>`.
    #[derive(Debug)]
    pub enum Nil {}
    /// `Option<Nillable<T>>`.
    #[derive(Debug)]
    pub enum OptNil {}
    /// `Vec<Nillable<T>>`.
    #[derive(Debug)]
    pub enum ListNil {}
    /// `Box<T>`.
    #[derive(Debug)]
    pub enum Boxed {}
    /// `Option<Box<T>>`.
    #[derive(Debug)]
    pub enum OptBoxed {}
    /// `Vec<Box<T>>`.
    #[derive(Debug)]
    pub enum ListBoxed {}
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

impl<T: XmlType> FieldValue<kind::Plain> for T {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        self.write_element(w, ns, name, 0)
    }
}

impl<T: XmlType> FieldValue<kind::Opt> for Option<T> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        match self {
            Some(v) => v.write_element(w, ns, name, 0),
            None => Ok(()),
        }
    }
}

impl<T: XmlType> FieldValue<kind::List> for Vec<T> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, v)| v.write_element(w, ns, name, i + 1))
    }
}

fn write_nillable<T: XmlType>(
    v: &Nillable<T>,
    w: &mut Writer,
    ns: Option<&'static str>,
    name: &'static str,
    index: usize,
) -> Result<(), EncodeError> {
    match v {
        Nillable::Nil => {
            w.nil(ns, name, index);
            Ok(())
        }
        Nillable::Value(v) => v.write_element(w, ns, name, index),
    }
}

impl<T: XmlType> FieldValue<kind::Nil> for Nillable<T> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        write_nillable(self, w, ns, name, 0)
    }
}

impl<T: XmlType> FieldValue<kind::OptNil> for Option<Nillable<T>> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        match self {
            Some(v) => write_nillable(v, w, ns, name, 0),
            None => Ok(()),
        }
    }
}

impl<T: XmlType> FieldValue<kind::ListNil> for Vec<Nillable<T>> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, v)| write_nillable(v, w, ns, name, i + 1))
    }
}

impl<T: XmlType> FieldValue<kind::Boxed> for Box<T> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        (**self).write_element(w, ns, name, 0)
    }
}

impl<T: XmlType> FieldValue<kind::OptBoxed> for Option<Box<T>> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        match self {
            Some(v) => v.write_element(w, ns, name, 0),
            None => Ok(()),
        }
    }
}

impl<T: XmlType> FieldValue<kind::ListBoxed> for Vec<Box<T>> {
    fn write_field(
        &self,
        w: &mut Writer,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<(), EncodeError> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, v)| v.write_element(w, ns, name, i + 1))
    }
}

/// Reads a non-nillable element; `xsi:nil` on it is recorded and the element skipped (`None`).
fn read_value<T: XmlType>(r: &mut Reader<'_>, start: &Start<'_>) -> Result<Option<T>, DecodeError> {
    if start.is_nil() {
        r.diagnostic(DiagnosticKind::UnexpectedNil);
        r.skip(start)?;
        return Ok(None);
    }
    T::read(r, start).map(Some)
}

fn read_nillable<T: XmlType>(
    r: &mut Reader<'_>,
    start: &Start<'_>,
) -> Result<Nillable<T>, DecodeError> {
    if start.is_nil() {
        r.skip(start)?;
        return Ok(Nillable::Nil);
    }
    T::read(r, start).map(Nillable::Value)
}

impl<T: XmlType> FieldSlot<kind::Opt> for Option<T> {
    fn read_slot(&mut self, r: &mut Reader<'_>, start: &Start<'_>) -> Result<(), DecodeError> {
        if let Some(v) = read_value(r, start)? {
            *self = Some(v);
        }
        Ok(())
    }
}

impl<T: XmlType> FieldSlot<kind::OptNil> for Option<Nillable<T>> {
    fn read_slot(&mut self, r: &mut Reader<'_>, start: &Start<'_>) -> Result<(), DecodeError> {
        *self = Some(read_nillable(r, start)?);
        Ok(())
    }
}

impl<T: XmlType> FieldSlot<kind::OptBoxed> for Option<Box<T>> {
    fn read_slot(&mut self, r: &mut Reader<'_>, start: &Start<'_>) -> Result<(), DecodeError> {
        if let Some(v) = read_value(r, start)? {
            *self = Some(Box::new(v));
        }
        Ok(())
    }
}

impl<T: XmlType> FieldSlot<kind::List> for Vec<T> {
    fn read_slot(&mut self, r: &mut Reader<'_>, start: &Start<'_>) -> Result<(), DecodeError> {
        r.mark_repeated(self.len() + 1);
        if let Some(v) = read_value(r, start)? {
            self.push(v);
        }
        Ok(())
    }
}

impl<T: XmlType> FieldSlot<kind::ListNil> for Vec<Nillable<T>> {
    fn read_slot(&mut self, r: &mut Reader<'_>, start: &Start<'_>) -> Result<(), DecodeError> {
        r.mark_repeated(self.len() + 1);
        self.push(read_nillable(r, start)?);
        Ok(())
    }
}

impl<T: XmlType> FieldSlot<kind::ListBoxed> for Vec<Box<T>> {
    fn read_slot(&mut self, r: &mut Reader<'_>, start: &Start<'_>) -> Result<(), DecodeError> {
        r.mark_repeated(self.len() + 1);
        if let Some(v) = read_value(r, start)? {
            self.push(Box::new(v));
        }
        Ok(())
    }
}
