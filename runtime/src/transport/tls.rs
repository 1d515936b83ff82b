//! The rustls client configuration: webpki roots plus extra trusted roots.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

/// Why the TLS configuration could not be built.
#[derive(Debug, thiserror::Error)]
pub enum TlsConfigError {
    /// An extra root certificate is not a valid DER X.509 certificate.
    #[error("extra root certificate #{index} is not a valid certificate")]
    InvalidRootCertificate {
        /// Position among the added root certificates (0-based).
        index: usize,
        /// What rustls said.
        #[source]
        source: rustls::Error,
    },
    /// rustls refused the protocol versions with the ring provider.
    #[error("cannot configure TLS")]
    Protocol(#[source] rustls::Error),
}

/// A client configuration that verifies certificates against the webpki
/// (Mozilla) roots and `extra_roots`, using the ring provider explicitly so
/// no process-wide default provider is needed.
pub(crate) fn client_config(
    extra_roots: &[CertificateDer<'static>],
) -> Result<ClientConfig, TlsConfigError> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for (index, der) in extra_roots.iter().enumerate() {
        roots
            .add(der.clone())
            .map_err(|source| TlsConfigError::InvalidRootCertificate { index, source })?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(TlsConfigError::Protocol)?
        .with_root_certificates(roots)
        .with_no_client_auth())
}
