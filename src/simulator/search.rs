//! `findPayments` and `calculateResultSize`.
//!
//! Every criterion that is set (and not nil) must match:
//!
//! | criterion | matches when |
//! |---|---|
//! | `anyId` | the payment id or any transaction, order or invoice id equals it |
//! | `paymentMethodId`, `governmentId` | equal |
//! | `customerName` | the customer's name contains it, ignoring case |
//! | `bookedFrom`/`bookedTo`, `modifiedFrom`/`modifiedTo`, `finalizedFrom`/`finalizedTo` | the time is within the bounds (inclusive); an unfinalized payment never matches a finalized bound |
//! | `amountFrom`/`amountTo` | `totalAmount` is within the bounds (inclusive) |
//! | `bonusFrom`/`bonusTo` | `totalBonusPoints` is within the bounds (inclusive) |
//! | `frozen` | equal |
//! | `withMetaData` | the key is set and, when a value is given, has that value |
//! | `statusSet` | every listed status is set |
//! | `statusNotSet` | no listed status is set |
//! | `bonusIsUsed` | the payment carries bonus points (or, when false, none) |
//!
//! Sorting follows `sortBy` (columns in order, then payment id); without it,
//! payments come by id. Pages are numbered from 1 (`pageNumber` 0 is page 1);
//! without `itemsPerPage` (or with 0) everything is one page.
//! `calculateResultSize` counts exactly what `findPayments` would return
//! without paging.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::changes::opt;
use super::clock::Instant;
use super::fault::SimFault;
use super::ledger::PaymentRecord;
use super::state::State;
use super::views::basic_view;
use crate::msg_aftershopflow::{CalculateResultSize, FindPayments};
use crate::types_aftershopflow::{BasicPayment, SearchCriteria, SortAlternative, SortOrder};
use soap_runtime::rt;

/// `findPayments`: the matching payments, sorted and paged.
pub(crate) fn find_payments(
    state: &State,
    request: &FindPayments,
) -> Result<Vec<BasicPayment>, SimFault> {
    let filter = Filter::new(&request.search_criteria)?;
    let mut hits: Vec<&PaymentRecord> = state
        .payments
        .values()
        .filter(|p| filter.matches(p))
        .collect();
    if let Some(order) = opt(&request.sort_by) {
        sort(&mut hits, order);
    }
    let per_page = opt(&request.items_per_page).copied().unwrap_or(0);
    let page = opt(&request.page_number).copied().unwrap_or(1).max(1);
    let hits = hits.into_iter();
    let paged: Vec<&PaymentRecord> = if per_page == 0 {
        hits.collect()
    } else {
        let skip = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
        let take = usize::try_from(per_page).unwrap_or(usize::MAX);
        hits.skip(skip).take(take).collect()
    };
    Ok(paged.into_iter().map(basic_view).collect())
}

/// `calculateResultSize`: how many payments `findPayments` would find.
pub(crate) fn calculate_result_size(
    state: &State,
    request: &CalculateResultSize,
) -> Result<i32, SimFault> {
    let filter = Filter::new(&request.search_criteria)?;
    let count = state
        .payments
        .values()
        .filter(|p| filter.matches(p))
        .count();
    Ok(i32::try_from(count).unwrap_or(i32::MAX))
}

/// Inclusive bounds; an open end is `None`.
#[derive(Debug, Clone, Copy)]
struct Range<T> {
    from: Option<T>,
    to: Option<T>,
}

impl<T: PartialOrd + Copy> Range<T> {
    fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    fn contains(&self, value: T) -> bool {
        self.from.is_none_or(|f| value >= f) && self.to.is_none_or(|t| value <= t)
    }
}

/// A search criteria, with times parsed once.
struct Filter<'a> {
    criteria: &'a SearchCriteria,
    booked: Range<Instant>,
    modified: Range<Instant>,
    finalized: Range<Instant>,
    amount: Range<Decimal>,
    bonus: Range<u64>,
}

fn instant(
    field: &Option<rt::Nillable<rt::DateTime>>,
    name: &str,
) -> Result<Option<Instant>, SimFault> {
    opt(field)
        .map(|value| {
            Instant::from_date_time(value)
                .map_err(|e| SimFault::illegal_argument(format!("searchCriteria.{name}: {e}")))
        })
        .transpose()
}

impl<'a> Filter<'a> {
    fn new(criteria: &'a SearchCriteria) -> Result<Self, SimFault> {
        Ok(Self {
            criteria,
            booked: Range {
                from: instant(&criteria.booked_from, "bookedFrom")?,
                to: instant(&criteria.booked_to, "bookedTo")?,
            },
            modified: Range {
                from: instant(&criteria.modified_from, "modifiedFrom")?,
                to: instant(&criteria.modified_to, "modifiedTo")?,
            },
            finalized: Range {
                from: instant(&criteria.finalized_from, "finalizedFrom")?,
                to: instant(&criteria.finalized_to, "finalizedTo")?,
            },
            amount: Range {
                from: opt(&criteria.amount_from).map(|a| *a.value()),
                to: opt(&criteria.amount_to).map(|a| *a.value()),
            },
            bonus: Range {
                from: opt(&criteria.bonus_from).copied(),
                to: opt(&criteria.bonus_to).copied(),
            },
        })
    }

    fn matches(&self, p: &PaymentRecord) -> bool {
        let c = self.criteria;
        let statuses = p.statuses();
        opt(&c.any_id).is_none_or(|id| p.ids().any(|x| x == id.as_str()))
            && opt(&c.payment_method_id).is_none_or(|id| p.payment_method_id == id.as_str())
            && opt(&c.government_id).is_none_or(|id| p.customer.government_id == *id)
            && opt(&c.customer_name).is_none_or(|name| {
                p.customer_name()
                    .to_lowercase()
                    .contains(&name.to_lowercase())
            })
            && self.booked.contains(p.booked)
            && self.modified.contains(p.modified)
            && (self.finalized.is_open() || p.finalized.is_some_and(|f| self.finalized.contains(f)))
            && self.amount.contains(p.total_amount())
            && self.bonus.contains(p.total_bonus_points())
            && opt(&c.frozen).is_none_or(|frozen| p.frozen == *frozen)
            && opt(&c.with_meta_data).is_none_or(|m| match p.meta_value(&m.with_meta_data_key) {
                None => false,
                Some(value) => {
                    opt(&m.with_meta_data_value).is_none_or(|v| value.as_ref() == Some(v))
                }
            })
            && c.status_set.iter().all(|s| statuses.contains(s))
            && !c.status_not_set.iter().any(|s| statuses.contains(s))
            && c.bonus_is_used
                .is_none_or(|used| used == (p.total_bonus_points() > 0))
    }
}

fn sort(hits: &mut [&PaymentRecord], order: &SortOrder) {
    hits.sort_by(|a, b| {
        let by_columns = order
            .sort_columns
            .iter()
            .map(|column| compare(a, b, column))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.id.cmp(&b.id));
        if order.ascending {
            by_columns
        } else {
            by_columns.reverse()
        }
    });
}

fn compare(a: &PaymentRecord, b: &PaymentRecord, column: &SortAlternative) -> Ordering {
    match column {
        SortAlternative::PaymentId => a.id.cmp(&b.id),
        SortAlternative::CustomerGovernmentId => {
            a.customer.government_id.cmp(&b.customer.government_id)
        }
        SortAlternative::CustomerName => a.customer_name().cmp(&b.customer_name()),
        SortAlternative::BookedTime => a.booked.cmp(&b.booked),
        SortAlternative::ModifiedTime => a.modified.cmp(&b.modified),
        SortAlternative::FinalizedTime => a.finalized.cmp(&b.finalized),
        SortAlternative::Amount => a.total_amount().cmp(&b.total_amount()),
        SortAlternative::BonusPoints => a.total_bonus_points().cmp(&b.total_bonus_points()),
        SortAlternative::Unknown(_) => Ordering::Equal,
    }
}
