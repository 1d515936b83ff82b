//! One call: encode, send, read, decode, report.

use std::time::Instant;

use bytes::Bytes;
use http::header::{AUTHORIZATION, PROXY_AUTHORIZATION};
use http::HeaderMap;
use tracing::{Instrument as _, Level};

use super::error::snippet;
use super::redact::Secrets;
use super::{Client, Error, TimeoutPhase};
use crate::diag::Diagnostic;
use crate::envelope::{self, Message, SoapVersion, WriteHeader};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::fault::{Fault, FaultDetail};
use crate::transport::{Transport, TransportError, TransportRequest, TransportResponse};
use crate::value::AnyXml;
use crate::xml::{DecodeOptions, Decoded, Operation, XmlType};

/// How much of a non-SOAP error body [`Error::HttpStatus`] keeps.
const SNIPPET_BYTES: usize = 512;

impl<T: Transport> Client<T> {
    /// Calls `op` with `request`: encodes it (a value that violates its type
    /// fails here, before anything is sent), POSTs it, and decodes the
    /// response, or the SOAP fault whatever the HTTP status.
    ///
    /// The client's timeout is one deadline for the whole call: connecting,
    /// sending, receiving and decoding. A response body larger than the
    /// blocking-decode threshold
    /// ([`ClientBuilder::blocking_decode_threshold`](super::ClientBuilder::blocking_decode_threshold))
    /// is decoded on tokio's blocking pool, not on the caller's worker thread.
    ///
    /// Runs in an INFO `soap_call` span with the fields `operation`,
    /// `soap_action`, `endpoint` (never with credentials), `http_status`,
    /// `duration_ms`, `fault_code` (when the answer is a fault),
    /// `diagnostics` (how many the lenient decoder recorded) and `outcome`;
    /// it ends with a DEBUG event `soap call succeeded` or an INFO event
    /// `soap call failed` with the error. At TRACE, the request and response
    /// (headers and body) are logged with `Authorization` and
    /// `Proxy-Authorization` left out, the values of the client's redacted
    /// elements replaced by `***` and the client's secrets masked.
    pub async fn call<Req, Resp, F>(
        &self,
        op: &'static Operation,
        request: &Req,
    ) -> Result<Resp, Error<F>>
    where
        Req: XmlType,
        Resp: XmlType + Send + 'static,
        F: FaultDetail,
    {
        self.call_with_headers(op, &[], request)
            .await
            .map(|message| message.body)
    }

    /// [`call`](Self::call) with header blocks: `headers` go into the
    /// request's `Header` (in the spelling of the operation's SOAP version),
    /// and the response comes with the header blocks it carried.
    pub async fn call_with_headers<Req, Resp, F>(
        &self,
        op: &'static Operation,
        headers: &[&dyn WriteHeader],
        request: &Req,
    ) -> Result<Message<Resp>, Error<F>>
    where
        Req: XmlType,
        Resp: XmlType + Send + 'static,
        F: FaultDetail,
    {
        let span = tracing::info_span!(
            "soap_call",
            operation = op.name,
            soap_action = op.soap_action,
            endpoint = %self.config.endpoint_label,
            http_status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            fault_code = tracing::field::Empty,
            diagnostics = tracing::field::Empty,
            outcome = tracing::field::Empty,
        );
        let started = Instant::now();
        let exchange = self.exchange(op, headers, request);
        let result = match self.config.timeout {
            Some(limit) => tokio::time::timeout(limit, exchange)
                .instrument(span.clone())
                .await
                .unwrap_or_else(|_| {
                    Err(Error::Timeout {
                        phase: TimeoutPhase::Call,
                        endpoint: self.config.endpoint_label.clone(),
                    })
                }),
            None => exchange.instrument(span.clone()).await,
        };
        span.record("duration_ms", started.elapsed().as_secs_f64() * 1000.0);
        span.record("outcome", outcome(&result));
        match &result {
            Ok(_) => tracing::debug!(parent: &span, "soap call succeeded"),
            Err(error) => {
                let error = self.config.secrets.scrub(&error.to_string());
                tracing::info!(parent: &span, %error, "soap call failed");
            }
        }
        result
    }

    async fn exchange<Req, Resp, F>(
        &self,
        op: &'static Operation,
        headers: &[&dyn WriteHeader],
        request: &Req,
    ) -> Result<Message<Resp>, Error<F>>
    where
        Req: XmlType,
        Resp: XmlType + Send + 'static,
        F: FaultDetail,
    {
        let defaults = self.config.default_headers.for_call(op, headers);
        let mut all: Vec<&dyn WriteHeader> = headers.to_vec();
        all.extend(defaults.iter().map(AsRef::as_ref));
        let secrets: Vec<String> = all.iter().flat_map(|h| h.secrets()).collect();
        let body = Bytes::from(envelope::encode_request(op, &all, request).map_err(Error::Encode)?);
        let request = self.transport_request(op, body.clone())?;
        if tracing::enabled!(Level::TRACE) {
            let redacted = self.config.redactions.redact(&request.body);
            tracing::trace!(
                headers = %loggable(&request.headers),
                body = %self.config.secrets.with(secrets.clone()).scrub(&redacted),
                "soap request"
            );
        }
        let response = self.transport.send(request).await?;
        let span = tracing::Span::current();
        span.record("http_status", response.status.as_u16());
        if tracing::enabled!(Level::TRACE) {
            tracing::trace!(
                status = response.status.as_u16(),
                headers = %loggable(&response.headers),
                body = %self.call_secrets(&body, &secrets).scrub(&self.config.redactions.redact(&response.body)),
                "soap response"
            );
        }
        let options = self.decode_options();
        let decoded = if response.body.len() > self.config.blocking_decode_threshold {
            match tokio::task::spawn_blocking(move || decode::<Resp, F>(op, response, &options))
                .await
            {
                Ok(decoded) => decoded,
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                Err(e) => return Err(Error::Transport(TransportError::Other(Box::new(e)))),
            }
        } else {
            decode(op, response, &options)
        };
        if let Decoding::Answer(answer) = &decoded {
            span.record("diagnostics", answer.diagnostics.len());
            if let Err(fault) = &answer.value.body {
                span.record("fault_code", fault_code(fault).as_str());
            }
        }
        self.interpret(op, decoded, &body, &secrets)
    }

    /// This client's secrets, those of the call's header blocks and the
    /// redacted values of `request`, in case the server echoes them.
    fn call_secrets(&self, request: &[u8], headers: &[String]) -> Secrets {
        let values = self.config.redactions.values(request);
        self.config
            .secrets
            .with(values.into_iter().chain(headers.iter().cloned()))
    }

    fn transport_request(
        &self,
        op: &Operation,
        body: Bytes,
    ) -> Result<TransportRequest, TransportError> {
        let mut headers = self.config.headers.clone();
        op.version
            .set_request_headers(op.soap_action, &mut headers)
            .map_err(|_| TransportError::InvalidRequest {
                endpoint: self.config.endpoint_label.clone(),
                reason: format!(
                    "the SOAP action of operation {} is not a valid header value",
                    op.name
                ),
            })?;
        Ok(TransportRequest {
            endpoint: self.config.endpoint.clone(),
            headers,
            body,
            max_response_bytes: self.config.max_response_bytes,
        })
    }

    /// The call's result; text the server sent back (a fault's strings, an
    /// error page) has the [`call_secrets`](Self::call_secrets) masked.
    fn interpret<Resp, F>(
        &self,
        op: &'static Operation,
        decoded: Decoding<Resp, F>,
        request: &[u8],
        header_secrets: &[String],
    ) -> Result<Message<Resp>, Error<F>> {
        let secrets = || self.call_secrets(request, header_secrets);
        match decoded {
            Decoding::Answer(decoded) => {
                self.report(op, &decoded.diagnostics);
                let Message { body, headers } = decoded.value;
                body.map(|body| Message { body, headers })
                    .map_err(|mut fault| {
                        let secrets = secrets();
                        if !secrets.is_empty() {
                            fault.string = secrets.scrub(&fault.string);
                            fault.actor = fault.actor.map(|actor| secrets.scrub(&actor));
                            fault.raw_detail =
                                fault.raw_detail.map(|raw| AnyXml(secrets.scrub(&raw.0)));
                        }
                        Error::Fault(Box::new(fault))
                    })
            }
            Decoding::Failed(error) => Err(Error::Decode(scrub_decode_error(error, &secrets()))),
            Decoding::NotSoap(response, error) => {
                if let Some(error) = error {
                    let error = scrub_decode_error(error, &secrets());
                    tracing::debug!(status = %response.status, %error, "error body is not a SOAP fault");
                }
                Err(Error::HttpStatus {
                    status: response.status,
                    content_type: response.content_type().map(str::to_owned),
                    // Masked before the cut, so that no part of a secret straddling it shows.
                    snippet: snippet(
                        secrets()
                            .scrub(&snippet(&response.body, 8 * SNIPPET_BYTES))
                            .as_bytes(),
                        SNIPPET_BYTES,
                    ),
                })
            }
        }
    }

    fn decode_options(&self) -> DecodeOptions {
        DecodeOptions {
            strict: self.config.strict,
            max_size: self.config.max_response_bytes,
            ..DecodeOptions::default()
        }
    }

    pub(super) fn report(&self, op: &Operation, diagnostics: &[Diagnostic]) {
        if diagnostics.is_empty() {
            return;
        }
        for diagnostic in diagnostics {
            let diagnostic = self.config.secrets.scrub(&diagnostic.to_string());
            tracing::warn!(operation = op.name, %diagnostic, "tolerated in response");
        }
        if let Some(hook) = &self.config.on_diagnostics {
            hook(op, diagnostics);
        }
    }
}

/// What decoding a response gave, before the client interprets it.
enum Decoding<Resp, F> {
    /// The response or a fault (from any status), with the header blocks.
    Answer(Decoded<Message<Result<Resp, Fault<F>>>>),
    /// A 2xx that is not a readable envelope for the operation.
    Failed(DecodeError),
    /// A non-2xx that holds no fault (and why, when it looked like XML).
    NotSoap(TransportResponse, Option<DecodeError>),
}

/// A 2xx must hold the response (or a fault); any other status may hold
/// a fault, and is otherwise [`Decoding::NotSoap`]. Runs on the blocking
/// pool for large bodies, so it touches nothing of the client.
fn decode<Resp: XmlType, F: FaultDetail>(
    op: &'static Operation,
    response: TransportResponse,
    options: &DecodeOptions,
) -> Decoding<Resp, F> {
    if response.status.is_success() {
        return match envelope::decode_response_message::<Resp, F>(op, &response.body, options) {
            Ok(decoded) => Decoding::Answer(decoded),
            Err(error) => Decoding::Failed(error),
        };
    }
    if !may_be_soap(&response) {
        return Decoding::NotSoap(response, None);
    }
    match envelope::decode_response_message::<Resp, F>(op, &response.body, options) {
        Ok(decoded) if decoded.value.body.is_err() => Decoding::Answer(decoded),
        Ok(_) => Decoding::NotSoap(response, None),
        Err(error) => Decoding::NotSoap(response, Some(error)),
    }
}

/// Whether an error body is worth decoding as a fault: it starts with `<`
/// (whatever the content type says: some servers label faults `text/html`).
fn may_be_soap(response: &TransportResponse) -> bool {
    let body = response
        .body
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&response.body);
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

/// `error` with the texts it quotes from the response masked.
pub(super) fn scrub_decode_error(mut error: DecodeError, secrets: &Secrets) -> DecodeError {
    match &mut error.kind {
        DecodeErrorKind::Syntax(text) => *text = secrets.scrub(text),
        DecodeErrorKind::InvalidValue(value) => value.text = secrets.scrub(&value.text),
        DecodeErrorKind::Facet(facet) => facet.value = secrets.scrub(&facet.value),
        _ => {}
    }
    error
}

/// Headers for a TRACE log, credentials left out.
fn loggable(headers: &HeaderMap) -> String {
    let mut out = String::new();
    for (name, value) in headers {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(name.as_str());
        out.push_str(": ");
        if value.is_sensitive() || name == AUTHORIZATION || name == PROXY_AUTHORIZATION {
            out.push_str("<redacted>");
        } else {
            out.push_str(&String::from_utf8_lossy(value.as_bytes()));
        }
    }
    out
}

/// The fault code for the span: the local name for the standard SOAP codes.
fn fault_code<F>(fault: &Fault<F>) -> String {
    match fault
        .code
        .namespace
        .as_deref()
        .and_then(SoapVersion::from_namespace)
    {
        Some(_) => fault.code.local.clone(),
        None => fault.code.to_string(),
    }
}

fn outcome<R, F>(result: &Result<R, Error<F>>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(Error::Transport(_)) => "transport_error",
        Err(Error::Timeout { .. }) => "timeout",
        Err(Error::ResponseTooLarge { .. }) => "response_too_large",
        Err(Error::HttpStatus { .. }) => "http_status",
        Err(Error::Decode(_)) => "decode_error",
        Err(Error::Encode(_)) => "encode_error",
        Err(Error::Fault(_)) => "fault",
    }
}
