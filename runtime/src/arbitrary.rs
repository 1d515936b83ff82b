//! Random valid values of generated types, for property tests (feature
//! `proptest`): [`Arbitrary`] gives a [`proptest`](mod@proptest) strategy per type.
//!
//! Builtin value types implement it here; generated types get it from the
//! macros: `rt::newtype!` (values drawn for the inner type under the
//! type's facets, then checked by `new`), `rt::enumeration!` (the listed
//! values only, never `Unknown`), and, with `Config::arbitrary(true)`,
//! [`arbitrary_struct!`](crate::arbitrary_struct),
//! [`arbitrary_variants!`](crate::arbitrary_variants) and
//! [`arbitrary_list!`](crate::arbitrary_list) for structs, choices, unions
//! and lists, plus the module's `arbitrary_operations(visitor)` from
//! [`operation_table!`](crate::operation_table) for a [`Visit`]or. Values are valid, so encoding accepts them,
//! and they survive a decode: strings hold XML characters only, no
//! carriage return (XML reads it as a line feed).

use std::fmt::Debug;

use proptest::prelude::*;
pub use proptest::strategy::{BoxedStrategy, Just, Strategy, Union};
use rust_decimal::Decimal;

use crate::envelope::Operation;
use crate::facets::Facets;
use crate::table::{Faults, Payload};
use crate::value::{
    AnyXml, Base64Binary, Date, DateTime, Duration, HexBinary, Nillable, QName, SimpleType, Time,
};

/// A type that can draw random valid values of itself.
pub trait Arbitrary: Sized + Clone + Debug + 'static {
    /// Any valid value.
    fn arbitrary() -> BoxedStrategy<Self>;

    /// Values that are likely to satisfy `facets` (the newtype over this
    /// type checks them and discards the rest). Default: [`arbitrary`](Self::arbitrary).
    fn with_facets(facets: &'static Facets) -> BoxedStrategy<Self> {
        let _ = facets;
        Self::arbitrary()
    }
}

/// Called once per operation of a module's services with its generated types
/// (generated `arbitrary_operations(visitor)` with `Config::arbitrary(true)`;
/// [`OperationVisitor`](crate::rt::OperationVisitor) with random values).
pub trait Visit {
    /// One operation: its descriptor, request, response and fault types.
    fn visit<Req, Resp, F>(&mut self, op: &'static Operation)
    where
        Req: Payload + Arbitrary,
        Resp: Payload + Arbitrary,
        F: Faults;
}

/// Text of XML characters a decoder returns unchanged (no `\r`), markup
/// characters and non-ASCII letters included.
const TEXT: &str = "[ -~\u{a0}-\u{17f}\u{391}-\u{3c9}\u{4e00}-\u{4e10}\n\t]";

fn text(min: usize, max: usize) -> BoxedStrategy<String> {
    proptest::string::string_regex(&format!("{TEXT}{{{min},{max}}}"))
        .map(|s| s.boxed())
        .unwrap_or_else(|_| Just(String::new()).boxed())
}

impl Arbitrary for String {
    fn arbitrary() -> BoxedStrategy<Self> {
        text(0, 16)
    }

    fn with_facets(facets: &'static Facets) -> BoxedStrategy<Self> {
        let min = facets.length.or(facets.min_length).unwrap_or(0);
        let max = facets
            .length
            .or(facets.max_length)
            .unwrap_or(min + 16)
            .max(min);
        let strategy = match facets.patterns.first().and_then(|p| p.generator()) {
            Some(regex) => proptest::string::string_regex(&regex)
                .map(|s| s.boxed())
                .unwrap_or_else(|_| text(min, max)),
            None => text(min, max),
        };
        strategy
            .prop_map(move |s| facets.normalize(&s).into_owned())
            .prop_filter("facets", move |s| facets.check_str(s).is_ok())
            .boxed()
    }
}

impl Arbitrary for bool {
    fn arbitrary() -> BoxedStrategy<Self> {
        any::<bool>().boxed()
    }
}

macro_rules! integers {
    ($($t:ty => $check:ident as $wide:ty),*) => {$(
        impl Arbitrary for $t {
            fn arbitrary() -> BoxedStrategy<Self> {
                prop_oneof![any::<$t>(), (0 as $t)..(100 as $t)].boxed()
            }
            fn with_facets(facets: &'static Facets) -> BoxedStrategy<Self> {
                Self::arbitrary()
                    .prop_filter("facets", move |v| facets.$check(*v as $wide).is_ok())
                    .boxed()
            }
        }
    )*};
}
integers!(
    i8 => check_i64 as i64, i16 => check_i64 as i64, i32 => check_i64 as i64,
    i64 => check_i64 as i64, u8 => check_u64 as u64, u16 => check_u64 as u64,
    u32 => check_u64 as u64, u64 => check_u64 as u64
);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl Arbitrary for $t {
            fn arbitrary() -> BoxedStrategy<Self> {
                // NaN is not equal to itself: a round trip cannot be compared.
                prop_oneof![
                    (-1.0e6 as $t..1.0e6 as $t),
                    Just(<$t>::INFINITY),
                    Just(<$t>::NEG_INFINITY)
                ]
                .boxed()
            }
            fn with_facets(facets: &'static Facets) -> BoxedStrategy<Self> {
                Self::arbitrary()
                    .prop_filter("facets", move |v| facets.check_f64(*v as f64).is_ok())
                    .boxed()
            }
        }
    )*};
}
floats!(f32, f64);

impl Arbitrary for Decimal {
    fn arbitrary() -> BoxedStrategy<Self> {
        (any::<i64>(), 0u32..=10)
            .prop_map(|(m, scale)| Decimal::new(m, scale))
            .boxed()
    }

    /// Between the bounds (when given) with at most `fractionDigits`
    /// decimals; `totalDigits` and exclusive bounds are left to the filter.
    fn with_facets(facets: &'static Facets) -> BoxedStrategy<Self> {
        let bound = |b: Option<&str>| b.and_then(|s| s.trim().parse::<Decimal>().ok());
        let lo = bound(facets.min_inclusive).or(bound(facets.min_exclusive));
        let hi = bound(facets.max_inclusive).or(bound(facets.max_exclusive));
        let max_scale = facets.fraction_digits.unwrap_or(6).min(10);
        (0u64..=1_000_000, 0u32..=max_scale, any::<i32>())
            .prop_map(move |(step, scale, free)| {
                let unit = Decimal::new(step as i64, 6);
                let value = match (lo, hi) {
                    (Some(lo), Some(hi)) => lo + (hi - lo) * unit,
                    (Some(lo), None) => lo + unit * Decimal::from(free.unsigned_abs()),
                    (None, Some(hi)) => hi - unit * Decimal::from(free.unsigned_abs()),
                    (None, None) => unit * Decimal::from(free),
                };
                value.round_dp(scale)
            })
            .prop_filter("facets", move |v| facets.check_decimal(v).is_ok())
            .boxed()
    }
}

/// Values parsed from lexical forms that `lexical` draws.
fn lexical<T: SimpleType + Debug + 'static>(
    lexical: impl Strategy<Value = String> + 'static,
) -> BoxedStrategy<T> {
    lexical
        .prop_filter_map("lexical form", |s| T::parse_text(&s).ok())
        .boxed()
}

fn zone() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Z".to_string()),
        (
            0u32..=14,
            prop_oneof![Just('+'), Just('-')],
            prop_oneof![Just(0u32), Just(30)]
        )
            .prop_map(|(h, sign, m)| format!("{sign}{h:02}:{m:02}")),
    ]
}

fn date_text() -> impl Strategy<Value = String> {
    (1u32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn time_text() -> impl Strategy<Value = String> {
    (0u32..24, 0u32..60, 0u32..60, prop::option::of(0u32..1000)).prop_map(
        |(h, m, s, ms)| match ms {
            Some(ms) => format!("{h:02}:{m:02}:{s:02}.{ms:03}"),
            None => format!("{h:02}:{m:02}:{s:02}"),
        },
    )
}

impl Arbitrary for Date {
    fn arbitrary() -> BoxedStrategy<Self> {
        lexical((date_text(), zone()).prop_map(|(d, z)| d + &z))
    }
}

impl Arbitrary for Time {
    fn arbitrary() -> BoxedStrategy<Self> {
        lexical((time_text(), zone()).prop_map(|(t, z)| t + &z))
    }
}

impl Arbitrary for DateTime {
    fn arbitrary() -> BoxedStrategy<Self> {
        lexical((date_text(), time_text(), zone()).prop_map(|(d, t, z)| format!("{d}T{t}{z}")))
    }
}

impl Arbitrary for Duration {
    fn arbitrary() -> BoxedStrategy<Self> {
        let part = || prop::option::of(0u32..100);
        lexical(
            (
                any::<bool>(),
                part(),
                part(),
                part(),
                part(),
                part(),
                part(),
            )
                .prop_map(|(neg, y, mo, d, h, mi, s)| {
                    let mut out = String::from(if neg { "-P" } else { "P" });
                    for (v, unit) in [(y, 'Y'), (mo, 'M'), (d, 'D')] {
                        if let Some(v) = v {
                            out.push_str(&format!("{v}{unit}"));
                        }
                    }
                    if h.is_some() || mi.is_some() || s.is_some() {
                        out.push('T');
                        for (v, unit) in [(h, 'H'), (mi, 'M'), (s, 'S')] {
                            if let Some(v) = v {
                                out.push_str(&format!("{v}{unit}"));
                            }
                        }
                    }
                    if out.ends_with('P') {
                        out.push_str("0D");
                    }
                    out
                }),
        )
    }
}

impl Arbitrary for Base64Binary {
    fn arbitrary() -> BoxedStrategy<Self> {
        prop::collection::vec(any::<u8>(), 0..48)
            .prop_map(Base64Binary)
            .boxed()
    }
}

impl Arbitrary for HexBinary {
    fn arbitrary() -> BoxedStrategy<Self> {
        prop::collection::vec(any::<u8>(), 0..24)
            .prop_map(HexBinary)
            .boxed()
    }
}

impl Arbitrary for QName {
    /// An unqualified name (a prefixed one needs a binding in scope).
    fn arbitrary() -> BoxedStrategy<Self> {
        "[a-z][a-zA-Z0-9_]{0,8}"
            .prop_map(|local| QName {
                namespace: None,
                local,
            })
            .boxed()
    }
}

impl Arbitrary for AnyXml {
    /// One unqualified element with text.
    fn arbitrary() -> BoxedStrategy<Self> {
        ("[a-z][a-z0-9]{0,6}", "[a-zA-Z0-9 ]{0,12}")
            .prop_map(|(name, body)| AnyXml(format!("<{name}>{body}</{name}>")))
            .boxed()
    }
}

impl<T: Arbitrary> Arbitrary for Option<T> {
    fn arbitrary() -> BoxedStrategy<Self> {
        prop::option::of(T::arbitrary()).boxed()
    }
}

impl<T: Arbitrary> Arbitrary for Vec<T> {
    fn arbitrary() -> BoxedStrategy<Self> {
        prop::collection::vec(T::arbitrary(), 0..4).boxed()
    }
}

impl<T: Arbitrary> Arbitrary for Nillable<T> {
    fn arbitrary() -> BoxedStrategy<Self> {
        prop_oneof![1 => Just(Nillable::Nil), 3 => T::arbitrary().prop_map(Nillable::Value)].boxed()
    }
}

impl<T: Arbitrary> Arbitrary for Box<T> {
    /// Drawn lazily: a recursive type's strategy is built only when a value
    /// reaches the boxed field (the optional and repeated fields around the
    /// recursion end it).
    fn arbitrary() -> BoxedStrategy<Self> {
        Just(())
            .prop_flat_map(|()| T::arbitrary())
            .prop_map(Box::new)
            .boxed()
    }
}

/// `Arbitrary` for a generated struct: every field drawn independently.
/// The body is item syntax: `struct Name { field: Type, .. }`.
#[macro_export]
macro_rules! arbitrary_struct {
    (struct $name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        impl $crate::arbitrary::Arbitrary for $name {
            fn arbitrary() -> $crate::arbitrary::BoxedStrategy<Self> {
                #[allow(unused_imports)]
                use $crate::arbitrary::Strategy as _;
                let strategy = $crate::arbitrary::Strategy::boxed(
                    $crate::arbitrary::Just(<$name as ::core::default::Default>::default()),
                );
                $(
                    let strategy = (strategy, <$ty as $crate::arbitrary::Arbitrary>::arbitrary())
                        .prop_map(|(mut value, field)| {
                            value.$field = field;
                            value
                        })
                        .boxed();
                )*
                strategy
            }
        }
    };
}

/// `Arbitrary` for a generated choice or union: one of the variants
/// (`enum Name { Variant(Type), .. }`).
#[macro_export]
macro_rules! arbitrary_variants {
    (enum $name:ident { $($variant:ident ( $ty:ty )),* $(,)? }) => {
        impl $crate::arbitrary::Arbitrary for $name {
            fn arbitrary() -> $crate::arbitrary::BoxedStrategy<Self> {
                use $crate::arbitrary::Strategy as _;
                $crate::arbitrary::Union::new(::std::vec![
                    $(<$ty as $crate::arbitrary::Arbitrary>::arbitrary()
                        .prop_map($name::$variant)
                        .boxed()),*
                ])
                .boxed()
            }
        }
    };
}

/// `Arbitrary` for a generated list type: one to three items (`struct Name(Item);`).
#[macro_export]
macro_rules! arbitrary_list {
    (struct $name:ident ( $item:ty $(,)? );) => {
        impl $crate::arbitrary::Arbitrary for $name {
            fn arbitrary() -> $crate::arbitrary::BoxedStrategy<Self> {
                use $crate::arbitrary::Strategy as _;
                $crate::arbitrary::__vec(<$item as $crate::arbitrary::Arbitrary>::arbitrary())
                    .prop_map($name)
                    .boxed()
            }
        }
    };
}

/// Newtype support of `rt::newtype!`: the inner type's values under the facets.
#[doc(hidden)]
#[macro_export]
macro_rules! __arbitrary_newtype {
    ($name:ident, $inner:ty, $facets:path) => {
        impl $crate::arbitrary::Arbitrary for $name {
            fn arbitrary() -> $crate::arbitrary::BoxedStrategy<Self> {
                use $crate::arbitrary::Strategy as _;
                <$inner as $crate::arbitrary::Arbitrary>::with_facets(&$facets)
                    .prop_filter_map("facets", |v| Self::new(v).ok())
                    .boxed()
            }
        }
    };
}

/// Enumeration support of `rt::enumeration!`: the listed values.
#[doc(hidden)]
#[macro_export]
macro_rules! __arbitrary_enumeration {
    ($name:ident) => {
        impl $crate::arbitrary::Arbitrary for $name {
            fn arbitrary() -> $crate::arbitrary::BoxedStrategy<Self> {
                $crate::arbitrary::__select(Self::VALUES, Self::from_xml)
            }
        }
    };
}

#[doc(hidden)]
pub fn __select<T: Debug + Default + Clone + 'static>(
    values: &'static [&'static str],
    make: fn(&str) -> T,
) -> BoxedStrategy<T> {
    if values.is_empty() {
        Just(T::default()).boxed()
    } else {
        proptest::sample::select(values).prop_map(make).boxed()
    }
}

#[doc(hidden)]
pub fn __vec<T: Debug + 'static>(item: BoxedStrategy<T>) -> BoxedStrategy<Vec<T>> {
    prop::collection::vec(item, 1..4).boxed()
}
