//! Bonus points per customer (`insertBonusPoints`, `withdrawBonusPoints`,
//! `getCustomerBonus`): the ledger of floor 2, whose rules are in `customers`.

use std::collections::HashMap;

use super::customer::CustomerKey;
use super::fault::SimFault;
use crate::rules::ErrorType;

/// Points inserted together, usable through their expiration date.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Batch {
    points: u64,
    /// `YYYY-MM-DD`; compared as text, which orders ISO dates correctly.
    expires: String,
}

/// The bonus accounts.
#[derive(Debug, Default)]
pub struct BonusLedger {
    accounts: HashMap<CustomerKey, Vec<Batch>>,
}

impl BonusLedger {
    /// Whether `customer` has an account.
    pub fn knows(&self, customer: &CustomerKey) -> bool {
        self.accounts.contains_key(customer)
    }

    /// Adds `points` usable through `expires` (`YYYY-MM-DD`).
    pub fn insert(
        &mut self,
        customer: CustomerKey,
        points: u64,
        expires: &str,
    ) -> Result<(), SimFault> {
        if points == 0 {
            return Err(SimFault::illegal_argument("bonusPoints must be positive"));
        }
        let batches = self.accounts.entry(customer).or_default();
        batches.push(Batch {
            points,
            expires: expires.to_owned(),
        });
        batches.sort_by(|a, b| a.expires.cmp(&b.expires));
        Ok(())
    }

    /// The usable balance on `today` (`YYYY-MM-DD`).
    pub fn balance(&self, customer: &CustomerKey, today: &str) -> u64 {
        self.accounts
            .get(customer)
            .map(|batches| {
                batches
                    .iter()
                    .filter(|b| b.expires.as_str() >= today)
                    .fold(0u64, |sum, b| sum.saturating_add(b.points))
            })
            .unwrap_or(0)
    }

    /// Withdraws `points`, soonest-expiring first; refused when the balance is smaller.
    pub fn withdraw(
        &mut self,
        customer: &CustomerKey,
        points: u64,
        today: &str,
    ) -> Result<(), SimFault> {
        if points == 0 {
            return Err(SimFault::illegal_argument("bonusPoints must be positive"));
        }
        let balance = self.balance(customer, today);
        if points > balance {
            return Err(SimFault::new(
                ErrorType::BonusAuthorizationFailed,
                format!("cannot withdraw {points} bonus points from {customer}: the balance is {balance}"),
            ));
        }
        let Some(batches) = self.accounts.get_mut(customer) else {
            return Ok(());
        };
        let mut left = points;
        for batch in batches.iter_mut().filter(|b| b.expires.as_str() >= today) {
            let taken = batch.points.min(left);
            batch.points -= taken;
            left -= taken;
        }
        batches.retain(|b| b.points > 0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::customer::CustomerKind;
    use super::*;

    fn customer() -> CustomerKey {
        CustomerKey {
            government_id: "8305147715".into(),
            kind: CustomerKind::Natural,
        }
    }

    #[test]
    fn insert_withdraw_read() {
        let mut ledger = BonusLedger::default();
        ledger.insert(customer(), 100, "2030-01-01").unwrap();
        ledger.insert(customer(), 50, "2029-01-01").unwrap();
        assert_eq!(ledger.balance(&customer(), "2028-06-01"), 150);
        ledger.withdraw(&customer(), 70, "2028-06-01").unwrap();
        assert_eq!(ledger.balance(&customer(), "2028-06-01"), 80);
        assert_eq!(ledger.balance(&customer(), "2029-06-01"), 80);
        let err = ledger.withdraw(&customer(), 81, "2028-06-01").unwrap_err();
        assert_eq!(err.error_type_id(), 30);
        assert_eq!(ledger.balance(&customer(), "2031-01-01"), 0);
    }

    #[test]
    fn huge_balances_saturate() {
        let mut ledger = BonusLedger::default();
        ledger.insert(customer(), u64::MAX, "2030-01-01").unwrap();
        ledger.insert(customer(), u64::MAX, "2030-01-01").unwrap();
        assert_eq!(ledger.balance(&customer(), "2029-01-01"), u64::MAX);
        ledger
            .withdraw(&customer(), u64::MAX, "2029-01-01")
            .unwrap();
        assert_eq!(ledger.balance(&customer(), "2029-01-01"), u64::MAX);
    }
}
