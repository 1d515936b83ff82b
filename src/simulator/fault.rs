//! The simulator's refusal: the fields of an `ECommerceError` plus the
//! technical `faultstring`.

use crate::rules::ErrorType;

/// Why the simulator refused a request, as the real service reports it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{} ({}): {message}", self.error_type_description(), self.error_type_id())]
pub struct SimFault {
    /// The error type (`errorTypeId` / `errorTypeDescription`).
    pub error: ErrorType,
    /// The technical message (SOAP `faultstring`), for logs.
    pub message: String,
    /// The message meant for the shop's customer (`userErrorMessage`).
    pub user_error_message: String,
    /// Whether the caller can fix the problem (`fixableByYou`).
    pub fixable_by_you: bool,
}

impl SimFault {
    /// A fault the caller can fix: `message` is the technical text, the
    /// user message a customer-facing text for the error type.
    pub fn new(error: ErrorType, message: impl Into<String>) -> Self {
        Self {
            error,
            message: message.into(),
            user_error_message: user_text(error).to_owned(),
            fixable_by_you: true,
        }
    }

    /// Marks the fault as not fixable by the caller.
    pub fn not_fixable(mut self) -> Self {
        self.fixable_by_you = false;
        self
    }

    /// Sets the message meant for the shop's customer.
    pub fn with_user_message(mut self, text: impl Into<String>) -> Self {
        self.user_error_message = text.into();
        self
    }

    /// `errorTypeId`.
    pub fn error_type_id(&self) -> i32 {
        self.error.id()
    }

    /// `errorTypeDescription`, e.g. `REFERENCED_DATA_DONT_EXISTS`.
    pub fn error_type_description(&self) -> &'static str {
        self.error.name()
    }

    /// `REFERENCED_DATA_DONT_EXISTS` for a payment id that is not in the ledger.
    pub fn unknown_payment(payment_id: &str) -> Self {
        Self::new(
            ErrorType::ReferencedDataDontExists,
            format!("payment {payment_id} does not exist"),
        )
        .with_user_message(format!(
            "Efterfrågad order/betalning ({payment_id}) kan inte hittas i databasen."
        ))
    }

    /// `ILLEGAL_ARGUMENT` with `message`.
    pub fn illegal_argument(message: impl Into<String>) -> Self {
        Self::new(ErrorType::IllegalArgument, message)
    }
}

/// What a shop's customer is told, in Swedish like the real service.
fn user_text(error: ErrorType) -> &'static str {
    match error {
        ErrorType::IllegalArgument => "Felaktiga uppgifter i begäran.",
        ErrorType::NotAllowed => "Åtgärden är inte tillåten för betalningssättet.",
        ErrorType::NotAllowedInPaymentState => {
            "Åtgärden är inte tillåten i betalningens nuvarande status."
        }
        ErrorType::InvalidFinalization => "Beloppet är större än det som kan debiteras.",
        ErrorType::InvalidCrediting => "Beloppet är större än det som kan krediteras.",
        ErrorType::ObjectWithIdAlreadyExist => "Det finns redan en betalning med samma id.",
        ErrorType::BonusAuthorizationFailed => "Bonuspoängen räcker inte.",
        ErrorType::InvalidIdentification => "Kunden kunde inte identifieras.",
        ErrorType::TooManyTokens => "Kunden har för många identifieringsnycklar.",
        _ => "Åtgärden kunde inte genomföras.",
    }
}

impl From<&SimFault> for crate::exception::ECommerceError {
    fn from(fault: &SimFault) -> Self {
        let text = |s: &str, fallback: &str| {
            crate::common::NonEmptyString::new(if s.is_empty() { fallback } else { s })
                .unwrap_or_default()
        };
        Self {
            error_type_description: text(fault.error_type_description(), "INTERNAL_ERROR"),
            error_type_id: fault.error_type_id(),
            fixable_by_you: fault.fixable_by_you,
            user_error_message: text(&fault.user_error_message, &fault.message),
        }
    }
}
