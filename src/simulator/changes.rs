//! Floor 3, the rules of changes: finalize, annul, credit, additional debit
//! and meta data, as functions of the [`State`]. Each one looks the payment
//! up, runs the same `rules::check_*` function a shop runs before sending
//! (spec, payment-method, status/action and maximum-amount tables), and only
//! then applies its diff (the bank calls them under its lock).

use super::clock::Instant;
use super::documents::{self, DocumentFacts};
use super::fault::SimFault;
use super::ledger::DocumentKind;
use super::ledger::{Diff, DiffKind};
use super::money::{amounts, in_range, positive, spec_five_decimals, MAX_MAGNITUDE};
use super::state::State;
use crate::common::{PaymentMethodType, PaymentSpec};
use crate::msg_aftershopflow::{
    AddMetaData, AdditionalDebitOfPayment, AnnulPayment, CreditPayment, FinalizePayment,
};
use crate::rules::{self, RuleError};
use soap_runtime::rt::Nillable;

/// The value of an optional nillable field (absent and nil are both `None`).
pub(crate) fn opt<T>(field: &Option<Nillable<T>>) -> Option<&T> {
    field.as_ref().and_then(Nillable::value)
}

/// An optional nillable text field as a `String`.
fn opt_text<T: std::fmt::Display>(field: &Option<Nillable<T>>) -> Option<String> {
    opt(field).map(ToString::to_string)
}

/// `addMetaData`: sets a key, replacing an existing value, within the
/// limits of `rules::check_meta_data`.
pub(crate) fn add_meta_data(
    state: &mut State,
    request: &AddMetaData,
    now: Instant,
) -> Result<(), SimFault> {
    let payment = state.payment_mut(request.payment_id.as_str())?;
    let value = opt(&request.value).cloned();
    let existing = payment
        .meta_data
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_deref()));
    rules::check_meta_data(existing, &request.key, value.as_deref())
        .map_err(|e| rule_fault(e.into()))?;
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

/// A refusal of the shared rules as the `ECommerceError` Resurs sends.
pub(crate) fn rule_fault(error: RuleError) -> SimFault {
    SimFault::new(error.error_type(), error.to_string())
}

/// The simulator's own bound on amounts (see [`MAX_MAGNITUDE`]), checked
/// before the rules do arithmetic on the spec.
fn check_range(spec: Option<&PaymentSpec>) -> Result<(), SimFault> {
    match spec {
        Some(spec) if !in_range(spec) => Err(SimFault::illegal_argument(format!(
            "an amount or quantity of the payment spec exceeds {MAX_MAGNITUDE} in magnitude"
        ))),
        _ => Ok(()),
    }
}

/// The range check and the 0.05 rounding check of the rules, as an
/// `ILLEGAL_ARGUMENT` (bookings and fixtures).
pub(crate) fn check_spec(spec: &PaymentSpec) -> Result<(), SimFault> {
    check_range(Some(spec))?;
    rules::check_payment_spec(spec)
        .map(drop)
        .map_err(|e| rule_fault(e.into()))
}

/// The spec a change records: the request's, shown with five decimals, or
/// (without one) what the verdict covers.
fn recorded(requested: Option<&PaymentSpec>, whole: impl FnOnce() -> PaymentSpec) -> PaymentSpec {
    requested.map_or_else(whole, spec_five_decimals)
}

pub(crate) fn finalize_at(
    state: &mut State,
    request: &FinalizePayment,
    now: Instant,
) -> Result<(), SimFault> {
    let payment = state.payment(request.payment_id.as_str())?;
    let requested = opt(&request.part_payment_spec);
    check_range(requested)?;
    let verdict = payment
        .facts()
        .check_finalize(request)
        .map_err(rule_fault)?;
    let (sums, vat) = (payment.sums(), payment.vat_sums());
    let spec = recorded(requested, || amounts(sums.open(), vat.open()));
    let is_invoice = payment.payment_method_type == PaymentMethodType::Invoice;
    let document_spec = if verdict.whole() && spec.spec_lines.is_empty() {
        PaymentSpec {
            spec_lines: payment.order_lines(),
            ..spec.clone()
        }
    } else {
        spec.clone()
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
                delivery: verdict.invoice_delivery_type.clone(),
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
        spec,
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

pub(crate) fn annul(
    state: &mut State,
    request: &AnnulPayment,
    now: Instant,
) -> Result<(), SimFault> {
    let payment = state.payment_mut(request.payment_id.as_str())?;
    let requested = opt(&request.part_payment_spec);
    check_range(requested)?;
    payment.facts().check_annul(request).map_err(rule_fault)?;
    let (sums, vat) = (payment.sums(), payment.vat_sums());
    let diff = Diff {
        kind: DiffKind::Annul,
        transaction_id: None,
        created: now,
        created_by: opt_text(&request.created_by),
        spec: recorded(requested, || amounts(sums.open(), vat.open())),
        order_id: None,
        invoice_id: None,
        document_names: Vec::new(),
    };
    payment.push(diff);
    Ok(())
}

pub(crate) fn credit(
    state: &mut State,
    request: &CreditPayment,
    now: Instant,
) -> Result<(), SimFault> {
    let payment = state.payment(request.payment_id.as_str())?;
    let requested = opt(&request.part_payment_spec);
    check_range(requested)?;
    let verdict = payment.facts().check_credit(request).map_err(rule_fault)?;
    let is_invoice = payment.payment_method_type == PaymentMethodType::Invoice;
    let (sums, vat) = (payment.sums(), payment.vat_sums());
    let spec = recorded(requested, || amounts(sums.creditable(), vat.creditable()));
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
                spec: &spec,
                delivery: verdict.invoice_delivery_type.clone(),
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
        spec,
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

pub(crate) fn additional_debit(
    state: &mut State,
    request: &AdditionalDebitOfPayment,
    now: Instant,
) -> Result<(), SimFault> {
    let payment = state.payment_mut(request.payment_id.as_str())?;
    let requested = opt(&request.payment_spec);
    check_range(requested)?;
    let verdict = payment
        .facts()
        .check_additional_debit(request)
        .map_err(rule_fault)?;
    let diff = Diff {
        kind: DiffKind::Authorize,
        transaction_id: None,
        created: now,
        created_by: opt_text(&request.created_by),
        spec: recorded(requested, || PaymentSpec {
            total_amount: positive(verdict.amount),
            ..PaymentSpec::default()
        }),
        order_id: None,
        invoice_id: None,
        document_names: Vec::new(),
    };
    payment.push(diff);
    Ok(())
}
