//! The rustls client configuration: webpki roots plus extra trusted roots.

use rustls::crypto::CryptoProvider;
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
/// (Mozilla) roots and `extra_roots`, with the process-wide default crypto
/// provider when the application installed one, else the provider of rustls's
/// crate features (ring, the only one this crate enables; an application that
/// also enables aws-lc-rs must install a default, as rustls requires).
/// `rustls::crypto::ring::default_provider` is deprecated since rustls 0.23.48.
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
    let builder = match CryptoProvider::get_default() {
        Some(provider) => ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(TlsConfigError::Protocol)?,
        None => ClientConfig::builder(),
    };
    Ok(builder.with_root_certificates(roots).with_no_client_auth())
}
