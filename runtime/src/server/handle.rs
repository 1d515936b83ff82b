//! Running one operation: check the envelope's version and header blocks,
//! decode the request, call the implementation, encode its response or fault.

use std::future::Future;

use http::StatusCode;

use super::{Request, Response};
use crate::envelope::{self, SoapHeaders, SoapVersion, StandardCode, WriteHeader};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::fault::{Fault, FaultDetail, NoFault};
use crate::future::BoxFuture;
use crate::xml::{Operation, XmlType};

/// Decodes `request` as the input of `op` (leniently, unless the request's
/// options say strict), calls `f`, and encodes `Ok` as the response (HTTP
/// 200) or `Err` as a SOAP fault, both in the operation's SOAP version (a
/// fault gets HTTP 500, or 400 for a SOAP 1.2 `Sender` fault). A request
/// that cannot be decoded gets a `Client` (`Sender`) fault naming the
/// problem and its line and column; an envelope of the other SOAP version
/// a `VersionMismatch` fault in that version; a header block marked
/// `mustUnderstand` that the operation does not declare a `MustUnderstand` fault.
///
/// The request is decoded and `f` called right away; the returned future
/// only awaits `f`'s future and encodes its result. So the future does not
/// hold `f`, and a generated `dispatch` can pass a closure that borrows its
/// `&self` (`|req| async move { self.0.op(req).await }`).
pub fn handle<'a, Req, Resp, F, Fut>(
    request: Request,
    op: &'static Operation,
    f: impl FnOnce(Req) -> Fut,
) -> BoxFuture<'a, Response>
where
    Req: XmlType,
    Resp: XmlType + Send + 'a,
    F: FaultDetail,
    Fut: Future<Output = Result<Resp, Fault<F>>> + Send + 'a,
{
    handle_with_headers(request, op, move |req, ()| {
        let running = f(req);
        async move { running.await.map(|response| (response, ())) }
    })
}

/// [`handle`] for an operation with header parts: the request's blocks are
/// read into `H` (its `<Op>RequestHeaders`; a block that cannot be read is
/// a `Client` fault like a bad body) and given to `f` with the request, and
/// the blocks of the `RH` that `f` answers with go in the response's
/// `Header`. A fault carries its own blocks ([`Fault::with_headers`]).
pub fn handle_with_headers<'a, Req, Resp, H, RH, F, Fut>(
    request: Request,
    op: &'static Operation,
    f: impl FnOnce(Req, H) -> Fut,
) -> BoxFuture<'a, Response>
where
    Req: XmlType,
    Resp: XmlType + Send + 'a,
    H: SoapHeaders,
    RH: SoapHeaders,
    F: FaultDetail,
    Fut: Future<Output = Result<(Resp, RH), Fault<F>>> + Send + 'a,
{
    let ready = |response| -> BoxFuture<'a, Response> { Box::pin(std::future::ready(response)) };
    let what = || format!("invalid {} request", op.name);
    let request = match request.peeked() {
        Ok(request) => request,
        Err(error) => return ready(invalid_request(op.version, &what(), &error)),
    };
    if let Some(refusal) = refuse(&request, op) {
        return ready(refusal);
    }
    let tolerated = |diagnostics: &[crate::diag::Diagnostic]| {
        for diagnostic in diagnostics {
            tracing::warn!(operation = op.name, %diagnostic, "tolerated in request");
        }
    };
    let headers = match H::read(request.soap_headers()) {
        Ok(decoded) => {
            tolerated(&decoded.diagnostics);
            decoded.value
        }
        Err(error) => return ready(invalid_request(op.version, &what(), &error)),
    };
    let input = match envelope::decode_request::<Req>(op, request.body(), request.decode_options())
    {
        Ok(decoded) => {
            tolerated(&decoded.diagnostics);
            decoded.value
        }
        Err(error) => return ready(invalid_request(op.version, &what(), &error)),
    };
    let running = f(input, headers);
    Box::pin(async move {
        match running.await {
            Ok(_) if op.output.is_none() => Response::accepted(),
            Ok((output, headers)) => {
                let blocks = headers.blocks();
                let blocks: Vec<&dyn WriteHeader> = blocks.iter().map(AsRef::as_ref).collect();
                match envelope::encode_response(op, &blocks, &output) {
                    Ok(body) => Response::soap(op.version, StatusCode::OK, body),
                    Err(error) => {
                        tracing::error!(operation = op.name, %error, "the service's response cannot be encoded");
                        fault_response(
                            op.version,
                            &Fault::<NoFault>::server(format!(
                                "the {} response cannot be encoded: {error}",
                                op.name
                            )),
                        )
                    }
                }
            }
            Err(fault) => fault_response(op.version, &fault),
        }
    })
}

/// The fault for a request `op` must not run: an envelope of another SOAP
/// version, or a `mustUnderstand` header block the operation does not declare.
fn refuse(request: &Request, op: &Operation) -> Option<Response> {
    let version = request.soap_version();
    if version != op.version {
        let fault = Fault::<NoFault>::new(
            version.code(StandardCode::VersionMismatch),
            format!(
                "operation {} takes SOAP {} envelopes, this is SOAP {}",
                op.name,
                op.version.number(),
                version.number()
            ),
        );
        return Some(fault_response(version, &fault));
    }
    let block = request
        .soap_headers()
        .not_understood(version, op.input_headers)
        .find(|b| !request.understood().iter().any(|u| b.name.is(u.ns, u.name)))?;
    let fault = Fault::<NoFault>::new(
        version.code(StandardCode::MustUnderstand),
        format!("header block {} is not understood", block.name),
    );
    Some(fault_response(version, &fault))
}

/// The answer to a request whose body element no operation of the service
/// takes: a SOAP `Client` (`Sender`) fault in the request's version.
pub async fn unknown_operation(request: Request) -> Response {
    let found = envelope::peek_operation(request.body(), request.decode_options())
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "an empty body".to_owned());
    client_fault(
        request.soap_version(),
        format!("no operation of this service takes {found}"),
    )
}

/// The answer to a request that cannot be read: a `VersionMismatch` fault
/// (SOAP 1.1) for an envelope of no SOAP version, else a `Client`
/// (`Sender`) fault in `version` naming the problem after `what`.
pub(crate) fn invalid_request(version: SoapVersion, what: &str, error: &DecodeError) -> Response {
    if let DecodeErrorKind::WrongEnvelopeNamespace { .. } = error.kind {
        let version = SoapVersion::V11;
        let fault = Fault::<NoFault>::new(
            version.code(StandardCode::VersionMismatch),
            format!("{what}: {error}"),
        );
        return fault_response(version, &fault);
    }
    client_fault(version, format!("{what}: {error}"))
}

/// A SOAP `Client` (`Sender`) fault with `message` as faultstring.
pub(crate) fn client_fault(version: SoapVersion, message: String) -> Response {
    fault_response(version, &Fault::<NoFault>::client(message))
}

fn fault_response<F: FaultDetail>(version: SoapVersion, fault: &Fault<F>) -> Response {
    let status = version.fault_status(&version.spell(&fault.code));
    Response::soap(version, status, envelope::encode_fault(version, &[], fault))
}
