//! Customer identification tokens are accepted by ShopFlow's
//! `getCustomerBonus`, and issued only for cards the bank knows: through the
//! bank's API and over HTTP with the generated `ShopFlowClient`.

use resurs_aftershop::common::CustomerType;
use resurs_aftershop::msg_aftershopflow::InsertBonusPoints;
use resurs_aftershop::msg_shopflow::{
    GetCustomerBonus, InvalidateCustomerIdentificationToken, IssueCustomerIdentificationToken,
};
use resurs_aftershop::rules::{self, ErrorType, Identification, MethodKind, RuleError};
use resurs_aftershop::simulator::{Bank, Booking, Simulator, DEMO_CARD_NUMBER};
use resurs_aftershop::types_shopflow::{CustomerCard, CustomerIdentification, IdentificationToken};
use resurs_aftershop::{ecommerce_error, Environment, ShopFlowClient};

const GOV: &str = "8305147715";

fn card(gov: &str, number: &str) -> CustomerCard {
    CustomerCard {
        government_id: gov.into(),
        customer_type: Some(CustomerType::Natural),
        card_number: number.into(),
    }
}

fn issue_request(card: CustomerCard) -> IssueCustomerIdentificationToken {
    IssueCustomerIdentificationToken {
        customer_card: card,
        customer_ip_address: "127.0.0.1".into(),
    }
}

fn by_token(token: &IdentificationToken) -> GetCustomerBonus {
    GetCustomerBonus {
        customer_identification: CustomerIdentification {
            token: Some(token.clone()),
            customer_account: None,
        },
    }
}

fn by_card(card: CustomerCard) -> GetCustomerBonus {
    GetCustomerBonus {
        customer_identification: CustomerIdentification {
            token: None,
            customer_account: Some(card),
        },
    }
}

/// A bank with one booked payment of the demo customer (card
/// `DEMO_CARD_NUMBER`) and 40 bonus points for them.
fn bank() -> Bank {
    let bank = Bank::new();
    let spec = rules::totals_only("100".parse().expect("decimal")).expect("spec");
    bank.book(Booking::new("Pay-tok-1", MethodKind::ResursInvoice, spec))
        .expect("booking");
    bank.insert_bonus_points(InsertBonusPoints {
        government_id: GOV.into(),
        customer_type: Some(CustomerType::Natural),
        bonus_points: 40_u64.try_into().expect("at least 1 point"),
        expiration_date: "2999-12-31".parse().expect("date"),
    })
    .expect("insert");
    bank
}

/// WSDL: "If the means of identification (token or card information) is
/// invalid an INVALID_IDENTIFICATION(28) will be returned."
#[test]
fn a_token_reads_the_customers_bonus_until_invalidated() {
    let bank = bank();
    let issued = bank
        .issue_customer_identification_token(issue_request(card(GOV, DEMO_CARD_NUMBER)))
        .expect("issue")
        .expect("a booked customer's card identifies them");
    let bonus = bank
        .get_customer_bonus_identified(by_token(&issued.token))
        .expect("bonus");
    assert_eq!(bonus.points, 40);
    bank.invalidate_customer_identification_token(InvalidateCustomerIdentificationToken {
        token: vec![issued.token.clone()],
        ..Default::default()
    })
    .expect("invalidate");
    let fault = bank
        .get_customer_bonus_identified(by_token(&issued.token))
        .expect_err("invalidated");
    assert_eq!(fault.error, ErrorType::InvalidIdentification);
    assert_eq!(fault.error_type_id(), 28);
    let never = IdentificationToken::new("Z".repeat(100)).expect("token");
    let fault = bank
        .get_customer_bonus_identified(by_token(&never))
        .expect_err("unknown");
    assert_eq!(fault.error_type_id(), 28);
}

/// A card identifies its holder for `getCustomerBonus` too; a card the bank
/// does not know for that government id is INVALID_IDENTIFICATION.
#[test]
fn a_known_card_reads_the_bonus_an_unknown_one_is_invalid_identification() {
    let bank = bank();
    let bonus = bank
        .get_customer_bonus_identified(by_card(card(GOV, DEMO_CARD_NUMBER)))
        .expect("bonus");
    assert_eq!(bonus.points, 40);
    for unknown in [card(GOV, "4111 1111"), card("1111111111", DEMO_CARD_NUMBER)] {
        let fault = bank
            .get_customer_bonus_identified(by_card(unknown))
            .expect_err("unknown card");
        assert_eq!(fault.error, ErrorType::InvalidIdentification);
    }
}

/// Schema: "If the customer could be identified a customerIdentificationResponse
/// is returned. If else no element is returned." Tokens are not issued for
/// cards the bank does not know.
#[test]
fn no_token_for_a_card_the_bank_does_not_know() {
    let bank = bank();
    for unknown in [card(GOV, "4111 1111"), card("1111111111", DEMO_CARD_NUMBER)] {
        assert_eq!(
            bank.issue_customer_identification_token(issue_request(unknown))
                .expect("no fault"),
            None
        );
    }
    bank.register_card("1111111111", CustomerType::Natural, "4111 1111")
        .expect("card");
    assert!(bank
        .issue_customer_identification_token(issue_request(card("1111111111", "41111111")))
        .expect("issue")
        .is_some());
}

/// Schema: "Either set identificationToken, or customerAccount. Both should
/// not be set." One rule for the client-side check and the simulator.
#[test]
fn exactly_one_means_of_identification() {
    let bank = bank();
    let token = IdentificationToken::new("A".repeat(100)).expect("token");
    let both = CustomerIdentification {
        token: Some(token.clone()),
        customer_account: Some(card(GOV, DEMO_CARD_NUMBER)),
    };
    let neither = CustomerIdentification::default();
    for (identification, both_set) in [(both, true), (neither, false)] {
        let checked = rules::check_customer_identification(&identification);
        assert_eq!(checked, Err(RuleError::Identification { both: both_set }));
        assert_eq!(
            checked.expect_err("refused").error_type(),
            ErrorType::IllegalArgument
        );
        let fault = bank
            .get_customer_bonus_identified(GetCustomerBonus {
                customer_identification: identification,
            })
            .expect_err("refused");
        assert_eq!(fault.error, ErrorType::IllegalArgument);
    }
    let only_token = CustomerIdentification {
        token: Some(token.clone()),
        customer_account: None,
    };
    assert_eq!(
        rules::check_customer_identification(&only_token),
        Ok(Identification::Token(&token))
    );
}

/// Over HTTP (loopback): the generated ShopFlow client has `get_customer_bonus`,
/// and the demo simulator's customer holds the demo card.
#[tokio::test]
async fn get_customer_bonus_by_token_over_http() {
    let sim = Simulator::start().await.expect("simulator");
    let demo = sim.demo_user().expect("demo user");
    let shop = ShopFlowClient::builder(Environment::Custom(sim.shop_flow_url()))
        .credentials(demo.name(), demo.password())
        .build()
        .expect("client");
    let issued = shop
        .issue_customer_identification_token(&issue_request(card(GOV, DEMO_CARD_NUMBER)))
        .await
        .expect("issue")
        .expect("identified");
    let bonus = shop
        .get_customer_bonus(&by_token(&issued.token))
        .await
        .expect("bonus");
    let by_card = shop
        .get_customer_bonus(&by_card(card(GOV, DEMO_CARD_NUMBER)))
        .await
        .expect("bonus by card");
    assert_eq!(bonus.points, by_card.points);
    let never = IdentificationToken::new("Q".repeat(100)).expect("token");
    let error = shop
        .get_customer_bonus(&by_token(&never))
        .await
        .expect_err("invalid token");
    let detail = ecommerce_error(&error).expect("ECommerceError");
    assert_eq!(detail.error_type_id, 28);
    sim.stop().await;
}
