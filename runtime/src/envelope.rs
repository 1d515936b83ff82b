//! SOAP 1.1 envelopes: encoding requests and responses, decoding them, faults,
//! and peeking at the operation element for routing.

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::fault::{read_fault, Fault, FaultDetail, SOAP11_NAMESPACE};
use crate::value::QName;
use crate::xml::{DecodeOptions, Decoded, FieldName, Reader, Start, Writer, XmlType};

/// The SOAP 1.2 envelope namespace (refused with a distinct error).
pub const SOAP12_NAMESPACE: &str = "http://www.w3.org/2003/05/soap-envelope";

/// One operation of a port: its name, `SOAPAction` and body elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The WSDL operation name.
    pub name: &'static str,
    /// The `SOAPAction` header value (may be empty).
    pub soap_action: &'static str,
    /// The request body element.
    pub input: FieldName,
    /// The response body element.
    pub output: FieldName,
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>";
const TAIL: &str = "</soapenv:Body></soapenv:Envelope>";

fn encode_envelope<T: XmlType>(element: &FieldName, body: &T) -> Result<Vec<u8>, EncodeError> {
    let mut w = Writer::new(String::with_capacity(1024));
    w.raw(HEAD);
    w.bind(SOAP11_NAMESPACE, "soapenv");
    w.field(element.ns, element.name, body)?;
    w.raw(TAIL);
    Ok(w.into_string().into_bytes())
}

/// Encodes a request envelope for `op` (facets checked: a violation is an error naming the path).
pub fn encode_request<T: XmlType>(op: &Operation, body: &T) -> Result<Vec<u8>, EncodeError> {
    encode_envelope(&op.input, body)
}

/// Encodes a response envelope for `op`.
pub fn encode_response<T: XmlType>(op: &Operation, body: &T) -> Result<Vec<u8>, EncodeError> {
    encode_envelope(&op.output, body)
}

/// Encodes a SOAP 1.1 fault envelope. A typed detail that fails its facets is left
/// out (the fault itself is still sent); a raw detail is written as is.
pub fn encode_fault<F: FaultDetail>(fault: &Fault<F>) -> Vec<u8> {
    let mut w = Writer::new(String::with_capacity(512));
    w.raw(HEAD);
    w.bind(SOAP11_NAMESPACE, "soapenv");
    w.raw("<soapenv:Fault>");
    if !crate::value::is_ncname(&fault.code.local) {
        // A code no peer could read (e.g. the default of a decoded fault
        // that had none): the generic SOAP 1.1 code instead.
        w.raw("<faultcode>soapenv:Server</faultcode>");
    } else if fault.code.namespace.as_deref() == Some(SOAP11_NAMESPACE) {
        w.raw("<faultcode>soapenv:");
        let mut local = String::new();
        crate::xml::escape_text(&mut local, &fault.code.local);
        w.raw(&local);
        w.raw("</faultcode>");
    } else {
        write_or_skip(&mut w, |w| w.field(None, "faultcode", &fault.code));
    }
    write_or_skip(&mut w, |w| w.field(None, "faultstring", &fault.string));
    write_or_skip(&mut w, |w| w.field(None, "faultactor", &fault.actor));
    if fault.detail.is_some() || fault.raw_detail.is_some() {
        w.raw("<detail>");
        if let Some(detail) = &fault.detail {
            write_or_skip(&mut w, |w| detail.write_detail(w));
        }
        if let Some(raw) = &fault.raw_detail {
            w.raw(raw.as_str());
        }
        w.raw("</detail>");
    }
    w.raw("</soapenv:Fault>");
    w.raw(TAIL);
    w.into_string().into_bytes()
}

/// Runs `write`; if it fails, takes back what it wrote.
fn write_or_skip(w: &mut Writer, write: impl FnOnce(&mut Writer) -> Result<(), EncodeError>) {
    let mark = w.mark();
    if write(w).is_err() {
        w.rewind(mark);
    }
}

/// Decodes a response envelope of `op`: its output element, or a SOAP fault with
/// the operation's typed detail. Diagnostics are attached.
pub fn decode_response<T: XmlType, F: FaultDetail>(
    op: &Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<Result<T, Fault<F>>>, DecodeError> {
    let mut r = Reader::new(xml, opts)?;
    let first = open_body(&mut r, &op.output)?;
    let (value, detail_diagnostics) = if first.is(Some(SOAP11_NAMESPACE), "Fault") {
        let (fault, diagnostics) = read_fault::<F>(&mut r, &first)?;
        (Err(fault), diagnostics)
    } else {
        expect_element(&mut r, &first, &op.output)?;
        (Ok(T::read(&mut r, &first)?), Vec::new())
    };
    close_envelope(&mut r)?;
    let mut diagnostics = r.into_diagnostics();
    diagnostics.extend(detail_diagnostics);
    Ok(Decoded { value, diagnostics })
}

/// Decodes a request envelope of `op` (server side).
pub fn decode_request<T: XmlType>(
    op: &Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<T>, DecodeError> {
    let mut r = Reader::new(xml, opts)?;
    let first = open_body(&mut r, &op.input)?;
    expect_element(&mut r, &first, &op.input)?;
    let value = T::read(&mut r, &first)?;
    close_envelope(&mut r)?;
    Ok(Decoded {
        value,
        diagnostics: r.into_diagnostics(),
    })
}

/// The namespace and local name of the Body's first element (server routing).
pub fn peek_operation(xml: &[u8], opts: &DecodeOptions) -> Result<QName, DecodeError> {
    let mut r = Reader::new(xml, opts)?;
    Ok(body_element(&mut r)?.qname())
}

/// Reads through `<Envelope>`, an optional `<Header>` and `<Body>` to the
/// Body's first element (the one [`peek_operation`] names), for a caller
/// that reads on into it in the same pass.
pub fn body_element<'a>(r: &mut Reader<'a>) -> Result<Start<'a>, DecodeError> {
    open_body(r, &FieldName::unqualified("an operation element"))
}

/// Reads through `<Envelope>`, an optional `<Header>` and `<Body>` to the Body's first element.
fn open_body<'a>(r: &mut Reader<'a>, expected: &FieldName) -> Result<Start<'a>, DecodeError> {
    let root = r.root()?;
    if root.local_name() != "Envelope" {
        let found = root.qname_display();
        return Err(r.error_at(&root, DecodeErrorKind::NotAnEnvelope { found }));
    }
    if root.namespace() != Some(SOAP11_NAMESPACE) {
        let found = root.namespace().unwrap_or_default().to_owned();
        return Err(r.error_at(&root, DecodeErrorKind::WrongEnvelopeNamespace { found }));
    }
    loop {
        let Some(child) = r.next_element()? else {
            return Err(r.error(DecodeErrorKind::MissingBody));
        };
        if child.local_name() == "Body"
            && matches!(child.namespace(), Some(SOAP11_NAMESPACE) | None)
        {
            break;
        }
        if !child.is(Some(SOAP11_NAMESPACE), "Header") {
            r.unknown_element(&child);
        }
        r.skip(&child)?;
    }
    match r.next_element()? {
        Some(first) => Ok(first),
        None => Err(r.error(DecodeErrorKind::WrongOperation {
            expected: expected.to_string(),
            found: "nothing".into(),
        })),
    }
}

fn expect_element(
    r: &mut Reader<'_>,
    start: &Start<'_>,
    expected: &FieldName,
) -> Result<(), DecodeError> {
    if start.is(expected.ns, expected.name) {
        return Ok(());
    }
    let kind = DecodeErrorKind::WrongOperation {
        expected: expected.to_string(),
        found: start.qname_display(),
    };
    Err(r.error_at(start, kind))
}

/// Skips (and records) whatever follows the body element, then checks the document ends.
fn close_envelope(r: &mut Reader<'_>) -> Result<(), DecodeError> {
    for _ in 0..2 {
        while let Some(extra) = r.next_element()? {
            r.unknown_element(&extra);
            r.skip(&extra)?;
        }
    }
    r.finish()
}
