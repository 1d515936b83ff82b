//! The operations `aftershop decode` knows: every operation of the generated
//! tables of both services, with the generated types its request, response
//! and fault detail decode into.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::Serialize;
use soap_runtime::envelope::{self, Operation};
use soap_runtime::fault::FaultDetail;
use soap_runtime::table::{Faults, Payload, SerdeOperationVisitor};
use soap_runtime::xml::{DecodeOptions, Decoded, XmlType};

use super::render::{self, Typed};
use super::DecodeEnvelopeError;
use crate::v4;

type DecodeFn =
    fn(&'static Operation, &[u8], &DecodeOptions) -> Result<Decoded<Typed>, DecodeEnvelopeError>;

/// One operation: its descriptor and how to decode each side of it.
pub(crate) struct Entry {
    /// `aftershop` or `shopflow`: the service whose table lists it.
    pub(crate) service: &'static str,
    /// The operation descriptor (name, body elements).
    pub(crate) op: &'static Operation,
    /// Decodes a request envelope.
    pub(crate) request: DecodeFn,
    /// Decodes a response (or fault) envelope.
    pub(crate) response: DecodeFn,
}

fn request<Req: XmlType + Serialize + 'static>(
    op: &'static Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<Typed>, DecodeEnvelopeError> {
    let decoded = envelope::decode_request::<Req>(op, xml, opts)?;
    Ok(Decoded {
        value: Typed::message(decoded.value, &decoded.diagnostics),
        diagnostics: decoded.diagnostics,
    })
}

fn response<Resp: XmlType + Serialize + 'static, F: FaultDetail>(
    op: &'static Operation,
    xml: &[u8],
    opts: &DecodeOptions,
) -> Result<Decoded<Typed>, DecodeEnvelopeError> {
    let decoded = envelope::decode_response::<Resp, F>(op, xml, opts)?;
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

/// Collects the entries of one service's table.
struct Collect {
    service: &'static str,
    entries: Vec<Entry>,
}

impl SerdeOperationVisitor for Collect {
    fn visit<Req, Resp, F>(&mut self, op: &'static Operation)
    where
        Req: Payload + Serialize + DeserializeOwned,
        Resp: Payload + Serialize + DeserializeOwned,
        F: Faults,
    {
        self.entries.push(Entry {
            service: self.service,
            op,
            request: request::<Req>,
            response: response::<Resp, F>,
        });
    }
}

/// Every operation, in WSDL order (After Shop first, then ShopFlow's
/// `getCustomerBonus` and token operations).
pub(crate) fn operations() -> &'static [Entry] {
    static OPERATIONS: OnceLock<Vec<Entry>> = OnceLock::new();
    OPERATIONS.get_or_init(|| {
        let mut after_shop = Collect {
            service: "aftershop",
            entries: Vec::new(),
        };
        v4::after_shop_flow_service_serde_operations(&mut after_shop);
        let mut shop_flow = Collect {
            service: "shopflow",
            entries: after_shop.entries,
        };
        v4::shop_flow_service_serde_operations(&mut shop_flow);
        shop_flow.entries
    })
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
    operations().iter().find(|entry| {
        service_name.is_none_or(|s| s == entry.service)
            && (entry.op.name == name || snake_case(entry.op.name) == name)
    })
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
        assert_eq!(operations().len(), 16);
        let mut names: Vec<_> = operations()
            .iter()
            .map(|e| (e.service, e.op.name))
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 16);
    }

    #[test]
    fn get_customer_bonus_of_either_service() {
        let after_shop = find("getCustomerBonus").expect("after shop");
        assert_eq!(after_shop.service, "aftershop");
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
