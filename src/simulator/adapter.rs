//! The generated server traits implemented over the [`Bank`]: decoding and
//! encoding are the runtime's; this only maps results and faults.

use std::future::Future;
use std::sync::Arc;

use soap_runtime::rt;
use soap_runtime::server::Router;

use super::bank::Bank;
use super::fault::SimFault;
use crate::exception::ECommerceError;
use crate::v4;
use crate::{msg_aftershopflow as msg, msg_shopflow as shop, types_aftershopflow as types};

/// Path of the After Shop service.
pub const AFTER_SHOP_PATH: &str = "/ecommerce-test/ws/V4/AfterShopFlowService";
/// Path of the ShopFlow service (customer identification tokens).
pub const SHOP_FLOW_PATH: &str = "/ecommerce-test/ws/V4/ShopFlowService";

/// Mounts both services for `bank` at the Resurs paths.
pub(crate) fn mount(router: Router, bank: &Arc<Bank>) -> Router {
    router
        .mount(
            AFTER_SHOP_PATH,
            v4::AfterShopFlowServiceServer::new(BankService(bank.clone())),
        )
        .mount(
            SHOP_FLOW_PATH,
            v4::ShopFlowServiceServer::new(BankService(bank.clone())),
        )
}

/// The bank as an implementation of the generated `AfterShopFlowService` and
/// `ShopFlowService` traits, to mount in a router of your own:
/// `Router::new().mount(AFTER_SHOP_PATH, v4::AfterShopFlowServiceServer::new(BankService(bank)))`.
#[derive(Debug, Clone)]
pub struct BankService(pub Arc<Bank>);

/// A bank result as the trait wants it: a SOAP `Server` fault carrying the
/// `ECommerceError` detail.
fn answer<T, F>(
    result: Result<T, SimFault>,
    wrap: impl FnOnce(ECommerceError) -> F,
) -> impl Future<Output = Result<T, rt::Fault<F>>> + Send
where
    T: Send,
    F: Send,
{
    let result = result.map_err(|fault| {
        rt::Fault::server(fault.message.clone()).with_detail(wrap(ECommerceError::from(&fault)))
    });
    std::future::ready(result)
}

impl v4::AfterShopFlowService for BankService {
    fn additional_debit_of_payment(
        &self,
        request: msg::AdditionalDebitOfPayment,
    ) -> impl Future<Output = Result<(), rt::Fault<v4::AdditionalDebitOfPaymentFault>>> + Send {
        answer(
            self.0.additional_debit_of_payment(request),
            v4::AdditionalDebitOfPaymentFault::ECommerceErrorException,
        )
    }

    fn finalize_payment(
        &self,
        request: msg::FinalizePayment,
    ) -> impl Future<Output = Result<(), rt::Fault<v4::FinalizePaymentFault>>> + Send {
        answer(
            self.0.finalize_payment(request),
            v4::FinalizePaymentFault::ECommerceErrorException,
        )
    }

    fn annul_payment(
        &self,
        request: msg::AnnulPayment,
    ) -> impl Future<Output = Result<(), rt::Fault<v4::AnnulPaymentFault>>> + Send {
        answer(
            self.0.annul_payment(request),
            v4::AnnulPaymentFault::ECommerceErrorException,
        )
    }

    fn credit_payment(
        &self,
        request: msg::CreditPayment,
    ) -> impl Future<Output = Result<(), rt::Fault<v4::CreditPaymentFault>>> + Send {
        answer(
            self.0.credit_payment(request),
            v4::CreditPaymentFault::ECommerceErrorException,
        )
    }

    fn add_meta_data(
        &self,
        request: msg::AddMetaData,
    ) -> impl Future<Output = Result<(), rt::Fault<v4::AddMetaDataFault>>> + Send {
        answer(
            self.0.add_meta_data(request),
            v4::AddMetaDataFault::ECommerceErrorException,
        )
    }

    fn get_payment(
        &self,
        request: msg::GetPayment,
    ) -> impl Future<Output = Result<types::Payment, rt::Fault<v4::GetPaymentFault>>> + Send {
        answer(
            self.0.get_payment(request),
            v4::GetPaymentFault::ECommerceErrorException,
        )
    }

    fn get_payment_document(
        &self,
        request: msg::GetPaymentDocument,
    ) -> impl Future<Output = Result<types::Pdf, rt::Fault<v4::GetPaymentDocumentFault>>> + Send
    {
        answer(
            self.0.get_payment_document(request),
            v4::GetPaymentDocumentFault::ECommerceErrorException,
        )
    }

    fn get_payment_document_names(
        &self,
        request: msg::GetPaymentDocumentNames,
    ) -> impl Future<Output = Result<Vec<String>, rt::Fault<v4::GetPaymentDocumentNamesFault>>> + Send
    {
        answer(
            self.0.get_payment_document_names(request),
            v4::GetPaymentDocumentNamesFault::ECommerceErrorException,
        )
    }

    fn calculate_result_size(
        &self,
        request: msg::CalculateResultSize,
    ) -> impl Future<Output = Result<i32, rt::Fault<v4::CalculateResultSizeFault>>> + Send {
        answer(
            self.0.calculate_result_size(request),
            v4::CalculateResultSizeFault::ECommerceErrorException,
        )
    }

    fn find_payments(
        &self,
        request: msg::FindPayments,
    ) -> impl Future<Output = Result<Vec<types::BasicPayment>, rt::Fault<v4::FindPaymentsFault>>> + Send
    {
        answer(
            self.0.find_payments(request),
            v4::FindPaymentsFault::ECommerceErrorException,
        )
    }

    fn insert_bonus_points(
        &self,
        request: msg::InsertBonusPoints,
    ) -> impl Future<Output = Result<(), rt::Fault<v4::InsertBonusPointsFault>>> + Send {
        answer(
            self.0.insert_bonus_points(request),
            v4::InsertBonusPointsFault::ECommerceErrorException,
        )
    }

    fn withdraw_bonus_points(
        &self,
        request: msg::WithdrawBonusPoints,
    ) -> impl Future<Output = Result<(), rt::Fault<v4::WithdrawBonusPointsFault>>> + Send {
        answer(
            self.0.withdraw_bonus_points(request),
            v4::WithdrawBonusPointsFault::ECommerceErrorException,
        )
    }

    fn get_customer_bonus(
        &self,
        request: msg::GetCustomerBonus,
    ) -> impl Future<Output = Result<types::Bonus, rt::Fault<v4::GetCustomerBonusFault>>> + Send
    {
        answer(
            self.0.get_customer_bonus(request),
            v4::GetCustomerBonusFault::ECommerceErrorException,
        )
    }
}

impl v4::ShopFlowService for BankService {
    fn get_customer_bonus(
        &self,
        request: shop::GetCustomerBonus,
    ) -> impl Future<
        Output = Result<crate::types_shopflow::Bonus, rt::Fault<v4::GetCustomerBonusFault2>>,
    > + Send {
        answer(
            self.0.get_customer_bonus_identified(request),
            v4::GetCustomerBonusFault2::ECommerceErrorException,
        )
    }

    fn issue_customer_identification_token(
        &self,
        request: shop::IssueCustomerIdentificationToken,
    ) -> impl Future<
        Output = Result<
            Option<crate::types_shopflow::CustomerIdentificationResponse>,
            rt::Fault<v4::IssueCustomerIdentificationTokenFault>,
        >,
    > + Send {
        answer(
            self.0.issue_customer_identification_token(request),
            v4::IssueCustomerIdentificationTokenFault::ECommerceErrorException,
        )
    }

    fn invalidate_customer_identification_token(
        &self,
        request: shop::InvalidateCustomerIdentificationToken,
    ) -> impl Future<Output = Result<(), rt::Fault<v4::InvalidateCustomerIdentificationTokenFault>>> + Send
    {
        answer(
            self.0.invalidate_customer_identification_token(request),
            v4::InvalidateCustomerIdentificationTokenFault::ECommerceErrorException,
        )
    }
}
