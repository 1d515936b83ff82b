//! Floor 2, the state: everything the bank holds, as plain data. The rule
//! functions of the floor above change it; the [`Bank`](super::Bank) keeps
//! it behind one lock.

use std::collections::BTreeMap;

use super::bonus::BonusLedger;
use super::fault::SimFault;
use super::ledger::PaymentRecord;
use super::tokens::TokenStore;

/// Where document numbering starts in a fresh simulator.
pub const FIRST_DOCUMENT_SEQUENCE: u64 = 1000;

/// Everything the simulator holds.
#[derive(Debug)]
pub(crate) struct State {
    /// Payments by id.
    pub payments: BTreeMap<String, PaymentRecord>,
    /// The running number of the next document.
    pub next_document: u64,
    /// Bonus points per customer.
    pub bonus: BonusLedger,
    /// Customer identification tokens.
    pub tokens: TokenStore,
}

impl State {
    /// A bank with nothing booked.
    pub fn empty() -> Self {
        Self {
            payments: BTreeMap::new(),
            next_document: FIRST_DOCUMENT_SEQUENCE,
            bonus: BonusLedger::default(),
            tokens: TokenStore::default(),
        }
    }

    /// The payment with `id`, or `REFERENCED_DATA_DONT_EXISTS`.
    pub fn payment(&self, id: &str) -> Result<&PaymentRecord, SimFault> {
        self.payments
            .get(id)
            .ok_or_else(|| SimFault::unknown_payment(id))
    }

    /// The payment with `id` for changing, or `REFERENCED_DATA_DONT_EXISTS`.
    pub fn payment_mut(&mut self, id: &str) -> Result<&mut PaymentRecord, SimFault> {
        self.payments
            .get_mut(id)
            .ok_or_else(|| SimFault::unknown_payment(id))
    }

    /// Takes the next document number.
    pub fn take_document_sequence(&mut self) -> u64 {
        let sequence = self.next_document;
        self.next_document += 1;
        sequence
    }
}
