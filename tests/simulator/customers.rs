//! Bonus points per customer and customer identification tokens.

use resurs_aftershop::common::{CustomerType, NonEmptyString};
use resurs_aftershop::msg_aftershopflow::{
    GetCustomerBonus, InsertBonusPoints, WithdrawBonusPoints,
};
use resurs_aftershop::msg_shopflow::{
    InvalidateCustomerIdentificationToken, IssueCustomerIdentificationToken,
};
use resurs_aftershop::rules::ErrorType;
use resurs_aftershop::simulator::tokens::MAX_TOKENS_PER_CUSTOMER;
use resurs_aftershop::simulator::{Bank, Instant};
use resurs_aftershop::types_shopflow::{CustomerCard, IdentificationToken};

const GOV: &str = "8305147715";
const CARD: &str = "9000 1234";

/// A bank that knows card `CARD` of `GOV` and of `1111111111` (natural persons).
fn bank_with_cards() -> Bank {
    let bank = Bank::new();
    for gov in [GOV, "1111111111"] {
        bank.register_card(gov, CustomerType::Natural, CARD)
            .expect("card");
    }
    bank
}

fn insert(bank: &Bank, kind: Option<CustomerType>, points: u64, expires: &str) {
    bank.insert_bonus_points(InsertBonusPoints {
        government_id: GOV.into(),
        customer_type: kind,
        bonus_points: points.try_into().expect("at least 1 point"),
        expiration_date: expires.parse().expect("date"),
    })
    .expect("insert");
}

fn balance(bank: &Bank, kind: Option<CustomerType>) -> u64 {
    bank.get_customer_bonus(GetCustomerBonus {
        government_id: GOV.into(),
        customer_type: kind,
    })
    .expect("bonus")
    .points
}

fn withdraw(
    bank: &Bank,
    kind: Option<CustomerType>,
    points: u64,
) -> Result<(), resurs_aftershop::simulator::SimFault> {
    bank.withdraw_bonus_points(WithdrawBonusPoints {
        government_id: GOV.into(),
        customer_type: kind,
        bonus_points: points.try_into().expect("at least 1 point"),
    })
}

#[test]
fn bonus_points_insert_withdraw_read() {
    let bank = Bank::new();
    assert_eq!(balance(&bank, None), 0);
    insert(&bank, None, 100, "2999-12-31");
    insert(&bank, Some(CustomerType::Natural), 50, "2999-06-30");
    assert_eq!(balance(&bank, None), 150);
    withdraw(&bank, None, 120).expect("withdraw");
    assert_eq!(balance(&bank, Some(CustomerType::Natural)), 30);
    let fault = withdraw(&bank, None, 31).expect_err("more than the balance");
    assert_eq!(fault.error, ErrorType::BonusAuthorizationFailed);
    assert_eq!(balance(&bank, None), 30);
}

#[test]
fn legal_and_natural_customers_have_separate_accounts() {
    let bank = Bank::new();
    insert(&bank, Some(CustomerType::Legal), 70, "2999-12-31");
    // Without a type, natural is tried first, then legal.
    assert_eq!(balance(&bank, None), 70);
    insert(&bank, Some(CustomerType::Natural), 5, "2999-12-31");
    assert_eq!(balance(&bank, None), 5);
    assert_eq!(balance(&bank, Some(CustomerType::Legal)), 70);
}

#[test]
fn expired_points_do_not_count() {
    let bank = Bank::new();
    insert(&bank, None, 40, "2001-01-01");
    assert_eq!(balance(&bank, None), 0);
    assert_eq!(
        withdraw(&bank, None, 1).expect_err("nothing usable").error,
        ErrorType::BonusAuthorizationFailed
    );
}

fn issue(
    bank: &Bank,
    gov: &str,
) -> Result<
    Option<resurs_aftershop::types_shopflow::CustomerIdentificationResponse>,
    resurs_aftershop::simulator::SimFault,
> {
    bank.issue_customer_identification_token(IssueCustomerIdentificationToken {
        customer_card: CustomerCard {
            government_id: gov.into(),
            customer_type: Some(CustomerType::Natural),
            card_number: CARD.into(),
        },
        customer_ip_address: "127.0.0.1".into(),
    })
}

#[test]
fn tokens_are_100_alphanumerics_with_an_expiration() {
    let bank = bank_with_cards();
    let issued = issue(&bank, GOV).expect("issue").expect("identified");
    let token = issued.token.as_str();
    assert_eq!(token.len(), 100);
    assert!(token.bytes().all(|b| b.is_ascii_alphanumeric()));
    IdentificationToken::new(token).expect("matches [A-Za-z0-9]{100}");
    let expires = Instant::parse(&issued.expiration_date.to_string()).expect("dateTime");
    assert!(expires > Instant::now());
    let other = issue(&bank, GOV).expect("issue").expect("identified");
    assert_ne!(other.token, issued.token);
}

#[test]
fn an_unidentifiable_card_gets_no_token() {
    let bank = bank_with_cards();
    assert_eq!(issue(&bank, "").expect("no fault"), None);
}

#[test]
fn too_many_tokens_per_customer() {
    let bank = bank_with_cards();
    for _ in 0..MAX_TOKENS_PER_CUSTOMER {
        issue(&bank, GOV).expect("issue");
    }
    let fault = issue(&bank, GOV).expect_err("one too many");
    assert_eq!(fault.error, ErrorType::TooManyTokens);
    assert_eq!(fault.error_type_id(), 29);
    issue(&bank, "1111111111").expect("another customer is fine");
}

#[test]
fn invalidate_tokens_by_token_or_customer() {
    let bank = bank_with_cards();
    let first = issue(&bank, GOV).expect("issue").expect("token").token;
    let second = issue(&bank, GOV).expect("issue").expect("token").token;
    let by_token = |tokens: Vec<IdentificationToken>| InvalidateCustomerIdentificationToken {
        token: tokens,
        ..Default::default()
    };
    bank.invalidate_customer_identification_token(by_token(vec![first.clone()]))
        .expect("invalidate");
    let fault = bank
        .invalidate_customer_identification_token(by_token(vec![first]))
        .expect_err("already invalidated");
    assert_eq!(fault.error, ErrorType::InvalidIdentification);
    assert_eq!(fault.error_type_id(), 28);
    let unknown = IdentificationToken::new("A".repeat(100)).expect("token");
    let fault = bank
        .invalidate_customer_identification_token(by_token(vec![unknown]))
        .expect_err("unknown");
    assert_eq!(fault.error, ErrorType::InvalidIdentification);

    bank.invalidate_customer_identification_token(InvalidateCustomerIdentificationToken {
        government_id: Some(NonEmptyString::new(GOV).expect("text")),
        customer_type: Some(CustomerType::Natural),
        ..Default::default()
    })
    .expect("invalidate by customer");
    let fault = bank
        .invalidate_customer_identification_token(by_token(vec![second]))
        .expect_err("gone with the customer's tokens");
    assert_eq!(fault.error, ErrorType::InvalidIdentification);
    // The customer can get tokens again.
    for _ in 0..MAX_TOKENS_PER_CUSTOMER {
        issue(&bank, GOV).expect("issue");
    }
}
