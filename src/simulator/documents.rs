//! Floor 3, the rule that writes invoices and credit notes: the PDF of a
//! [`Document`] when it is created.

use rust_decimal::Decimal;

use super::clock::Instant;
use super::ledger::DocumentKind;
use super::ledger::{document_name, total_vat, Document, PaymentRecord};
use super::money::five_decimals;
use super::pdf::{self, PdfContent, PdfLine};
use crate::common::{InvoiceDeliveryTypeEnum, PaymentSpec};

/// The facts printed on a document besides the payment itself.
#[derive(Debug, Clone)]
pub struct DocumentFacts<'a> {
    /// Invoice or credit note.
    pub kind: DocumentKind,
    /// When it is created (also gives the name).
    pub created: Instant,
    /// The running number that ends the name.
    pub sequence: u64,
    /// The invoice or credit note number.
    pub number: Option<&'a str>,
    /// The invoice or credit note date (`YYYY-MM-DD`); the creation date when absent.
    pub date: Option<&'a str>,
    /// The shop's order number.
    pub order_id: Option<&'a str>,
    /// The lines and totals the document covers.
    pub spec: &'a PaymentSpec,
    /// How it is delivered (printed on it).
    pub delivery: Option<InvoiceDeliveryTypeEnum>,
}

/// Creates the document for `payment`.
pub fn create(payment: &PaymentRecord, facts: DocumentFacts<'_>) -> Document {
    let name = document_name(facts.kind, facts.created, facts.sequence);
    let content = content(payment, &facts);
    Document {
        name,
        kind: facts.kind,
        delivery: facts.delivery,
        pdf: pdf::render(&content),
    }
}

fn content(payment: &PaymentRecord, facts: &DocumentFacts<'_>) -> PdfContent {
    let date = facts
        .date
        .map_or_else(|| facts.created.date(), str::to_owned);
    let address = &payment.customer.address;
    let mut fact_rows = vec![
        ("Payment".to_owned(), payment.id.clone()),
        (
            format!("{} number", facts.kind.title()),
            facts.number.unwrap_or(&payment.id).to_owned(),
        ),
        ("Date".to_owned(), date),
    ];
    if let Some(order_id) = facts.order_id {
        fact_rows.push(("Order".to_owned(), order_id.to_owned()));
    }
    if let Some(delivery) = &facts.delivery {
        fact_rows.push(("Delivery".to_owned(), delivery.as_str().to_owned()));
    }
    fact_rows.push(("Customer".to_owned(), payment.customer_name()));
    fact_rows.push(("Address".to_owned(), address.address_row1.clone()));
    fact_rows.push((
        String::new(),
        format!("{} {}", address.postal_code, address.postal_area),
    ));
    let lines = if facts.spec.spec_lines.is_empty() {
        vec![PdfLine {
            description: format!("Payment {}", payment.id),
            quantity: "1".to_owned(),
            unit_amount: money(*facts.spec.total_amount.value() - total_vat(facts.spec)),
            total: money(*facts.spec.total_amount.value()),
            ..PdfLine::default()
        }]
    } else {
        facts
            .spec
            .spec_lines
            .iter()
            .map(|line| PdfLine {
                art_no: line.art_no.clone(),
                description: line.description.clone(),
                quantity: format!("{} {}", line.quantity.normalize(), line.unit_measure)
                    .trim_end()
                    .to_owned(),
                unit_amount: money(line.unit_amount_without_vat),
                vat_pct: line.vat_pct.value().normalize().to_string(),
                total: money(line.total_amount),
            })
            .collect()
    };
    PdfContent {
        title: facts.kind.title().to_owned(),
        facts: fact_rows,
        lines,
        totals: vec![
            ("VAT".to_owned(), money(total_vat(facts.spec))),
            ("Total".to_owned(), money(*facts.spec.total_amount.value())),
        ],
    }
}

fn money(value: Decimal) -> String {
    let mut v = five_decimals(value);
    v.rescale(2);
    v.to_string()
}
