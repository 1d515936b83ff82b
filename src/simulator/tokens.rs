//! Customer identification tokens (ShopFlowService
//! `issueCustomerIdentificationToken` / `invalidateCustomerIdentificationToken`;
//! ShopFlow's `getCustomerBonus` accepts one): the store of floor 2, whose
//! rules are in `customers`.
//!
//! Tokens are issued only for a Resurs card the bank knows ("We cannot
//! identify customers with cards not present in our own database"): a card
//! registered by a booking ([`super::Booking::card_number`]) for the same
//! government id. Any other card does not identify the customer, and, as the
//! schema documents, the response then has no `return` element (no fault).

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use super::clock::Instant;
use super::customer::CustomerKey;
use super::fault::SimFault;
use crate::rules::ErrorType;

/// Length of a token (the schema documents 100 alphanumeric characters).
pub const TOKEN_LENGTH: usize = 100;
/// How many live tokens one customer may hold before `TOO_MANY_TOKENS`.
pub const MAX_TOKENS_PER_CUSTOMER: usize = 5;
/// How long a token lives.
pub const TOKEN_LIFETIME_DAYS: i64 = 2 * 365;

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// An issued token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// `[A-Za-z0-9]{100}`.
    pub token: String,
    /// When the token stops being valid.
    pub expires: Instant,
}

/// The live tokens, by token text, and the cards the bank knows.
#[derive(Debug, Default)]
pub struct TokenStore {
    tokens: HashMap<String, (CustomerKey, Instant)>,
    cards: HashSet<(CustomerKey, String)>,
}

/// A card number without the spaces people write in it.
fn card_digits(card_number: &str) -> String {
    card_number.split_whitespace().collect()
}

impl TokenStore {
    /// Makes `card_number` a known card of `holder`.
    pub fn register_card(&mut self, holder: CustomerKey, card_number: &str) {
        let digits = card_digits(card_number);
        if !digits.is_empty() {
            self.cards.insert((holder, digits));
        }
    }

    /// Whether `card_number` is a known card of `holder`.
    pub fn card_known(&self, holder: &CustomerKey, card_number: &str) -> bool {
        self.cards
            .contains(&(holder.clone(), card_digits(card_number)))
    }

    /// Issues a new token for `customer`.
    pub fn issue(&mut self, customer: CustomerKey, now: Instant) -> Result<IssuedToken, SimFault> {
        self.tokens.retain(|_, (_, expires)| *expires > now);
        let held = self.tokens.values().filter(|(c, _)| *c == customer).count();
        if held >= MAX_TOKENS_PER_CUSTOMER {
            return Err(SimFault::new(
                ErrorType::TooManyTokens,
                format!("customer {customer} already holds {held} identification tokens"),
            ));
        }
        let mut token = random_token();
        while self.tokens.contains_key(&token) {
            token = random_token();
        }
        let expires = now.plus_days(TOKEN_LIFETIME_DAYS);
        self.tokens.insert(token.clone(), (customer, expires));
        Ok(IssuedToken { token, expires })
    }

    /// The customer a live token identifies, or `INVALID_IDENTIFICATION`.
    pub fn identify(&self, token: &str, now: Instant) -> Result<&CustomerKey, SimFault> {
        match self.tokens.get(token) {
            Some((customer, expires)) if *expires > now => Ok(customer),
            _ => Err(invalid_token()),
        }
    }

    /// Invalidates the given tokens; all of them must be known.
    pub fn invalidate_tokens(&mut self, tokens: &[String]) -> Result<(), SimFault> {
        if tokens.iter().any(|t| !self.tokens.contains_key(t)) {
            return Err(invalid_token());
        }
        for token in tokens {
            self.tokens.remove(token);
        }
        Ok(())
    }

    /// Invalidates every token of `customer`; returns how many there were.
    pub fn invalidate_customer(&mut self, customer: &CustomerKey) -> usize {
        let before = self.tokens.len();
        self.tokens.retain(|_, (c, _)| c != customer);
        before - self.tokens.len()
    }

    /// Whether `customer` holds any token or a known card.
    pub fn knows(&self, customer: &CustomerKey) -> bool {
        self.tokens.values().any(|(c, _)| c == customer)
            || self.cards.iter().any(|(c, _)| c == customer)
    }
}

fn invalid_token() -> SimFault {
    SimFault::new(
        ErrorType::InvalidIdentification,
        "the customer identification token is unknown, invalidated or expired",
    )
}

/// A fresh random token. The randomness comes from std's per-process
/// SipHash keys mixed with a counter: unpredictable enough for a simulator,
/// not for production secrets.
fn random_token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let state = RandomState::new();
    let mut out = String::with_capacity(TOKEN_LENGTH);
    let mut word = 0u64;
    let mut left = 0;
    while out.len() < TOKEN_LENGTH {
        if left == 0 {
            let mut hasher = state.build_hasher();
            hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
            word = hasher.finish();
            left = 10;
        }
        let index = usize::try_from(word % 62).unwrap_or(0);
        out.push(char::from(ALPHABET[index]));
        word /= 62;
        left -= 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::customer::CustomerKind;
    use super::*;

    fn customer(id: &str) -> CustomerKey {
        CustomerKey {
            government_id: id.into(),
            kind: CustomerKind::Natural,
        }
    }

    #[test]
    fn tokens_are_100_alphanumerics_and_unique() {
        let mut store = TokenStore::default();
        let now = Instant::from_millis(0);
        let a = store.issue(customer("1"), now).unwrap();
        let b = store.issue(customer("1"), now).unwrap();
        assert_eq!(a.token.len(), 100);
        assert!(a.token.bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a.token, b.token);
        assert!(a.expires > now);
        assert_eq!(store.identify(&a.token, now).unwrap(), &customer("1"));
    }

    #[test]
    fn too_many_and_unknown_tokens() {
        let mut store = TokenStore::default();
        let now = Instant::from_millis(0);
        for _ in 0..MAX_TOKENS_PER_CUSTOMER {
            store.issue(customer("1"), now).unwrap();
        }
        let err = store.issue(customer("1"), now).unwrap_err();
        assert_eq!(err.error_type_id(), 29);
        let err = store.invalidate_tokens(&["nope".into()]).unwrap_err();
        assert_eq!(err.error_type_id(), 28);
        assert_eq!(
            store.invalidate_customer(&customer("1")),
            MAX_TOKENS_PER_CUSTOMER
        );
        store.issue(customer("1"), now).unwrap();
    }
}
