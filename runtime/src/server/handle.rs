//! Running one operation: decode the request, call the implementation,
//! encode its response or fault.

use std::future::Future;

use http::StatusCode;

use super::{Request, Response};
use crate::envelope;
use crate::fault::{Fault, FaultDetail, NoFault};
use crate::rt::BoxFuture;
use crate::xml::{Operation, XmlType};

/// Decodes `request` as the input of `op` (leniently, unless the request's
/// options say strict), calls `f`, and encodes `Ok` as the response (HTTP
/// 200) or `Err` as a SOAP fault (HTTP 500, as SOAP 1.1 requires). A request
/// that cannot be decoded gets a `Client` fault naming the problem and its
/// line and column.
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
    Resp: XmlType + 'a,
    F: FaultDetail,
    Fut: Future<Output = Result<Resp, Fault<F>>> + Send + 'a,
{
    let input = match envelope::decode_request::<Req>(op, request.body(), request.decode_options())
    {
        Ok(decoded) => {
            for diagnostic in &decoded.diagnostics {
                tracing::warn!(operation = op.name, %diagnostic, "tolerated in request");
            }
            decoded.value
        }
        Err(error) => {
            let response = client_fault(format!("invalid {} request: {error}", op.name));
            return Box::pin(std::future::ready(response));
        }
    };
    let running = f(input);
    Box::pin(async move {
        match running.await {
            Ok(output) => match envelope::encode_response(op, &output) {
                Ok(body) => Response::xml(StatusCode::OK, body),
                Err(error) => {
                    tracing::error!(operation = op.name, %error, "the service's response cannot be encoded");
                    fault_response(&Fault::<NoFault>::server(format!(
                        "the {} response cannot be encoded: {error}",
                        op.name
                    )))
                }
            },
            Err(fault) => fault_response(&fault),
        }
    })
}

/// The answer to a request whose body element no operation of the service
/// takes: a SOAP `Client` fault (HTTP 500).
pub async fn unknown_operation(request: Request) -> Response {
    let found = envelope::peek_operation(request.body(), request.decode_options())
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "an unreadable body".to_owned());
    client_fault(format!("no operation of this service takes {found}"))
}

/// A SOAP `Client` fault with `message` as faultstring, HTTP 500.
pub(crate) fn client_fault(message: String) -> Response {
    fault_response(&Fault::<NoFault>::client(message))
}

fn fault_response<F: FaultDetail>(fault: &Fault<F>) -> Response {
    Response::xml(
        StatusCode::INTERNAL_SERVER_ERROR,
        envelope::encode_fault(fault),
    )
}
