//! Resurs faults as a PHP SoapServer built from the published WSDL writes them:
//! always a fault, in lenient and strict mode; blank user messages fall back to
//! the generic text.

use resurs_aftershop::msg_aftershopflow::GetPaymentResponse;
use resurs_aftershop::v4::GetPaymentFault;
use resurs_aftershop::{ecommerce_error, ErrorType};
use soap_runtime::rt::envelope;
use soap_runtime::{DecodeOptions, DiagnosticKind, Error, Fault};

fn php_fault(code: &str, detail: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"http://ecommerce.resurs.com/v4/msg/exception\"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>{code}</faultcode><faultstring>Payment not found</faultstring><detail>{detail}</detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n"
    )
}

fn fault(xml: &str, strict: bool) -> (Error<GetPaymentFault>, Vec<DiagnosticKind>) {
    let opts = DecodeOptions {
        strict,
        ..DecodeOptions::default()
    };
    let decoded = envelope::decode_response::<GetPaymentResponse, GetPaymentFault>(
        &resurs_aftershop::v4::GET_PAYMENT,
        xml.as_bytes(),
        &opts,
    )
    .unwrap_or_else(|e| panic!("strict={strict}: the fault was lost: {e}"));
    let fault: Fault<GetPaymentFault> = match decoded.value {
        Err(fault) => fault,
        Ok(r) => panic!("expected a fault, got {r:?}"),
    };
    let kinds = decoded.diagnostics.into_iter().map(|d| d.kind).collect();
    (Error::Fault(Box::new(fault)), kinds)
}

const GENERIC: &str = "The service reported an error.";

#[test]
fn an_empty_ecommerce_error_is_no_error_type_and_the_generic_text() {
    let xml = php_fault("ns1:soap:Server", "<ns1:ECommerceError/>");
    for strict in [false, true] {
        let (err, kinds) = fault(&xml, strict);
        assert!(err.fault().is_some_and(|f| f.is_code("Server")));
        assert_eq!(
            err.fault().map(Fault::faultstring),
            Some("Payment not found")
        );
        assert!(ecommerce_error(&err).is_none(), "no Unknown(0) made up");
        assert_eq!(err.user_message(), GENERIC);
        assert_eq!(
            err.to_string(),
            "the service answered with a SOAP fault (code Server)"
        );
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        assert!(matches!(
            kinds[0],
            DiagnosticKind::MalformedFaultCode { .. }
        ));
        assert!(matches!(
            kinds[1],
            DiagnosticKind::FaultDetailKeptRaw { .. }
        ));
    }
}

#[test]
fn a_blank_user_error_message_falls_back_to_the_generic_text() {
    let xml = php_fault(
        "SOAP-ENV:Server",
        "<ns1:ECommerceError><errorTypeDescription>REFERENCED_DATA_DONT_EXISTS</errorTypeDescription><errorTypeId>8</errorTypeId><fixableByYou>false</fixableByYou><userErrorMessage></userErrorMessage></ns1:ECommerceError>",
    );
    for strict in [false, true] {
        let (err, kinds) = fault(&xml, strict);
        let detail = ecommerce_error(&err).unwrap_or_else(|| panic!("typed detail: {err:?}"));
        assert_eq!(detail.error_type(), ErrorType::ReferencedDataDontExists);
        assert_eq!(err.user_message(), GENERIC);
        assert!(
            matches!(&kinds[..], [DiagnosticKind::Facet(_)]),
            "userErrorMessage has minLength 1: {kinds:?}"
        );
    }
}
