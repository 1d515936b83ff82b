//! What the generator read but cannot express: reported per construct, with
//! its place, never silently dropped. [`Config::generate_report`](crate::Config::generate_report)
//! returns them, `soapgen generate` prints them, `soapgen inspect` lists them,
//! and [`Config::generate`](crate::Config::generate) in a build script prints
//! each as `cargo:warning=`.

use crate::resolve::Location;

/// One construct the generated code leaves out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
#[error("{location}: warning: {kind}")]
pub struct Warning {
    /// What is left out.
    pub kind: WarningKind,
    /// Where it is declared.
    pub location: Location,
}

/// What a [`Warning`] is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
#[non_exhaustive]
pub enum WarningKind {
    /// A `soap:header` part declared with `type=` instead of `element=`: it
    /// has no element to send, so no generated call sends or reads it.
    #[error("{direction} header part `{part}` of message `{message}` (operation `{operation}`) has a type, not an element: calls do not carry it")]
    HeaderDropped {
        /// The operation.
        operation: String,
        /// `input` or `output`.
        direction: &'static str,
        /// The header's message, `{namespace}local`.
        message: String,
        /// The part.
        part: String,
    },
    /// A port that is not bound with SOAP 1.1 or 1.2 (HTTP GET/POST...), skipped.
    #[error("port `{port}` of service `{service}` ({protocol}) is skipped: only SOAP 1.1 and 1.2 ports are generated")]
    PortSkipped {
        /// The service.
        service: String,
        /// The port.
        port: String,
        /// `not SOAP`.
        protocol: &'static str,
    },
}
