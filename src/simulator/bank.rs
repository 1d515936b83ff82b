//! The simulator's state and its lock.
//!
//! Everything lives behind one mutex, so an operation checks the tables and
//! applies its change as one step: concurrent calls on a payment never
//! finalize, annul or credit more than the tables allow.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use super::bonus::BonusLedger;
use super::clock::Instant;
use super::fault::SimFault;
use super::fixtures::Fixtures;
use super::ledger::PaymentRecord;
use super::tokens::TokenStore;
use super::{booking, demo};

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
    fn empty() -> Self {
        Self {
            payments: BTreeMap::new(),
            next_document: FIRST_DOCUMENT_SEQUENCE,
            bonus: BonusLedger::default(),
            tokens: TokenStore::default(),
        }
    }

    /// Books `fixtures` (the demo set, or the given payments, booked at `now`).
    fn load(&mut self, fixtures: &Fixtures, now: Instant) -> Result<(), SimFault> {
        match fixtures {
            Fixtures::Demo => demo::load(self),
            Fixtures::Bookings(bookings) => bookings
                .iter()
                .try_for_each(|b| booking::book(self, b.clone(), now, now)),
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

/// The in-memory bank behind the simulated services: one method per
/// operation, taking the request message and returning the response value
/// or the `ECommerceError` a real server sends.
#[derive(Debug)]
pub struct Bank {
    state: Mutex<State>,
    clock: fn() -> Instant,
}

impl Default for Bank {
    fn default() -> Self {
        Self::new()
    }
}

impl Bank {
    /// An empty bank on the system clock.
    pub fn new() -> Self {
        Self {
            state: Mutex::new(State::empty()),
            clock: Instant::now,
        }
    }

    /// An empty bank whose "now" comes from `clock` (for reproducible tests).
    pub fn with_clock(clock: fn() -> Instant) -> Self {
        Self {
            clock,
            ..Self::new()
        }
    }

    /// The current time of this bank.
    pub fn now(&self) -> Instant {
        (self.clock)()
    }

    /// Locks the state. A panic while the lock was held cannot leave a
    /// half-applied change (changes are applied after all checks), so a
    /// poisoned lock is taken over.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Books `fixtures` (the demo set, or the given payments, booked now).
    pub fn load(&self, fixtures: &Fixtures) -> Result<(), SimFault> {
        let now = self.now();
        self.lock().load(fixtures, now)
    }

    /// Forgets everything (payments, documents, bonus points, tokens) and
    /// books `fixtures` afresh, as one step; on an error nothing changes.
    pub fn reset(&self, fixtures: &Fixtures) -> Result<(), SimFault> {
        let mut fresh = State::empty();
        fresh.load(fixtures, self.now())?;
        *self.lock() = fresh;
        Ok(())
    }

    /// A bank holding the demo set.
    pub fn demo() -> Result<Self, SimFault> {
        let bank = Self::new();
        bank.load(&Fixtures::Demo)?;
        Ok(bank)
    }

    /// Ids of all payments, in order.
    pub fn payment_ids(&self) -> Vec<String> {
        self.lock().payments.keys().cloned().collect()
    }

    /// A copy of a payment's record (history, order lines, documents).
    pub fn record(&self, payment_id: &str) -> Result<PaymentRecord, SimFault> {
        self.lock().payment(payment_id).cloned()
    }
}
