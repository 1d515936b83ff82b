//! findPayments and calculateResultSize: every criterion, sorting, paging, and
//! the two operations agreeing.

use crate::harness::bank as support;

use std::cell::Cell;

use resurs_aftershop::common::{MapEntry, NonEmptyString, PaymentStatus, PositiveDecimal};
use resurs_aftershop::msg_aftershopflow::{CalculateResultSize, FindPayments};
use resurs_aftershop::rules::MethodKind;
use resurs_aftershop::simulator::{demo_customer, Bank, Booking, Instant};
use resurs_aftershop::types_aftershopflow::{
    SearchCriteria, SortAlternative, SortOrder, WithMetaData,
};
use support::*;

thread_local! {
    static NOW: Cell<i64> = const { Cell::new(0) };
}

fn clock() -> Instant {
    Instant::from_millis(NOW.with(Cell::get))
}

fn set_time(text: &str) {
    let millis = Instant::parse(text).expect("time").millis();
    NOW.with(|now| now.set(millis));
}

fn text(value: &str) -> NonEmptyString {
    NonEmptyString::new(value).expect("text")
}

fn booking(
    id: &str,
    kind: MethodKind,
    method: &str,
    total: &str,
    gov: &str,
    name: &str,
) -> Booking {
    let mut customer = demo_customer();
    customer.government_id = text(gov);
    customer.address.full_name = Some(text(name));
    Booking {
        payment_method_id: method.to_owned(),
        customer,
        ..Booking::new(id, kind, one_line(total))
    }
}

/// A: invoice 100, booked 2020-01-01, metadata color=red.
/// B: card account 200, booked 2020-02-01, finalized 2020-02-15.
/// C: part payment 300, booked 2020-03-01, annulled, frozen.
/// D: Swish 50 with 10 bonus points, booked 2020-04-01 (finalized at booking).
fn bank() -> Bank {
    let bank = Bank::with_clock(clock);
    set_time("2020-01-01T10:00:00Z");
    bank.book(Booking {
        meta_data: vec![MapEntry {
            key: text("color"),
            value: Some("red".into()),
        }],
        ..booking(
            "A",
            MethodKind::ResursInvoice,
            "Faktura",
            "100",
            "1111",
            "Anna Andersson",
        )
    })
    .expect("A");
    set_time("2020-02-01T10:00:00Z");
    bank.book(booking(
        "B",
        MethodKind::ResursCardAccount,
        "NYTT_KORT",
        "200",
        "2222",
        "Bertil Berg",
    ))
    .expect("B");
    set_time("2020-02-15T10:00:00Z");
    bank.finalize_payment(finalize("B", None))
        .expect("finalize B");
    set_time("2020-03-01T10:00:00Z");
    bank.book(Booking {
        frozen: true,
        ..booking(
            "C",
            MethodKind::ResursPartPayment,
            "8",
            "300",
            "1111",
            "Carl Carlsson",
        )
    })
    .expect("C");
    bank.annul_payment(annul("C", None)).expect("annul C");
    set_time("2020-04-01T10:00:00Z");
    let mut spec = one_line("50");
    spec.bonus_points = Some(10);
    bank.book(Booking {
        payment_method_id: "SWISH".into(),
        customer: booking("x", MethodKind::Swish, "SWISH", "1", "3333", "Doris Dahl").customer,
        ..Booking::new("D", MethodKind::Swish, spec)
    })
    .expect("D");
    bank
}

fn find(bank: &Bank, criteria: &SearchCriteria) -> Vec<String> {
    bank.find_payments(FindPayments {
        search_criteria: criteria.clone(),
        ..FindPayments::default()
    })
    .expect("find")
    .into_iter()
    .map(|p| p.payment_id.into_inner())
    .collect()
}

/// findPayments returns `expected` and calculateResultSize counts as many.
fn expect(bank: &Bank, criteria: SearchCriteria, expected: &[&str]) {
    assert_eq!(find(bank, &criteria), expected, "{criteria:?}");
    let size = bank
        .calculate_result_size(CalculateResultSize {
            search_criteria: criteria,
        })
        .expect("size");
    assert_eq!(usize::try_from(size).expect("count"), expected.len());
}

fn time(text: &str) -> soap_runtime::rt::DateTime {
    text.parse().expect("dateTime")
}

#[test]
fn no_criteria_finds_everything() {
    expect(&bank(), SearchCriteria::default(), &["A", "B", "C", "D"]);
}

#[test]
fn any_id_matches_payment_and_transaction_ids() {
    let bank = bank();
    expect(
        &bank,
        SearchCriteria {
            any_id: v(id("C")),
            ..Default::default()
        },
        &["C"],
    );
    bank.finalize_payment(resurs_aftershop::msg_aftershopflow::FinalizePayment {
        order_id: v(id("Ord-77")),
        ..finalize("A", Some(amount("10")))
    })
    .expect("finalize");
    expect(
        &bank,
        SearchCriteria {
            any_id: v(id("Ord-77")),
            ..Default::default()
        },
        &["A"],
    );
}

#[test]
fn payment_method_government_id_and_name() {
    let bank = bank();
    expect(
        &bank,
        SearchCriteria {
            payment_method_id: v(id("NYTT_KORT")),
            ..Default::default()
        },
        &["B"],
    );
    expect(
        &bank,
        SearchCriteria {
            government_id: v(text("1111")),
            ..Default::default()
        },
        &["A", "C"],
    );
    expect(
        &bank,
        SearchCriteria {
            customer_name: v("carl".into()),
            ..Default::default()
        },
        &["C"],
    );
    expect(
        &bank,
        SearchCriteria {
            customer_name: v("SSON".into()),
            ..Default::default()
        },
        &["A", "C"],
    );
}

#[test]
fn time_ranges_are_inclusive() {
    let bank = bank();
    expect(
        &bank,
        SearchCriteria {
            booked_from: v(time("2020-02-01T10:00:00Z")),
            booked_to: v(time("2020-03-01T10:00:00Z")),
            ..Default::default()
        },
        &["B", "C"],
    );
    expect(
        &bank,
        SearchCriteria {
            booked_to: v(time("2020-01-31T00:00:00+02:00")),
            ..Default::default()
        },
        &["A"],
    );
    expect(
        &bank,
        SearchCriteria {
            finalized_from: v(time("2020-02-10T00:00:00Z")),
            ..Default::default()
        },
        &["B", "D"],
    );
    expect(
        &bank,
        SearchCriteria {
            finalized_to: v(time("2020-03-01T00:00:00Z")),
            ..Default::default()
        },
        &["B"],
    );
    // B was modified by its finalization, C by its annulment.
    expect(
        &bank,
        SearchCriteria {
            modified_from: v(time("2020-02-10T00:00:00Z")),
            modified_to: v(time("2020-03-05T00:00:00Z")),
            ..Default::default()
        },
        &["B", "C"],
    );
}

#[test]
fn amount_bonus_frozen_and_bonus_used() {
    let bank = bank();
    let amount = |t: &str| v(PositiveDecimal::new(d(t)).expect("positive"));
    expect(
        &bank,
        SearchCriteria {
            amount_from: amount("100"),
            ..Default::default()
        },
        &["A", "B"],
    );
    expect(
        &bank,
        SearchCriteria {
            amount_to: amount("50"),
            ..Default::default()
        },
        &["C", "D"],
    );
    expect(
        &bank,
        SearchCriteria {
            bonus_from: v(1),
            ..Default::default()
        },
        &["D"],
    );
    expect(
        &bank,
        SearchCriteria {
            bonus_to: v(0),
            ..Default::default()
        },
        &["A", "B", "C"],
    );
    expect(
        &bank,
        SearchCriteria {
            frozen: v(true),
            ..Default::default()
        },
        &["C"],
    );
    expect(
        &bank,
        SearchCriteria {
            frozen: v(false),
            ..Default::default()
        },
        &["A", "B", "D"],
    );
    expect(
        &bank,
        SearchCriteria {
            bonus_is_used: Some(true),
            ..Default::default()
        },
        &["D"],
    );
}

#[test]
fn metadata_search_by_key_and_value() {
    let bank = bank();
    let with = |key: &str, value: Option<&str>| {
        v(WithMetaData {
            with_meta_data_key: key.into(),
            with_meta_data_value: value.map(|x| soap_runtime::rt::Nillable::Value(x.to_owned())),
        })
    };
    expect(
        &bank,
        SearchCriteria {
            with_meta_data: with("color", None),
            ..Default::default()
        },
        &["A"],
    );
    expect(
        &bank,
        SearchCriteria {
            with_meta_data: with("color", Some("red")),
            ..Default::default()
        },
        &["A"],
    );
    expect(
        &bank,
        SearchCriteria {
            with_meta_data: with("color", Some("blue")),
            ..Default::default()
        },
        &[],
    );
    expect(
        &bank,
        SearchCriteria {
            with_meta_data: with("size", None),
            ..Default::default()
        },
        &[],
    );
}

#[test]
fn status_set_and_not_set() {
    let bank = bank();
    let criteria = |set: Vec<PaymentStatus>, not_set: Vec<PaymentStatus>| SearchCriteria {
        status_set: set,
        status_not_set: not_set,
        ..Default::default()
    };
    expect(
        &bank,
        criteria(vec![PaymentStatus::Debitable], vec![]),
        &["A"],
    );
    expect(
        &bank,
        criteria(vec![PaymentStatus::IsDebited], vec![]),
        &["B", "D"],
    );
    expect(
        &bank,
        criteria(vec![PaymentStatus::IsAnnulled], vec![]),
        &["C"],
    );
    expect(
        &bank,
        criteria(
            vec![PaymentStatus::Creditable],
            vec![PaymentStatus::IsCredited],
        ),
        &["B", "D"],
    );
    expect(
        &bank,
        criteria(
            vec![],
            vec![PaymentStatus::IsDebited, PaymentStatus::IsAnnulled],
        ),
        &["A"],
    );
    expect(
        &bank,
        criteria(
            vec![PaymentStatus::Debitable, PaymentStatus::IsDebited],
            vec![],
        ),
        &[],
    );
}

fn sorted(bank: &Bank, ascending: bool, columns: Vec<SortAlternative>) -> Vec<String> {
    bank.find_payments(FindPayments {
        sort_by: v(SortOrder {
            ascending,
            sort_columns: columns,
        }),
        ..FindPayments::default()
    })
    .expect("find")
    .into_iter()
    .map(|p| p.payment_id.into_inner())
    .collect()
}

#[test]
fn sort_by_columns() {
    let bank = bank();
    assert_eq!(
        sorted(&bank, false, vec![SortAlternative::PaymentId]),
        ["D", "C", "B", "A"]
    );
    assert_eq!(
        sorted(&bank, true, vec![SortAlternative::Amount]),
        ["C", "D", "A", "B"]
    );
    assert_eq!(
        sorted(&bank, false, vec![SortAlternative::BookedTime]),
        ["D", "C", "B", "A"]
    );
    assert_eq!(
        sorted(&bank, true, vec![SortAlternative::CustomerName]),
        ["A", "B", "C", "D"]
    );
    assert_eq!(
        sorted(
            &bank,
            true,
            vec![
                SortAlternative::CustomerGovernmentId,
                SortAlternative::Amount
            ]
        ),
        ["C", "A", "B", "D"]
    );
    assert_eq!(
        sorted(&bank, false, vec![SortAlternative::BonusPoints]),
        ["D", "C", "B", "A"]
    );
    assert_eq!(
        sorted(&bank, true, vec![SortAlternative::FinalizedTime]),
        ["A", "C", "B", "D"]
    );
    assert_eq!(
        sorted(&bank, true, vec![SortAlternative::ModifiedTime]),
        ["A", "B", "C", "D"]
    );
}

#[test]
fn paging_splits_the_sorted_result() {
    let bank = bank();
    let page = |number: Option<u64>, per_page: Option<u64>| -> Vec<String> {
        bank.find_payments(FindPayments {
            page_number: number.map(soap_runtime::rt::Nillable::Value),
            items_per_page: per_page.map(soap_runtime::rt::Nillable::Value),
            sort_by: v(SortOrder {
                ascending: false,
                sort_columns: vec![SortAlternative::PaymentId],
            }),
            ..FindPayments::default()
        })
        .expect("find")
        .into_iter()
        .map(|p| p.payment_id.into_inner())
        .collect()
    };
    assert_eq!(page(Some(1), Some(3)), ["D", "C", "B"]);
    assert_eq!(page(Some(2), Some(3)), ["A"]);
    assert_eq!(page(Some(3), Some(3)), Vec::<String>::new());
    assert_eq!(page(None, Some(2)), ["D", "C"]);
    assert_eq!(page(Some(0), Some(2)), ["D", "C"]);
    assert_eq!(page(Some(2), None), ["D", "C", "B", "A"]);
    let size = bank
        .calculate_result_size(CalculateResultSize::default())
        .expect("size");
    let pages: usize = (1..=2).map(|n| page(Some(n), Some(3)).len()).sum();
    assert_eq!(usize::try_from(size).expect("count"), pages);
}

#[test]
fn basic_payment_fields() {
    let bank = bank();
    let hits = bank
        .find_payments(FindPayments {
            search_criteria: SearchCriteria {
                any_id: v(id("B")),
                ..Default::default()
            },
            ..FindPayments::default()
        })
        .expect("find");
    let b = &hits[0];
    assert_eq!(b.payment_method_id.as_str(), "NYTT_KORT");
    assert_eq!(b.government_id.as_str(), "2222");
    assert_eq!(b.full_name, "Bertil Berg");
    assert_eq!(b.total_amount.to_string(), "200.00000");
    assert_eq!(b.booked.to_string(), "2020-02-01T10:00:00Z");
    assert_eq!(
        b.finalized.as_ref().map(ToString::to_string).as_deref(),
        Some("2020-02-15T10:00:00Z")
    );
    assert!(!b.payment_method_name.as_str().is_empty());
    assert_eq!(
        b.status,
        vec![PaymentStatus::Creditable, PaymentStatus::IsDebited]
    );
}
