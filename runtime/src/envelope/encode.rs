//! Writing envelopes: the `Header` with the outgoing blocks, then the `Body`.

use super::{Body, Operation, ReceivedHeaders, SoapVersion, WriteHeader};
use crate::error::EncodeError;
use crate::fault::{Fault, FaultDetail};
use crate::xml::{Writer, XmlType};

/// Encodes a request envelope for `op` in its SOAP version, with `headers`
/// (facets checked: a violation is an error naming the path).
pub fn encode_request<T: XmlType>(
    op: &Operation,
    headers: &[&dyn WriteHeader],
    body: &T,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = head(op.version);
    write_headers(&mut w, op.version, headers, &ReceivedHeaders::default())?;
    write_body(&mut w, &op.input, body)?;
    Ok(close(w))
}

/// Encodes a response envelope for `op` in its SOAP version, with `headers`
/// (an empty `Body` for a one-way operation).
pub fn encode_response<T: XmlType>(
    op: &Operation,
    headers: &[&dyn WriteHeader],
    body: &T,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = head(op.version);
    write_headers(&mut w, op.version, headers, &ReceivedHeaders::default())?;
    write_body(&mut w, &op.output.unwrap_or(Body::Empty), body)?;
    Ok(close(w))
}

/// Encodes a fault envelope of `version`, standard codes in its spelling,
/// with `headers` and then the fault's own [`Fault::headers`] (as kept).
/// Header blocks or a typed detail that cannot be encoded (facets) are left
/// out: the fault itself is always sent. A raw detail is written as is.
pub fn encode_fault<F: FaultDetail>(
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
    fault: &Fault<F>,
) -> Vec<u8> {
    let mut w = head(version);
    write_or_skip(&mut w, |w| {
        write_headers(w, version, headers, &fault.headers)
    });
    w.raw("<soapenv:Body><soapenv:Fault>");
    version.write_fault(&mut w, fault);
    w.raw("</soapenv:Fault></soapenv:Body>");
    close(w)
}

/// A writer after the `<Envelope>` start tag.
fn head(version: SoapVersion) -> Writer {
    let mut w = Writer::new(String::with_capacity(1024));
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"");
    w.raw(version.namespace());
    w.raw("\">");
    w.bind(version.namespace(), "soapenv");
    w
}

/// The `Header` with `headers`, then the blocks of `kept` as they are
/// (nothing when there are none).
fn write_headers(
    w: &mut Writer,
    version: SoapVersion,
    headers: &[&dyn WriteHeader],
    kept: &ReceivedHeaders,
) -> Result<(), EncodeError> {
    if headers.is_empty() && kept.is_empty() {
        return Ok(());
    }
    let ns = Some(version.namespace());
    w.element_with(ns, "Header", 0, no_attributes, |w| {
        for header in headers {
            let element = header.element();
            let attributes = |w: &mut Writer| {
                if header.must_understand() {
                    w.raw(" soapenv:mustUnderstand=\"");
                    w.raw(version.must_understand_true());
                    w.raw("\"");
                }
                if let Some(role) = header.role() {
                    w.attribute(ns, version.role_attribute(), &role.to_owned())?;
                }
                header.write_attributes(w)
            };
            w.element_with(element.ns, element.name, 0, attributes, |w| {
                header.write_content(w)
            })?;
        }
        for block in kept {
            w.raw(block.xml.as_str());
        }
        Ok(())
    })
}

/// Runs `write`; if it fails, takes back what it wrote.
pub(super) fn write_or_skip(
    w: &mut Writer,
    write: impl FnOnce(&mut Writer) -> Result<(), EncodeError>,
) {
    let mark = w.mark();
    if write(w).is_err() {
        w.rewind(mark);
    }
}

fn no_attributes(_: &mut Writer) -> Result<(), EncodeError> {
    Ok(())
}

fn write_body<T: XmlType>(w: &mut Writer, body: &Body, value: &T) -> Result<(), EncodeError> {
    w.raw("<soapenv:Body>");
    match body {
        Body::Element(element) => w.field(element.ns, element.name, value)?,
        Body::Empty => value.write_content(w)?,
    }
    w.raw("</soapenv:Body>");
    Ok(())
}

fn close(mut w: Writer) -> Vec<u8> {
    w.raw("</soapenv:Envelope>");
    w.into_string().into_bytes()
}
