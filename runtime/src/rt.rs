//! The facade generated code calls. Everything generated code names is
//! re-exported here, so generated files need `use ::soap_runtime::rt;` and
//! nothing else. Not meant to be used by hand, but stable like the rest.

pub use rust_decimal::Decimal;

pub use crate::client::{Client, ClientBuilder, Error, HeaderScope};
pub use crate::diag::{Diagnostic, DiagnosticKind};
pub use crate::envelope;
pub use crate::envelope::{
    Body, HeaderBlock, HeaderRef, Message, Operation, ReceivedHeader, ReceivedHeaders, SoapHeaders,
    SoapVersion, WriteHeader,
};
pub use crate::error::{
    DecodeError, DecodeErrorKind, EncodeError, EncodeErrorKind, FacetError, FacetKind, ValueError,
};
pub use crate::facets::{
    Entities, Facets, IdRefs, Language, Name, NcName, NegativeInteger, NmToken, NmTokens,
    NonPositiveInteger, NormalizedString, Pattern, PositiveInteger, Token, WhiteSpace,
};
pub use crate::fault::{Fault, FaultDetail, NoFault};
pub use crate::future::BoxFuture;
pub use crate::macros::{serde_absent, StructField};
pub use crate::server;
pub use crate::table::{Faults, OperationVisitor, Payload};
pub use crate::transport::{HttpTransport, Transport};
pub use crate::value::{
    collapse_ws, AnyXml, Base64Binary, Date, DateTime, Duration, HexBinary, Namespaces, Nillable,
    QName, SimpleType, Time,
};
pub use crate::xml::{
    decode_document, encode_document, DecodeOptions, Decoded, FieldName, FieldSlot, FieldValue,
    Reader, Start, Wildcard, Writer, XmlType, XsiType, MAX_DIAGNOSTICS,
};
pub use crate::{arbitrary_list, arbitrary_struct, arbitrary_variants, operation_table};
pub use crate::{enumeration, fault_enum, newtype, polymorphic, soap_headers, xml_struct};

#[cfg(feature = "proptest")]
pub use crate::arbitrary;
#[cfg(feature = "serde")]
pub use crate::table::SerdeOperationVisitor;
#[cfg(feature = "serde")]
pub use crate::value::serde_opt_nillable;
#[cfg(feature = "serde")]
pub use serde::{self, Deserialize, Serialize};
