//! The service descriptions, served as Resurs serves them: `GET
//! <service path>?wsdl` and `?xsd=<name>`, so that SOAP tools (zeep, SoapUI,
//! PHP SoapClient) can be pointed at the simulator.
//!
//! The documents are the project's own `wsdl/` files, embedded. Their
//! locations name Resurs's test host; each is rewritten to the simulator's
//! own URL, so the `soap:address` and every `schemaLocation` lead back here.
//! Like the bank's, these documents are public: they need no credentials.

use bytes::Bytes;
use http::{Method, StatusCode};
use percent_encoding::percent_decode_str;
use soap_runtime::rt::BoxFuture;
use soap_runtime::server::{Reply, Response, Service};

use super::adapter::{AFTER_SHOP_PATH, SHOP_FLOW_PATH};

/// The origin the embedded documents name in their locations.
const PUBLISHED_ORIGIN: &str = "https://test.resurs.com";

/// The WSDL of each service path.
const WSDLS: [(&str, &str); 2] = [
    (
        AFTER_SHOP_PATH,
        include_str!("../../wsdl/AfterShopFlowService.wsdl"),
    ),
    (
        SHOP_FLOW_PATH,
        include_str!("../../wsdl/ShopFlowService.wsdl"),
    ),
];

/// The schemas, by the name their `?xsd=` locations give.
const SCHEMAS: [(&str, &str); 6] = [
    (
        "schemas/messages/AfterShopFlowServiceMessages.xsd",
        include_str!("../../wsdl/schemas/messages/AfterShopFlowServiceMessages.xsd"),
    ),
    (
        "schemas/messages/Exceptions.xsd",
        include_str!("../../wsdl/schemas/messages/Exceptions.xsd"),
    ),
    (
        "schemas/messages/ShopFlowServiceMessages.xsd",
        include_str!("../../wsdl/schemas/messages/ShopFlowServiceMessages.xsd"),
    ),
    (
        "schemas/types/aftershopflow.xsd",
        include_str!("../../wsdl/schemas/types/aftershopflow.xsd"),
    ),
    (
        "schemas/types/common.xsd",
        include_str!("../../wsdl/schemas/types/common.xsd"),
    ),
    (
        "schemas/types/shopflow.xsd",
        include_str!("../../wsdl/schemas/types/shopflow.xsd"),
    ),
];

/// What a query asks for.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    Wsdl,
    Schema(String),
}

/// Answers `GET <service path>?wsdl` and `?xsd=<name>` itself and passes
/// every other request to `inner`.
pub(crate) struct Metadata<S> {
    /// `http://<listening address>`, used when a request has no usable `Host`.
    base: String,
    inner: S,
}

impl<S> Metadata<S> {
    pub(crate) fn new(base: String, inner: S) -> Self {
        Self { base, inner }
    }
}

impl<S: Service> Service for Metadata<S> {
    fn call(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Reply> {
        let path = match request.uri().path().trim_end_matches('/') {
            "" => "/",
            path => path,
        };
        let wanted = request.uri().query().and_then(wanted);
        let is_get = matches!(*request.method(), Method::GET | Method::HEAD);
        let service = WSDLS.iter().find(|(p, _)| *p == path);
        let (Some(wanted), true, Some((_, wsdl))) = (wanted, is_get, service) else {
            return self.inner.call(request);
        };
        let base = request
            .headers()
            .get(http::header::HOST)
            .and_then(|host| host.to_str().ok())
            .and_then(|host| host.parse::<http::uri::Authority>().ok())
            .map_or_else(|| self.base.clone(), |host| format!("http://{host}"));
        let response = match wanted {
            Wanted::Wsdl => Some(*wsdl),
            Wanted::Schema(name) => SCHEMAS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s),
        }
        .map_or_else(
            || Response::text(StatusCode::NOT_FOUND, "no such schema\n"),
            |document| {
                Response::new(
                    StatusCode::OK,
                    "text/xml; charset=utf-8",
                    rewrite(document, &base),
                )
            },
        );
        Box::pin(std::future::ready(Reply::Respond(response)))
    }
}

/// The document with its locations on `base` instead of Resurs's test host.
fn rewrite(document: &str, base: &str) -> String {
    document.replace(PUBLISHED_ORIGIN, base.trim_end_matches('/'))
}

/// `wsdl` (any case, with or without a value) or `xsd=<name>`
/// (percent-decoded); the first such parameter wins.
fn wanted(query: &str) -> Option<Wanted> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key.eq_ignore_ascii_case("wsdl") {
            Some(Wanted::Wsdl)
        } else if key.eq_ignore_ascii_case("xsd") {
            let name = percent_decode_str(value).decode_utf8().ok()?;
            Some(Wanted::Schema(name.into_owned()))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_name_the_wsdl_or_a_schema() {
        assert_eq!(wanted("wsdl"), Some(Wanted::Wsdl));
        assert_eq!(wanted("WSDL"), Some(Wanted::Wsdl));
        assert_eq!(
            wanted("xsd=schemas%2Ftypes%2Fcommon.xsd"),
            Some(Wanted::Schema("schemas/types/common.xsd".to_owned()))
        );
        assert_eq!(
            wanted("a=1&xsd=x.xsd"),
            Some(Wanted::Schema("x.xsd".to_owned()))
        );
        assert_eq!(wanted("page=1"), None);
    }

    #[test]
    fn every_location_is_rewritten_and_served() {
        let base = "http://127.0.0.1:9";
        for document in WSDLS.iter().chain(SCHEMAS.iter()).map(|(_, d)| *d) {
            let served = rewrite(document, base);
            assert!(!served.contains(PUBLISHED_ORIGIN));
            for part in served.split("schemaLocation=\"").skip(1) {
                let location = &part[..part.find('"').unwrap()];
                let (service, name) = location.split_once("?xsd=").unwrap();
                let path = service.strip_prefix(base).unwrap();
                assert!(WSDLS.iter().any(|(p, _)| *p == path), "{location}");
                assert!(SCHEMAS.iter().any(|(n, _)| *n == name), "{location}");
            }
        }
    }
}
