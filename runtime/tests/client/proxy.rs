//! HTTP(S) through a proxy on loopback: a tiny proxy in the test tunnels
//! `CONNECT` and forwards absolute-form requests, checking
//! `Proxy-Authorization`; `NO_PROXY` rules bypass it; proxy credentials never
//! show in `Debug` or errors.

use crate::handwritten;
use crate::server_support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use handwritten::msg::GetOrder;
use handwritten::shop::{ShopServiceClient, ShopServiceServer};
use handwritten::types::Id;
use http::HeaderMap;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use server_support::{order, Guarded, Shop, ShopServer, SHOP_PATH};
use soap_runtime::client::BuildError;
use soap_runtime::server::{Router, Server, ServerHandle};
use soap_runtime::transport::{Proxy, TransportError};
use soap_runtime::{ClientBuilder, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const PROXY_USER: &str = "proxy-user";
const PROXY_PASSWORD: &str = "pr0xy/p#ss";

fn proxy_token() -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{PROXY_USER}:{PROXY_PASSWORD}"))
}

/// What the proxy saw.
#[derive(Default, Debug)]
struct Seen {
    /// `CONNECT host:port` targets.
    tunnels: Vec<String>,
    /// Request lines of forwarded plain-HTTP requests.
    forwarded: Vec<String>,
    /// Requests refused with 407.
    refused: usize,
}

/// A CONNECT / forwarding proxy on loopback that wants `Basic <proxy_token()>`.
struct TestProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Seen>>,
}

impl TestProxy {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let log = seen.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(serve(client, log.clone()));
            }
        });
        Self { addr, seen }
    }

    fn url(&self, user_info: &str) -> String {
        format!("http://{user_info}{}", self.addr)
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap()
    }
}

/// Reads up to the end of the request head (at most 64 KiB); returns the
/// head and whatever came after it.
async fn read_head(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while buf.len() < 64 * 1024 {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buf.split_off(end + 4);
            return Some((String::from_utf8_lossy(&buf).into_owned(), rest));
        }
    }
    None
}

async fn serve(mut client: TcpStream, seen: Arc<Mutex<Seen>>) {
    let Some((head, rest)) = read_head(&mut client).await else {
        return;
    };
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let authorized = lines
        .clone()
        .any(|l| l.eq_ignore_ascii_case(&format!("proxy-authorization: Basic {}", proxy_token())));
    if !authorized {
        seen.lock().unwrap().refused += 1;
        // Echoes what it got, as careless proxies do.
        let got = lines
            .clone()
            .find(|l| l.to_ascii_lowercase().starts_with("proxy-authorization:"))
            .unwrap_or("nothing");
        let body = format!("proxy authentication required, got {got}");
        let _ = client
            .write_all(
                format!(
                    "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            )
            .await;
        return;
    }
    let mut parts = request_line.split(' ');
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    if method == "CONNECT" {
        seen.lock().unwrap().tunnels.push(target.to_owned());
        let Ok(mut upstream) = TcpStream::connect(target).await else {
            return;
        };
        let _ = client
            .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            .await;
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
        return;
    }
    // Absolute form: http://host:port/path.
    seen.lock().unwrap().forwarded.push(request_line.clone());
    let Some(after_scheme) = target.strip_prefix("http://") else {
        return;
    };
    let (authority, path) = after_scheme.find('/').map_or((after_scheme, "/"), |i| {
        (&after_scheme[..i], &after_scheme[i..])
    });
    let Ok(mut upstream) = TcpStream::connect(authority).await else {
        return;
    };
    let mut forwarded = format!("{method} {path} HTTP/1.1\r\n");
    for line in lines.filter(|l| !l.is_empty()) {
        if !line
            .to_ascii_lowercase()
            .starts_with("proxy-authorization:")
        {
            forwarded.push_str(line);
            forwarded.push_str("\r\n");
        }
    }
    forwarded.push_str("\r\n");
    if upstream.write_all(forwarded.as_bytes()).await.is_err()
        || upstream.write_all(&rest).await.is_err()
    {
        return;
    }
    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
}

/// An HTTPS shop on loopback with a certificate made here; records request headers.
struct TlsShop {
    handle: ServerHandle,
    certificate: CertificateDer<'static>,
    seen: Arc<Mutex<Vec<HeaderMap>>>,
}

impl TlsShop {
    async fn start() -> Self {
        let rcgen::CertifiedKey { cert, key_pair } =
            rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
        let certificate = cert.der().clone();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key_pair.serialize_der()));
        let config = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![certificate.clone()], key)
            .unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let guarded = Guarded {
            inner: ShopServiceServer::new(Shop),
            basic: None,
            seen: seen.clone(),
        };
        let router = Router::new().mount(SHOP_PATH, guarded);
        let handle = Server::bind("127.0.0.1:0")
            .await
            .unwrap()
            .serve_tls(router, Arc::new(config));
        Self {
            handle,
            certificate,
            seen,
        }
    }

    fn endpoint(&self) -> String {
        format!("{}{SHOP_PATH}", self.handle.url())
    }
}

fn get(id: &str) -> GetOrder {
    GetOrder {
        order_id: Id::new(id).unwrap(),
    }
}

fn with_credentials() -> String {
    format!("{PROXY_USER}:pr0xy%2Fp%23ss@")
}

fn assert_no_proxy_secret(text: &str) {
    assert!(!text.contains(PROXY_PASSWORD), "{text}");
    assert!(!text.contains("pr0xy%2Fp%23ss"), "{text}");
    assert!(!text.contains(&proxy_token()), "{text}");
}

#[tokio::test]
async fn https_goes_through_a_connect_tunnel() {
    let proxy = TestProxy::start().await;
    let shop = TlsShop::start().await;
    let client = ShopServiceClient::new(
        ClientBuilder::new(shop.endpoint())
            .add_root_certificate(shop.certificate.to_vec())
            .proxy(proxy.url(&with_credentials()))
            .build()
            .unwrap(),
    );

    assert_eq!(client.get_order(&get("o-1")).await.unwrap(), order("o-1"));
    assert_eq!(client.get_order(&get("o-2")).await.unwrap(), order("o-2"));
    let target = shop.handle.url().replacen("https://", "", 1);
    // One tunnel, kept alive for both calls.
    assert_eq!(proxy.seen().tunnels, [target]);
    assert_eq!(proxy.seen().refused, 0);
    // Inside the tunnel the service gets no proxy credentials.
    let seen = shop.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|h| h.get("proxy-authorization").is_none()));
    assert_no_proxy_secret(&format!("{client:?}"));
    shop.handle.shutdown().await;
}

#[tokio::test]
async fn plain_http_is_forwarded_in_absolute_form() {
    let proxy = TestProxy::start().await;
    let shop = ShopServer::start(None).await;
    let client = ShopServiceClient::new(
        ClientBuilder::new(shop.endpoint())
            .proxy(proxy.url(&with_credentials()))
            .build()
            .unwrap(),
    );

    assert_eq!(client.get_order(&get("o-1")).await.unwrap(), order("o-1"));
    assert_eq!(
        proxy.seen().forwarded,
        [format!("POST {} HTTP/1.1", shop.endpoint())]
    );
    assert!(proxy.seen().tunnels.is_empty());
    shop.handle.shutdown().await;
}

#[tokio::test]
async fn wrong_proxy_credentials_fail_without_showing_them() {
    let proxy = TestProxy::start().await;
    let shop = TlsShop::start().await;
    let wrong = format!("{PROXY_USER}:{}@", "wrong%2Fpass");
    let tunnelled = ShopServiceClient::new(
        ClientBuilder::new(shop.endpoint())
            .add_root_certificate(shop.certificate.to_vec())
            .proxy(proxy.url(&wrong))
            .build()
            .unwrap(),
    );
    let err = tunnelled.get_order(&get("o-1")).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport(TransportError::Connect { .. })),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("proxy authorization required"),
        "{err}"
    );
    for text in [
        err.to_string(),
        format!("{err:?}"),
        format!("{tunnelled:?}"),
    ] {
        assert!(!text.contains("wrong"), "{text}");
    }

    let plain_shop = ShopServer::start(None).await;
    let forwarded = ShopServiceClient::new(
        ClientBuilder::new(plain_shop.endpoint())
            .proxy(proxy.url(&wrong))
            .build()
            .unwrap(),
    );
    match forwarded.get_order(&get("o-1")).await.unwrap_err() {
        Error::HttpStatus {
            status, snippet, ..
        } => {
            assert_eq!(status, http::StatusCode::PROXY_AUTHENTICATION_REQUIRED);
            assert_eq!(
                snippet,
                "proxy authentication required, got proxy-authorization: Basic ***"
            );
        }
        other => panic!("expected 407, got {other:?}"),
    }
    assert_eq!(proxy.seen().refused, 2);
    shop.handle.shutdown().await;
    plain_shop.handle.shutdown().await;
}

#[tokio::test]
async fn no_proxy_rules_bypass_the_proxy() {
    let proxy = TestProxy::start().await;
    let shop = ShopServer::start(None).await;
    let url = proxy.url(&with_credentials());

    // As HTTP_PROXY=<url> NO_PROXY=localhost,127.0.0.0/8 would say.
    let bypassing = ShopServiceClient::new(
        ClientBuilder::new(shop.endpoint())
            .proxy_config(Proxy::rules(&url, &url, "localhost, 127.0.0.0/8"))
            .build()
            .unwrap(),
    );
    bypassing.get_order(&get("o-1")).await.unwrap();
    assert!(proxy.seen().forwarded.is_empty());

    // Without the NO_PROXY entry the same rules use the proxy.
    let proxied = ShopServiceClient::new(
        ClientBuilder::new(shop.endpoint())
            .proxy_config(Proxy::rules(&url, "", "example.com"))
            .build()
            .unwrap(),
    );
    proxied.get_order(&get("o-1")).await.unwrap();
    assert_eq!(proxy.seen().forwarded.len(), 1);
    assert_no_proxy_secret(&format!("{proxied:?}"));

    // And `no_proxy` connects directly whatever the rules.
    let direct = ShopServiceClient::new(
        ClientBuilder::new(shop.endpoint())
            .proxy_config(Proxy::rules(&url, &url, ""))
            .no_proxy()
            .build()
            .unwrap(),
    );
    direct.get_order(&get("o-1")).await.unwrap();
    assert_eq!(proxy.seen().forwarded.len(), 1);
    shop.handle.shutdown().await;
}

#[test]
fn proxy_urls_are_checked_and_their_credentials_hidden() {
    let builder = ClientBuilder::new("https://127.0.0.1/ws")
        .proxy(format!("http://u:{PROXY_PASSWORD}@proxy:3128"));
    assert_no_proxy_secret(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_no_proxy_secret(&format!("{client:?} {:?}", client.transport()));
    assert_eq!(
        client
            .transport()
            .proxy()
            .proxy_for(client.endpoint())
            .map(|u| u.to_string()),
        Some("http://proxy:3128/".to_owned())
    );

    for bad in [
        format!("socks5://u:{PROXY_PASSWORD}@proxy:1080"),
        format!("http://u:{PROXY_PASSWORD}@"),
    ] {
        let err = ClientBuilder::new("https://127.0.0.1/ws")
            .proxy(bad.clone())
            .build()
            .unwrap_err();
        assert!(matches!(err, BuildError::Proxy(_)), "{bad}: {err:?}");
        assert_no_proxy_secret(&format!("{err} {err:?}"));
    }
}
