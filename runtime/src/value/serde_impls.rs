//! Serde support (feature `serde`): value types as their lexical strings,
//! `Nillable` as `null` or the value.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use super::{
    AnyXml, Base64Binary, Date, DateTime, Duration, HexBinary, Nillable, QName, SimpleType, Time,
};

struct LexicalVisitor<T>(PhantomData<T>, &'static str);

impl<T: SimpleType> Visitor<'_> for LexicalVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an XSD {} lexical string", self.1)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::parse_text(v).map_err(E::custom)
    }
}

macro_rules! lexical_serde {
    ($($t:ty => $xsd:literal),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut text = String::new();
                self.write_text(&mut text).map_err(serde::ser::Error::custom)?;
                s.serialize_str(&text)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(LexicalVisitor(PhantomData, $xsd))
            }
        }
    )*};
}

lexical_serde!(Date => "date", DateTime => "dateTime", Time => "time", Duration => "duration",
    Base64Binary => "base64Binary", HexBinary => "hexBinary");

/// `{namespace}local` (Clark notation), or `local`.
impl Serialize for QName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for QName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        match text.strip_prefix('{').and_then(|rest| rest.split_once('}')) {
            Some((ns, local)) => Ok(QName::new(ns, local)),
            None => Ok(QName::unqualified(text)),
        }
    }
}

impl Serialize for AnyXml {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for AnyXml {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(AnyXml)
    }
}

/// `Nil` is `null`; a value is the value.
impl<T: Serialize> Serialize for Nillable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nillable::Nil => s.serialize_none(),
            Nillable::Value(v) => s.serialize_some(v),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nillable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(d).map(Nillable::from)
    }
}

/// A `#[serde(with = "rt::serde_opt_nillable")]` module for `Option<Nillable<T>>`
/// fields: `None` is omitted (with `skip_serializing_if = "Option::is_none"` and
/// `default`), `Some(Nil)` is `null`, `Some(Value(v))` is the value.
pub mod serde_opt_nillable {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::value::Nillable;

    /// Serializes `Some(Nil)` as `null`, `Some(Value(v))` as `v` (and `None` as `null`,
    /// but it is normally skipped).
    pub fn serialize<T: Serialize, S: Serializer>(
        v: &Option<Nillable<T>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            None | Some(Nillable::Nil) => s.serialize_none(),
            Some(Nillable::Value(v)) => s.serialize_some(v),
        }
    }

    /// Deserializes `null` as `Some(Nil)` and a value as `Some(Value(v))` (absent: `None` via `default`).
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Nillable<T>>, D::Error> {
        Option::<T>::deserialize(d).map(|v| Some(Nillable::from(v)))
    }
}
