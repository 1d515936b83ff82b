//! [`soap_headers!`](crate::soap_headers): a generated header set (the
//! `soap:header` parts of one direction of an operation) from one field list,
//! with its [`SoapHeaders`](crate::envelope::SoapHeaders) implementation.
//!
//! The expansion only lists the fields; sending and reading a block is
//! [`push_header`] and [`ReceivedHeaders::field`].

use crate::envelope::{HeaderRef, WriteHeader};
use crate::xml::{FieldName, XmlType};

/// A header set: a struct with one `Option<T>` field per header element and
/// `impl rt::SoapHeaders` (a field that is `Some` is sent as its element, in
/// field order; a received block fills the field of its element, blocks of
/// other elements are ignored).
///
/// ```ignore
/// rt::soap_headers! {
///     /// The header blocks of `book`'s request.
///     pub struct BookRequestHeaders {
///         /// Part `session` of message `session`.
///         #[xml("session", ns = NAMESPACE)]
///         pub session: Option<String>,
///     }
/// }
/// ```
///
/// Derives `Debug, Clone, PartialEq, Default`; attributes after `#[xml]` are
/// kept on the field.
#[macro_export]
macro_rules! soap_headers {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                #[xml($xml:literal $(, ns = $ns:expr)?)]
                $(#[$fattr:meta])*
                $fvis:vis $field:ident : Option<$ty:ty>
            ),* $(,)?
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
            $($(#[doc = $fdoc])* $(#[$fattr])* $fvis $field: ::core::option::Option<$ty>,)*
        }
        impl $crate::rt::SoapHeaders for $name {
            fn blocks(&self) -> ::std::vec::Vec<::std::boxed::Box<dyn $crate::rt::WriteHeader + '_>> {
                let mut blocks = ::std::vec::Vec::new();
                $($crate::macros::push_header(
                    &mut blocks,
                    $crate::rt::FieldName::new($crate::macros::ns(&[$($ns)?]), $xml),
                    &self.$field,
                );)*
                blocks
            }
            #[allow(unused_variables, unused_mut)]
            fn read(
                headers: &$crate::rt::ReceivedHeaders,
            ) -> ::core::result::Result<$crate::rt::Decoded<Self>, $crate::rt::DecodeError> {
                let mut diagnostics = ::std::vec::Vec::new();
                let value = Self {
                    $($field: headers.field(
                        &$crate::rt::FieldName::new($crate::macros::ns(&[$($ns)?]), $xml),
                        &mut diagnostics,
                    )?,)*
                };
                ::core::result::Result::Ok($crate::rt::Decoded { value, diagnostics })
            }
        }
    };
}

/// Appends `value` as header block `element` when it is set (the
/// [`SoapHeaders::blocks`](crate::envelope::SoapHeaders::blocks) of a
/// [`soap_headers!`](crate::soap_headers) field).
#[doc(hidden)]
pub fn push_header<'a, T: XmlType + Send + Sync>(
    blocks: &mut Vec<Box<dyn WriteHeader + 'a>>,
    element: FieldName,
    value: &'a Option<T>,
) {
    if let Some(value) = value {
        blocks.push(Box::new(HeaderRef::new(element, value)));
    }
}

#[cfg(test)]
mod tests {
    use crate::envelope::{self, Body, Operation, SoapHeaders, SoapVersion};
    use crate::xml::{DecodeOptions, FieldName};

    const NS: &str = "urn:test:headers";

    crate::soap_headers! {
        /// Two header elements.
        pub struct Pair {
            /// A qualified one.
            #[xml("session", ns = NS)]
            pub session: Option<String>,
            /// An unqualified one.
            #[xml("trace")]
            pub trace: Option<u32>,
        }
    }

    static OP: Operation = Operation {
        name: "op",
        soap_action: "",
        version: SoapVersion::V11,
        input: Body::Empty,
        output: Some(Body::Empty),
        input_headers: &[FieldName::new(Some(NS), "session")],
        output_headers: &[],
    };

    #[test]
    fn set_fields_are_sent_and_read_back() {
        let sent = Pair {
            session: Some("s-1".into()),
            trace: None,
        };
        let blocks = sent.blocks();
        assert_eq!(blocks.len(), 1, "an unset field sends no block");
        assert_eq!(blocks[0].element(), FieldName::new(Some(NS), "session"));
        let refs: Vec<&dyn envelope::WriteHeader> = blocks.iter().map(AsRef::as_ref).collect();
        let xml = envelope::encode_request(&OP, &refs, &()).unwrap();
        let text = String::from_utf8(xml.clone()).unwrap();
        assert!(text.contains(">s-1</"), "{text}");
        let peeked = envelope::peek(&xml, &DecodeOptions::default()).unwrap();
        let read = Pair::read(&peeked.headers).unwrap();
        assert_eq!(read.value, sent);
        assert!(read.diagnostics.is_empty());
    }

    #[test]
    fn a_block_that_cannot_be_read_is_an_error() {
        let bad =
            crate::envelope::HeaderBlock::new(FieldName::unqualified("trace"), "x".to_owned());
        let xml = envelope::encode_request(&OP, &[&bad], &()).unwrap();
        let peeked = envelope::peek(&xml, &DecodeOptions::default()).unwrap();
        assert!(Pair::read(&peeked.headers).is_err());
    }
}
