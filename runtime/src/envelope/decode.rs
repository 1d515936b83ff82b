//! Reading envelopes: the version and `Header` blocks, then the `Body`.

use super::{Body, Message, Operation, ReceivedHeader, ReceivedHeaders, SoapVersion};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::fault::{Fault, FaultDetail};
use crate::value::QName;
use crate::xml::{DecodeOptions, Decoded, FieldName, Reader, Start, XmlType};

/// What a server needs to route a request, read before its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Peeked {
    /// The envelope's SOAP version.
    pub version: SoapVersion,
    /// The Body's first element; `None` for an empty Body.
    pub operation: Option<QName>,
    /// The `Header` blocks.
    pub headers: ReceivedHeaders,
}

/// A decoded response: the output or a fault, with the header blocks.
pub type ResponseMessage<T, F> = Message<Result<T, Fault<F>>>;

/// Decodes a response envelope of `op`: its output, or a SOAP fault with
/// the operation's typed detail. Diagnostics are attached; header blocks are skipped.
/// For a one-way operation or an empty output Body, a response without any
/// content (HTTP 202 or 200 with an empty body) is the empty value (`()`).
pub fn decode_response<T: XmlType, F: FaultDetail>(
    op: &Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<Result<T, Fault<F>>>, DecodeError> {
    response(op, xml, opts, None)
}

/// [`decode_response`] with the response's header blocks (a fault keeps
/// them too, in [`Fault::headers`]).
pub fn decode_response_message<T: XmlType, F: FaultDetail>(
    op: &Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<ResponseMessage<T, F>>, DecodeError> {
    let mut headers = ReceivedHeaders::new(opts);
    let decoded = response(op, xml, opts, Some(&mut headers))?;
    Ok(decoded.map(|body| {
        let body = body.map_err(|fault| Fault {
            headers: headers.clone(),
            ..fault
        });
        Message { body, headers }
    }))
}

/// Decodes a request envelope of `op` (server side); header blocks are skipped.
pub fn decode_request<T: XmlType>(
    op: &Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<T>, DecodeError> {
    request(op, xml, opts, None)
}

/// [`decode_request`] with the request's header blocks.
pub fn decode_request_message<T: XmlType>(
    op: &Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<Message<T>>, DecodeError> {
    let mut headers = ReceivedHeaders::new(opts);
    let decoded = request(op, xml, opts, Some(&mut headers))?;
    Ok(decoded.map(|body| Message { body, headers }))
}

/// The version, header blocks and first Body element of a request (server routing).
pub fn peek(xml: &[u8], opts: &DecodeOptions) -> Result<Peeked, DecodeError> {
    let mut r = Reader::new(xml, opts)?;
    let mut headers = ReceivedHeaders::new(opts);
    let version = open_envelope(&mut r, None, Some(&mut headers))?;
    let operation = r.next_element()?.map(|first| first.qname());
    Ok(Peeked {
        version,
        operation,
        headers,
    })
}

/// The namespace and local name of the Body's first element (an error for an empty Body).
pub fn peek_operation(xml: &[u8], opts: &DecodeOptions) -> Result<QName, DecodeError> {
    let mut r = Reader::new(xml, opts)?;
    Ok(body_element(&mut r)?.qname())
}

/// Reads through `<Envelope>`, an optional `<Header>` and `<Body>` (either
/// SOAP version) to the Body's first element (the one [`peek_operation`]
/// names), for a caller that reads on into it in the same pass.
pub fn body_element<'a>(r: &mut Reader<'a>) -> Result<Start<'a>, DecodeError> {
    open_envelope(r, None, None)?;
    match r.next_element()? {
        Some(first) => Ok(first),
        None => Err(nothing(r, &FieldName::unqualified("an operation element"))),
    }
}

fn response<T: XmlType, F: FaultDetail>(
    op: &Operation,
    xml: &[u8],
    opts: &DecodeOptions,
    headers: Option<&mut ReceivedHeaders>,
) -> Result<Decoded<Result<T, Fault<F>>>, DecodeError> {
    if op.output.is_none_or(|body| body == Body::Empty) && xml.iter().all(u8::is_ascii_whitespace) {
        return Ok(empty_body::<T>(opts)?.map(Ok));
    }
    let mut r = Reader::new(xml, opts)?;
    let version = open_envelope(&mut r, Some(op.version), headers)?;
    let first = r.next_element()?;
    let output = op.output.unwrap_or(Body::Empty);
    let (value, detail_diagnostics) = match first {
        Some(first) if first.is(Some(version.namespace()), "Fault") => {
            let (fault, diagnostics) = version.read_fault::<F>(&mut r)?;
            (Err(fault), diagnostics)
        }
        first => (Ok(read_body(&mut r, first, &output)?), Vec::new()),
    };
    close_envelope(&mut r)?;
    let mut diagnostics = r.into_diagnostics();
    diagnostics.extend(detail_diagnostics);
    Ok(Decoded { value, diagnostics })
}

fn request<T: XmlType>(
    op: &Operation,
    xml: &[u8],
    opts: &DecodeOptions,
    headers: Option<&mut ReceivedHeaders>,
) -> Result<Decoded<T>, DecodeError> {
    let mut r = Reader::new(xml, opts)?;
    open_envelope(&mut r, Some(op.version), headers)?;
    let first = r.next_element()?;
    let value = read_body(&mut r, first, &op.input)?;
    close_envelope(&mut r)?;
    Ok(Decoded {
        value,
        diagnostics: r.into_diagnostics(),
    })
}

/// Reads the body value: the expected element, or for an empty Body the
/// value of an empty element (whatever the Body holds is skipped and recorded).
fn read_body<'a, T: XmlType>(
    r: &mut Reader<'a>,
    first: Option<Start<'a>>,
    body: &Body,
) -> Result<T, DecodeError> {
    match (body, first) {
        (Body::Element(expected), Some(first)) if first.is(expected.ns, expected.name) => {
            T::read(r, &first)
        }
        (Body::Element(expected), Some(first)) => {
            let kind = DecodeErrorKind::WrongOperation {
                expected: expected.to_string(),
                found: first.qname_display(),
            };
            Err(r.error_at(&first, kind))
        }
        (Body::Element(expected), None) => Err(nothing(r, expected)),
        (Body::Empty, first) => {
            if let Some(first) = first {
                r.unknown_element(&first);
                r.skip(&first)?;
            }
            let empty = empty_body::<T>(r.options())?;
            for diagnostic in empty.diagnostics {
                r.diagnostic(diagnostic.kind);
            }
            Ok(empty.value)
        }
    }
}

/// The value of an empty Body: what `T` reads from an element without
/// content (`()` for a message without parts or a one-way operation's
/// answer without a body).
fn empty_body<T: XmlType>(opts: &DecodeOptions) -> Result<Decoded<T>, DecodeError> {
    let mut empty = Reader::new(b"<Body/>", opts)?;
    let root = empty.root()?;
    let value = T::read(&mut empty, &root)?;
    Ok(Decoded {
        value,
        diagnostics: empty.into_diagnostics(),
    })
}

fn nothing(r: &Reader<'_>, expected: &FieldName) -> DecodeError {
    r.error(DecodeErrorKind::WrongOperation {
        expected: expected.to_string(),
        found: "nothing".into(),
    })
}

/// Reads `<Envelope>` (of `expected`, when given), the `Header` (its blocks
/// into `headers`, when given) and the `Body` start tag; returns the version.
fn open_envelope(
    r: &mut Reader<'_>,
    expected: Option<SoapVersion>,
    mut headers: Option<&mut ReceivedHeaders>,
) -> Result<SoapVersion, DecodeError> {
    let root = r.root()?;
    if root.local_name() != "Envelope" {
        let found = root.qname_display();
        return Err(r.error_at(&root, DecodeErrorKind::NotAnEnvelope { found }));
    }
    let found = root.namespace().unwrap_or_default();
    let Some(version) = SoapVersion::from_namespace(found) else {
        let found = found.to_owned();
        return Err(r.error_at(&root, DecodeErrorKind::WrongEnvelopeNamespace { found }));
    };
    if let Some(expected) = expected.filter(|&e| e != version) {
        let kind = DecodeErrorKind::VersionMismatch {
            expected,
            found: version,
        };
        return Err(r.error_at(&root, kind));
    }
    let ns = version.namespace();
    loop {
        let Some(child) = r.next_element()? else {
            return Err(r.error(DecodeErrorKind::MissingBody));
        };
        if child.local_name() == "Body" && matches!(child.namespace(), Some(n) if n == ns)
            || child.is(None, "Body")
        {
            return Ok(version);
        }
        match headers.as_deref_mut() {
            Some(headers) if child.is(Some(ns), "Header") => {
                read_headers(r, version, headers)?;
            }
            _ => {
                if !child.is(Some(ns), "Header") {
                    r.unknown_element(&child);
                }
                r.skip(&child)?;
            }
        }
    }
}

/// Keeps the children of the open `Header` raw.
fn read_headers(
    r: &mut Reader<'_>,
    version: SoapVersion,
    headers: &mut ReceivedHeaders,
) -> Result<(), DecodeError> {
    let ns = Some(version.namespace());
    while let Some(block) = r.next_element()? {
        let must: Option<String> = r.attribute(&block, ns, "mustUnderstand")?;
        let role: Option<String> = r.attribute(&block, ns, version.role_attribute())?;
        let xml = r.raw_element(&block)?;
        headers.push(ReceivedHeader {
            name: block.qname(),
            must_understand: matches!(must.as_deref().map(str::trim), Some("1" | "true")),
            role,
            xml: crate::value::AnyXml(xml),
        });
    }
    Ok(())
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
