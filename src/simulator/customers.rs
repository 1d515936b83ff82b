//! Floor 3, the rules of customers: bonus points (`insertBonusPoints`,
//! `withdrawBonusPoints`, both `getCustomerBonus`) and identification tokens
//! (`issueCustomerIdentificationToken`, `invalidateCustomerIdentificationToken`),
//! as functions of the [`State`].

use super::changes::rule_fault;
use super::clock::Instant;
use super::customer::{CustomerKey, CustomerKind};
use super::fault::SimFault;
use super::state::State;
use crate::common::CustomerType;
use crate::msg_aftershopflow::{GetCustomerBonus, InsertBonusPoints, WithdrawBonusPoints};
use crate::msg_shopflow::{self as shop, InvalidateCustomerIdentificationToken};
use crate::rules::{self, ErrorType, Identification};
use crate::types_aftershopflow::Bonus;
use crate::types_shopflow::{
    self as shop_types, CustomerCard, CustomerIdentificationResponse, IdentificationToken,
};

/// `insertBonusPoints`.
pub(crate) fn insert_bonus_points(
    state: &mut State,
    request: &InsertBonusPoints,
) -> Result<(), SimFault> {
    let customer = resolve_customer(
        state,
        &request.government_id,
        request.customer_type.as_ref(),
    )?;
    let expires = request.expiration_date.to_string();
    state
        .bonus
        .insert(customer, *request.bonus_points.value(), &expires)
}

/// `withdrawBonusPoints`: refused when the balance on `now`'s date is smaller.
pub(crate) fn withdraw_bonus_points(
    state: &mut State,
    request: &WithdrawBonusPoints,
    now: Instant,
) -> Result<(), SimFault> {
    let customer = resolve_customer(
        state,
        &request.government_id,
        request.customer_type.as_ref(),
    )?;
    state
        .bonus
        .withdraw(&customer, *request.bonus_points.value(), &now.date())
}

/// `getCustomerBonus` (After Shop): the balance usable on `now`'s date.
pub(crate) fn customer_bonus(
    state: &State,
    request: &GetCustomerBonus,
    now: Instant,
) -> Result<Bonus, SimFault> {
    let customer = resolve_customer(
        state,
        &request.government_id,
        request.customer_type.as_ref(),
    )?;
    Ok(Bonus {
        points: state.bonus.balance(&customer, &now.date()),
    })
}

/// Makes `card_number` a known Resurs card of the customer.
pub(crate) fn register_card(
    state: &mut State,
    government_id: &str,
    customer_type: &CustomerType,
    card_number: &str,
) -> Result<(), SimFault> {
    let kind = CustomerKind::from_xml(customer_type.as_str()).ok_or_else(|| {
        SimFault::illegal_argument(format!("unknown customerType {}", customer_type.as_str()))
    })?;
    if government_id.trim().is_empty() {
        return Err(SimFault::illegal_argument("governmentId must not be empty"));
    }
    let holder = CustomerKey {
        government_id: government_id.to_owned(),
        kind,
    };
    state.tokens.register_card(holder, card_number);
    Ok(())
}

/// `issueCustomerIdentificationToken`: a token for the card's customer;
/// none (no `return`) when the card is not a known card of that customer.
pub(crate) fn issue_token(
    state: &mut State,
    request: &shop::IssueCustomerIdentificationToken,
    now: Instant,
) -> Result<Option<CustomerIdentificationResponse>, SimFault> {
    let card = &request.customer_card;
    if card.government_id.trim().is_empty() || card.card_number.trim().is_empty() {
        return Ok(None);
    }
    let Some(customer) = card_holder(state, card)? else {
        return Ok(None);
    };
    let issued = state.tokens.issue(customer, now)?;
    let token = IdentificationToken::new(issued.token).map_err(|e| {
        SimFault::new(
            ErrorType::InternalError,
            format!("issued a malformed token: {e}"),
        )
        .not_fixable()
    })?;
    Ok(Some(CustomerIdentificationResponse {
        token,
        expiration_date: issued.expires.to_date_time(),
    }))
}

/// `invalidateCustomerIdentificationToken`: the listed tokens (all must be
/// known), or every token of the customer named by government id.
pub(crate) fn invalidate_tokens(
    state: &mut State,
    request: &InvalidateCustomerIdentificationToken,
) -> Result<(), SimFault> {
    if !request.token.is_empty() {
        let tokens: Vec<String> = request
            .token
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect();
        return state.tokens.invalidate_tokens(&tokens);
    }
    let Some(government_id) = &request.government_id else {
        return Err(SimFault::illegal_argument(
            "set either token or governmentId (and customerType)",
        ));
    };
    let customer = resolve_customer(
        state,
        government_id.as_str(),
        request.customer_type.as_ref(),
    )?;
    state.tokens.invalidate_customer(&customer);
    Ok(())
}

/// ShopFlow's `getCustomerBonus`: the usable bonus of the customer that a
/// live token or a known card identifies (exactly one of the two, checked
/// by `rules::check_customer_identification`); anything else is
/// `INVALID_IDENTIFICATION`.
pub(crate) fn identified_bonus(
    state: &State,
    request: &shop::GetCustomerBonus,
    now: Instant,
) -> Result<shop_types::Bonus, SimFault> {
    let customer = match rules::check_customer_identification(&request.customer_identification)
        .map_err(rule_fault)?
    {
        Identification::Token(token) => state.tokens.identify(token.as_str(), now)?.clone(),
        Identification::Card(card) => card_holder(state, card)?.ok_or_else(|| {
            SimFault::new(
                ErrorType::InvalidIdentification,
                "the card is not a known Resurs card of that customer",
            )
        })?,
    };
    Ok(shop_types::Bonus {
        points: state.bonus.balance(&customer, &now.date()),
    })
}

/// The customer whose known card `card` is; `None` when it names no
/// customer or number, or the card is not theirs.
fn card_holder(state: &State, card: &CustomerCard) -> Result<Option<CustomerKey>, SimFault> {
    if card.government_id.trim().is_empty() || card.card_number.trim().is_empty() {
        return Ok(None);
    }
    let customer = resolve_customer(state, &card.government_id, card.customer_type.as_ref())?;
    Ok(state
        .tokens
        .card_known(&customer, &card.card_number)
        .then_some(customer))
}

/// The customer a government id and optional type name, trying natural
/// before legal when the type is omitted.
pub(crate) fn resolve_customer(
    state: &State,
    government_id: &str,
    customer_type: Option<&CustomerType>,
) -> Result<CustomerKey, SimFault> {
    if government_id.trim().is_empty() {
        return Err(SimFault::illegal_argument("governmentId must not be empty"));
    }
    let kind = customer_type
        .map(|t| {
            CustomerKind::from_xml(t.as_str()).ok_or_else(|| {
                SimFault::illegal_argument(format!("unknown customerType {}", t.as_str()))
            })
        })
        .transpose()?;
    Ok(CustomerKey::resolve(government_id, kind, |key| {
        state.bonus.knows(key)
            || state.tokens.knows(key)
            || state.payments.values().any(|p| {
                p.customer.government_id.as_str() == key.government_id
                    && CustomerKind::from_xml(p.customer.r#type.as_str()) == Some(key.kind)
            })
    }))
}
