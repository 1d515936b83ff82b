// Hand-written stand-in for the code soap-codegen will generate from
// `wsdl/` (types only: no XML impls, no clients). It follows the naming rules,
// the type mapping and the serde shape of ARCHITECTURE.md, so the business
// rules and the simulator can be written before the generator runs. The lead
// swaps this module for the generated one; module paths stay the same.

/// Boilerplate shared by the stand-in newtypes and enumerations.
mod support {
    /// A restricted simple type over `String` (see ARCHITECTURE.md "Newtypes").
    macro_rules! string_newtype {
        ($(#[$doc:meta])* $name:ident, $facets:ident) => {
            $(#[$doc])*
            #[derive(
                Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord,
                serde::Serialize, serde::Deserialize,
            )]
            #[serde(transparent)]
            pub struct $name(String);

            impl $name {
                /// Checks the facets and wraps the value.
                pub fn new(value: impl Into<String>) -> Result<Self, rt::FacetError> {
                    let value = value.into();
                    $facets.check_str(&value)?;
                    Ok(Self(value))
                }
                /// The wrapped value.
                pub fn value(&self) -> &String {
                    &self.0
                }
                /// The wrapped value.
                pub fn into_inner(self) -> String {
                    self.0
                }
                /// The value as text.
                pub fn as_str(&self) -> &str {
                    &self.0
                }
            }
            impl AsRef<String> for $name {
                fn as_ref(&self) -> &String {
                    &self.0
                }
            }
            impl TryFrom<String> for $name {
                type Error = rt::FacetError;
                fn try_from(value: String) -> Result<Self, Self::Error> {
                    Self::new(value)
                }
            }
            impl core::str::FromStr for $name {
                type Err = rt::FacetError;
                fn from_str(s: &str) -> Result<Self, Self::Err> {
                    Self::new(s)
                }
            }
            impl core::fmt::Display for $name {
                fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str(&self.0)
                }
            }
        };
    }

    /// A restricted simple type over `rt::Decimal`.
    macro_rules! decimal_newtype {
        ($(#[$doc:meta])* $name:ident, $facets:ident) => {
            $(#[$doc])*
            #[derive(
                Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord,
                serde::Serialize, serde::Deserialize,
            )]
            #[serde(transparent)]
            pub struct $name(rt::Decimal);

            impl $name {
                /// Checks the facets and wraps the value.
                pub fn new(value: impl Into<rt::Decimal>) -> Result<Self, rt::FacetError> {
                    let value = value.into();
                    $facets.check_decimal(&value)?;
                    Ok(Self(value))
                }
                /// The wrapped value.
                pub fn value(&self) -> &rt::Decimal {
                    &self.0
                }
                /// The wrapped value.
                pub fn into_inner(self) -> rt::Decimal {
                    self.0
                }
            }
            impl AsRef<rt::Decimal> for $name {
                fn as_ref(&self) -> &rt::Decimal {
                    &self.0
                }
            }
            impl TryFrom<rt::Decimal> for $name {
                type Error = rt::FacetError;
                fn try_from(value: rt::Decimal) -> Result<Self, Self::Error> {
                    Self::new(value)
                }
            }
            impl core::str::FromStr for $name {
                type Err = rt::ValueError;
                fn from_str(s: &str) -> Result<Self, Self::Err> {
                    let value: rt::Decimal = s
                        .trim()
                        .parse()
                        .map_err(|_| rt::ValueError::new("decimal", s))?;
                    Self::new(value).map_err(|e| rt::ValueError::new("decimal", s).because(e.to_string()))
                }
            }
            impl core::fmt::Display for $name {
                fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    core::fmt::Display::fmt(&self.0, f)
                }
            }
        };
    }

    /// An enumeration: one variant per value, then `Unknown(String)`.
    macro_rules! xsd_enum {
        ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $xml:literal,)+ }) => {
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
            #[serde(into = "String", from = "String")]
            pub enum $name {
                $($(#[$vdoc])* $variant,)+
                /// A value this schema does not list (sent by a newer peer).
                Unknown(String),
            }
            impl Default for $name {
                fn default() -> Self {
                    Self::Unknown(String::new())
                }
            }
            impl $name {
                /// Every value the schema lists, in schema order.
                pub const VALUES: &'static [&'static str] = &[$($xml),+];
                /// The XML value.
                pub fn as_str(&self) -> &str {
                    match self {
                        $(Self::$variant => $xml,)+
                        Self::Unknown(v) => v,
                    }
                }
                /// The variant for an XML value (`Unknown` for values the schema does not list).
                pub fn from_xml(value: &str) -> Self {
                    match value {
                        $($xml => Self::$variant,)+
                        other => Self::Unknown(other.to_owned()),
                    }
                }
            }
            impl From<String> for $name {
                fn from(value: String) -> Self {
                    Self::from_xml(&value)
                }
            }
            impl From<$name> for String {
                fn from(value: $name) -> Self {
                    match value {
                        $name::Unknown(v) => v,
                        other => other.as_str().to_owned(),
                    }
                }
            }
            impl core::fmt::Display for $name {
                fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
        };
    }

    pub(crate) use decimal_newtype;
    pub(crate) use string_newtype;
    pub(crate) use xsd_enum;
}

/// Types of namespace `http://ecommerce.resurs.com/v4/types/common`.
#[allow(clippy::all, clippy::pedantic, non_camel_case_types, unused_imports)]
pub mod common {
    use super::support::{decimal_newtype, string_newtype, xsd_enum};
    use ::soap_runtime::rt;

    /// The XML namespace of this module.
    pub const NAMESPACE: &str = "http://ecommerce.resurs.com/v4/types/common";

    /// A customer, natural person or legal entity.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct Customer {
        /// National identity number (personnummer, CPR, fødselsnummer, henkilötunnus).
        #[serde(rename = "governmentId", default)]
        pub government_id: NonEmptyString,
        /// Postal address.
        #[serde(rename = "address", default)]
        pub address: Address,
        /// Phone number.
        #[serde(rename = "phone", default, skip_serializing_if = "Option::is_none")]
        pub phone: Option<String>,
        /// E-mail address.
        #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
        pub email: Option<NonEmptyString>,
        /// Natural or legal.
        #[serde(rename = "type", default)]
        pub r#type: CustomerType,
    }

    /// A postal address.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct Address {
        /// Full name.
        #[serde(rename = "fullName", default, skip_serializing_if = "Option::is_none")]
        pub full_name: Option<NonEmptyString>,
        /// First name.
        #[serde(rename = "firstName", default, skip_serializing_if = "Option::is_none")]
        pub first_name: Option<NonEmptyString>,
        /// Last name.
        #[serde(rename = "lastName", default, skip_serializing_if = "Option::is_none")]
        pub last_name: Option<NonEmptyString>,
        /// First address line.
        #[serde(rename = "addressRow1", default)]
        pub address_row1: String,
        /// Second address line.
        #[serde(
            rename = "addressRow2",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub address_row2: Option<NonEmptyString>,
        /// City / postal area.
        #[serde(rename = "postalArea", default)]
        pub postal_area: NonEmptyString,
        /// Postal code.
        #[serde(rename = "postalCode", default)]
        pub postal_code: NonEmptyString,
        /// Country.
        #[serde(rename = "country", default)]
        pub country: CountryCode,
    }

    /// One key/value pair (keys unique within a list).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct MapEntry {
        /// Key.
        #[serde(rename = "key", default)]
        pub key: NonEmptyString,
        /// Value.
        #[serde(rename = "value", default, skip_serializing_if = "Option::is_none")]
        pub value: Option<String>,
    }

    xsd_enum! {
        /// ISO 3166-1 country code.
        CountryCode {
            /// `SE`
            Se = "SE",
            /// `NO`
            No = "NO",
            /// `DK`
            Dk = "DK",
            /// `FI`
            Fi = "FI",
        }
    }

    static ID_FACETS: rt::Facets = rt::Facets {
        min_length: Some(1),
        patterns: &[&ID_PATTERN_0],
        ..rt::Facets::NONE
    };
    static ID_PATTERN_0: rt::Pattern = rt::Pattern::new("[\\p{L}0-9 \\._/\\-]*");
    string_newtype! {
        /// An identifier: letters, digits, space, `.`, `_`, `/`, `-`; at least one character.
        Id, ID_FACETS
    }

    static NON_EMPTY_STRING_FACETS: rt::Facets = rt::Facets {
        min_length: Some(1),
        ..rt::Facets::NONE
    };
    string_newtype! {
        /// A string of at least one character.
        NonEmptyString, NON_EMPTY_STRING_FACETS
    }

    static POSITIVE_DECIMAL_FACETS: rt::Facets = rt::Facets {
        min_inclusive: Some("0"),
        ..rt::Facets::NONE
    };
    decimal_newtype! {
        /// A decimal `>= 0`.
        PositiveDecimal, POSITIVE_DECIMAL_FACETS
    }

    static PERCENT_FACETS: rt::Facets = rt::Facets {
        min_inclusive: Some("0"),
        max_inclusive: Some("100"),
        ..rt::Facets::NONE
    };
    decimal_newtype! {
        /// A percentage, `0..=100`.
        Percent, PERCENT_FACETS
    }

    static MULTIPLIER_FACETS: rt::Facets = rt::Facets {
        min_inclusive: Some("0"),
        max_inclusive: Some("1"),
        ..rt::Facets::NONE
    };
    decimal_newtype! {
        /// A factor, `0..=1`.
        Multiplier, MULTIPLIER_FACETS
    }

    /// Amounts of a payment or of one after-shop change, optionally with lines.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct PaymentSpec {
        /// Order lines.
        #[serde(rename = "specLines", default, skip_serializing_if = "Vec::is_empty")]
        pub spec_lines: Vec<SpecLine>,
        /// Total including VAT.
        #[serde(rename = "totalAmount", default)]
        pub total_amount: PositiveDecimal,
        /// Total VAT (required with lines, absent without).
        #[serde(
            rename = "totalVatAmount",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub total_vat_amount: Option<rt::Nillable<rt::Decimal>>,
        /// Bonus points used.
        #[serde(
            rename = "bonusPoints",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub bonus_points: Option<u64>,
    }

    /// One order line.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct SpecLine {
        /// Line id.
        #[serde(rename = "id", default)]
        pub id: Id,
        /// Article number.
        #[serde(rename = "artNo", default)]
        pub art_no: String,
        /// Description.
        #[serde(rename = "description", default)]
        pub description: String,
        /// Quantity.
        #[serde(rename = "quantity", default)]
        pub quantity: rt::Decimal,
        /// Unit of measure.
        #[serde(rename = "unitMeasure", default)]
        pub unit_measure: String,
        /// Unit price without VAT.
        #[serde(rename = "unitAmountWithoutVat", default)]
        pub unit_amount_without_vat: rt::Decimal,
        /// VAT percentage.
        #[serde(rename = "vatPct", default)]
        pub vat_pct: Percent,
        /// Line VAT.
        #[serde(rename = "totalVatAmount", default)]
        pub total_vat_amount: rt::Decimal,
        /// Line total including VAT.
        #[serde(rename = "totalAmount", default)]
        pub total_amount: rt::Decimal,
    }

    xsd_enum! {
        /// One status flag of a payment (a payment has several).
        PaymentStatus {
            /// `DEBITABLE`
            Debitable = "DEBITABLE",
            /// `CREDITABLE`
            Creditable = "CREDITABLE",
            /// `IS_DEBITED`
            IsDebited = "IS_DEBITED",
            /// `IS_CREDITED`
            IsCredited = "IS_CREDITED",
            /// `IS_ANNULLED`
            IsAnnulled = "IS_ANNULLED",
        }
    }

    /// A credit limit decision.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct Limit {
        /// Approved amount.
        #[serde(rename = "approvedAmount", default)]
        pub approved_amount: PositiveDecimal,
        /// Decision.
        #[serde(rename = "decision", default)]
        pub decision: LimitDecision,
        /// Customer.
        #[serde(rename = "customer", default)]
        pub customer: Customer,
        /// Limit request id.
        #[serde(rename = "limitRequestId", default)]
        pub limit_request_id: Id,
    }

    xsd_enum! {
        /// Outcome of a limit application.
        LimitDecision {
            /// `DENIED`
            Denied = "DENIED",
            /// `GRANTED`
            Granted = "GRANTED",
            /// `TRIAL`
            Trial = "TRIAL",
        }
    }

    xsd_enum! {
        /// Natural person or legal entity.
        CustomerType {
            /// `LEGAL`
            Legal = "LEGAL",
            /// `NATURAL`
            Natural = "NATURAL",
        }
    }

    xsd_enum! {
        /// Group of a payment method.
        PaymentMethodType {
            /// `INVOICE`
            Invoice = "INVOICE",
            /// `REVOLVING_CREDIT`
            RevolvingCredit = "REVOLVING_CREDIT",
            /// `CARD`
            Card = "CARD",
        }
    }

    xsd_enum! {
        /// How an invoice reaches the customer (service default: `EMAIL`).
        InvoiceDeliveryTypeEnum {
            /// `NONE`
            None = "NONE",
            /// `EMAIL`
            Email = "EMAIL",
            /// `POSTAL`
            Postal = "POSTAL",
        }
    }
}

/// Types of namespace `http://ecommerce.resurs.com/v4/types/aftershopflow`.
#[allow(clippy::all, clippy::pedantic, non_camel_case_types, unused_imports)]
pub mod types_aftershopflow {
    use super::support::xsd_enum;
    use ::soap_runtime::rt;

    /// The XML namespace of this module.
    pub const NAMESPACE: &str = "http://ecommerce.resurs.com/v4/types/aftershopflow";

    /// A payment with its whole history (`getPayment`).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct Payment {
        /// Payment id.
        #[serde(rename = "id", default)]
        pub id: super::common::Id,
        /// Current total amount.
        #[serde(rename = "totalAmount", default)]
        pub total_amount: super::common::PositiveDecimal,
        /// Meta data.
        #[serde(rename = "metaData", default, skip_serializing_if = "Vec::is_empty")]
        pub meta_data: Vec<super::common::MapEntry>,
        /// Limit of the payment.
        #[serde(rename = "limit", default)]
        pub limit: super::common::PositiveDecimal,
        /// History of changes.
        #[serde(
            rename = "paymentDiffs",
            default,
            skip_serializing_if = "Vec::is_empty"
        )]
        pub payment_diffs: Vec<PaymentDiff>,
        /// Customer.
        #[serde(rename = "customer", default)]
        pub customer: super::common::Customer,
        /// Delivery address.
        #[serde(
            rename = "deliveryAddress",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub delivery_address: Option<super::common::Address>,
        /// Booking time.
        #[serde(rename = "booked", default)]
        pub booked: rt::DateTime,
        /// Latest finalization time.
        #[serde(rename = "finalized", default, skip_serializing_if = "Option::is_none")]
        pub finalized: Option<rt::DateTime>,
        /// Payment method id.
        #[serde(rename = "paymentMethodId", default)]
        pub payment_method_id: super::common::Id,
        /// Payment method name.
        #[serde(rename = "paymentMethodName", default)]
        pub payment_method_name: String,
        /// Flagged as fraud.
        #[serde(rename = "fraud", default)]
        pub fraud: bool,
        /// Frozen by the fraud control.
        #[serde(rename = "frozen", default)]
        pub frozen: bool,
        /// Status flags.
        #[serde(rename = "status", default, skip_serializing_if = "Vec::is_empty")]
        pub status: Vec<super::common::PaymentStatus>,
        /// Store id.
        #[serde(rename = "storeId", default, skip_serializing_if = "Option::is_none")]
        pub store_id: Option<super::common::Id>,
        /// Payment method group.
        #[serde(rename = "paymentMethodType", default)]
        pub payment_method_type: super::common::PaymentMethodType,
        /// Bonus points.
        #[serde(rename = "totalBonusPoints", default)]
        pub total_bonus_points: u64,
    }

    /// One change of a payment.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct PaymentDiff {
        /// Kind of change.
        #[serde(rename = "type", default)]
        pub r#type: PaymentDiffType,
        /// Transaction id.
        #[serde(
            rename = "transactionId",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub transaction_id: Option<super::common::Id>,
        /// Creation time.
        #[serde(rename = "created", default)]
        pub created: rt::DateTime,
        /// Who made it.
        #[serde(rename = "createdBy", default, skip_serializing_if = "Option::is_none")]
        pub created_by: Option<String>,
        /// Amounts and lines.
        #[serde(rename = "paymentSpec", default)]
        pub payment_spec: super::common::PaymentSpec,
        /// Order id.
        #[serde(rename = "orderId", default, skip_serializing_if = "Option::is_none")]
        pub order_id: Option<super::common::Id>,
        /// Invoice id.
        #[serde(rename = "invoiceId", default, skip_serializing_if = "Option::is_none")]
        pub invoice_id: Option<super::common::Id>,
        /// Document names.
        #[serde(
            rename = "documentNames",
            default,
            skip_serializing_if = "Vec::is_empty"
        )]
        pub document_names: Vec<super::common::NonEmptyString>,
    }

    xsd_enum! {
        /// Kind of payment change.
        PaymentDiffType {
            /// `AUTHORIZE`
            Authorize = "AUTHORIZE",
            /// `DEBIT`
            Debit = "DEBIT",
            /// `CREDIT`
            Credit = "CREDIT",
            /// `ANNUL`
            Annul = "ANNUL",
        }
    }

    /// A PDF document.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct Pdf {
        /// Document name.
        #[serde(rename = "name", default)]
        pub name: String,
        /// PDF bytes.
        #[serde(rename = "pdfData", default)]
        pub pdf_data: rt::Base64Binary,
    }

    /// Search filters (`findPayments`, `calculateResultSize`).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct SearchCriteria {
        /// Any id of the payment.
        #[serde(
            rename = "anyId",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub any_id: Option<rt::Nillable<super::common::Id>>,
        /// Payment method id.
        #[serde(
            rename = "paymentMethodId",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub payment_method_id: Option<rt::Nillable<super::common::Id>>,
        /// Customer government id.
        #[serde(
            rename = "governmentId",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub government_id: Option<rt::Nillable<super::common::NonEmptyString>>,
        /// Customer name.
        #[serde(
            rename = "customerName",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub customer_name: Option<rt::Nillable<String>>,
        /// Booked from.
        #[serde(
            rename = "bookedFrom",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub booked_from: Option<rt::Nillable<rt::DateTime>>,
        /// Booked to.
        #[serde(
            rename = "bookedTo",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub booked_to: Option<rt::Nillable<rt::DateTime>>,
        /// Modified from.
        #[serde(
            rename = "modifiedFrom",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub modified_from: Option<rt::Nillable<rt::DateTime>>,
        /// Modified to.
        #[serde(
            rename = "modifiedTo",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub modified_to: Option<rt::Nillable<rt::DateTime>>,
        /// Finalized from.
        #[serde(
            rename = "finalizedFrom",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub finalized_from: Option<rt::Nillable<rt::DateTime>>,
        /// Finalized to.
        #[serde(
            rename = "finalizedTo",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub finalized_to: Option<rt::Nillable<rt::DateTime>>,
        /// Minimum amount.
        #[serde(
            rename = "amountFrom",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub amount_from: Option<rt::Nillable<super::common::PositiveDecimal>>,
        /// Maximum amount.
        #[serde(
            rename = "amountTo",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub amount_to: Option<rt::Nillable<super::common::PositiveDecimal>>,
        /// Minimum bonus.
        #[serde(
            rename = "bonusFrom",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub bonus_from: Option<rt::Nillable<u64>>,
        /// Maximum bonus.
        #[serde(
            rename = "bonusTo",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub bonus_to: Option<rt::Nillable<u64>>,
        /// Frozen or not.
        #[serde(
            rename = "frozen",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub frozen: Option<rt::Nillable<bool>>,
        /// Meta data filter.
        #[serde(
            rename = "withMetaData",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub with_meta_data: Option<rt::Nillable<WithMetaData>>,
        /// Statuses the payment must have.
        #[serde(rename = "statusSet", default, skip_serializing_if = "Vec::is_empty")]
        pub status_set: Vec<super::common::PaymentStatus>,
        /// Statuses the payment must not have.
        #[serde(
            rename = "statusNotSet",
            default,
            skip_serializing_if = "Vec::is_empty"
        )]
        pub status_not_set: Vec<super::common::PaymentStatus>,
        /// Bonus points used.
        #[serde(
            rename = "bonusIsUsed",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub bonus_is_used: Option<bool>,
    }

    /// A meta data filter.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct WithMetaData {
        /// Key.
        #[serde(rename = "withMetaDataKey", default)]
        pub with_meta_data_key: String,
        /// Value.
        #[serde(
            rename = "withMetaDataValue",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub with_meta_data_value: Option<rt::Nillable<String>>,
    }

    /// Sort order of search results.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct SortOrder {
        /// Ascending.
        #[serde(rename = "ascending", default)]
        pub ascending: bool,
        /// Columns, most important first.
        #[serde(rename = "sortColumns", default, skip_serializing_if = "Vec::is_empty")]
        pub sort_columns: Vec<SortAlternative>,
    }

    xsd_enum! {
        /// A sort column.
        SortAlternative {
            /// `PAYMENT_ID`
            PaymentId = "PAYMENT_ID",
            /// `CUSTOMER_GOVERNMENT_ID`
            CustomerGovernmentId = "CUSTOMER_GOVERNMENT_ID",
            /// `CUSTOMER_NAME`
            CustomerName = "CUSTOMER_NAME",
            /// `BOOKED_TIME`
            BookedTime = "BOOKED_TIME",
            /// `MODIFIED_TIME`
            ModifiedTime = "MODIFIED_TIME",
            /// `FINALIZED_TIME`
            FinalizedTime = "FINALIZED_TIME",
            /// `AMOUNT`
            Amount = "AMOUNT",
            /// `BONUS_POINTS`
            BonusPoints = "BONUS_POINTS",
        }
    }

    /// A search hit.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct BasicPayment {
        /// Payment id.
        #[serde(rename = "paymentId", default)]
        pub payment_id: super::common::Id,
        /// Payment method id.
        #[serde(rename = "paymentMethodId", default)]
        pub payment_method_id: super::common::Id,
        /// Payment method name.
        #[serde(rename = "paymentMethodName", default)]
        pub payment_method_name: super::common::NonEmptyString,
        /// Customer government id.
        #[serde(rename = "governmentId", default)]
        pub government_id: super::common::NonEmptyString,
        /// Customer full name.
        #[serde(rename = "fullName", default)]
        pub full_name: String,
        /// Booking time.
        #[serde(rename = "booked", default)]
        pub booked: rt::DateTime,
        /// Latest modification.
        #[serde(rename = "modified", default, skip_serializing_if = "Option::is_none")]
        pub modified: Option<rt::DateTime>,
        /// Latest finalization.
        #[serde(rename = "finalized", default, skip_serializing_if = "Option::is_none")]
        pub finalized: Option<rt::DateTime>,
        /// Current total amount.
        #[serde(rename = "totalAmount", default)]
        pub total_amount: super::common::PositiveDecimal,
        /// Frozen.
        #[serde(rename = "frozen", default)]
        pub frozen: bool,
        /// Status flags.
        #[serde(rename = "status", default, skip_serializing_if = "Vec::is_empty")]
        pub status: Vec<super::common::PaymentStatus>,
        /// Bonus points.
        #[serde(rename = "totalBonusPoints", default)]
        pub total_bonus_points: u64,
    }

    /// A customer's bonus.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct Bonus {
        /// Points.
        #[serde(rename = "points", default)]
        pub points: u64,
    }
}

/// Types of namespace `http://ecommerce.resurs.com/v4/msg/aftershopflow`.
#[allow(clippy::all, clippy::pedantic, non_camel_case_types, unused_imports)]
pub mod msg_aftershopflow {
    use ::soap_runtime::rt;

    /// The XML namespace of this module.
    pub const NAMESPACE: &str = "http://ecommerce.resurs.com/v4/msg/aftershopflow";

    /// Request of `additionalDebitOfPayment`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct AdditionalDebitOfPayment {
        /// Payment id.
        #[serde(rename = "paymentId", default)]
        pub payment_id: super::common::Id,
        /// The added amounts/lines.
        #[serde(
            rename = "paymentSpec",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub payment_spec: Option<rt::Nillable<super::common::PaymentSpec>>,
        /// Operator.
        #[serde(
            rename = "createdBy",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub created_by: Option<rt::Nillable<super::common::NonEmptyString>>,
    }

    /// Response of `additionalDebitOfPayment` (empty).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct AdditionalDebitOfPaymentResponse {}

    /// Request of `finalizePayment`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct FinalizePayment {
        /// Payment id.
        #[serde(rename = "paymentId", default)]
        pub payment_id: super::common::Id,
        /// Transaction id for reports.
        #[serde(
            rename = "preferredTransactionId",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub preferred_transaction_id: Option<rt::Nillable<super::common::Id>>,
        /// Part to debit (absent: all).
        #[serde(
            rename = "partPaymentSpec",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub part_payment_spec: Option<rt::Nillable<super::common::PaymentSpec>>,
        /// Operator.
        #[serde(
            rename = "createdBy",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub created_by: Option<rt::Nillable<super::common::NonEmptyString>>,
        /// Order number.
        #[serde(
            rename = "orderId",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub order_id: Option<rt::Nillable<super::common::Id>>,
        /// Order date.
        #[serde(
            rename = "orderDate",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub order_date: Option<rt::Nillable<rt::Date>>,
        /// Invoice number (invoice methods only).
        #[serde(
            rename = "invoiceId",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub invoice_id: Option<rt::Nillable<super::common::Id>>,
        /// Invoice date (invoice methods only).
        #[serde(
            rename = "invoiceDate",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub invoice_date: Option<rt::Nillable<rt::Date>>,
        /// Invoice delivery (default `EMAIL`).
        #[serde(
            rename = "invoiceDeliveryType",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub invoice_delivery_type: Option<rt::Nillable<super::common::InvoiceDeliveryTypeEnum>>,
    }

    /// Response of `finalizePayment` (empty).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct FinalizePaymentResponse {}

    /// Request of `annulPayment`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct AnnulPayment {
        /// Payment id.
        #[serde(rename = "paymentId", default)]
        pub payment_id: super::common::Id,
        /// Part to annul (absent: all).
        #[serde(
            rename = "partPaymentSpec",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub part_payment_spec: Option<rt::Nillable<super::common::PaymentSpec>>,
        /// Operator.
        #[serde(
            rename = "createdBy",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub created_by: Option<rt::Nillable<super::common::NonEmptyString>>,
    }

    /// Response of `annulPayment` (empty).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct AnnulPaymentResponse {}

    /// Request of `creditPayment`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct CreditPayment {
        /// Payment id.
        #[serde(rename = "paymentId", default)]
        pub payment_id: super::common::Id,
        /// Transaction id for reports.
        #[serde(
            rename = "preferredTransactionId",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub preferred_transaction_id: Option<rt::Nillable<super::common::Id>>,
        /// Part to credit (absent: everything debited).
        #[serde(
            rename = "partPaymentSpec",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub part_payment_spec: Option<rt::Nillable<super::common::PaymentSpec>>,
        /// Operator.
        #[serde(
            rename = "createdBy",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub created_by: Option<rt::Nillable<super::common::NonEmptyString>>,
        /// Credit note number (invoice methods only).
        #[serde(
            rename = "creditNoteId",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub credit_note_id: Option<rt::Nillable<super::common::Id>>,
        /// Credit note date (invoice methods only).
        #[serde(
            rename = "creditNoteDate",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub credit_note_date: Option<rt::Nillable<rt::Date>>,
        /// Invoice delivery (default `EMAIL`).
        #[serde(
            rename = "invoiceDeliveryType",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub invoice_delivery_type: Option<rt::Nillable<super::common::InvoiceDeliveryTypeEnum>>,
    }

    /// Response of `creditPayment` (empty).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct CreditPaymentResponse {}

    /// Request of `addMetaData`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct AddMetaData {
        /// Payment id.
        #[serde(rename = "paymentId", default)]
        pub payment_id: super::common::Id,
        /// Key (an existing key is overwritten).
        #[serde(rename = "key", default)]
        pub key: String,
        /// Value.
        #[serde(
            rename = "value",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub value: Option<rt::Nillable<String>>,
    }

    /// Response of `addMetaData` (empty).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct AddMetaDataResponse {}

    /// Request of `getPayment`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct GetPayment {
        /// Payment id.
        #[serde(rename = "paymentId", default)]
        pub payment_id: super::common::Id,
    }

    /// Response of `getPayment`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct GetPaymentResponse {
        /// The payment.
        #[serde(rename = "return", default)]
        pub r#return: super::types_aftershopflow::Payment,
    }

    /// Request of `getPaymentDocumentNames`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct GetPaymentDocumentNames {
        /// Payment id.
        #[serde(rename = "paymentId", default)]
        pub payment_id: super::common::Id,
    }

    /// Response of `getPaymentDocumentNames`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct GetPaymentDocumentNamesResponse {
        /// Document names.
        #[serde(rename = "return", default, skip_serializing_if = "Vec::is_empty")]
        pub r#return: Vec<String>,
    }

    /// Request of `getPaymentDocument`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct GetPaymentDocument {
        /// Payment id.
        #[serde(rename = "paymentId", default)]
        pub payment_id: super::common::Id,
        /// Document name.
        #[serde(rename = "documentName", default)]
        pub document_name: super::common::NonEmptyString,
    }

    /// Response of `getPaymentDocument`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct GetPaymentDocumentResponse {
        /// The document.
        #[serde(rename = "return", default)]
        pub r#return: super::types_aftershopflow::Pdf,
    }

    /// Request of `calculateResultSize`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct CalculateResultSize {
        /// Filters.
        #[serde(rename = "searchCriteria", default)]
        pub search_criteria: super::types_aftershopflow::SearchCriteria,
    }

    /// Response of `calculateResultSize`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct CalculateResultSizeResponse {
        /// Number of matching payments.
        #[serde(rename = "return", default)]
        pub r#return: i32,
    }

    /// Request of `findPayments`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct FindPayments {
        /// Filters.
        #[serde(rename = "searchCriteria", default)]
        pub search_criteria: super::types_aftershopflow::SearchCriteria,
        /// Page number.
        #[serde(
            rename = "pageNumber",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub page_number: Option<rt::Nillable<u64>>,
        /// Page size.
        #[serde(
            rename = "itemsPerPage",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub items_per_page: Option<rt::Nillable<u64>>,
        /// Sort order.
        #[serde(
            rename = "sortBy",
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]
        pub sort_by: Option<rt::Nillable<super::types_aftershopflow::SortOrder>>,
    }

    /// Response of `findPayments`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct FindPaymentsResponse {
        /// Hits.
        #[serde(rename = "return", default, skip_serializing_if = "Vec::is_empty")]
        pub r#return: Vec<super::types_aftershopflow::BasicPayment>,
    }

    /// Request of `insertBonusPoints`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct InsertBonusPoints {
        /// Customer government id.
        #[serde(rename = "governmentId", default)]
        pub government_id: String,
        /// Customer type.
        #[serde(
            rename = "customerType",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub customer_type: Option<super::common::CustomerType>,
        /// Points to add (`> 0`).
        #[serde(rename = "bonusPoints", default)]
        pub bonus_points: u64,
        /// Last day the points can be used.
        #[serde(rename = "expirationDate", default)]
        pub expiration_date: rt::Date,
    }

    /// Response of `insertBonusPoints` (empty).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct InsertBonusPointsResponse {}

    /// Request of `withdrawBonusPoints`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct WithdrawBonusPoints {
        /// Customer government id.
        #[serde(rename = "governmentId", default)]
        pub government_id: String,
        /// Customer type.
        #[serde(
            rename = "customerType",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub customer_type: Option<super::common::CustomerType>,
        /// Points to withdraw (`> 0`).
        #[serde(rename = "bonusPoints", default)]
        pub bonus_points: u64,
    }

    /// Response of `withdrawBonusPoints` (empty).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct WithdrawBonusPointsResponse {}

    /// Request of `getCustomerBonus`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct GetCustomerBonus {
        /// Customer government id.
        #[serde(rename = "governmentId", default)]
        pub government_id: String,
        /// Customer type.
        #[serde(
            rename = "customerType",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub customer_type: Option<super::common::CustomerType>,
    }

    /// Response of `getCustomerBonus`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct GetCustomerBonusResponse {
        /// The bonus.
        #[serde(rename = "return", default)]
        pub r#return: super::types_aftershopflow::Bonus,
    }
}

/// Types of namespace `http://ecommerce.resurs.com/v4/msg/exception`.
#[allow(clippy::all, clippy::pedantic, non_camel_case_types, unused_imports)]
pub mod exception {
    /// The XML namespace of this module.
    pub const NAMESPACE: &str = "http://ecommerce.resurs.com/v4/msg/exception";

    /// The fault detail of every Resurs operation.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct ECommerceError {
        /// Error type name (e.g. `REFERENCED_DATA_DONT_EXISTS`).
        #[serde(rename = "errorTypeDescription", default)]
        pub error_type_description: super::common::NonEmptyString,
        /// Error type id (e.g. 8).
        #[serde(rename = "errorTypeId", default)]
        pub error_type_id: i32,
        /// Other input would have avoided the error.
        #[serde(rename = "fixableByYou", default)]
        pub fixable_by_you: bool,
        /// Message to show the shop's customer.
        #[serde(rename = "userErrorMessage", default)]
        pub user_error_message: super::common::NonEmptyString,
    }
}

/// Types of namespace `http://ecommerce.resurs.com/v4/types/shopflow`.
#[allow(clippy::all, clippy::pedantic, non_camel_case_types, unused_imports)]
pub mod types_shopflow {
    use super::support::string_newtype;
    use ::soap_runtime::rt;

    /// The XML namespace of this module.
    pub const NAMESPACE: &str = "http://ecommerce.resurs.com/v4/types/shopflow";

    /// A Resurs card identifying its holder.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct CustomerCard {
        /// Card holder's government id.
        #[serde(rename = "governmentId", default)]
        pub government_id: String,
        /// Customer type.
        #[serde(
            rename = "customerType",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub customer_type: Option<super::common::CustomerType>,
        /// Card number.
        #[serde(rename = "cardNumber", default)]
        pub card_number: String,
    }

    /// An issued identification token.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct CustomerIdentificationResponse {
        /// The token.
        #[serde(rename = "token", default)]
        pub token: IdentificationToken,
        /// Expiry time.
        #[serde(rename = "expirationDate", default)]
        pub expiration_date: rt::DateTime,
    }

    static IDENTIFICATION_TOKEN_FACETS: rt::Facets = rt::Facets {
        patterns: &[&IDENTIFICATION_TOKEN_PATTERN_0],
        ..rt::Facets::NONE
    };
    static IDENTIFICATION_TOKEN_PATTERN_0: rt::Pattern = rt::Pattern::new("[A-Za-z0-9]{100}");
    string_newtype! {
        /// A customer identification token: exactly 100 ASCII letters or digits.
        IdentificationToken, IDENTIFICATION_TOKEN_FACETS
    }
}

/// Types of namespace `http://ecommerce.resurs.com/v4/msg/shopflow`.
#[allow(clippy::all, clippy::pedantic, non_camel_case_types, unused_imports)]
pub mod msg_shopflow {
    /// The XML namespace of this module.
    pub const NAMESPACE: &str = "http://ecommerce.resurs.com/v4/msg/shopflow";

    /// Request of `issueCustomerIdentificationToken`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct IssueCustomerIdentificationToken {
        /// The card identifying the customer.
        #[serde(rename = "customerCard", default)]
        pub customer_card: super::types_shopflow::CustomerCard,
        /// The customer's IP address.
        #[serde(rename = "customerIpAddress", default)]
        pub customer_ip_address: String,
    }

    /// Response of `issueCustomerIdentificationToken`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct IssueCustomerIdentificationTokenResponse {
        /// The token, when the customer was identified.
        #[serde(rename = "return", default, skip_serializing_if = "Option::is_none")]
        pub r#return: Option<super::types_shopflow::CustomerIdentificationResponse>,
    }

    /// Request of `invalidateCustomerIdentificationToken`.
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct InvalidateCustomerIdentificationToken {
        /// Tokens to invalidate.
        #[serde(rename = "token", default, skip_serializing_if = "Vec::is_empty")]
        pub token: Vec<super::types_shopflow::IdentificationToken>,
        /// Or: the customer's government id.
        #[serde(
            rename = "governmentId",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub government_id: Option<super::common::NonEmptyString>,
        /// And customer type.
        #[serde(
            rename = "customerType",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub customer_type: Option<super::common::CustomerType>,
    }

    /// Response of `invalidateCustomerIdentificationToken` (empty).
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    pub struct InvalidateCustomerIdentificationTokenResponse {}
}
