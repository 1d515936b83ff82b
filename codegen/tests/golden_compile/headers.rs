//! The `headers` case: its example (a request envelope with header blocks)
//! read into the typed header set and written back, and a generated client
//! and server exchanging header blocks over loopback: request headers, a
//! client-wide default session header, response headers, a fault with
//! headers, `mustUnderstand` and a WS-Security UsernameToken.

use std::sync::{Arc, Mutex};

use soap_runtime::rt;
use soap_runtime::wssec;

use super::headers::h::{Quota, Session, Transaction};
use super::headers::headers::{
    Book, BookFault, BookRequestHeaders, BookResponseHeaders, BookingFault, BookingService,
    BookingServiceClient, BookingServiceServer, LogoutRequestHeaders, Ping, PingResponse, BOOK,
};

const H: &str = "urn:golden:headers:h";
const SESSION: rt::FieldName = rt::FieldName::qualified(H, "session");
const TRANSACTION: rt::FieldName = rt::FieldName::qualified(H, "transaction");
const QUOTA: rt::FieldName = rt::FieldName::qualified(H, "quota");

fn example() -> Vec<u8> {
    super::example("headers")
}

#[test]
fn example_request_headers_roundtrip() {
    let opts = rt::DecodeOptions::strict();
    let xml = example();
    let message = rt::envelope::decode_request_message::<Book>(&BOOK, &xml, &opts)
        .unwrap_or_else(|e| panic!("headers: decode: {e}"))
        .value;
    assert_eq!(
        message
            .headers
            .not_understood(rt::SoapVersion::V11, BOOK.input_headers)
            .count(),
        0,
        "the mustUnderstand block is declared"
    );
    assert_eq!(
        message
            .headers
            .not_understood(rt::SoapVersion::V11, &[])
            .count(),
        1
    );
    let read = <BookRequestHeaders as rt::SoapHeaders>::read(&message.headers).expect("headers");
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
    let headers = read.value;
    assert_eq!(
        headers,
        BookRequestHeaders {
            session: Some(Session { id: "s-42".into() }),
            transaction: Some(Transaction { id: "t-1".into() }),
            api_key: Some("key-1".into()),
        }
    );
    assert_eq!(message.body.room, "12");

    let blocks = rt::SoapHeaders::blocks(&headers);
    let blocks: Vec<&dyn rt::WriteHeader> = blocks.iter().map(AsRef::as_ref).collect();
    let encoded = rt::envelope::encode_request(&BOOK, &blocks, &message.body).expect("encodes");
    let original = String::from_utf8(xml).expect("utf-8");
    let again = String::from_utf8(encoded.clone()).expect("utf-8");
    let a = roxmltree::Document::parse(&original).expect("example parses");
    let b = roxmltree::Document::parse(&again).expect("output parses");
    // mustUnderstand is the envelope's, not the value's: the blocks are
    // compared by name and content, the Body as a whole.
    let (pa, pb) = (elements(a.root_element()), elements(b.root_element()));
    assert_eq!(pa.len(), 2, "Header and Body");
    assert_eq!(pb.len(), 2, "Header and Body: {again}");
    let (ba, bb) = (elements(pa[0]), elements(pb[0]));
    assert_eq!(ba.len(), bb.len(), "{again}");
    for (x, y) in ba.into_iter().zip(bb) {
        assert_eq!(x.tag_name(), y.tag_name());
        let (cx, cy) = (elements(x), elements(y));
        assert_eq!(cx.len(), cy.len());
        for (x, y) in cx.into_iter().zip(cy) {
            super::same_tree("headers", x, y);
        }
        assert_eq!(x.text().map(str::trim), y.text().map(str::trim));
    }
    super::same_tree("headers", pa[1], pb[1]);
    let back = rt::envelope::decode_request_message::<Book>(&BOOK, &encoded, &opts)
        .expect("re-decodes")
        .value;
    assert_eq!(back.body, message.body);
    let back = <BookRequestHeaders as rt::SoapHeaders>::read(&back.headers).expect("headers");
    assert_eq!(back.value, headers, "headers changed through encode/decode");
}

fn elements<'a, 'i>(n: roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children().filter(|c| c.is_element()).collect()
}

/// What the hotel saw of each `book` call.
#[derive(Debug, Clone, PartialEq, Default)]
struct Seen {
    session: Option<String>,
    transaction: Option<String>,
    api_key: Option<String>,
}

struct Hotel(Arc<Mutex<Vec<Seen>>>);

impl Hotel {
    fn record(&self, seen: Seen) {
        if let Ok(mut log) = self.0.lock() {
            log.push(seen);
        }
    }
}

impl BookingService for Hotel {
    async fn book(&self, _request: Book) -> Result<String, rt::Fault<BookFault>> {
        Err(rt::Fault::server("book is answered with headers"))
    }

    async fn book_with_headers(
        &self,
        request: Book,
        headers: BookRequestHeaders,
    ) -> Result<(String, BookResponseHeaders), rt::Fault<BookFault>> {
        let seen = Seen {
            session: headers.session.map(|s| s.id),
            transaction: headers.transaction.map(|t| t.id),
            api_key: headers.api_key,
        };
        self.record(seen.clone());
        let quota = BookResponseHeaders {
            quota: Some(Quota {
                remaining: 9,
                period: Some("day".into()),
            }),
        };
        let Some(session) = seen.session else {
            return Err(rt::Fault::client("log in first"));
        };
        if request.nights <= 0 {
            let fault = rt::Fault::client("no nights")
                .with_detail(BookFault::BookingFault(BookingFault {
                    reason: "nights must be positive".into(),
                }))
                .with_headers(&quota)
                .map_err(|e| rt::Fault::server(e.to_string()))?;
            return Err(fault);
        }
        Ok((format!("{session}/{}", request.room), quota))
    }

    async fn ping(&self, _request: Ping) -> Result<PingResponse, rt::Fault<rt::NoFault>> {
        Ok(PingResponse {
            at: "2026-12-07T12:00:00Z".parse().expect("dateTime"),
            zone: Some("UTC".into()),
        })
    }

    async fn logout(&self) -> Result<(), rt::Fault<rt::NoFault>> {
        Err(rt::Fault::server("logout is answered with headers"))
    }

    async fn logout_with_headers(
        &self,
        headers: LogoutRequestHeaders,
    ) -> Result<(), rt::Fault<rt::NoFault>> {
        self.record(Seen {
            session: headers.session.map(|s| s.id),
            transaction: Some("logout".into()),
            api_key: None,
        });
        Ok(())
    }
}

/// A layer in front of the generated server that checks a `wsse:Security`
/// UsernameToken (digest of password `secret` for user `clerk`).
struct Guard<D>(D);

impl<D> Guard<D> {
    fn check(headers: &rt::ReceivedHeaders) -> Result<(), String> {
        let token = wssec::ReceivedUsernameToken::read(headers)
            .map_err(|e| e.to_string())?
            .ok_or("no wsse:Security block")?;
        if token.username() != "clerk" || !token.verify("secret") {
            return Err(format!("bad credentials for {}", token.username()));
        }
        Ok(())
    }
}

impl<D: rt::server::Dispatch> rt::server::Dispatch for Guard<D> {
    fn operations(&self) -> &'static [&'static rt::Operation] {
        self.0.operations()
    }
    fn dispatch(
        &self,
        index: usize,
        request: rt::server::Request,
    ) -> rt::BoxFuture<'_, rt::server::Response> {
        match Self::check(request.soap_headers()) {
            Ok(()) => self.0.dispatch(index, request),
            Err(why) => {
                let version = request.soap_version();
                let body = rt::envelope::encode_fault(
                    version,
                    &[],
                    &rt::Fault::<rt::NoFault>::client(why),
                );
                Box::pin(std::future::ready(rt::server::Response::soap(
                    version,
                    http::StatusCode::INTERNAL_SERVER_ERROR,
                    body,
                )))
            }
        }
    }
}

fn client(url: &str) -> BookingServiceClient {
    BookingServiceClient::new(rt::ClientBuilder::new(url).build().expect("client"))
}

fn room(nights: i32) -> Book {
    Book {
        room: "12".into(),
        nights,
    }
}

#[tokio::test]
async fn headers_round_trip_between_generated_client_and_server() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let router = rt::server::Router::new()
        .mount("/booking", BookingServiceServer::new(Hotel(log.clone())))
        .mount(
            "/guarded",
            Guard(BookingServiceServer::new(Hotel(log.clone()))),
        )
        .understand(wssec::SECURITY);
    let handle = rt::server::Server::bind("127.0.0.1:0")
        .await
        .expect("bind")
        .serve(router);
    let seen = || log.lock().map(|l| l.last().cloned()).ok().flatten();
    let booking = client(&format!("{}/booking", handle.url()));

    // Request headers reach the server, response headers come back.
    let sent = BookRequestHeaders {
        session: Some(Session { id: "s-1".into() }),
        transaction: None,
        api_key: Some("key-1".into()),
    };
    let (reference, got) = booking
        .book_with_headers(&room(2), &sent)
        .await
        .expect("booked");
    assert_eq!(reference, "s-1/12");
    assert_eq!(got.quota.as_ref().map(|q| q.remaining), Some(9));
    assert_eq!(
        got.quota.and_then(|q| q.period).as_deref(),
        Some("day"),
        "the header element's attribute"
    );
    assert_eq!(
        seen(),
        Some(Seen {
            session: Some("s-1".into()),
            transaction: None,
            api_key: Some("key-1".into()),
        })
    );

    // Without a session the server refuses.
    let refused = booking.book(&room(2)).await.expect_err("no session");
    assert_eq!(
        refused.fault().map(|f| f.string.as_str()),
        Some("log in first")
    );

    // A session header set once after login goes with every call of an
    // operation that declares it, from the plain method too, and from clones.
    booking.inner().set_header(
        rt::HeaderBlock::new(SESSION, Session { id: "s-2".into() }),
        rt::HeaderScope::Declared,
    );
    let clone = booking.clone();
    assert_eq!(clone.book(&room(1)).await.expect("booked"), "s-2/12");
    assert_eq!(seen().and_then(|s| s.session).as_deref(), Some("s-2"));
    // The call's own block replaces the default of the same element.
    let (reference, _) = booking
        .book_with_headers(&room(1), &sent)
        .await
        .expect("booked");
    assert_eq!(reference, "s-1/12");
    // Not declared by ping: not sent there (a mustUnderstand one would fault).
    booking.inner().set_header(
        rt::HeaderBlock::new(TRANSACTION, Transaction { id: "t-9".into() })
            .with_must_understand(true),
        rt::HeaderScope::Declared,
    );
    let (pong, ping_headers) = booking.ping_with_headers(&Ping {}).await.expect("pinged");
    assert_eq!(pong.at.to_string(), "2026-12-07T12:00:00Z");
    assert_eq!(pong.zone.as_deref(), Some("UTC"));
    assert_eq!(
        ping_headers.transaction, None,
        "the default ping_with_headers answers no headers"
    );
    // Declared by book: sent marked mustUnderstand, and understood.
    booking.book(&room(1)).await.expect("declared: understood");
    assert_eq!(seen().and_then(|s| s.transaction).as_deref(), Some("t-9"));

    // A one-way call with an empty Body carries its header (202, no answer).
    booking
        .logout_with_headers(&LogoutRequestHeaders {
            session: Some(Session { id: "s-1".into() }),
        })
        .await
        .expect("accepted");
    assert_eq!(
        seen(),
        Some(Seen {
            session: Some("s-1".into()),
            transaction: Some("logout".into()),
            api_key: None,
        })
    );

    // A fault carries its header blocks and its typed detail.
    let failed = booking.book(&room(0)).await.expect_err("a fault");
    let fault = failed.fault().expect("a SOAP fault");
    assert_eq!(fault.string, "no nights");
    assert!(matches!(
        &fault.detail,
        Some(BookFault::BookingFault(d)) if d.reason == "nights must be positive"
    ));
    let quota = fault
        .headers
        .get::<Quota>(&QUOTA)
        .expect("decodes")
        .expect("the fault's quota header");
    assert_eq!(quota.value.remaining, 9);

    // A mustUnderstand block nobody declares is a MustUnderstand fault.
    let unknown = rt::FieldName::qualified("urn:golden:headers:other", "trace");
    booking.inner().set_header(
        rt::HeaderBlock::new(unknown, "x".to_owned()).with_must_understand(true),
        rt::HeaderScope::Every,
    );
    let refused = booking.ping(&Ping {}).await.expect_err("not understood");
    let fault = refused.fault().expect("a SOAP fault");
    assert!(fault.is_code("MustUnderstand"), "{fault:?}");
    assert!(fault.string.contains("trace"), "{}", fault.string);
    assert!(booking.inner().remove_header(&unknown));
    booking.ping(&Ping {}).await.expect("understood again");

    // WS-Security: the layer in front checks the UsernameToken digest.
    let guarded = client(&format!("{}/guarded", handle.url()));
    let refused = guarded.ping(&Ping {}).await.expect_err("no token");
    assert_eq!(
        refused.fault().map(|f| f.string.as_str()),
        Some("no wsse:Security block")
    );
    guarded.inner().set_header(
        wssec::UsernameToken::digest("clerk", "wrong"),
        rt::HeaderScope::Every,
    );
    let refused = guarded.ping(&Ping {}).await.expect_err("wrong password");
    assert_eq!(
        refused.fault().map(|f| f.string.as_str()),
        Some("bad credentials for clerk")
    );
    guarded.inner().set_header(
        wssec::UsernameToken::digest("clerk", "secret"),
        rt::HeaderScope::Every,
    );
    guarded.ping(&Ping {}).await.expect("token accepted");
    guarded.inner().set_header(
        rt::HeaderBlock::new(SESSION, Session { id: "s-3".into() }),
        rt::HeaderScope::Declared,
    );
    assert_eq!(guarded.book(&room(3)).await.expect("booked"), "s-3/12");
    handle.shutdown().await;
}
