//! [`SoapVersion`]: everything that differs between SOAP 1.1 and SOAP 1.2,
//! asked of one descriptor instead of tested for at every use.

use http::header::{HeaderName, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, StatusCode};

use super::{fault11, fault12};
use crate::diag::Diagnostic;
use crate::error::DecodeError;
use crate::fault::{Fault, FaultDetail};
use crate::value::QName;
use crate::xml::{Reader, Writer};

/// The SOAP 1.1 envelope namespace (also the namespace of its standard fault codes).
pub const SOAP11_NAMESPACE: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// The SOAP 1.2 envelope namespace (also the namespace of its standard fault codes).
pub const SOAP12_NAMESPACE: &str = "http://www.w3.org/2003/05/soap-envelope";

const SOAP_ACTION: HeaderName = HeaderName::from_static("soapaction");

/// A standard fault code, whatever the version spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StandardCode {
    /// The request was wrong (1.1 `Client`, 1.2 `Sender`).
    Client,
    /// The service failed (1.1 `Server`, 1.2 `Receiver`).
    Server,
    /// The envelope is of another SOAP version.
    VersionMismatch,
    /// A header block marked `mustUnderstand` was not understood.
    MustUnderstand,
    /// 1.2 `DataEncodingUnknown` (1.1 has no such code: `Client`).
    DataEncodingUnknown,
}

/// The SOAP version of an operation (generated descriptors name it). Every
/// difference between the versions is a method here: the envelope namespace,
/// the HTTP headers of a request, the content type, the standard fault codes,
/// the HTTP status of a fault, the header block attributes and how a fault
/// is written and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SoapVersion {
    /// SOAP 1.1 (`text/xml`, `SOAPAction` header).
    #[default]
    V11,
    /// SOAP 1.2 (`application/soap+xml` with an `action` parameter).
    V12,
}

impl SoapVersion {
    /// The envelope namespace.
    pub const fn namespace(self) -> &'static str {
        match self {
            Self::V11 => SOAP11_NAMESPACE,
            Self::V12 => SOAP12_NAMESPACE,
        }
    }

    /// The version whose envelope namespace is `ns`.
    pub fn from_namespace(ns: &str) -> Option<Self> {
        [Self::V11, Self::V12]
            .into_iter()
            .find(|v| v.namespace() == ns)
    }

    /// `1.1` or `1.2`.
    pub const fn number(self) -> &'static str {
        match self {
            Self::V11 => "1.1",
            Self::V12 => "1.2",
        }
    }

    /// The `Content-Type` of a message without action (responses, faults).
    pub const fn content_type(self) -> &'static str {
        match self {
            Self::V11 => "text/xml; charset=utf-8",
            Self::V12 => "application/soap+xml; charset=utf-8",
        }
    }

    /// Sets the HTTP headers of a request for `action`: 1.1 `Content-Type:
    /// text/xml` and `SOAPAction: "action"`; 1.2 `Content-Type:
    /// application/soap+xml; charset=utf-8; action="action"` (no parameter
    /// for an empty action) and no `SOAPAction`.
    pub fn set_request_headers(
        self,
        action: &str,
        headers: &mut HeaderMap,
    ) -> Result<(), http::header::InvalidHeaderValue> {
        match self {
            Self::V11 => {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(self.content_type()));
                headers.insert(
                    SOAP_ACTION,
                    HeaderValue::from_str(&format!("\"{action}\""))?,
                );
            }
            Self::V12 => {
                let value = match action {
                    "" => HeaderValue::from_static(self.content_type()),
                    action => HeaderValue::from_str(&format!(
                        "{}; action=\"{action}\"",
                        self.content_type()
                    ))?,
                };
                headers.insert(CONTENT_TYPE, value);
                headers.remove(SOAP_ACTION);
            }
        }
        Ok(())
    }

    /// The action a request names (without quotes; `None` when absent or
    /// empty): 1.1 the `SOAPAction` header, 1.2 the `action` parameter of
    /// the content type (or, leniently, a `SOAPAction` header).
    pub fn request_action(self, headers: &HeaderMap) -> Option<&str> {
        let soap_action = || Some(unquote(headers.get(SOAP_ACTION)?.to_str().ok()?));
        let action = match self {
            Self::V11 => soap_action(),
            Self::V12 => headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| {
                    v.split(';')
                        .filter_map(|p| p.split_once('='))
                        .find(|(k, _)| k.trim().eq_ignore_ascii_case("action"))
                        .map(|(_, v)| unquote(v))
                })
                .or_else(soap_action),
        };
        action.filter(|a| !a.is_empty())
    }

    /// The code this version spells `code` with.
    pub fn code(self, code: StandardCode) -> QName {
        QName::new(self.namespace(), self.code_local(code))
    }

    const fn code_local(self, code: StandardCode) -> &'static str {
        match (self, code) {
            (Self::V11, StandardCode::Client | StandardCode::DataEncodingUnknown) => "Client",
            (Self::V11, StandardCode::Server) => "Server",
            (Self::V12, StandardCode::Client) => "Sender",
            (Self::V12, StandardCode::Server) => "Receiver",
            (Self::V12, StandardCode::DataEncodingUnknown) => "DataEncodingUnknown",
            (_, StandardCode::VersionMismatch) => "VersionMismatch",
            (_, StandardCode::MustUnderstand) => "MustUnderstand",
        }
    }

    /// The standard code `code` is, in either version's spelling (a 1.1
    /// code with a dotted suffix, `Client.Authentication`, counts as its first part).
    pub fn standard(code: &QName) -> Option<StandardCode> {
        let version = Self::from_namespace(code.namespace.as_deref()?)?;
        let local = match version {
            Self::V11 => code.local.split('.').next().unwrap_or_default(),
            Self::V12 => code.local.as_str(),
        };
        Self::standard_local(local)
    }

    /// The standard code named `local` in either version (`Server`, `Sender`...).
    pub(crate) fn standard_local(local: &str) -> Option<StandardCode> {
        Some(match local {
            "Client" | "Sender" => StandardCode::Client,
            "Server" | "Receiver" => StandardCode::Server,
            "VersionMismatch" => StandardCode::VersionMismatch,
            "MustUnderstand" => StandardCode::MustUnderstand,
            "DataEncodingUnknown" => StandardCode::DataEncodingUnknown,
            _ => return None,
        })
    }

    /// `code` as this version writes it: a standard code of either version in
    /// this version's spelling (a 1.1 dotted code keeps its suffix in 1.1),
    /// anything else as is.
    pub fn spell(self, code: &QName) -> QName {
        match Self::standard(code) {
            Some(_) if code.namespace.as_deref() == Some(self.namespace()) => code.clone(),
            Some(standard) => self.code(standard),
            None => code.clone(),
        }
    }

    /// The HTTP status of a fault with `code`: 1.1 always 500; 1.2 400 for
    /// `Sender` (and `Client`), 500 otherwise.
    pub fn fault_status(self, code: &QName) -> StatusCode {
        match (self, Self::standard(code)) {
            (Self::V12, Some(StandardCode::Client)) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The envelope attribute naming a header block's target: `actor` (1.1) or `role` (1.2).
    pub const fn role_attribute(self) -> &'static str {
        match self {
            Self::V11 => "actor",
            Self::V12 => "role",
        }
    }

    /// How `mustUnderstand` is written when true.
    pub const fn must_understand_true(self) -> &'static str {
        match self {
            Self::V11 => "1",
            Self::V12 => "true",
        }
    }

    /// Whether a header block targeted at `role` (its actor or role
    /// attribute; `None` when absent) is meant for the ultimate receiver.
    pub fn targets_receiver(self, role: Option<&str>) -> bool {
        match (self, role) {
            (_, None | Some("")) => true,
            (Self::V11, Some(role)) => role == "http://schemas.xmlsoap.org/soap/actor/next",
            (Self::V12, Some(role)) => matches!(
                role,
                "http://www.w3.org/2003/05/soap-envelope/role/next"
                    | "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver"
            ),
        }
    }
}

impl SoapVersion {
    /// Writes the children of a `Fault` element of this version.
    pub(crate) fn write_fault<F: FaultDetail>(self, w: &mut Writer, fault: &Fault<F>) {
        match self {
            Self::V11 => fault11::write(w, fault),
            Self::V12 => fault12::write(w, fault),
        }
    }

    /// Reads the children of a `Fault` element of this version (see
    /// `fault11::read` for the leniency); the diagnostics of the typed detail
    /// come separately.
    pub(crate) fn read_fault<F: FaultDetail>(
        self,
        r: &mut Reader<'_>,
    ) -> Result<(Fault<F>, Vec<Diagnostic>), DecodeError> {
        match self {
            Self::V11 => fault11::read(r),
            Self::V12 => fault12::read(r),
        }
    }
}

fn unquote(value: &str) -> &str {
    let value = value.trim();
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_headers_per_version() {
        let mut h = HeaderMap::new();
        SoapVersion::V11
            .set_request_headers("urn:a", &mut h)
            .unwrap();
        assert_eq!(h["soapaction"], "\"urn:a\"");
        assert_eq!(h[CONTENT_TYPE], "text/xml; charset=utf-8");
        assert_eq!(SoapVersion::V11.request_action(&h), Some("urn:a"));
        SoapVersion::V12
            .set_request_headers("urn:a", &mut h)
            .unwrap();
        assert!(h.get("soapaction").is_none());
        assert_eq!(
            h[CONTENT_TYPE],
            "application/soap+xml; charset=utf-8; action=\"urn:a\""
        );
        assert_eq!(SoapVersion::V12.request_action(&h), Some("urn:a"));
        SoapVersion::V12.set_request_headers("", &mut h).unwrap();
        assert_eq!(h[CONTENT_TYPE], "application/soap+xml; charset=utf-8");
        assert_eq!(SoapVersion::V12.request_action(&h), None);
    }

    #[test]
    fn codes_are_spelled_per_version() {
        let server11 = SoapVersion::V11.code(StandardCode::Server);
        let sender12 = SoapVersion::V12.code(StandardCode::Client);
        assert_eq!(sender12, QName::new(SOAP12_NAMESPACE, "Sender"));
        assert_eq!(
            SoapVersion::V12.spell(&server11),
            QName::new(SOAP12_NAMESPACE, "Receiver")
        );
        assert_eq!(
            SoapVersion::V11.spell(&sender12),
            QName::new(SOAP11_NAMESPACE, "Client")
        );
        let dotted = QName::new(SOAP11_NAMESPACE, "Client.Auth");
        assert_eq!(SoapVersion::V11.spell(&dotted), dotted);
        assert_eq!(
            SoapVersion::V12.fault_status(&dotted),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            SoapVersion::V11.fault_status(&sender12),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        let custom = QName::new("urn:x", "Busy");
        assert_eq!(SoapVersion::V12.spell(&custom), custom);
    }
}
