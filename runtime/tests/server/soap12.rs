//! SOAP 1.2 over loopback with the code soap-codegen generates (golden
//! `soap12`): calls and typed faults, each version answered in its own
//! envelope, `VersionMismatch` across versions, `mustUnderstand`.

// Included, not a `#[path]` module: rustfmt must leave the golden file as generated.
#[allow(dead_code, clippy::all)]
mod golden {
    include!("../../../codegen/tests/golden/soap12/expected.rs");
}

use bytes::Bytes;
use golden::msg::{ClockFault, GetTime, SetTime};
use golden::soap12::{
    ClockService, ClockServiceClient, ClockServiceServer, GetTimeFault, SetTimeFault, WorldClock,
    WorldClockClient, WorldClockServer, WorldClockSoap12Client, WorldClockSoap12Server,
    GET_TIME_SOAP12,
};
use http::{HeaderMap, StatusCode};
use soap_runtime::rt::{self, FieldName, HeaderBlock, QName, SoapVersion, WriteHeader};
use soap_runtime::server::{Router, Server, ServerHandle};
use soap_runtime::transport::{HttpTransport, HttpTransportOptions, Transport, TransportRequest};
use soap_runtime::{ClientBuilder, Error};

struct Clock;

const NOON: &str = "2026-12-07T12:00:00Z";

fn noon() -> rt::DateTime {
    rt::SimpleType::parse_text(NOON).unwrap()
}

fn unknown_zone<F>(wrap: fn(ClockFault) -> F, zone: &str) -> rt::Fault<F> {
    rt::Fault::client(format!("zone {zone} is not known"))
        .with_subcode(QName::new("urn:golden:soap12:errors", "UnknownZone"))
        .with_node("urn:clock")
        .with_detail(wrap(ClockFault {
            reason: "unknown zone".into(),
            user_message: "Pick a time zone on Earth.".into(),
        }))
}

/// The time in `zone`, or the fault for an unknown zone.
async fn answer(zone: &str) -> Result<rt::DateTime, rt::Fault<GetTimeFault>> {
    match zone {
        "UTC" => Ok(noon()),
        zone => Err(unknown_zone(GetTimeFault::ClockFault, zone)),
    }
}

impl ClockService for Clock {
    async fn get_time(&self, request: GetTime) -> Result<rt::DateTime, rt::Fault<GetTimeFault>> {
        answer(&request.zone).await
    }
    async fn set_time(&self, _request: SetTime) -> Result<(), rt::Fault<SetTimeFault>> {
        Err(rt::Fault::server("the clock is read-only"))
    }
}

impl WorldClock for Clock {
    async fn get_time(&self, request: GetTime) -> Result<rt::DateTime, rt::Fault<GetTimeFault>> {
        answer(&request.zone).await
    }
    async fn set_time(&self, _request: SetTime) -> Result<(), rt::Fault<SetTimeFault>> {
        Ok(())
    }
}

async fn serve() -> ServerHandle {
    let router = Router::new()
        .mount("/clock12", ClockServiceServer::new(Clock))
        .mount("/world", WorldClockServer::new(Clock))
        .mount("/world12", WorldClockSoap12Server::new(Clock));
    Server::bind("127.0.0.1:0")
        .await
        .expect("bind loopback")
        .serve(router)
}

fn client(server: &ServerHandle, path: &str) -> rt::Client {
    ClientBuilder::new(format!("{}{path}", server.url()))
        .build()
        .expect("client")
}

fn zone(zone: &str) -> GetTime {
    GetTime { zone: zone.into() }
}

#[tokio::test]
async fn a_soap12_call_and_its_typed_fault_round_trip() {
    let server = serve().await;
    let clock = ClockServiceClient::new(client(&server, "/clock12"));
    assert_eq!(clock.get_time(&zone("UTC")).await.unwrap(), noon());
    let Err(Error::Fault(fault)) = clock.get_time(&zone("Mars")).await else {
        panic!("expected a fault");
    };
    assert_eq!(
        fault.code,
        QName::new(SoapVersion::V12.namespace(), "Sender")
    );
    assert_eq!(
        fault.subcodes,
        [QName::new("urn:golden:soap12:errors", "UnknownZone")]
    );
    assert_eq!(fault.faultstring(), "zone Mars is not known");
    assert_eq!(fault.node.as_deref(), Some("urn:clock"));
    assert_eq!(fault.to_string(), "Pick a time zone on Earth.");
    assert!(matches!(fault.detail, Some(GetTimeFault::ClockFault(_))));
    let Err(Error::Fault(fault)) = clock.set_time(&SetTime { time: noon() }).await else {
        panic!("expected a fault");
    };
    assert_eq!(
        fault.code,
        QName::new(SoapVersion::V12.namespace(), "Receiver")
    );

    let world12 = WorldClockSoap12Client::new(client(&server, "/world12"));
    assert_eq!(world12.get_time(&zone("UTC")).await.unwrap(), noon());
    let world = WorldClockClient::new(client(&server, "/world"));
    assert_eq!(world.get_time(&zone("UTC")).await.unwrap(), noon());
    server.shutdown().await;
}

/// POSTs `op`'s request envelope for `zone` with `op`'s version headers.
async fn post(
    server: &ServerHandle,
    path: &str,
    op: &rt::Operation,
    zone_name: &str,
) -> (StatusCode, Option<String>, String) {
    let body = rt::envelope::encode_request(op, &[], &zone(zone_name)).unwrap();
    let mut headers = HeaderMap::new();
    op.version
        .set_request_headers(op.soap_action, &mut headers)
        .unwrap();
    let transport = HttpTransport::new(&HttpTransportOptions::default()).unwrap();
    let response = transport
        .send(TransportRequest {
            endpoint: format!("{}{path}", server.url()).parse().unwrap(),
            headers,
            body: Bytes::from(body),
            max_response_bytes: 1 << 20,
        })
        .await
        .unwrap();
    let content_type = response.content_type().map(str::to_owned);
    let text = String::from_utf8(response.body.to_vec()).unwrap();
    (response.status, content_type, text)
}

#[tokio::test]
async fn each_version_is_answered_in_its_own_envelope() {
    let server = serve().await;
    let (status, content_type, body) = post(&server, "/clock12", &GET_TIME_SOAP12, "UTC").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        content_type.as_deref(),
        Some("application/soap+xml; charset=utf-8")
    );
    assert!(body.contains(SoapVersion::V12.namespace()), "{body}");
    let (status, _, body) = post(&server, "/clock12", &GET_TIME_SOAP12, "Mars").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a Sender fault is 400");
    assert!(
        body.contains("<soapenv:Value>soapenv:Sender</soapenv:Value>"),
        "{body}"
    );

    // A SOAP 1.1 request to the 1.2-only service: VersionMismatch, in 1.1.
    let (status, content_type, body) =
        post(&server, "/clock12", &golden::soap12::GET_TIME, "UTC").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(content_type.as_deref(), Some("text/xml; charset=utf-8"));
    assert!(
        body.contains("<faultcode>soapenv:VersionMismatch</faultcode>"),
        "{body}"
    );
    assert!(body.contains(SoapVersion::V11.namespace()), "{body}");

    // A SOAP 1.2 request to the 1.1-only port: VersionMismatch, in 1.2.
    let (_, content_type, body) = post(&server, "/world", &GET_TIME_SOAP12, "UTC").await;
    assert_eq!(
        content_type.as_deref(),
        Some("application/soap+xml; charset=utf-8")
    );
    assert!(
        body.contains("<soapenv:Value>soapenv:VersionMismatch</soapenv:Value>"),
        "{body}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn clients_read_a_version_mismatch_as_a_fault() {
    let server = serve().await;
    let wrong = WorldClockSoap12Client::new(client(&server, "/world"));
    let Err(Error::Fault(fault)) = wrong.get_time(&zone("UTC")).await else {
        panic!("expected a fault");
    };
    assert!(fault.is_code("VersionMismatch"), "{fault:?}");
    server.shutdown().await;
}

#[tokio::test]
async fn a_must_understand_header_the_operation_does_not_declare_is_refused() {
    let server = serve().await;
    let client = client(&server, "/clock12");
    let element = FieldName::qualified("urn:t:h", "session");
    let optional = HeaderBlock::new(element, "s-1".to_owned());
    let headers: [&dyn WriteHeader; 1] = [&optional];
    let answer = client
        .call_with_headers::<_, golden::msg::GetTimeResponse, GetTimeFault>(
            &GET_TIME_SOAP12,
            &headers,
            &zone("UTC"),
        )
        .await
        .unwrap();
    assert_eq!(answer.body.time, noon());
    assert!(answer.headers.is_empty());

    let required = HeaderBlock::new(element, "s-1".to_owned()).with_must_understand(true);
    let headers: [&dyn WriteHeader; 1] = [&required];
    let Err(Error::Fault(fault)) = client
        .call_with_headers::<_, golden::msg::GetTimeResponse, GetTimeFault>(
            &GET_TIME_SOAP12,
            &headers,
            &zone("UTC"),
        )
        .await
    else {
        panic!("expected a fault");
    };
    assert_eq!(
        fault.code,
        QName::new(SoapVersion::V12.namespace(), "MustUnderstand")
    );
    assert!(
        fault.faultstring().contains("{urn:t:h}session"),
        "{fault:?}"
    );
    server.shutdown().await;
}
