//! One call: encode, send, read, decode, report.

use std::time::Instant;

use bytes::Bytes;
use http::HeaderValue;
use tracing::Instrument as _;

use super::error::snippet;
use super::{Client, Error, TimeoutPhase};
use crate::diag::Diagnostic;
use crate::envelope;
use crate::fault::FaultDetail;
use crate::transport::{Transport, TransportError, TransportRequest, TransportResponse};
use crate::xml::{DecodeOptions, Operation, XmlType};

/// How much of a non-SOAP error body [`Error::HttpStatus`] keeps.
const SNIPPET_BYTES: usize = 512;

impl<T: Transport> Client<T> {
    /// Calls `op` with `request`: encodes it (a value that violates its type
    /// fails here, before anything is sent), POSTs it, and decodes the
    /// response, or the SOAP fault whatever the HTTP status.
    ///
    /// Runs in a `soap_call` tracing span with the operation, the endpoint
    /// and, on completion, `elapsed_ms` and `outcome`.
    pub async fn call<Req, Resp, F>(
        &self,
        op: &'static Operation,
        request: &Req,
    ) -> Result<Resp, Error<F>>
    where
        Req: XmlType,
        Resp: XmlType,
        F: FaultDetail,
    {
        let span = tracing::info_span!(
            "soap_call",
            operation = op.name,
            endpoint = %self.config.endpoint_label,
            elapsed_ms = tracing::field::Empty,
            outcome = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self.exchange(op, request).instrument(span.clone()).await;
        span.record("elapsed_ms", started.elapsed().as_secs_f64() * 1000.0);
        span.record("outcome", outcome(&result));
        result
    }

    async fn exchange<Req, Resp, F>(
        &self,
        op: &'static Operation,
        request: &Req,
    ) -> Result<Resp, Error<F>>
    where
        Req: XmlType,
        Resp: XmlType,
        F: FaultDetail,
    {
        let body = envelope::encode_request(op, request).map_err(Error::Encode)?;
        let request = self.transport_request(op, Bytes::from(body))?;
        let send = self.transport.send(request);
        let response = match self.config.timeout {
            Some(limit) => tokio::time::timeout(limit, send)
                .await
                .map_err(|_| Error::Timeout {
                    phase: TimeoutPhase::Call,
                    endpoint: self.config.endpoint_label.clone(),
                })?,
            None => send.await,
        }?;
        self.interpret(op, response)
    }

    fn transport_request(
        &self,
        op: &Operation,
        body: Bytes,
    ) -> Result<TransportRequest, TransportError> {
        let mut headers = self.config.headers.clone();
        let action = HeaderValue::from_str(&format!("\"{}\"", op.soap_action)).map_err(|_| {
            TransportError::InvalidRequest {
                endpoint: self.config.endpoint_label.clone(),
                reason: format!(
                    "SOAPAction of operation {} is not a valid header value",
                    op.name
                ),
            }
        })?;
        headers.insert("soapaction", action);
        Ok(TransportRequest {
            endpoint: self.config.endpoint.clone(),
            headers,
            body,
            max_response_bytes: self.config.max_response_bytes,
        })
    }

    /// A 2xx must hold the response (or a fault); any other status may hold
    /// a fault, and is otherwise an [`Error::HttpStatus`].
    fn interpret<Resp, F>(
        &self,
        op: &'static Operation,
        response: TransportResponse,
    ) -> Result<Resp, Error<F>>
    where
        Resp: XmlType,
        F: FaultDetail,
    {
        let options = self.decode_options();
        if response.status.is_success() {
            let decoded = envelope::decode_response::<Resp, F>(op, &response.body, &options)
                .map_err(Error::Decode)?;
            self.report(op, &decoded.diagnostics);
            return decoded.value.map_err(Error::Fault);
        }
        if may_be_soap(&response) {
            match envelope::decode_response::<Resp, F>(op, &response.body, &options) {
                Ok(decoded) => {
                    if let Err(fault) = decoded.value {
                        self.report(op, &decoded.diagnostics);
                        return Err(Error::Fault(fault));
                    }
                }
                Err(error) => {
                    tracing::debug!(status = %response.status, %error, "error body is not a SOAP fault")
                }
            }
        }
        Err(Error::HttpStatus {
            status: response.status,
            content_type: response.content_type().map(str::to_owned),
            snippet: snippet(&response.body, SNIPPET_BYTES),
        })
    }

    fn decode_options(&self) -> DecodeOptions {
        DecodeOptions {
            strict: self.config.strict,
            max_size: self.config.max_response_bytes,
            ..DecodeOptions::default()
        }
    }

    fn report(&self, op: &Operation, diagnostics: &[Diagnostic]) {
        if diagnostics.is_empty() {
            return;
        }
        for diagnostic in diagnostics {
            tracing::warn!(operation = op.name, %diagnostic, "tolerated in response");
        }
        if let Some(hook) = &self.config.on_diagnostics {
            hook(op, diagnostics);
        }
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
