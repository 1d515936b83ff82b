//! Leaving out required elements the peer did not send: the decoder filled
//! them with a default and said so in a diagnostic; the JSON omits them.
//!
//! The omission happens while the decoded value is serialized ([`Pruned`] wraps
//! any serde serializer), so the JSON can be streamed to its writer without a
//! tree of it in memory.

use std::collections::{HashMap, HashSet};

use serde::ser::{self, Serialize, Serializer};
use soap_runtime::Diagnostic;
use soap_runtime::DiagnosticKind;

/// How many leading path segments (`Envelope/Body/<operation>`) the JSON does not have.
const BODY_DEPTH: usize = 3;

/// The elements `MissingRequired` diagnostics name, as a tree from the content
/// of the operation (or `Fault`) element: object keys, then (for arrays) 1-based items.
#[derive(Debug, Default)]
pub(crate) struct Missing {
    /// Keys to leave out of the object here.
    drop: HashSet<String>,
    /// Below the key.
    fields: HashMap<String, Missing>,
    /// Below item `n` (1-based) of the array here.
    items: HashMap<u32, Missing>,
}

impl Missing {
    /// The tree of every element a `MissingRequired` diagnostic names.
    pub(crate) fn from_diagnostics(diagnostics: &[Diagnostic]) -> Self {
        let mut root = Self::default();
        for diagnostic in diagnostics {
            if !matches!(diagnostic.kind, DiagnosticKind::MissingRequired(_)) {
                continue;
            }
            let segments = diagnostic.path.segments();
            let Some((last, parents)) = segments.get(BODY_DEPTH..).and_then(<[_]>::split_last)
            else {
                continue;
            };
            let mut node = &mut root;
            for segment in parents {
                node = node.fields.entry(segment.name.to_owned()).or_default();
                if let Some(n) = segment.index {
                    node = node.items.entry(n).or_default();
                }
            }
            node.drop.insert(last.name.to_owned());
        }
        root
    }

    /// The subtree at object key `key`.
    pub(crate) fn field(&self, key: &str) -> Option<&Self> {
        self.fields.get(key)
    }

    fn item(&self, n: usize) -> Option<&Self> {
        self.items.get(&u32::try_from(n).ok()?)
    }
}

/// `value` serialized without the keys `missing` names (none: as it is).
pub(crate) struct Pruned<'a, T: ?Sized> {
    /// The value.
    pub(crate) value: &'a T,
    /// What to leave out of it.
    pub(crate) missing: Option<&'a Missing>,
}

impl<T: Serialize + ?Sized> Serialize for Pruned<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.missing {
            None => self.value.serialize(serializer),
            Some(missing) => self.value.serialize(PruneSerializer {
                inner: serializer,
                missing,
            }),
        }
    }
}

fn pruned<'a, T: ?Sized>(value: &'a T, missing: Option<&'a Missing>) -> Pruned<'a, T> {
    Pruned { value, missing }
}

/// A serializer that leaves out, in structs, the keys `missing` names, and
/// descends into fields, array items, options and newtypes with the subtree.
struct PruneSerializer<'m, S> {
    inner: S,
    missing: &'m Missing,
}

/// Struct fields: the left-out ones are skipped.
struct PruneStruct<'m, S> {
    inner: S,
    missing: &'m Missing,
}

/// Array items: each with its subtree.
struct PruneSeq<'m, S> {
    inner: S,
    missing: &'m Missing,
    next: usize,
}

impl<S: ser::SerializeStruct> ser::SerializeStruct for PruneStruct<'_, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        if self.missing.drop.contains(key) {
            return self.inner.skip_field(key);
        }
        self.inner
            .serialize_field(key, &pruned(value, self.missing.field(key)))
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
        self.inner.skip_field(key)
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.inner.end()
    }
}

impl<S: ser::SerializeSeq> ser::SerializeSeq for PruneSeq<'_, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        self.next += 1;
        self.inner
            .serialize_element(&pruned(value, self.missing.item(self.next)))
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.inner.end()
    }
}

/// Forwards the serializer methods that carry no nested value unchanged.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
            self.inner.$method($($arg),*)
        }
    )*};
}

impl<'m, S: Serializer> Serializer for PruneSerializer<'m, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = PruneSeq<'m, S::SerializeSeq>;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = S::SerializeMap;
    type SerializeStruct = PruneStruct<'m, S::SerializeStruct>;
    type SerializeStructVariant = S::SerializeStructVariant;

    forward! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_some(&pruned(value, Some(self.missing)))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_struct(name, &pruned(value, Some(self.missing)))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let below = self.missing.field(variant);
        self.inner
            .serialize_newtype_variant(name, index, variant, &pruned(value, below))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Ok(PruneSeq {
            inner: self.inner.serialize_seq(len)?,
            missing: self.missing,
            next: 0,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.inner.serialize_tuple(len)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.inner.serialize_tuple_struct(name, len)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.inner
            .serialize_tuple_variant(name, index, variant, len)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.inner.serialize_map(len)
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(PruneStruct {
            inner: self.inner.serialize_struct(name, len)?,
            missing: self.missing,
        })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.inner
            .serialize_struct_variant(name, index, variant, len)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::json;

    use super::*;

    #[derive(Serialize)]
    struct Line {
        id: String,
        q: u32,
    }

    #[derive(Serialize)]
    struct Spec {
        lines: Vec<Line>,
        note: Option<Line>,
    }

    #[derive(Serialize)]
    struct Message {
        #[serde(rename = "return")]
        r#return: Payment,
    }

    #[derive(Serialize)]
    struct Payment {
        id: String,
        #[serde(rename = "paymentMethodName")]
        payment_method_name: String,
        fraud: bool,
        s: Spec,
    }

    fn missing(path: &str) -> Diagnostic {
        Diagnostic {
            kind: DiagnosticKind::MissingRequired(
                path.rsplit('/').next().unwrap_or("").to_owned().into(),
            ),
            path: path.into(),
            line: 1,
            column: 1,
        }
    }

    fn message() -> Message {
        let line = |id: &str, q| Line { id: id.into(), q };
        Message {
            r#return: Payment {
                id: "x".into(),
                payment_method_name: String::new(),
                fraud: false,
                s: Spec {
                    lines: vec![line("1", 1), line("", 2)],
                    note: Some(line("", 3)),
                },
            },
        }
    }

    fn render(diagnostics: &[Diagnostic]) -> serde_json::Value {
        let missing = Missing::from_diagnostics(diagnostics);
        serde_json::to_value(pruned(&message(), Some(&missing))).unwrap()
    }

    #[test]
    fn leaves_out_top_level_and_nested_keys_keeping_order() {
        let json = render(&[missing(
            "Envelope/Body/getPaymentResponse/return/paymentMethodName",
        )]);
        assert_eq!(
            serde_json::to_string(&json["return"]).ok().as_deref(),
            Some(
                r#"{"id":"x","fraud":false,"s":{"lines":[{"id":"1","q":1},{"id":"","q":2}],"note":{"id":"","q":3}}}"#
            )
        );
    }

    #[test]
    fn follows_one_based_array_indexes_and_options() {
        let json = render(&[
            missing("Envelope/Body/op/return/s/lines[2]/id"),
            missing("Envelope/Body/op/return/s/note/id"),
        ]);
        assert_eq!(
            json["return"]["s"],
            json!({"lines": [{"id": "1", "q": 1}, {"q": 2}], "note": {"q": 3}})
        );
    }

    #[test]
    fn ignores_other_diagnostics_and_dead_paths() {
        let mut unknown = missing("Envelope/Body/op/return/id");
        unknown.kind = DiagnosticKind::UnexpectedText;
        let json = render(&[
            unknown,
            missing("Envelope/Body/op/return/id/x"),
            missing("Envelope/Body/op/return/s/lines[5]/id"),
            missing("Envelope/Body"),
        ]);
        assert_eq!(json, serde_json::to_value(message()).unwrap());
    }
}
