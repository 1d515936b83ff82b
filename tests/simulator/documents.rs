//! Invoice and credit-note PDFs: created at finalize and credit of invoice
//! payments, listed by getPaymentDocumentNames, served by getPaymentDocument.

use crate::harness::bank as support;

use resurs_aftershop::msg_aftershopflow::{
    CreditPayment, FinalizePayment, GetPaymentDocument, GetPaymentDocumentNames,
};
use resurs_aftershop::rules::{ErrorType, MethodKind};
use resurs_aftershop::simulator::{Bank, Booking, DOCUMENT_NAME, DOCUMENT_PAYMENT};
use support::*;

const P: &str = "Pay-docs-1";

fn names(bank: &Bank, payment_id: &str) -> Vec<String> {
    bank.get_payment_document_names(GetPaymentDocumentNames {
        payment_id: id(payment_id),
    })
    .expect("names")
}

fn document(bank: &Bank, payment_id: &str, name: &str) -> Vec<u8> {
    let pdf = bank
        .get_payment_document(GetPaymentDocument {
            payment_id: id(payment_id),
            document_name: name.parse().expect("name"),
        })
        .expect("document");
    assert_eq!(pdf.name, name);
    pdf.pdf_data.0
}

fn invoice_bank() -> Bank {
    let bank = Bank::new();
    let authorized = spec(vec![
        line("SHOE-1", "Running shoes", "1", "800", "25"),
        line("SOCK-2", "Wool socks", "3", "40", "25"),
    ]);
    bank.book(Booking::new(P, MethodKind::ResursInvoice, authorized))
        .expect("booking");
    bank
}

#[test]
fn finalize_of_an_invoice_creates_an_invoice_pdf() {
    let bank = invoice_bank();
    assert!(names(&bank, P).is_empty());
    bank.finalize_payment(FinalizePayment {
        invoice_id: v(id("INV-42")),
        ..finalize(P, None)
    })
    .expect("finalize");
    let listed = names(&bank, P);
    assert_eq!(listed.len(), 1);
    assert!(listed[0].starts_with("INVOICE_"), "{listed:?}");
    let diff_names: Vec<String> = get(&bank, P).payment_diffs[1]
        .document_names
        .iter()
        .map(|n| n.as_str().to_owned())
        .collect();
    assert_eq!(diff_names, listed);

    let pdf = document(&bank, P, &listed[0]);
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("(Running shoes)"));
    assert!(text.contains("(Wool socks)"));
    assert!(text.contains("(INV-42)"));
    assert!(text.contains("(1150.00)"), "the total");
}

#[test]
fn part_finalize_lists_the_finalized_lines() {
    let bank = invoice_bank();
    bank.finalize_payment(finalize(
        P,
        Some(spec(vec![line("SOCK-2", "Wool socks", "1", "40", "25")])),
    ))
    .expect("finalize");
    let name = names(&bank, P).remove(0);
    let text = String::from_utf8_lossy(&document(&bank, P, &name)).into_owned();
    assert!(text.contains("(Wool socks)"));
    assert!(!text.contains("(Running shoes)"));
}

#[test]
fn credit_of_an_invoice_creates_a_credit_note_pdf() {
    let bank = invoice_bank();
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    bank.credit_payment(CreditPayment {
        credit_note_id: v(id("CR-7")),
        ..credit(
            P,
            Some(spec(vec![line("SOCK-2", "Wool socks", "2", "40", "25")])),
        )
    })
    .expect("credit");
    let listed = names(&bank, P);
    assert_eq!(listed.len(), 2);
    assert!(listed[1].starts_with("CREDIT_NOTE_"), "{listed:?}");
    let pdf = document(&bank, P, &listed[1]);
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("(Credit note)"));
    assert!(text.contains("(Wool socks)"));
    assert!(text.contains("(CR-7)"));
}

#[test]
fn other_methods_get_no_documents() {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    bank.credit_payment(credit(P, None)).expect("credit");
    assert!(names(&bank, P).is_empty());
}

#[test]
fn unknown_document_or_payment_is_referenced_data_dont_exists() {
    let bank = invoice_bank();
    let request = |payment: &str, name: &str| GetPaymentDocument {
        payment_id: id(payment),
        document_name: name.parse().expect("name"),
    };
    assert_fault(
        bank.get_payment_document(request(P, "INVOICE_x")),
        ErrorType::ReferencedDataDontExists,
    );
    assert_fault(
        bank.get_payment_document(request("nope", "INVOICE_x")),
        ErrorType::ReferencedDataDontExists,
    );
    assert_fault(
        bank.get_payment_document_names(GetPaymentDocumentNames {
            payment_id: id("nope"),
        }),
        ErrorType::ReferencedDataDontExists,
    );
}

#[test]
fn the_demo_set_holds_the_documented_document() {
    let bank = Bank::demo().expect("demo");
    assert_eq!(names(&bank, DOCUMENT_PAYMENT), [DOCUMENT_NAME]);
    let pdf = document(&bank, DOCUMENT_PAYMENT, DOCUMENT_NAME);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf).contains("NUT-001"));
}
