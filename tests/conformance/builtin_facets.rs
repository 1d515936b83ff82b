//! Built-in type facets in the Resurs messages: `bonusPoints` is an
//! `xs:positiveInteger`, so 0 is refused before anything is sent.

use std::net::TcpListener;

use resurs_aftershop::msg_aftershopflow::{InsertBonusPoints, WithdrawBonusPoints};
use resurs_aftershop::{AfterShopClient, Environment};
use soap_runtime::rt::{self, envelope};
use soap_runtime::Error;

#[tokio::test]
async fn zero_bonus_points_are_refused_before_sending() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.set_nonblocking(true).expect("non-blocking");
    let url = format!(
        "http://{}/ws/V4/AfterShopFlowService",
        listener.local_addr().expect("address")
    );
    let client = AfterShopClient::builder(Environment::Custom(url))
        .credentials("webshop", "secret")
        .build()
        .expect("client");
    let insert = InsertBonusPoints {
        government_id: "8305147715".into(),
        bonus_points: rt::PositiveInteger::default(),
        expiration_date: "2999-01-01".parse().expect("date"),
        ..InsertBonusPoints::default()
    };
    match client.insert_bonus_points(&insert).await {
        Err(Error::Encode(e)) => assert_eq!(
            e.to_string(),
            "insertBonusPoints/bonusPoints: 0 is below minInclusive 1"
        ),
        other => panic!("expected an encode error, got {other:?}"),
    }
    let withdraw = WithdrawBonusPoints {
        government_id: "8305147715".into(),
        ..WithdrawBonusPoints::default()
    };
    assert!(matches!(
        client.withdraw_bonus_points(&withdraw).await,
        Err(Error::Encode(_))
    ));
    assert_eq!(
        listener.accept().map_err(|e| e.kind()).err(),
        Some(std::io::ErrorKind::WouldBlock),
        "nothing was sent"
    );
    assert!(rt::PositiveInteger::new(0_u64).is_err());
    let one = InsertBonusPoints {
        bonus_points: rt::PositiveInteger::new(1_u64).expect("1 is positive"),
        ..insert
    };
    assert!(
        envelope::encode_request(&resurs_aftershop::v4::INSERT_BONUS_POINTS, &[], &one).is_ok()
    );
}
