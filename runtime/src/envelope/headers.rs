//! Header blocks: [`WriteHeader`] writes one outgoing block, [`ReceivedHeaders`]
//! holds the received ones raw until a caller decodes one.

use super::SoapVersion;
use crate::diag::Diagnostic;
use crate::error::{DecodeError, EncodeError};
use crate::value::{AnyXml, QName};
use crate::xml::{decode_document, DecodeOptions, Decoded, FieldName, Writer, XmlType};

/// One outgoing header block: its element, its `mustUnderstand` and
/// `actor` (1.1) / `role` (1.2) attributes, which the envelope writes in the
/// spelling of the operation's version, and its own attributes and content.
pub trait WriteHeader: Send + Sync {
    /// The header element.
    fn element(&self) -> FieldName;
    /// Whether the receiver must understand the block (default: no).
    fn must_understand(&self) -> bool {
        false
    }
    /// The node the block is meant for (`actor` / `role`; default: the ultimate receiver).
    fn role(&self) -> Option<&str> {
        None
    }
    /// The element's own attributes.
    fn write_attributes(&self, w: &mut Writer) -> Result<(), EncodeError> {
        let _ = w;
        Ok(())
    }
    /// The element's content.
    fn write_content(&self, w: &mut Writer) -> Result<(), EncodeError>;
    /// Secrets the block writes (a password), which the client masks in
    /// logs and in text a server echoes back (default: none).
    fn secrets(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A borrowed value written as header element `element` (for the ultimate
/// receiver, not `mustUnderstand`): what generated header structs hand out.
#[derive(Debug, Clone, Copy)]
pub struct HeaderRef<'a, T> {
    element: FieldName,
    value: &'a T,
}

impl<'a, T> HeaderRef<'a, T> {
    /// `value` as header element `element`.
    pub fn new(element: FieldName, value: &'a T) -> Self {
        Self { element, value }
    }
}

impl<T: XmlType + Send + Sync> WriteHeader for HeaderRef<'_, T> {
    fn element(&self) -> FieldName {
        self.element
    }
    fn write_attributes(&self, w: &mut Writer) -> Result<(), EncodeError> {
        self.value.write_attributes(w)
    }
    fn write_content(&self, w: &mut Writer) -> Result<(), EncodeError> {
        self.value.write_content(w)
    }
}

/// The typed header blocks of one direction of an operation: generated
/// `<Op>RequestHeaders` / `<Op>ResponseHeaders` structs (one `Option` field
/// per `soap:header` part) implement it; `()` is the set of an operation
/// direction without header parts.
pub trait SoapHeaders: Default + Send + Sync + Sized + 'static {
    /// The blocks to send, one per field that is set, in declaration order.
    fn blocks(&self) -> Vec<Box<dyn WriteHeader + '_>>;
    /// Reads the fields from received blocks (a missing block leaves its
    /// field `None`; blocks of other elements are ignored), with the
    /// diagnostics of the lenient decoder.
    fn read(headers: &ReceivedHeaders) -> Result<Decoded<Self>, DecodeError>;
}

impl SoapHeaders for () {
    fn blocks(&self) -> Vec<Box<dyn WriteHeader + '_>> {
        Vec::new()
    }
    fn read(_: &ReceivedHeaders) -> Result<Decoded<Self>, DecodeError> {
        Ok(Decoded {
            value: (),
            diagnostics: Vec::new(),
        })
    }
}

/// A header block holding any generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderBlock<T> {
    element: FieldName,
    value: T,
    must_understand: bool,
    role: Option<String>,
}

impl<T> HeaderBlock<T> {
    /// `value` as header element `element`, for the ultimate receiver, not `mustUnderstand`.
    pub fn new(element: FieldName, value: T) -> Self {
        Self {
            element,
            value,
            must_understand: false,
            role: None,
        }
    }
    /// The same block with `mustUnderstand` set to `must`.
    pub fn with_must_understand(self, must: bool) -> Self {
        Self {
            must_understand: must,
            ..self
        }
    }
    /// The same block targeted at `role` (the `actor` attribute in SOAP 1.1).
    pub fn with_role(self, role: impl Into<String>) -> Self {
        Self {
            role: Some(role.into()),
            ..self
        }
    }
    /// The value.
    pub fn value(&self) -> &T {
        &self.value
    }
}

impl<T: XmlType + Send + Sync> WriteHeader for HeaderBlock<T> {
    fn element(&self) -> FieldName {
        self.element
    }
    fn must_understand(&self) -> bool {
        self.must_understand
    }
    fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }
    fn write_attributes(&self, w: &mut Writer) -> Result<(), EncodeError> {
        self.value.write_attributes(w)
    }
    fn write_content(&self, w: &mut Writer) -> Result<(), EncodeError> {
        self.value.write_content(w)
    }
}

/// One received header block.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedHeader {
    /// The element.
    pub name: QName,
    /// Its `mustUnderstand` attribute (`1`/`true`).
    pub must_understand: bool,
    /// Its `actor` (1.1) or `role` (1.2) attribute.
    pub role: Option<String>,
    /// The element as received, with the outer namespace declarations it relies on.
    pub xml: AnyXml,
}

/// The children of a received `Header`, kept raw (each kept byte counts
/// against the message's `max_size`) and decoded on demand with the
/// options the message was decoded with. Empty (and not allocated) when the
/// message has no `Header`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReceivedHeaders {
    blocks: Vec<ReceivedHeader>,
    options: DecodeOptions,
}

impl ReceivedHeaders {
    pub(crate) fn new(options: &DecodeOptions) -> Self {
        Self {
            blocks: Vec::new(),
            options: options.clone(),
        }
    }

    pub(crate) fn push(&mut self, block: ReceivedHeader) {
        self.blocks.push(block);
    }

    /// True when no header block was received.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// How many header blocks were received.
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// The blocks in document order.
    pub fn iter(&self) -> std::slice::Iter<'_, ReceivedHeader> {
        self.blocks.iter()
    }

    /// Appends `header`, encoded now and kept as XML (its own attributes and
    /// content; `mustUnderstand` and `actor`/`role` are not written, they are
    /// spelled per SOAP version): how a server puts header blocks on a
    /// [`Fault`](crate::fault::Fault) it answers with.
    pub fn push_block(&mut self, header: &dyn WriteHeader) -> Result<(), EncodeError> {
        let element = header.element();
        let mut w = Writer::new(String::new());
        w.element_with(
            element.ns,
            element.name,
            0,
            |w| header.write_attributes(w),
            |w| header.write_content(w),
        )?;
        self.blocks.push(ReceivedHeader {
            name: match element.ns {
                Some(ns) => QName::new(ns, element.name),
                None => QName::unqualified(element.name),
            },
            must_understand: false,
            role: None,
            xml: AnyXml(w.into_string()),
        });
        Ok(())
    }

    /// The first block named `name`.
    pub fn find(&self, name: &FieldName) -> Option<&ReceivedHeader> {
        self.blocks.iter().find(|b| b.name.is(name.ns, name.name))
    }

    /// Decodes the first block named `name` as `H`; `None` when there is none.
    pub fn get<H: XmlType>(&self, name: &FieldName) -> Result<Option<Decoded<H>>, DecodeError> {
        self.find(name)
            .map(|block| {
                decode_document(
                    block.xml.as_str().as_bytes(),
                    name.ns,
                    name.name,
                    &self.options,
                )
            })
            .transpose()
    }

    /// Decodes the first block named `name` as `T` into a field of a
    /// [`SoapHeaders`] struct, its diagnostics appended to `diagnostics`.
    pub fn field<T: XmlType>(
        &self,
        name: &FieldName,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<T>, DecodeError> {
        Ok(self.get::<T>(name)?.map(|decoded| {
            diagnostics.extend(decoded.diagnostics);
            decoded.value
        }))
    }

    /// The blocks marked `mustUnderstand` for the ultimate receiver that are
    /// not in `understood` (a receiver must fault on the first).
    pub fn not_understood<'a>(
        &'a self,
        version: SoapVersion,
        understood: &'a [FieldName],
    ) -> impl Iterator<Item = &'a ReceivedHeader> + 'a {
        self.blocks.iter().filter(move |b| {
            b.must_understand
                && version.targets_receiver(b.role.as_deref())
                && !understood.iter().any(|u| b.name.is(u.ns, u.name))
        })
    }
}

impl<'a> IntoIterator for &'a ReceivedHeaders {
    type Item = &'a ReceivedHeader;
    type IntoIter = std::slice::Iter<'a, ReceivedHeader>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::{decode_response_message, encode_fault, Body, Operation};
    use crate::fault::{Fault, NoFault};

    const SESSION: FieldName = FieldName {
        ns: Some("urn:h"),
        name: "Session",
    };
    static OP: Operation = Operation {
        name: "Op",
        soap_action: "",
        version: SoapVersion::V12,
        input: Body::Empty,
        output: Some(Body::Empty),
        input_headers: &[SESSION],
        output_headers: &[SESSION],
    };

    #[test]
    fn a_fault_sends_and_keeps_its_header_blocks() {
        let id = "abc".to_owned();
        let fault = Fault::<NoFault>::client("no")
            .with_header(&HeaderRef::new(SESSION, &id))
            .unwrap();
        let xml = encode_fault(SoapVersion::V12, &[], &fault);
        let decoded =
            decode_response_message::<(), NoFault>(&OP, &xml, &DecodeOptions::default()).unwrap();
        let Err(fault) = decoded.value.body else {
            panic!("not a fault")
        };
        let got = fault.headers.get::<String>(&SESSION).unwrap().unwrap();
        assert_eq!(got.value, "abc");
        assert_eq!(decoded.value.headers.len(), 1);
    }

    #[test]
    fn must_understand_respects_roles_and_declared_blocks() {
        let block = |role: Option<&str>| {
            let mut h = HeaderBlock::new(FieldName::unqualified("x"), "v".to_owned())
                .with_must_understand(true);
            if let Some(role) = role {
                h = h.with_role(role);
            }
            h
        };
        let next = "http://www.w3.org/2003/05/soap-envelope/role/next";
        let other = "urn:some-intermediary";
        let (a, b, c) = (block(None), block(Some(next)), block(Some(other)));
        let xml = crate::envelope::encode_request(&OP, &[&a, &b, &c], &()).unwrap();
        let peeked = crate::envelope::peek(&xml, &DecodeOptions::default()).unwrap();
        assert_eq!(
            peeked.headers.not_understood(SoapVersion::V12, &[]).count(),
            2
        );
        let declared = [FieldName::unqualified("x")];
        assert_eq!(
            peeked
                .headers
                .not_understood(SoapVersion::V12, &declared)
                .count(),
            0
        );
    }
}
