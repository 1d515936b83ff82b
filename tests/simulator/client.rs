//! The simulator through the generated clients, over HTTP on loopback.

use crate::harness::bank as support;

use std::sync::Arc;

use resurs_aftershop::common::{CustomerType, PaymentStatus};
use resurs_aftershop::msg_aftershopflow::{
    AddMetaData, CalculateResultSize, FindPayments, GetCustomerBonus, GetPayment,
    GetPaymentDocument, GetPaymentDocumentNames, InsertBonusPoints, WithdrawBonusPoints,
};
use resurs_aftershop::msg_shopflow::{
    InvalidateCustomerIdentificationToken, IssueCustomerIdentificationToken,
};
use resurs_aftershop::rules::{ErrorType, MethodKind, OrderStatus};
use resurs_aftershop::simulator::{
    Booking, Fixtures, Simulator, SimulatorHandle, DOCUMENTED_PAYMENT, MISSING_PAYMENT,
};
use resurs_aftershop::types_aftershopflow::SearchCriteria;
use resurs_aftershop::types_shopflow::CustomerCard;
use resurs_aftershop::v4::{FinalizePaymentFault, GetPaymentFault};
use resurs_aftershop::{AfterShopClient, Environment, ShopFlowClient};
use support::*;

const P: &str = "Pay-client-1";

fn after_shop(sim: &SimulatorHandle) -> AfterShopClient {
    let demo = sim.demo_user().expect("demo user");
    AfterShopClient::builder(Environment::Custom(sim.after_shop_url()))
        .credentials(demo.name(), demo.password())
        .build()
        .expect("client")
}

async fn with_invoice(total: &str) -> SimulatorHandle {
    let booking = Booking {
        limit: d("1000"),
        ..Booking::new(P, MethodKind::ResursInvoice, one_line(total))
    };
    Simulator::builder()
        .fixtures(Fixtures::Bookings(vec![booking]))
        .start()
        .await
        .expect("simulator")
}

#[tokio::test]
async fn the_documented_payment_through_the_client() {
    let sim = Simulator::start().await.expect("simulator");
    let payment = after_shop(&sim)
        .get_payment(&GetPayment {
            payment_id: id(DOCUMENTED_PAYMENT),
        })
        .await
        .expect("payment");
    assert_eq!(payment.total_amount.to_string(), "0.00000");
    assert_eq!(
        payment.status,
        vec![PaymentStatus::IsDebited, PaymentStatus::IsCredited]
    );
    assert_eq!(payment.payment_diffs.len(), 3);
    assert_eq!(payment.booked.to_string(), "2013-07-02T12:51:49+02:00");
    assert_eq!(OrderStatus::of(&payment), Some(OrderStatus::Refunded));
    sim.stop().await;
}

#[tokio::test]
async fn an_unknown_payment_is_a_typed_fault() {
    let sim = Simulator::start().await.expect("simulator");
    let error = after_shop(&sim)
        .get_payment(&GetPayment {
            payment_id: id(MISSING_PAYMENT),
        })
        .await
        .expect_err("unknown payment");
    let fault = error.fault().expect("a SOAP fault");
    let Some(GetPaymentFault::ECommerceErrorException(detail)) = &fault.detail else {
        panic!("ECommerceError detail expected: {fault:?}");
    };
    assert_eq!(detail.error_type(), ErrorType::ReferencedDataDontExists);
    assert_eq!(
        detail.error_type_description.as_str(),
        "REFERENCED_DATA_DONT_EXISTS"
    );
    assert!(detail.fixable_by_you);
    assert!(
        error.user_message().contains(MISSING_PAYMENT),
        "{}",
        error.user_message()
    );
    sim.stop().await;
}

#[tokio::test]
async fn a_whole_after_shop_flow_through_the_client() {
    let sim = with_invoice("500").await;
    let client = after_shop(&sim);
    client
        .add_meta_data(&AddMetaData {
            payment_id: id(P),
            key: "channel".into(),
            value: v("web".into()),
        })
        .await
        .expect("metadata");
    client
        .additional_debit_of_payment(&additional(P, one_line("100")))
        .await
        .expect("additional debit");
    client
        .finalize_payment(&finalize(P, Some(one_line("400"))))
        .await
        .expect("finalize");
    client
        .annul_payment(&annul(P, Some(one_line("50"))))
        .await
        .expect("annul");
    client
        .credit_payment(&credit(P, Some(one_line("100"))))
        .await
        .expect("credit");
    let payment = client
        .get_payment(&GetPayment { payment_id: id(P) })
        .await
        .expect("payment");
    // 500 + 100 authorized, 400 debited, 50 annulled, 100 credited.
    assert_eq!(payment.total_amount.to_string(), "450.00000");
    assert_eq!(payment.meta_data[0].value.as_deref(), Some("web"));
    let names = client
        .get_payment_document_names(&GetPaymentDocumentNames { payment_id: id(P) })
        .await
        .expect("names");
    assert_eq!(names.len(), 2);
    let pdf = client
        .get_payment_document(&GetPaymentDocument {
            payment_id: id(P),
            document_name: names[0].parse().expect("name"),
        })
        .await
        .expect("document");
    assert!(pdf.pdf_data.0.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf.pdf_data.0).contains("(Article one)"));

    let criteria = SearchCriteria {
        status_set: vec![PaymentStatus::Creditable],
        ..Default::default()
    };
    let hits = client
        .find_payments(&FindPayments {
            search_criteria: criteria.clone(),
            ..FindPayments::default()
        })
        .await
        .expect("find");
    let size = client
        .calculate_result_size(&CalculateResultSize {
            search_criteria: criteria,
        })
        .await
        .expect("size");
    assert_eq!(hits.len(), 1);
    assert_eq!(size, 1);

    let error = client
        .finalize_payment(&finalize(P, Some(one_line("1000"))))
        .await
        .expect_err("more than authorized");
    let Some(FinalizePaymentFault::ECommerceErrorException(detail)) =
        error.fault().and_then(|f| f.detail.as_ref())
    else {
        panic!("ECommerceError expected: {error:?}");
    };
    assert_eq!(detail.error_type(), ErrorType::InvalidFinalization);
    sim.stop().await;
}

#[tokio::test]
async fn bonus_and_tokens_through_the_clients() {
    let sim = Simulator::start().await.expect("simulator");
    let client = after_shop(&sim);
    client
        .insert_bonus_points(&InsertBonusPoints {
            government_id: "8305147715".into(),
            customer_type: Some(CustomerType::Natural),
            bonus_points: 40_u64.try_into().expect("at least 1 point"),
            expiration_date: "2999-01-01".parse().expect("date"),
        })
        .await
        .expect("insert");
    let withdraw = |points| WithdrawBonusPoints {
        government_id: "8305147715".into(),
        customer_type: None,
        bonus_points: u64::try_into(points).expect("at least 1 point"),
    };
    client
        .withdraw_bonus_points(&withdraw(15))
        .await
        .expect("withdraw");
    assert!(client.withdraw_bonus_points(&withdraw(26)).await.is_err());
    let bonus = client
        .get_customer_bonus(&GetCustomerBonus {
            government_id: "8305147715".into(),
            customer_type: None,
        })
        .await
        .expect("bonus");
    assert_eq!(bonus.points, 25);

    let demo = sim.demo_user().expect("demo user");
    let shop = ShopFlowClient::builder(Environment::Custom(sim.shop_flow_url()))
        .credentials(demo.name(), demo.password())
        .build()
        .expect("client");
    let issued = shop
        .issue_customer_identification_token(&IssueCustomerIdentificationToken {
            customer_card: CustomerCard {
                government_id: "8305147715".into(),
                customer_type: Some(CustomerType::Natural),
                card_number: "9000".into(),
            },
            customer_ip_address: "127.0.0.1".into(),
        })
        .await
        .expect("issue")
        .expect("identified");
    assert_eq!(issued.token.as_str().len(), 100);
    let invalidate = InvalidateCustomerIdentificationToken {
        token: vec![issued.token.clone()],
        ..Default::default()
    };
    shop.invalidate_customer_identification_token(&invalidate)
        .await
        .expect("invalidate");
    let error = shop
        .invalidate_customer_identification_token(&invalidate)
        .await
        .expect_err("already invalid");
    assert!(error.is_fault());
    sim.stop().await;
}

#[tokio::test]
async fn concurrent_part_finalizes_over_http() {
    let sim = with_invoice("300").await;
    let client = Arc::new(after_shop(&sim));
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .finalize_payment(&finalize(P, Some(amount("10"))))
                    .await
            })
        })
        .collect();
    let mut ok = 0;
    for call in calls {
        match call.await.expect("task") {
            Ok(()) => ok += 1,
            Err(error) => {
                let Some(FinalizePaymentFault::ECommerceErrorException(detail)) =
                    error.fault().and_then(|f| f.detail.as_ref())
                else {
                    panic!("ECommerceError expected: {error:?}");
                };
                assert_eq!(detail.error_type(), ErrorType::NotAllowedInPaymentState);
            }
        }
    }
    assert_eq!(ok, 30);
    let payment = client
        .get_payment(&GetPayment { payment_id: id(P) })
        .await
        .expect("payment");
    let debited: rust_decimal::Decimal = payment
        .payment_diffs
        .iter()
        .filter(|d| d.r#type.as_str() == "DEBIT")
        .map(|d| *d.payment_spec.total_amount.value())
        .sum();
    assert_eq!(debited, d("300"));
    sim.stop().await;
}
