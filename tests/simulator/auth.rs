//! HTTP Basic authentication of the simulator over loopback: anything but a
//! configured user's name and password gets 401 with a Basic challenge and
//! changes nothing.

use crate::harness::http;

use resurs_aftershop::msg_aftershopflow::{AnnulPayment, FinalizePayment, GetPayment};
use resurs_aftershop::simulator::{Simulator, SimulatorHandle, DOCUMENTED_PAYMENT, REALM};
use resurs_aftershop::types_aftershopflow::{Payment, PaymentDiffType};
use resurs_aftershop::{v4, AfterShopClient, Environment};
use soap_runtime::rt::{self, SimpleType};

/// The booked, open payment of the demo set that a finalize or annul would change.
const OPEN: &str = "Pay-demo-visa-1";

fn basic(user_password: &str) -> String {
    let mut encoded = String::new();
    rt::Base64Binary(user_password.as_bytes().to_vec())
        .write_text(&mut encoded)
        .expect("base64");
    format!("Basic {encoded}")
}

/// Posts `body` to `path` with `authorization` (none when `None`) and
/// returns the status, the head and the body of the answer.
async fn post(
    sim: &SimulatorHandle,
    path: &str,
    authorization: Option<&str>,
    body: &[u8],
) -> (u16, String, String) {
    let addr = sim.local_addr();
    let auth = authorization
        .map(|value| format!("Authorization: {value}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/xml; charset=utf-8\r\n\
         SOAPAction: \"\"\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let answer = http::exchange(addr, &head, body)
        .await
        .expect("http response");
    (answer.status, answer.head, answer.body)
}

fn client(sim: &SimulatorHandle, user: &str, password: &str) -> AfterShopClient {
    AfterShopClient::builder(Environment::Custom(sim.after_shop_url()))
        .credentials(user, password)
        .build()
        .expect("client")
}

async fn read(sim: &SimulatorHandle, id: &str) -> Payment {
    client(sim, "shop", "secret")
        .get_payment(&GetPayment {
            payment_id: id.parse().expect("id"),
        })
        .await
        .expect("payment")
}

async fn started() -> SimulatorHandle {
    Simulator::builder()
        .user("shop", "secret")
        .user("support", "p:w")
        .start()
        .await
        .expect("simulator")
}

fn refused_headers() -> Vec<(&'static str, Option<String>)> {
    vec![
        ("no header", None),
        ("wrong password", Some(basic("shop:wrong"))),
        ("password prefix", Some(basic("shop:secre"))),
        ("unknown user", Some(basic("nobody:secret"))),
        ("no colon", Some(basic("shopsecret"))),
        ("garbage", Some("Basic %%%not-base64%%%".to_owned())),
        ("scheme only", Some("Basic".to_owned())),
        ("bearer token", Some("Bearer c2hvcDpzZWNyZXQ=".to_owned())),
    ]
}

#[tokio::test]
async fn anything_but_a_users_credentials_gets_401() {
    let sim = started().await;
    let path = resurs_aftershop::simulator::AFTER_SHOP_PATH;
    let request = rt::envelope::encode_request(
        &v4::GET_PAYMENT,
        &[],
        &GetPayment {
            payment_id: DOCUMENTED_PAYMENT.parse().expect("id"),
        },
    )
    .expect("envelope");
    for (case, header) in refused_headers() {
        let (status, head, body) = post(&sim, path, header.as_deref(), &request).await;
        assert_eq!(status, 401, "{case}: {head}");
        let challenge = format!("www-authenticate: Basic realm=\"{REALM}\"");
        assert!(
            head.to_ascii_lowercase()
                .contains(&challenge.to_ascii_lowercase()),
            "{case}: {head}"
        );
        assert!(!body.contains(DOCUMENTED_PAYMENT), "{case}: {body}");
    }
    for good in [basic("shop:secret"), basic("support:p:w")] {
        let (status, _, body) = post(&sim, path, Some(&good), &request).await;
        assert_eq!(status, 200, "{good}: {body}");
        assert!(body.contains(DOCUMENTED_PAYMENT), "{body}");
    }
    // Unknown paths are guarded too: no probing without credentials.
    let (status, _, _) = post(&sim, "/elsewhere", None, &request).await;
    assert_eq!(status, 401);
    sim.stop().await;
}

#[tokio::test]
async fn refused_mutations_change_nothing() {
    let sim = started().await;
    let before = read(&sim, OPEN).await;
    let path = resurs_aftershop::simulator::AFTER_SHOP_PATH;
    let finalize = rt::envelope::encode_request(
        &v4::FINALIZE_PAYMENT,
        &[],
        &FinalizePayment {
            payment_id: OPEN.parse().expect("id"),
            ..Default::default()
        },
    )
    .expect("envelope");
    let annul = rt::envelope::encode_request(
        &v4::ANNUL_PAYMENT,
        &[],
        &AnnulPayment {
            payment_id: OPEN.parse().expect("id"),
            ..Default::default()
        },
    )
    .expect("envelope");
    for (case, header) in refused_headers() {
        for request in [&finalize, &annul] {
            let (status, _, _) = post(&sim, path, header.as_deref(), request).await;
            assert_eq!(status, 401, "{case}");
        }
    }
    let wrong = client(&sim, "shop", "guess")
        .annul_payment(&AnnulPayment {
            payment_id: OPEN.parse().expect("id"),
            ..Default::default()
        })
        .await
        .expect_err("refused");
    assert_eq!(error_status(&wrong), Some(401), "{wrong:?}");
    let after = read(&sim, OPEN).await;
    assert_eq!(after, before);
    assert!(after
        .payment_diffs
        .iter()
        .all(|diff| diff.r#type == PaymentDiffType::Authorize));
    sim.stop().await;
}

fn error_status<F>(error: &soap_runtime::Error<F>) -> Option<u16> {
    match error {
        soap_runtime::Error::HttpStatus { status, .. } => Some(status.as_u16()),
        _ => None,
    }
}

#[tokio::test]
async fn without_users_the_demo_user_gets_in() {
    let sim = Simulator::start().await.expect("simulator");
    let demo = sim.demo_user().expect("demo user").clone();
    assert_eq!(demo.name(), "demo");
    let payment = client(&sim, demo.name(), demo.password())
        .get_payment(&GetPayment {
            payment_id: DOCUMENTED_PAYMENT.parse().expect("id"),
        })
        .await
        .expect("demo user");
    assert_eq!(payment.id.as_str(), DOCUMENTED_PAYMENT);
    let refused = client(&sim, "demo", "demo")
        .get_payment(&GetPayment {
            payment_id: DOCUMENTED_PAYMENT.parse().expect("id"),
        })
        .await
        .expect_err("not the demo password");
    assert_eq!(error_status(&refused), Some(401), "{refused:?}");
    sim.stop().await;

    let configured = started().await;
    assert!(configured.demo_user().is_none());
    configured.stop().await;
}
