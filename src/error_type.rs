//! The error types of Resurs Bank's `ECommerceError` fault detail.

use crate::exception::ECommerceError;

/// The `errorTypeId` of an [`ECommerceError`]: what kind of failure it is.
///
/// Resurs may add ids; old ids never change meaning. An id this crate does
/// not know is kept as [`ErrorType::Unknown`]. Show the fault's
/// `userErrorMessage` to the customer, never the technical `faultstring`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorType {
    /// `ILLEGAL_ARGUMENT` (1): An argument is invalid (wrong format, value or combination).
    IllegalArgument,
    /// `INTERNAL_ERROR` (3): Something failed inside Resurs Bank.
    InternalError,
    /// `NOT_ALLOWED` (4): The operation is not allowed (e.g. for this payment method or merchant).
    NotAllowed,
    /// `REFERENCED_DATA_DONT_EXISTS` (8): Something referred to does not exist (e.g. an unknown payment id).
    ReferencedDataDontExists,
    /// `CREDITAPPLICATION_FAILED` (10): A credit application failed.
    CreditapplicationFailed,
    /// `NOT_IMPLEMENTED` (11): The function is not implemented.
    NotImplemented,
    /// `INVALID_CREDITAPPLICATION_SUBMISSION` (14): A credit application was submitted with invalid data.
    InvalidCreditapplicationSubmission,
    /// `SIGNING_REQUIRED` (15): The customer must sign first.
    SigningRequired,
    /// `AUTHORIZATION_FAILED` (17): The amount could not be authorized.
    AuthorizationFailed,
    /// `APPLICATION_VALIDATION_ERROR` (18): An application form did not validate.
    ApplicationValidationError,
    /// `OBJECT_WITH_ID_ALREADY_EXIST` (19): An object with that id already exists.
    ObjectWithIdAlreadyExist,
    /// `NOT_ALLOWED_IN_PAYMENT_STATE` (20): The payment's state does not allow the operation (e.g. finalizing a frozen or fully debited payment).
    NotAllowedInPaymentState,
    /// `CUSTOMER_CONFIGURATION_EXCEPTION` (21): The customer's configuration at Resurs Bank is wrong.
    CustomerConfigurationException,
    /// `SERVICE_CONFIGURATION_EXCEPTION` (22): The service's configuration at Resurs Bank is wrong.
    ServiceConfigurationException,
    /// `INVALID_CREDITING` (23): The credit is invalid (e.g. more than what was debited).
    InvalidCrediting,
    /// `LIMIT_PER_TIME_EXCEEDED` (24): Too many requests or too much in a period.
    LimitPerTimeExceeded,
    /// `NOT_ALLOWED_IN_CURRENT_STATE` (25): Not allowed in the current state.
    NotAllowedInCurrentState,
    /// `INVALID_FINALIZATION` (26): The finalization is invalid (e.g. more than what is debitable).
    InvalidFinalization,
    /// `FORM_PARSING` (27): A form could not be parsed.
    FormParsing,
    /// `INVALID_IDENTIFICATION` (28): The customer identification (token or card) is invalid or unknown.
    InvalidIdentification,
    /// `TOO_MANY_TOKENS` (29): The customer already has too many identification tokens.
    TooManyTokens,
    /// `BONUS_AUTHORIZATION_FAILED` (30): Bonus points could not be authorized (e.g. not enough points).
    BonusAuthorizationFailed,
    /// `LEGACY_EXCEPTION` (99): An error from an older system, without a finer type.
    LegacyException,
    /// `WEAK_PASSWORD` (502): The password is too weak.
    WeakPassword,
    /// `NOT_AUTHORIZED` (503): The caller is not authorized (credentials or rights).
    NotAuthorized,
    /// An id this crate does not know.
    Unknown(i32),
}

impl ErrorType {
    /// Every known type, by id.
    pub const KNOWN: [ErrorType; 25] = [
        ErrorType::IllegalArgument,
        ErrorType::InternalError,
        ErrorType::NotAllowed,
        ErrorType::ReferencedDataDontExists,
        ErrorType::CreditapplicationFailed,
        ErrorType::NotImplemented,
        ErrorType::InvalidCreditapplicationSubmission,
        ErrorType::SigningRequired,
        ErrorType::AuthorizationFailed,
        ErrorType::ApplicationValidationError,
        ErrorType::ObjectWithIdAlreadyExist,
        ErrorType::NotAllowedInPaymentState,
        ErrorType::CustomerConfigurationException,
        ErrorType::ServiceConfigurationException,
        ErrorType::InvalidCrediting,
        ErrorType::LimitPerTimeExceeded,
        ErrorType::NotAllowedInCurrentState,
        ErrorType::InvalidFinalization,
        ErrorType::FormParsing,
        ErrorType::InvalidIdentification,
        ErrorType::TooManyTokens,
        ErrorType::BonusAuthorizationFailed,
        ErrorType::LegacyException,
        ErrorType::WeakPassword,
        ErrorType::NotAuthorized,
    ];

    /// The type with this `errorTypeId` ([`ErrorType::Unknown`] if not listed).
    pub fn from_id(id: i32) -> ErrorType {
        match id {
            1 => ErrorType::IllegalArgument,
            3 => ErrorType::InternalError,
            4 => ErrorType::NotAllowed,
            8 => ErrorType::ReferencedDataDontExists,
            10 => ErrorType::CreditapplicationFailed,
            11 => ErrorType::NotImplemented,
            14 => ErrorType::InvalidCreditapplicationSubmission,
            15 => ErrorType::SigningRequired,
            17 => ErrorType::AuthorizationFailed,
            18 => ErrorType::ApplicationValidationError,
            19 => ErrorType::ObjectWithIdAlreadyExist,
            20 => ErrorType::NotAllowedInPaymentState,
            21 => ErrorType::CustomerConfigurationException,
            22 => ErrorType::ServiceConfigurationException,
            23 => ErrorType::InvalidCrediting,
            24 => ErrorType::LimitPerTimeExceeded,
            25 => ErrorType::NotAllowedInCurrentState,
            26 => ErrorType::InvalidFinalization,
            27 => ErrorType::FormParsing,
            28 => ErrorType::InvalidIdentification,
            29 => ErrorType::TooManyTokens,
            30 => ErrorType::BonusAuthorizationFailed,
            99 => ErrorType::LegacyException,
            502 => ErrorType::WeakPassword,
            503 => ErrorType::NotAuthorized,
            other => ErrorType::Unknown(other),
        }
    }

    /// The `errorTypeId`.
    pub fn id(self) -> i32 {
        match self {
            ErrorType::IllegalArgument => 1,
            ErrorType::InternalError => 3,
            ErrorType::NotAllowed => 4,
            ErrorType::ReferencedDataDontExists => 8,
            ErrorType::CreditapplicationFailed => 10,
            ErrorType::NotImplemented => 11,
            ErrorType::InvalidCreditapplicationSubmission => 14,
            ErrorType::SigningRequired => 15,
            ErrorType::AuthorizationFailed => 17,
            ErrorType::ApplicationValidationError => 18,
            ErrorType::ObjectWithIdAlreadyExist => 19,
            ErrorType::NotAllowedInPaymentState => 20,
            ErrorType::CustomerConfigurationException => 21,
            ErrorType::ServiceConfigurationException => 22,
            ErrorType::InvalidCrediting => 23,
            ErrorType::LimitPerTimeExceeded => 24,
            ErrorType::NotAllowedInCurrentState => 25,
            ErrorType::InvalidFinalization => 26,
            ErrorType::FormParsing => 27,
            ErrorType::InvalidIdentification => 28,
            ErrorType::TooManyTokens => 29,
            ErrorType::BonusAuthorizationFailed => 30,
            ErrorType::LegacyException => 99,
            ErrorType::WeakPassword => 502,
            ErrorType::NotAuthorized => 503,
            ErrorType::Unknown(id) => id,
        }
    }

    /// The name Resurs uses in `errorTypeDescription`, e.g.
    /// `"REFERENCED_DATA_DONT_EXISTS"` (`"UNKNOWN"` for unknown ids).
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::IllegalArgument => "ILLEGAL_ARGUMENT",
            ErrorType::InternalError => "INTERNAL_ERROR",
            ErrorType::NotAllowed => "NOT_ALLOWED",
            ErrorType::ReferencedDataDontExists => "REFERENCED_DATA_DONT_EXISTS",
            ErrorType::CreditapplicationFailed => "CREDITAPPLICATION_FAILED",
            ErrorType::NotImplemented => "NOT_IMPLEMENTED",
            ErrorType::InvalidCreditapplicationSubmission => "INVALID_CREDITAPPLICATION_SUBMISSION",
            ErrorType::SigningRequired => "SIGNING_REQUIRED",
            ErrorType::AuthorizationFailed => "AUTHORIZATION_FAILED",
            ErrorType::ApplicationValidationError => "APPLICATION_VALIDATION_ERROR",
            ErrorType::ObjectWithIdAlreadyExist => "OBJECT_WITH_ID_ALREADY_EXIST",
            ErrorType::NotAllowedInPaymentState => "NOT_ALLOWED_IN_PAYMENT_STATE",
            ErrorType::CustomerConfigurationException => "CUSTOMER_CONFIGURATION_EXCEPTION",
            ErrorType::ServiceConfigurationException => "SERVICE_CONFIGURATION_EXCEPTION",
            ErrorType::InvalidCrediting => "INVALID_CREDITING",
            ErrorType::LimitPerTimeExceeded => "LIMIT_PER_TIME_EXCEEDED",
            ErrorType::NotAllowedInCurrentState => "NOT_ALLOWED_IN_CURRENT_STATE",
            ErrorType::InvalidFinalization => "INVALID_FINALIZATION",
            ErrorType::FormParsing => "FORM_PARSING",
            ErrorType::InvalidIdentification => "INVALID_IDENTIFICATION",
            ErrorType::TooManyTokens => "TOO_MANY_TOKENS",
            ErrorType::BonusAuthorizationFailed => "BONUS_AUTHORIZATION_FAILED",
            ErrorType::LegacyException => "LEGACY_EXCEPTION",
            ErrorType::WeakPassword => "WEAK_PASSWORD",
            ErrorType::NotAuthorized => "NOT_AUTHORIZED",
            ErrorType::Unknown(_) => "UNKNOWN",
        }
    }

    /// The known type with this name, e.g. from `errorTypeDescription`.
    pub fn from_name(name: &str) -> Option<ErrorType> {
        Self::KNOWN.into_iter().find(|t| t.name() == name)
    }
}

impl std::fmt::Display for ErrorType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({})", self.name(), self.id())
    }
}

impl From<i32> for ErrorType {
    fn from(id: i32) -> Self {
        ErrorType::from_id(id)
    }
}

impl From<ErrorType> for i32 {
    fn from(error_type: ErrorType) -> Self {
        error_type.id()
    }
}

impl ECommerceError {
    /// The kind of failure, from `errorTypeId`.
    pub fn error_type(&self) -> ErrorType {
        ErrorType::from_id(self.error_type_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::NonEmptyString;

    /// The published list: id and name of every error type.
    const PUBLISHED: [(i32, &str); 25] = [
        (1, "ILLEGAL_ARGUMENT"),
        (3, "INTERNAL_ERROR"),
        (4, "NOT_ALLOWED"),
        (8, "REFERENCED_DATA_DONT_EXISTS"),
        (10, "CREDITAPPLICATION_FAILED"),
        (11, "NOT_IMPLEMENTED"),
        (14, "INVALID_CREDITAPPLICATION_SUBMISSION"),
        (15, "SIGNING_REQUIRED"),
        (17, "AUTHORIZATION_FAILED"),
        (18, "APPLICATION_VALIDATION_ERROR"),
        (19, "OBJECT_WITH_ID_ALREADY_EXIST"),
        (20, "NOT_ALLOWED_IN_PAYMENT_STATE"),
        (21, "CUSTOMER_CONFIGURATION_EXCEPTION"),
        (22, "SERVICE_CONFIGURATION_EXCEPTION"),
        (23, "INVALID_CREDITING"),
        (24, "LIMIT_PER_TIME_EXCEEDED"),
        (25, "NOT_ALLOWED_IN_CURRENT_STATE"),
        (26, "INVALID_FINALIZATION"),
        (27, "FORM_PARSING"),
        (28, "INVALID_IDENTIFICATION"),
        (29, "TOO_MANY_TOKENS"),
        (30, "BONUS_AUTHORIZATION_FAILED"),
        (99, "LEGACY_EXCEPTION"),
        (502, "WEAK_PASSWORD"),
        (503, "NOT_AUTHORIZED"),
    ];

    #[test]
    fn every_published_id_and_name_round_trips() {
        for (id, name) in PUBLISHED {
            let error_type = ErrorType::from_id(id);
            assert_ne!(error_type, ErrorType::Unknown(id), "{id}");
            assert_eq!(error_type.id(), id);
            assert_eq!(error_type.name(), name);
            assert_eq!(ErrorType::from_name(name), Some(error_type));
        }
        assert_eq!(ErrorType::KNOWN.len(), PUBLISHED.len());
    }

    #[test]
    fn unknown_ids_are_kept() {
        assert_eq!(ErrorType::from_id(2), ErrorType::Unknown(2));
        assert_eq!(ErrorType::Unknown(2).id(), 2);
        assert_eq!(ErrorType::from(600).to_string(), "UNKNOWN(600)");
        assert_eq!(ErrorType::from_name("NO_SUCH_ERROR"), None);
    }

    #[test]
    fn documented_get_payment_fault_is_referenced_data_dont_exists() {
        let detail = ECommerceError {
            error_type_description: NonEmptyString::new("REFERENCED_DATA_DONT_EXISTS").expect("facet"),
            error_type_id: 8,
            fixable_by_you: true,
            user_error_message: NonEmptyString::new(
                "Efterfrågad order/betalning (Pay-1372762301644-31656) kan inte hittas i databasen.",
            )
            .expect("facet"),
        };
        assert_eq!(detail.error_type(), ErrorType::ReferencedDataDontExists);
        assert_eq!(
            detail.error_type().to_string(),
            "REFERENCED_DATA_DONT_EXISTS(8)"
        );
        assert_eq!(i32::from(ErrorType::NotAuthorized), 503);
    }
}
