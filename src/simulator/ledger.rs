//! The payments the simulator holds: each with its full history of payment
//! diffs, from which amounts and statuses are derived.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::clock::Instant;
use crate::common::{
    Customer, InvoiceDeliveryTypeEnum, PaymentMethodType, PaymentSpec, PaymentStatus, SpecLine,
};
use crate::rules::{merge_additional_debit, DiffSums, MethodKind, PaymentFacts, PaymentState};

/// The kind of a payment diff (`paymentDiffType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiffKind {
    /// An amount reserved on the customer's account.
    Authorize,
    /// An amount finalized (debited).
    Debit,
    /// An amount credited back.
    Credit,
    /// An amount whose reservation was removed.
    Annul,
}

/// One change of a payment.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// What happened.
    pub kind: DiffKind,
    /// The transaction id (the preferred one, or the payment id).
    pub transaction_id: Option<String>,
    /// When it happened.
    pub created: Instant,
    /// Who did it.
    pub created_by: Option<String>,
    /// The amounts (and lines) of the change.
    pub spec: PaymentSpec,
    /// The shop's order number.
    pub order_id: Option<String>,
    /// The invoice or credit note number (invoice payments).
    pub invoice_id: Option<String>,
    /// Names of the documents the change produced.
    pub document_names: Vec<String>,
}

/// `totalAmount`: authorized − annulled − credited.
pub fn total_amount(sums: &DiffSums) -> Decimal {
    sums.authorized - sums.annulled - sums.credited
}

/// The status flags the sums give, in schema order: `DEBITABLE` while
/// something authorized remains to finalize, `CREDITABLE` while something
/// debited remains to credit, `IS_DEBITED` / `IS_CREDITED` / `IS_ANNULLED`
/// once anything is debited / credited / annulled.
pub fn statuses(sums: &DiffSums) -> Vec<PaymentStatus> {
    let zero = Decimal::ZERO;
    [
        (sums.open() > zero, PaymentStatus::Debitable),
        (sums.creditable() > zero, PaymentStatus::Creditable),
        (sums.debited > zero, PaymentStatus::IsDebited),
        (sums.credited > zero, PaymentStatus::IsCredited),
        (sums.annulled > zero, PaymentStatus::IsAnnulled),
    ]
    .into_iter()
    .filter_map(|(set, status)| set.then_some(status))
    .collect()
}

/// A payment and its history.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentRecord {
    /// The payment id.
    pub id: String,
    /// The payment method id, e.g. `NYTT_KORT`.
    pub payment_method_id: String,
    /// The payment method's display name.
    pub payment_method_name: String,
    /// `INVOICE`, `REVOLVING_CREDIT` or `CARD`.
    pub payment_method_type: PaymentMethodType,
    /// The column of the payment-method table the method belongs to.
    pub method_kind: MethodKind,
    /// The credit limit.
    pub limit: Decimal,
    /// The customer.
    pub customer: Customer,
    /// When the payment was booked.
    pub booked: Instant,
    /// When anything last changed.
    pub modified: Instant,
    /// When the payment was first finalized.
    pub finalized: Option<Instant>,
    /// Whether the payment is on hold.
    pub frozen: bool,
    /// Whether the payment is marked as fraud.
    pub fraud: bool,
    /// The store the payment belongs to.
    pub store_id: Option<String>,
    /// Meta data in insertion order; a key appears once.
    pub meta_data: Vec<(String, Option<String>)>,
    /// The history.
    pub diffs: Vec<Diff>,
    /// Documents (invoices, credit notes) by name.
    pub documents: BTreeMap<String, Document>,
}

impl PaymentRecord {
    /// The sums of the diffs' `totalAmount`, per kind.
    pub fn sums(&self) -> DiffSums {
        self.diffs
            .iter()
            .fold(DiffSums::default(), |mut sums, diff| {
                let amount = *diff.spec.total_amount.value();
                match diff.kind {
                    DiffKind::Authorize => sums.authorized += amount,
                    DiffKind::Debit => sums.debited += amount,
                    DiffKind::Credit => sums.credited += amount,
                    DiffKind::Annul => sums.annulled += amount,
                }
                sums
            })
    }

    /// The sums of `totalVatAmount` per kind (absent or nil counts as zero).
    pub fn vat_sums(&self) -> DiffSums {
        self.diffs
            .iter()
            .fold(DiffSums::default(), |mut sums, diff| {
                let vat = total_vat(&diff.spec);
                match diff.kind {
                    DiffKind::Authorize => sums.authorized += vat,
                    DiffKind::Debit => sums.debited += vat,
                    DiffKind::Credit => sums.credited += vat,
                    DiffKind::Annul => sums.annulled += vat,
                }
                sums
            })
    }

    /// The current `totalAmount`.
    pub fn total_amount(&self) -> Decimal {
        total_amount(&self.sums())
    }

    /// The current status flags.
    pub fn statuses(&self) -> Vec<PaymentStatus> {
        statuses(&self.sums())
    }

    /// The inputs of the status/action and maximum-amount tables.
    pub fn state(&self) -> PaymentState {
        let sums = self.sums();
        PaymentState::new(
            self.frozen,
            &statuses(&sums),
            self.limit,
            total_amount(&sums),
            sums,
        )
    }

    /// What the shared `rules::check_*` functions read: the same facts a
    /// shop gets from `getPayment`, plus the payment method's kind.
    pub fn facts(&self) -> PaymentFacts {
        PaymentFacts {
            payment_id: self.id.clone(),
            state: self.state(),
            method_type: self.payment_method_type.clone(),
            method_kind: Some(self.method_kind),
        }
    }

    /// The order lines: the authorized lines with additional debits merged
    /// in (a line with the same artNo, description and unit price updates the
    /// existing line).
    pub fn order_lines(&self) -> Vec<SpecLine> {
        self.diffs
            .iter()
            .filter(|d| d.kind == DiffKind::Authorize)
            .fold(Vec::new(), |lines, diff| {
                merge_additional_debit(&lines, &diff.spec.spec_lines)
            })
    }

    /// Bonus points of the authorizations.
    pub fn total_bonus_points(&self) -> u64 {
        self.diffs
            .iter()
            .filter(|d| d.kind == DiffKind::Authorize)
            .filter_map(|d| d.spec.bonus_points)
            .fold(0u64, u64::saturating_add)
    }

    /// The customer's full name (or first + last name).
    pub fn customer_name(&self) -> String {
        let address = &self.customer.address;
        if let Some(full) = &address.full_name {
            return full.as_str().to_owned();
        }
        [&address.first_name, &address.last_name]
            .into_iter()
            .flatten()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The value of a meta data key.
    pub fn meta_value(&self, key: &str) -> Option<&Option<String>> {
        self.meta_data
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Every id a search's `anyId` matches: payment, transaction, order and invoice ids.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.diffs.iter().flat_map(|d| {
            [&d.transaction_id, &d.order_id, &d.invoice_id]
                .into_iter()
                .flatten()
                .map(String::as_str)
        }))
    }

    /// Records a change.
    pub fn push(&mut self, diff: Diff) {
        self.modified = diff.created;
        if diff.kind == DiffKind::Debit && self.finalized.is_none() {
            self.finalized = Some(diff.created);
        }
        self.diffs.push(diff);
    }
}

/// `totalVatAmount` of a spec; absent or nil is zero.
pub fn total_vat(spec: &PaymentSpec) -> Decimal {
    spec.total_vat_amount
        .as_ref()
        .and_then(|v| v.value().copied())
        .unwrap_or(Decimal::ZERO)
}

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Created when an invoice payment is finalized.
    Invoice,
    /// Created when an invoice payment is credited.
    CreditNote,
}

impl DocumentKind {
    /// The name prefix, e.g. `INVOICE` in `INVOICE_20130702-124247_1514`.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Invoice => "INVOICE",
            Self::CreditNote => "CREDIT_NOTE",
        }
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            Self::Invoice => "Invoice",
            Self::CreditNote => "Credit note",
        }
    }
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The name `getPaymentDocument` takes.
    pub name: String,
    /// Invoice or credit note.
    pub kind: DocumentKind,
    /// How Resurs delivers it to the customer (`invoiceDeliveryType`, `EMAIL`
    /// when the request left it out).
    pub delivery: Option<InvoiceDeliveryTypeEnum>,
    /// The PDF file.
    pub pdf: Vec<u8>,
}

/// The name a document gets: `<PREFIX>_<YYYYMMDD-hhmmss>_<sequence>`.
pub fn document_name(kind: DocumentKind, created: Instant, sequence: u64) -> String {
    format!("{}_{}_{sequence}", kind.prefix(), created.compact())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(a: i64, d: i64, c: i64, n: i64) -> DiffSums {
        DiffSums {
            authorized: Decimal::from(a),
            debited: Decimal::from(d),
            credited: Decimal::from(c),
            annulled: Decimal::from(n),
        }
    }

    #[test]
    fn documented_get_payment_state() {
        let s = sums(30, 30, 30, 0);
        assert_eq!(total_amount(&s), Decimal::ZERO);
        assert_eq!(
            statuses(&s),
            vec![PaymentStatus::IsDebited, PaymentStatus::IsCredited]
        );
    }

    #[test]
    fn status_flags() {
        assert_eq!(
            statuses(&sums(100, 0, 0, 0)),
            vec![PaymentStatus::Debitable]
        );
        assert_eq!(
            statuses(&sums(100, 40, 0, 0)),
            vec![
                PaymentStatus::Debitable,
                PaymentStatus::Creditable,
                PaymentStatus::IsDebited
            ]
        );
        assert_eq!(
            statuses(&sums(100, 40, 0, 60)),
            vec![
                PaymentStatus::Creditable,
                PaymentStatus::IsDebited,
                PaymentStatus::IsAnnulled
            ]
        );
        assert_eq!(
            statuses(&sums(100, 0, 0, 100)),
            vec![PaymentStatus::IsAnnulled]
        );
        assert_eq!(total_amount(&sums(100, 40, 0, 60)), Decimal::from(40));
    }
}
