//! The reading operations: `getPayment`, `getPaymentDocumentNames`,
//! `getPaymentDocument`, and the conversions from a payment record to the
//! response types (amounts with five decimals).

use super::fault::SimFault;
use super::ledger::{statuses, total_amount, Diff, DiffKind, PaymentRecord};
use super::money::{positive, spec_five_decimals};
use super::state::State;
use crate::common::{Id, MapEntry, NonEmptyString};
use crate::msg_aftershopflow::{GetPayment, GetPaymentDocument, GetPaymentDocumentNames};
use crate::rules::ErrorType;
use crate::types_aftershopflow::{BasicPayment, Payment, PaymentDiff, PaymentDiffType, Pdf};
use soap_runtime::rt;

/// `getPayment`: the payment with its whole history.
pub(crate) fn payment(state: &State, request: &GetPayment) -> Result<Payment, SimFault> {
    Ok(payment_view(state.payment(request.payment_id.as_str())?))
}

/// `getPaymentDocumentNames`: the names of the payment's documents, oldest first.
pub(crate) fn document_names(
    state: &State,
    request: &GetPaymentDocumentNames,
) -> Result<Vec<String>, SimFault> {
    let payment = state.payment(request.payment_id.as_str())?;
    Ok(payment
        .diffs
        .iter()
        .flat_map(|d| d.document_names.iter().cloned())
        .collect())
}

/// `getPaymentDocument`: one document as a PDF.
pub(crate) fn document(state: &State, request: &GetPaymentDocument) -> Result<Pdf, SimFault> {
    let payment = state.payment(request.payment_id.as_str())?;
    let name = request.document_name.as_str();
    let document = payment.documents.get(name).ok_or_else(|| {
        SimFault::new(
            ErrorType::ReferencedDataDontExists,
            format!("payment {} has no document named {name}", payment.id),
        )
    })?;
    Ok(Pdf {
        name: document.name.clone(),
        pdf_data: rt::Base64Binary(document.pdf.clone()),
    })
}

fn id(text: &str) -> Id {
    Id::new(text).unwrap_or_default()
}

fn non_empty(text: &str) -> Option<NonEmptyString> {
    NonEmptyString::new(text).ok()
}

/// The `getPayment` view of a record.
pub(crate) fn payment_view(payment: &PaymentRecord) -> Payment {
    let sums = payment.sums();
    Payment {
        id: id(&payment.id),
        total_amount: positive(total_amount(&sums)),
        meta_data: payment
            .meta_data
            .iter()
            .filter_map(|(key, value)| {
                Some(MapEntry {
                    key: non_empty(key)?,
                    value: value.clone(),
                })
            })
            .collect(),
        limit: positive(payment.limit),
        payment_diffs: payment.diffs.iter().map(diff_view).collect(),
        customer: payment.customer.clone(),
        delivery_address: None,
        booked: payment.booked.to_date_time(),
        finalized: payment.finalized.map(|t| t.to_date_time()),
        payment_method_id: id(&payment.payment_method_id),
        payment_method_name: payment.payment_method_name.clone(),
        fraud: payment.fraud,
        frozen: payment.frozen,
        status: statuses(&sums),
        store_id: payment.store_id.as_deref().map(id),
        payment_method_type: payment.payment_method_type.clone(),
        total_bonus_points: payment.total_bonus_points(),
    }
}

fn diff_view(diff: &Diff) -> PaymentDiff {
    PaymentDiff {
        r#type: match diff.kind {
            DiffKind::Authorize => PaymentDiffType::Authorize,
            DiffKind::Debit => PaymentDiffType::Debit,
            DiffKind::Credit => PaymentDiffType::Credit,
            DiffKind::Annul => PaymentDiffType::Annul,
        },
        transaction_id: diff.transaction_id.as_deref().map(id),
        created: diff.created.to_date_time(),
        created_by: diff.created_by.clone(),
        payment_spec: spec_five_decimals(&diff.spec),
        order_id: diff.order_id.as_deref().map(id),
        invoice_id: diff.invoice_id.as_deref().map(id),
        document_names: diff
            .document_names
            .iter()
            .filter_map(|n| non_empty(n))
            .collect(),
    }
}

/// The `findPayments` view of a record.
pub(crate) fn basic_view(payment: &PaymentRecord) -> BasicPayment {
    let sums = payment.sums();
    BasicPayment {
        payment_id: id(&payment.id),
        payment_method_id: id(&payment.payment_method_id),
        payment_method_name: non_empty(&payment.payment_method_name).unwrap_or_default(),
        government_id: payment.customer.government_id.clone(),
        full_name: payment.customer_name(),
        booked: payment.booked.to_date_time(),
        modified: Some(payment.modified.to_date_time()),
        finalized: payment.finalized.map(|t| t.to_date_time()),
        total_amount: positive(total_amount(&sums)),
        frozen: payment.frozen,
        status: statuses(&sums),
        total_bonus_points: payment.total_bonus_points(),
    }
}
