//! HTTPS on loopback with a certificate made at test time: refused by
//! default, accepted once its root is added.

use crate::handwritten;
use crate::server_support;

use std::sync::Arc;

use handwritten::msg::GetOrder;
use handwritten::shop::{ShopServiceClient, ShopServiceServer};
use handwritten::types::Id;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use server_support::{order, Shop, SHOP_PATH};
use soap_runtime::server::{Router, Server, ServerHandle};
use soap_runtime::transport::TransportError;
use soap_runtime::{ClientBuilder, Error};

struct TlsShop {
    handle: ServerHandle,
    certificate: CertificateDer<'static>,
}

impl TlsShop {
    async fn start() -> Self {
        let rcgen::CertifiedKey { cert, key_pair } = rcgen::generate_simple_self_signed(vec![
            "127.0.0.1".to_owned(),
            "localhost".to_owned(),
        ])
        .expect("self-signed certificate");
        let certificate = cert.der().clone();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key_pair.serialize_der()));
        // The crate-feature provider (ring, the only one enabled).
        let config = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![certificate.clone()], key)
            .expect("server certificate");
        let router = Router::new().mount(SHOP_PATH, ShopServiceServer::new(Shop));
        let handle = Server::bind("127.0.0.1:0")
            .await
            .expect("bind loopback")
            .serve_tls(router, Arc::new(config));
        Self {
            handle,
            certificate,
        }
    }

    fn endpoint(&self) -> String {
        format!("{}{SHOP_PATH}", self.handle.url())
    }
}

fn get(id: &str) -> GetOrder {
    GetOrder {
        order_id: Id::new(id).expect("valid id"),
    }
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused_by_default() {
    let server = TlsShop::start().await;
    assert!(server.endpoint().starts_with("https://"));
    let client = ShopServiceClient::new(
        ClientBuilder::new(server.endpoint())
            .build()
            .expect("client"),
    );

    let err = client.get_order(&get("o-1")).await.expect_err("untrusted");
    assert!(
        matches!(err, Error::Transport(TransportError::Tls { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("certificate"), "{err}");
    server.handle.shutdown().await;
}

#[tokio::test]
async fn an_added_root_certificate_is_trusted() {
    let server = TlsShop::start().await;
    let client = ShopServiceClient::new(
        ClientBuilder::new(server.endpoint())
            .add_root_certificate(server.certificate.to_vec())
            .build()
            .expect("client"),
    );

    assert_eq!(
        client.get_order(&get("o-1")).await.expect("trusted"),
        order("o-1")
    );
    server.handle.shutdown().await;
}

#[tokio::test]
async fn plain_http_to_a_tls_server_fails_cleanly() {
    let server = TlsShop::start().await;
    let plain = server.endpoint().replacen("https://", "http://", 1);
    let client = ShopServiceClient::new(
        ClientBuilder::new(plain)
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .expect("client"),
    );

    let err = client.get_order(&get("o-1")).await.expect_err("not TLS");
    assert!(
        matches!(
            err,
            Error::Transport(_) | Error::HttpStatus { .. } | Error::Decode(_)
        ),
        "{err:?}"
    );
    server.handle.shutdown().await;
}

#[test]
fn a_garbage_root_certificate_is_a_build_error() {
    let err = ClientBuilder::new("https://127.0.0.1/ws")
        .add_root_certificate(b"not a certificate".to_vec())
        .build()
        .expect_err("invalid root");
    assert!(
        matches!(err, soap_runtime::client::BuildError::Tls(_)),
        "{err:?}"
    );
}
