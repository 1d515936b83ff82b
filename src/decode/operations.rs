//! The operations `aftershop decode` knows: each one's descriptor and the
//! generated types its request, response and fault detail decode into.

use serde::Serialize;
use soap_runtime::rt::{self, DecodeOptions, Decoded};

use super::render::{self, Typed};
use super::DecodeEnvelopeError;
use crate::{msg_aftershopflow as aft, msg_shopflow as shop, v4};

type DecodeFn = fn(
    &'static rt::Operation,
    &[u8],
    &DecodeOptions,
) -> Result<Decoded<Typed>, DecodeEnvelopeError>;

/// One operation: its descriptor and how to decode each side of it.
pub(crate) struct Entry {
    /// The operation descriptor (name, body elements).
    pub(crate) op: &'static rt::Operation,
    /// Decodes a request envelope.
    pub(crate) request: DecodeFn,
    /// Decodes a response (or fault) envelope.
    pub(crate) response: DecodeFn,
}

fn request<Req: rt::XmlType + Serialize + 'static>(
    op: &'static rt::Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<Typed>, DecodeEnvelopeError> {
    let decoded = rt::envelope::decode_request::<Req>(op, xml, opts)?;
    Ok(Decoded {
        value: Typed::message(decoded.value, &decoded.diagnostics),
        diagnostics: decoded.diagnostics,
    })
}

fn response<Resp: rt::XmlType + Serialize + 'static, F: rt::FaultDetail + crate::ResursFault>(
    op: &'static rt::Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<Typed>, DecodeEnvelopeError> {
    let decoded = rt::envelope::decode_response::<Resp, F>(op, xml, opts)?;
    let mut diagnostics = decoded.diagnostics;
    let value = match decoded.value {
        Ok(message) => Typed::message(message, &diagnostics),
        Err(fault) => {
            diagnostics.extend(render::undeclared_detail(&fault));
            Typed::fault(&fault, xml, &diagnostics)?
        }
    };
    Ok(Decoded { value, diagnostics })
}

macro_rules! operations {
    ($($op:ident: $req:ty, $resp:ty, $fault:ty;)*) => {
        /// Every operation, in WSDL order (After Shop first, then ShopFlow's
        /// `getCustomerBonus` and token operations).
        pub(crate) static OPERATIONS: &[Entry] = &[$(
            Entry {
                op: &v4::$op,
                request: request::<$req>,
                response: response::<$resp, $fault>,
            },
        )*];

    };
}

operations! {
    ADDITIONAL_DEBIT_OF_PAYMENT: aft::AdditionalDebitOfPayment, aft::AdditionalDebitOfPaymentResponse, v4::AdditionalDebitOfPaymentFault;
    FINALIZE_PAYMENT: aft::FinalizePayment, aft::FinalizePaymentResponse, v4::FinalizePaymentFault;
    ANNUL_PAYMENT: aft::AnnulPayment, aft::AnnulPaymentResponse, v4::AnnulPaymentFault;
    CREDIT_PAYMENT: aft::CreditPayment, aft::CreditPaymentResponse, v4::CreditPaymentFault;
    ADD_META_DATA: aft::AddMetaData, aft::AddMetaDataResponse, v4::AddMetaDataFault;
    GET_PAYMENT: aft::GetPayment, aft::GetPaymentResponse, v4::GetPaymentFault;
    GET_PAYMENT_DOCUMENT: aft::GetPaymentDocument, aft::GetPaymentDocumentResponse, v4::GetPaymentDocumentFault;
    GET_PAYMENT_DOCUMENT_NAMES: aft::GetPaymentDocumentNames, aft::GetPaymentDocumentNamesResponse, v4::GetPaymentDocumentNamesFault;
    CALCULATE_RESULT_SIZE: aft::CalculateResultSize, aft::CalculateResultSizeResponse, v4::CalculateResultSizeFault;
    FIND_PAYMENTS: aft::FindPayments, aft::FindPaymentsResponse, v4::FindPaymentsFault;
    INSERT_BONUS_POINTS: aft::InsertBonusPoints, aft::InsertBonusPointsResponse, v4::InsertBonusPointsFault;
    WITHDRAW_BONUS_POINTS: aft::WithdrawBonusPoints, aft::WithdrawBonusPointsResponse, v4::WithdrawBonusPointsFault;
    GET_CUSTOMER_BONUS: aft::GetCustomerBonus, aft::GetCustomerBonusResponse, v4::GetCustomerBonusFault;
    GET_CUSTOMER_BONUS2: shop::GetCustomerBonus, shop::GetCustomerBonusResponse, v4::GetCustomerBonusFault2;
    ISSUE_CUSTOMER_IDENTIFICATION_TOKEN: shop::IssueCustomerIdentificationToken, shop::IssueCustomerIdentificationTokenResponse, v4::IssueCustomerIdentificationTokenFault;
    INVALIDATE_CUSTOMER_IDENTIFICATION_TOKEN: shop::InvalidateCustomerIdentificationToken, shop::InvalidateCustomerIdentificationTokenResponse, v4::InvalidateCustomerIdentificationTokenFault;
}

/// The operation called `name`: its XML name (`getPayment`) or its snake_case
/// form (`get_payment`), optionally after the service (`shopflow.getCustomerBonus`,
/// `aftershop.getCustomerBonus`). Both services have a `getCustomerBonus`;
/// without a service the After Shop one is meant.
pub(crate) fn find(name: &str) -> Option<&'static Entry> {
    let (service_name, name) = match name.split_once('.') {
        Some((service_name, name)) => (Some(service_name), name),
        None => (None, name),
    };
    OPERATIONS.iter().find(|entry| {
        service_name.is_none_or(|s| s == service(entry))
            && (entry.op.name == name || snake_case(entry.op.name) == name)
    })
}

/// `shopflow` or `aftershop`, by the namespace of the operation's body element.
fn service(entry: &Entry) -> &'static str {
    match entry.op.input.element().and_then(|e| e.ns) {
        Some(ns) if ns.ends_with("/shopflow") => "shopflow",
        _ => "aftershop",
    }
}

/// `getPaymentDocumentNames` → `get_payment_document_names`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_operations_unique_per_service() {
        assert_eq!(OPERATIONS.len(), 16);
        let mut names: Vec<_> = OPERATIONS.iter().map(|e| (service(e), e.op.name)).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 16);
    }

    #[test]
    fn get_customer_bonus_of_either_service() {
        let after_shop = find("getCustomerBonus").expect("after shop");
        assert_eq!(service(after_shop), "aftershop");
        assert!(std::ptr::eq(after_shop.op, &v4::GET_CUSTOMER_BONUS));
        let shop = find("shopflow.getCustomerBonus").expect("shop flow");
        assert!(std::ptr::eq(shop.op, &v4::GET_CUSTOMER_BONUS2));
        assert!(find("shopflow.get_customer_bonus").is_some());
        assert!(find("shopflow.getPayment").is_none());
    }

    #[test]
    fn finds_by_xml_name_and_snake_case() {
        assert_eq!(find("getPayment").map(|e| e.op.name), Some("getPayment"));
        assert_eq!(find("get_payment").map(|e| e.op.name), Some("getPayment"));
        assert_eq!(
            find("invalidate_customer_identification_token").map(|e| e.op.name),
            Some("invalidateCustomerIdentificationToken")
        );
        assert!(find("GetPayment").is_none());
        assert!(find("bookPayment").is_none());
    }

    #[test]
    fn snake_case_of_meta_data() {
        assert_eq!(snake_case("addMetaData"), "add_meta_data");
    }
}
