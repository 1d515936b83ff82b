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

use crate::exception::ECommerceError;
use crate::v4;

/// A generated fault enum of a Resurs operation.
pub trait ResursFault {
    /// The error the bank sent.
    fn ecommerce_error(&self) -> &ECommerceError;
}

/// The `ECommerceError` of `err`, when it is a SOAP fault that carried one.
pub fn ecommerce_error<F: ResursFault>(err: &soap_runtime::Error<F>) -> Option<&ECommerceError> {
    err.fault()?
        .detail
        .as_ref()
        .map(ResursFault::ecommerce_error)
}

macro_rules! resurs_faults {
    ($($fault:ident),* $(,)?) => {$(
        impl ResursFault for v4::$fault {
            fn ecommerce_error(&self) -> &ECommerceError {
                match self {
                    Self::ECommerceErrorException(error) => error,
                }
            }
        }
    )*};
}

resurs_faults!(
    AdditionalDebitOfPaymentFault,
    FinalizePaymentFault,
    AnnulPaymentFault,
    CreditPaymentFault,
    AddMetaDataFault,
    GetPaymentFault,
    GetPaymentDocumentFault,
    GetPaymentDocumentNamesFault,
    CalculateResultSizeFault,
    FindPaymentsFault,
    InsertBonusPointsFault,
    WithdrawBonusPointsFault,
    GetCustomerBonusFault,
    GetCustomerBonusFault2,
    IssueCustomerIdentificationTokenFault,
    InvalidateCustomerIdentificationTokenFault,
);
