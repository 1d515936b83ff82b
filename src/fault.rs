//! Resurs's `ECommerceError` out of any operation's error.
//!
//! Every Resurs operation declares one fault, `ECommerceErrorException`, so
//! every generated `<Op>Fault` enum holds an [`ECommerceError`]:
//!
//! ```no_run
//! # async fn run(client: resurs_aftershop::AfterShopClient, request: resurs_aftershop::msg_aftershopflow::GetPayment) {
//! use resurs_aftershop::{ecommerce_error, ErrorType};
//!
//! if let Err(err) = client.get_payment(&request).await {
//!     if let Some(e) = ecommerce_error(&err) {
//!         if e.error_type() == ErrorType::ReferencedDataDontExists {
//!             // The customer must see this text; the faultstring is for logs.
//!             println!("{}", e.user_error_message);
//!         }
//!     }
//! }
//! # }
//! ```

use soap_runtime::fault::FaultDetail;

use crate::exception::ECommerceError;

/// A generated fault enum of a Resurs operation (every `<Op>Fault`, whose
/// variants are [`FaultDetail`]s).
pub trait ResursFault: FaultDetail {
    /// The error the bank sent, when this fault's detail is one.
    fn ecommerce_error(&self) -> Option<&ECommerceError> {
        self.detail_value()?.downcast_ref()
    }
}

impl<F: FaultDetail> ResursFault for F {}

/// The `ECommerceError` of `err`, when it is a SOAP fault that carried one.
pub fn ecommerce_error<F: FaultDetail>(err: &soap_runtime::Error<F>) -> Option<&ECommerceError> {
    err.fault()?.detail.as_ref()?.ecommerce_error()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v4;
    use soap_runtime::envelope::Operation;
    use soap_runtime::fault::NoFault;
    use soap_runtime::table::{Faults, OperationVisitor, Payload};

    /// The fault of each operation, checked through the generated tables.
    struct EveryFault(Vec<&'static str>);

    impl OperationVisitor for EveryFault {
        fn visit<Req: Payload, Resp: Payload, F: Faults>(&mut self, op: &'static Operation) {
            let elements: Vec<_> = F::elements().iter().map(|e| e.name).collect();
            assert_eq!(elements, ["ECommerceError"], "{}", op.name);
            self.0.push(op.name);
        }
    }

    #[test]
    fn every_operation_fails_with_an_ecommerce_error() {
        let mut visitor = EveryFault(Vec::new());
        v4::after_shop_flow_service_operations(&mut visitor);
        v4::shop_flow_service_operations(&mut visitor);
        assert_eq!(visitor.0.len(), 16);
    }

    #[test]
    fn the_detail_of_any_fault_enum() {
        let error = ECommerceError {
            user_error_message: crate::common::NonEmptyString::new("Betalningen finns inte")
                .unwrap(),
            ..ECommerceError::default()
        };
        let finalize = v4::FinalizePaymentFault::ECommerceErrorException(error.clone());
        let token =
            v4::IssueCustomerIdentificationTokenFault::ECommerceErrorException(error.clone());
        assert_eq!(finalize.ecommerce_error(), Some(&error));
        assert_eq!(token.ecommerce_error(), Some(&error));
        assert_eq!(NoFault::elements().len(), 0);
    }
}
