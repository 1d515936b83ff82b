//! The changing after-shop operations: finalize, annul, credit, additional
//! debit and meta data. Each one looks the payment up, checks the spec, the
//! payment-method table, the status/action table and the maximum-amount
//! table, and only then applies its diff, all under the bank's lock.

use rust_decimal::Decimal;

use super::bank::{Bank, State};
use super::clock::Instant;
use super::documents::{self, DocumentFacts, DocumentKind};
use super::fault::SimFault;
use super::ledger::{Diff, DiffKind, PaymentRecord};
use super::money::{amounts, in_range, spec_five_decimals, MAX_MAGNITUDE};
use crate::common::{PaymentMethodType, PaymentSpec};
use crate::msg_aftershopflow::{
    AddMetaData, AdditionalDebitOfPayment, AnnulPayment, CreditPayment, FinalizePayment,
};
use crate::rules::{self, Action, AfterShopEvent, ErrorType};
use soap_runtime::rt::Nillable;

/// The value of an optional nillable field (absent and nil are both `None`).
pub(crate) fn opt<T>(field: &Option<Nillable<T>>) -> Option<&T> {
    field.as_ref().and_then(Nillable::value)
}

/// An optional nillable text field as a `String`.
fn opt_text<T: std::fmt::Display>(field: &Option<Nillable<T>>) -> Option<String> {
    opt(field).map(ToString::to_string)
}

impl Bank {
    /// `finalizePayment`: debits the whole open amount, or the part in `partPaymentSpec`.
    pub fn finalize_payment(&self, request: FinalizePayment) -> Result<(), SimFault> {
        let now = self.now();
        let mut state = self.lock();
        finalize_at(&mut state, &request, now)
    }

    /// `annulPayment`: removes the reservation of the whole open amount, or of a part.
    pub fn annul_payment(&self, request: AnnulPayment) -> Result<(), SimFault> {
        let now = self.now();
        let mut state = self.lock();
        annul(&mut state, &request, now)
    }

    /// `creditPayment`: credits the whole debited amount, or a part.
    pub fn credit_payment(&self, request: CreditPayment) -> Result<(), SimFault> {
        let now = self.now();
        let mut state = self.lock();
        credit(&mut state, &request, now)
    }

    /// `additionalDebitOfPayment`: authorizes more, within `limit − totalAmount`.
    pub fn additional_debit_of_payment(
        &self,
        request: AdditionalDebitOfPayment,
    ) -> Result<(), SimFault> {
        let now = self.now();
        let mut state = self.lock();
        additional_debit(&mut state, &request, now)
    }

    /// `addMetaData`: sets a key, replacing an existing value.
    pub fn add_meta_data(&self, request: AddMetaData) -> Result<(), SimFault> {
        let now = self.now();
        let mut state = self.lock();
        let payment = state.payment_mut(request.payment_id.as_str())?;
        if request.key.is_empty() {
            return Err(SimFault::illegal_argument(
                "the meta data key must not be empty",
            ));
        }
        let value = opt(&request.value).cloned();
        match payment
            .meta_data
            .iter_mut()
            .find(|(k, _)| *k == request.key)
        {
            Some(entry) => entry.1 = value,
            None => payment.meta_data.push((request.key.clone(), value)),
        }
        payment.modified = now;
        Ok(())
    }
}

/// What a request asks for, once checked against the tables.
struct Checked {
    /// The spec to record (the request's, or the whole remaining amount).
    spec: PaymentSpec,
    /// Whether it covers all that remained.
    whole: bool,
}

/// The checks every amount-changing operation shares, in the order a real
/// server reports them: spec validity, payment-method table, status/action
/// table, maximum-amount table.
fn check(
    payment: &PaymentRecord,
    action: Action,
    requested: Option<&PaymentSpec>,
    whole_spec: impl FnOnce() -> PaymentSpec,
    over_maximum: ErrorType,
) -> Result<Checked, SimFault> {
    if let Some(spec) = requested {
        check_spec(spec)?;
    }
    let state = payment.state();
    let maximum = state.max_amount(action);
    let tolerance = rules::ROUNDING_TOLERANCE;
    let amount = requested.map(|s| *s.total_amount.value());
    let whole = amount.map_or(true, |a| a >= maximum - tolerance);
    let event = AfterShopEvent::of(action, whole);
    if !payment.method_kind.allows(event) {
        return Err(SimFault::new(
            ErrorType::NotAllowed,
            format!(
                "{event} is not allowed for payment method {} of payment {}",
                payment.payment_method_id, payment.id
            ),
        ));
    }
    if !state.allows(action) {
        let statuses = payment.statuses();
        let shown: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
        let frozen = if payment.frozen { ", frozen" } else { "" };
        return Err(SimFault::new(
            ErrorType::NotAllowedInPaymentState,
            format!(
                "{action} is not allowed for payment {} with status [{}]{frozen}",
                payment.id,
                shown.join(", ")
            ),
        ));
    }
    if let Some(amount) = amount {
        if amount <= Decimal::ZERO {
            return Err(SimFault::illegal_argument(
                "the amount must be greater than zero",
            ));
        }
        if amount > maximum + tolerance {
            return Err(SimFault::new(
                over_maximum,
                format!(
                    "{action} of {amount} on payment {} exceeds the maximum {maximum}",
                    payment.id
                ),
            ));
        }
    }
    let spec = match requested {
        Some(spec) => spec_five_decimals(spec),
        None => whole_spec(),
    };
    Ok(Checked { spec, whole })
}

/// The range check and the 0.05 rounding check of the rules, as an
/// `ILLEGAL_ARGUMENT`.
pub(crate) fn check_spec(spec: &PaymentSpec) -> Result<(), SimFault> {
    if !in_range(spec) {
        return Err(SimFault::illegal_argument(format!(
            "an amount or quantity of the payment spec exceeds {MAX_MAGNITUDE} in magnitude"
        )));
    }
    rules::check_payment_spec(spec).map_err(|e| SimFault::illegal_argument(e.to_string()))
}

/// Refuses invoice-only fields on other payment methods.
fn invoice_only(payment: &PaymentRecord, fields: &[(&str, bool)]) -> Result<(), SimFault> {
    if payment.payment_method_type == PaymentMethodType::Invoice {
        return Ok(());
    }
    match fields.iter().find(|(_, set)| *set) {
        Some((name, _)) => Err(SimFault::illegal_argument(format!(
            "{name} may only be set for INVOICE payments; payment {} is {}",
            payment.id,
            payment.payment_method_type.as_str()
        ))),
        None => Ok(()),
    }
}

pub(crate) fn finalize_at(
    state: &mut State,
    request: &FinalizePayment,
    now: Instant,
) -> Result<(), SimFault> {
    let payment = state.payment(request.payment_id.as_str())?;
    invoice_only(
        payment,
        &[
            ("invoiceId", opt(&request.invoice_id).is_some()),
            ("invoiceDate", opt(&request.invoice_date).is_some()),
        ],
    )?;
    let (sums, vat) = (payment.sums(), payment.vat_sums());
    let checked = check(
        payment,
        Action::Finalize,
        opt(&request.part_payment_spec),
        || amounts(sums.open(), vat.open()),
        ErrorType::InvalidFinalization,
    )?;
    let nothing_changed_yet = sums.debited.is_zero() && sums.annulled.is_zero();
    let is_invoice = payment.payment_method_type == PaymentMethodType::Invoice;
    let document_spec =
        if checked.whole && nothing_changed_yet && checked.spec.spec_lines.is_empty() {
            PaymentSpec {
                spec_lines: payment.order_lines(),
                ..checked.spec.clone()
            }
        } else {
            checked.spec.clone()
        };
    let invoice_id = opt_text(&request.invoice_id);
    let invoice_date = opt_text(&request.invoice_date);
    let order_id = opt_text(&request.order_id);
    let sequence = is_invoice.then(|| state.take_document_sequence());
    let payment = state.payment_mut(request.payment_id.as_str())?;
    let document = sequence.map(|sequence| {
        documents::create(
            payment,
            DocumentFacts {
                kind: DocumentKind::Invoice,
                created: now,
                sequence,
                number: invoice_id.as_deref(),
                date: invoice_date.as_deref(),
                order_id: order_id.as_deref(),
                spec: &document_spec,
            },
        )
    });
    let diff = Diff {
        kind: DiffKind::Debit,
        transaction_id: Some(
            opt_text(&request.preferred_transaction_id).unwrap_or_else(|| payment.id.clone()),
        ),
        created: now,
        created_by: opt_text(&request.created_by),
        spec: checked.spec,
        order_id,
        invoice_id: invoice_id.or_else(|| is_invoice.then(|| payment.id.clone())),
        document_names: document.iter().map(|d| d.name.clone()).collect(),
    };
    if let Some(document) = document {
        payment.documents.insert(document.name.clone(), document);
    }
    payment.push(diff);
    Ok(())
}

fn annul(state: &mut State, request: &AnnulPayment, now: Instant) -> Result<(), SimFault> {
    let payment = state.payment_mut(request.payment_id.as_str())?;
    let (sums, vat) = (payment.sums(), payment.vat_sums());
    let checked = check(
        payment,
        Action::Annul,
        opt(&request.part_payment_spec),
        || amounts(sums.open(), vat.open()),
        ErrorType::IllegalArgument,
    )?;
    let diff = Diff {
        kind: DiffKind::Annul,
        transaction_id: None,
        created: now,
        created_by: opt_text(&request.created_by),
        spec: checked.spec,
        order_id: None,
        invoice_id: None,
        document_names: Vec::new(),
    };
    payment.push(diff);
    Ok(())
}

fn credit(state: &mut State, request: &CreditPayment, now: Instant) -> Result<(), SimFault> {
    let payment = state.payment(request.payment_id.as_str())?;
    invoice_only(
        payment,
        &[
            ("creditNoteId", opt(&request.credit_note_id).is_some()),
            ("creditNoteDate", opt(&request.credit_note_date).is_some()),
        ],
    )?;
    let is_invoice = payment.payment_method_type == PaymentMethodType::Invoice;
    let requested = opt(&request.part_payment_spec);
    if is_invoice && requested.is_none() {
        return Err(SimFault::illegal_argument(format!(
            "partPaymentSpec is mandatory when crediting INVOICE payment {}",
            payment.id
        )));
    }
    let (sums, vat) = (payment.sums(), payment.vat_sums());
    let checked = check(
        payment,
        Action::Credit,
        requested,
        || amounts(sums.creditable(), vat.creditable()),
        ErrorType::InvalidCrediting,
    )?;
    let credit_note_id = opt_text(&request.credit_note_id);
    let credit_note_date = opt_text(&request.credit_note_date);
    let sequence = is_invoice.then(|| state.take_document_sequence());
    let payment = state.payment_mut(request.payment_id.as_str())?;
    let document = sequence.map(|sequence| {
        documents::create(
            payment,
            DocumentFacts {
                kind: DocumentKind::CreditNote,
                created: now,
                sequence,
                number: credit_note_id.as_deref(),
                date: credit_note_date.as_deref(),
                order_id: None,
                spec: &checked.spec,
            },
        )
    });
    let diff = Diff {
        kind: DiffKind::Credit,
        transaction_id: Some(
            opt_text(&request.preferred_transaction_id).unwrap_or_else(|| payment.id.clone()),
        ),
        created: now,
        created_by: opt_text(&request.created_by),
        spec: checked.spec,
        order_id: None,
        invoice_id: credit_note_id,
        document_names: document.iter().map(|d| d.name.clone()).collect(),
    };
    if let Some(document) = document {
        payment.documents.insert(document.name.clone(), document);
    }
    payment.push(diff);
    Ok(())
}

fn additional_debit(
    state: &mut State,
    request: &AdditionalDebitOfPayment,
    now: Instant,
) -> Result<(), SimFault> {
    let payment = state.payment_mut(request.payment_id.as_str())?;
    let Some(spec) = opt(&request.payment_spec) else {
        return Err(SimFault::illegal_argument(
            "additionalDebitOfPayment needs a paymentSpec with the amount to add",
        ));
    };
    let checked = check(
        payment,
        Action::AdditionalDebit,
        Some(spec),
        PaymentSpec::default,
        ErrorType::IllegalArgument,
    )?;
    let diff = Diff {
        kind: DiffKind::Authorize,
        transaction_id: None,
        created: now,
        created_by: opt_text(&request.created_by),
        spec: checked.spec,
        order_id: None,
        invoice_id: None,
        document_names: Vec::new(),
    };
    payment.push(diff);
    Ok(())
}
