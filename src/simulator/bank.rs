//! Floor 4, the bank: the [`State`] behind one lock, and one method per
//! operation (plus the booking and test helpers), each taking the time and
//! the lock and calling the rule function of its topic.
//!
//! Everything lives behind one mutex, so an operation checks the tables and
//! applies its change as one step: concurrent calls on a payment never
//! finalize, annul or credit more than the tables allow.

use std::sync::{Mutex, MutexGuard};

use super::booking::{self, Booking};
use super::clock::Instant;
use super::fault::SimFault;
use super::fixtures::{self, Fixtures};
use super::ledger::PaymentRecord;
use super::state::State;
use super::{changes, customers, search, views};
use crate::common::CustomerType;
use crate::msg_aftershopflow as msg;
use crate::msg_shopflow as shop;
use crate::types_aftershopflow::{BasicPayment, Bonus, Payment, Pdf};
use crate::types_shopflow::{self as shop_types, CustomerIdentificationResponse};

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
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Books `fixtures` (the demo set, or the given payments, booked now).
    pub fn load(&self, fixtures: &Fixtures) -> Result<(), SimFault> {
        let now = self.now();
        fixtures::load(&mut self.lock(), fixtures, now)
    }

    /// Forgets everything (payments, documents, bonus points, tokens) and
    /// books `fixtures` afresh, as one step; on an error nothing changes.
    pub fn reset(&self, fixtures: &Fixtures) -> Result<(), SimFault> {
        let mut fresh = State::empty();
        fixtures::load(&mut fresh, fixtures, self.now())?;
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

    /// Books a payment now: an `AUTHORIZE` diff (and, for methods finalized at
    /// booking, a `DEBIT` diff). An existing id is `OBJECT_WITH_ID_ALREADY_EXIST`.
    pub fn book(&self, booking: Booking) -> Result<(), SimFault> {
        let now = self.now();
        booking::book(&mut self.lock(), booking, now, now)
    }

    /// Books all of `bookings` now, or (on an error) none of them: an
    /// existing id is `OBJECT_WITH_ID_ALREADY_EXIST`. Returns the ids booked.
    pub fn book_all(&self, bookings: Vec<Booking>) -> Result<Vec<String>, SimFault> {
        let now = self.now();
        booking::book_all(&mut self.lock(), bookings, now)
    }

    /// Makes `card_number` a known Resurs card of the customer (as booking a
    /// payment with [`Booking::card_number`] does), so tokens can be
    /// issued for it.
    pub fn register_card(
        &self,
        government_id: &str,
        customer_type: CustomerType,
        card_number: &str,
    ) -> Result<(), SimFault> {
        customers::register_card(&mut self.lock(), government_id, &customer_type, card_number)
    }

    /// `finalizePayment`: debits the whole open amount, or the part in `partPaymentSpec`.
    pub fn finalize_payment(&self, request: msg::FinalizePayment) -> Result<(), SimFault> {
        let now = self.now();
        changes::finalize_at(&mut self.lock(), &request, now)
    }

    /// `annulPayment`: removes the reservation of the whole open amount, or of a part.
    pub fn annul_payment(&self, request: msg::AnnulPayment) -> Result<(), SimFault> {
        let now = self.now();
        changes::annul(&mut self.lock(), &request, now)
    }

    /// `creditPayment`: credits the whole debited amount, or a part.
    pub fn credit_payment(&self, request: msg::CreditPayment) -> Result<(), SimFault> {
        let now = self.now();
        changes::credit(&mut self.lock(), &request, now)
    }

    /// `additionalDebitOfPayment`: authorizes more, within `limit − totalAmount`
    /// (without `paymentSpec`: all of it).
    pub fn additional_debit_of_payment(
        &self,
        request: msg::AdditionalDebitOfPayment,
    ) -> Result<(), SimFault> {
        let now = self.now();
        changes::additional_debit(&mut self.lock(), &request, now)
    }

    /// `addMetaData`: sets a key, replacing an existing value, within the
    /// limits of `rules::check_meta_data`.
    pub fn add_meta_data(&self, request: msg::AddMetaData) -> Result<(), SimFault> {
        let now = self.now();
        changes::add_meta_data(&mut self.lock(), &request, now)
    }

    /// `getPayment`: the payment with its whole history.
    pub fn get_payment(&self, request: msg::GetPayment) -> Result<Payment, SimFault> {
        views::payment(&self.lock(), &request)
    }

    /// `getPaymentDocumentNames`: the names of the payment's documents, oldest first.
    pub fn get_payment_document_names(
        &self,
        request: msg::GetPaymentDocumentNames,
    ) -> Result<Vec<String>, SimFault> {
        views::document_names(&self.lock(), &request)
    }

    /// `getPaymentDocument`: one document as a PDF.
    pub fn get_payment_document(&self, request: msg::GetPaymentDocument) -> Result<Pdf, SimFault> {
        views::document(&self.lock(), &request)
    }

    /// `findPayments`: the matching payments, sorted and paged.
    pub fn find_payments(&self, request: msg::FindPayments) -> Result<Vec<BasicPayment>, SimFault> {
        search::find_payments(&self.lock(), &request)
    }

    /// `calculateResultSize`: how many payments `findPayments` would find.
    pub fn calculate_result_size(
        &self,
        request: msg::CalculateResultSize,
    ) -> Result<i32, SimFault> {
        search::calculate_result_size(&self.lock(), &request)
    }

    /// `insertBonusPoints`.
    pub fn insert_bonus_points(&self, request: msg::InsertBonusPoints) -> Result<(), SimFault> {
        customers::insert_bonus_points(&mut self.lock(), &request)
    }

    /// `withdrawBonusPoints`: refused when the balance is smaller.
    pub fn withdraw_bonus_points(&self, request: msg::WithdrawBonusPoints) -> Result<(), SimFault> {
        let now = self.now();
        customers::withdraw_bonus_points(&mut self.lock(), &request, now)
    }

    /// `getCustomerBonus` (After Shop): the usable balance.
    pub fn get_customer_bonus(&self, request: msg::GetCustomerBonus) -> Result<Bonus, SimFault> {
        let now = self.now();
        customers::customer_bonus(&self.lock(), &request, now)
    }

    /// `issueCustomerIdentificationToken`: a token for the card's customer;
    /// none (no `return`) when the card is not a known card of that customer.
    pub fn issue_customer_identification_token(
        &self,
        request: shop::IssueCustomerIdentificationToken,
    ) -> Result<Option<CustomerIdentificationResponse>, SimFault> {
        let now = self.now();
        customers::issue_token(&mut self.lock(), &request, now)
    }

    /// `invalidateCustomerIdentificationToken`: the listed tokens (all must be
    /// known), or every token of the customer named by government id.
    pub fn invalidate_customer_identification_token(
        &self,
        request: shop::InvalidateCustomerIdentificationToken,
    ) -> Result<(), SimFault> {
        customers::invalidate_tokens(&mut self.lock(), &request)
    }

    /// ShopFlow's `getCustomerBonus`: the usable bonus of the customer that a
    /// live token or a known card identifies (exactly one of the two, checked
    /// by `rules::check_customer_identification`); anything else is
    /// `INVALID_IDENTIFICATION`.
    pub fn get_customer_bonus_identified(
        &self,
        request: shop::GetCustomerBonus,
    ) -> Result<shop_types::Bonus, SimFault> {
        let now = self.now();
        customers::identified_bonus(&self.lock(), &request, now)
    }
}
