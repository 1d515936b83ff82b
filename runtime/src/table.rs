//! Typed operation tables: generated code lists each operation of a service
//! once, with its descriptor, request, response and fault types, and tools
//! (a decoder, a simulator, property tests) walk that list with a visitor
//! instead of keeping their own.
//!
//! Per service the generated code has a plain list,
//! `pub static <SERVICE>_OPERATIONS: &[&rt::Operation]`, and
//! [`operation_table!`](crate::operation_table) functions that call a
//! visitor once per operation: `<service>_operations(&mut impl rt::OperationVisitor)`
//! always, `<service>_serde_operations(&mut impl rt::SerdeOperationVisitor)` with
//! `Config::serde(true)`, and the module's `arbitrary_operations(&mut impl
//! arbitrary::Visit)` with `Config::arbitrary(true)`.

use std::fmt::Debug;

use crate::envelope::Operation;
use crate::fault::FaultDetail;
use crate::xml::XmlType;

/// What every generated request and response type is.
pub trait Payload: XmlType + Debug + Clone + PartialEq + Send + Sync + 'static {}

impl<T: XmlType + Debug + Clone + PartialEq + Send + Sync + 'static> Payload for T {}

/// What every generated fault enum (and [`NoFault`](crate::rt::NoFault)) is.
pub trait Faults: FaultDetail + Debug + Clone + PartialEq + Sync {}

impl<T: FaultDetail + Debug + Clone + PartialEq + Sync> Faults for T {}

/// Called once per operation of a service with its generated types
/// (generated `<service>_operations(visitor)`).
pub trait OperationVisitor {
    /// One operation: its descriptor, request, response and fault types.
    fn visit<Req: Payload, Resp: Payload, F: Faults>(&mut self, op: &'static Operation);
}

/// [`OperationVisitor`] for code generated with `Config::serde(true)`, whose
/// messages are also `Serialize` and `Deserialize` (generated
/// `<service>_serde_operations(visitor)`).
#[cfg(feature = "serde")]
pub trait SerdeOperationVisitor {
    /// One operation: its descriptor, request, response and fault types.
    fn visit<Req, Resp, F>(&mut self, op: &'static Operation)
    where
        Req: Payload + serde::Serialize + serde::de::DeserializeOwned,
        Resp: Payload + serde::Serialize + serde::de::DeserializeOwned,
        F: Faults;
}

/// The visitor functions of one service's operations.
///
/// ```ignore
/// rt::operation_table! {
///     /// Calls `visitor` once per operation of service `ShopService`.
///     pub fn shop_service_operations(visitor: &mut impl rt::OperationVisitor) {}
///     /// The same for property tests.
///     pub fn arbitrary_operations(visitor: &mut impl rt::arbitrary::Visit) {}
///     type GET_ORDER = (super::msg::GetOrder, super::msg::GetOrderResponse, GetOrderFault);
///     type PING = (super::msg::Ping, super::msg::Pong, rt::NoFault);
/// }
/// ```
///
/// The body is Rust item syntax: the functions (their bodies, left empty,
/// become one `visitor.visit::<Request, Response, Fault>(&DESCRIPTOR)` per
/// row), then one `type DESCRIPTOR = (Request, Response, Fault);` row per
/// operation, naming the operation's descriptor static. A function over
/// `rt::arbitrary::Visit` is left out without the runtime's `proptest`
/// feature, so generated code compiles either way.
#[macro_export]
macro_rules! operation_table {
    (
        $(
            $(#[doc = $doc:literal])*
            pub fn $name:ident(visitor: &mut impl $($visitor:ident)::+ $(,)?) {}
        )*
        $(type $op:ident = ($req:ty, $resp:ty, $fault:ty $(,)?);)*
    ) => {
        $crate::operation_table!(
            @fns [$(type $op = ($req, $resp, $fault);)*]
            $($(#[doc = $doc])* pub fn $name(visitor: &mut impl $($visitor)::+) {})*
        );
    };
    (@fns [$($rows:tt)*]) => {};
    (
        @fns [$($rows:tt)*]
        $(#[doc = $doc:literal])*
        pub fn $name:ident(visitor: &mut impl rt::arbitrary::Visit) {}
        $($more:tt)*
    ) => {
        $crate::__with_proptest! {
            $(#[doc = $doc])*
            pub fn $name(visitor: &mut impl $crate::arbitrary::Visit) {
                $crate::operation_table!(@calls visitor $($rows)*);
            }
        }
        $crate::operation_table!(@fns [$($rows)*] $($more)*);
    };
    (
        @fns [$($rows:tt)*]
        $(#[doc = $doc:literal])*
        pub fn $name:ident(visitor: &mut impl $($visitor:ident)::+) {}
        $($more:tt)*
    ) => {
        $(#[doc = $doc])*
        pub fn $name(visitor: &mut impl $($visitor)::+) {
            $crate::operation_table!(@calls visitor $($rows)*);
        }
        $crate::operation_table!(@fns [$($rows)*] $($more)*);
    };
    (@calls $visitor:ident $(type $op:ident = ($req:ty, $resp:ty, $fault:ty);)*) => {
        $($visitor.visit::<$req, $resp, $fault>(&$op);)*
    };
}

/// The items given, with the `proptest` feature; nothing without it.
#[doc(hidden)]
#[cfg(feature = "proptest")]
#[macro_export]
macro_rules! __with_proptest {
    ($($item:item)*) => {
        $($item)*
    };
}

/// The items given, with the `proptest` feature; nothing without it.
#[doc(hidden)]
#[cfg(not(feature = "proptest"))]
#[macro_export]
macro_rules! __with_proptest {
    ($($item:item)*) => {};
}

#[cfg(test)]
mod tests {
    use std::any::type_name;

    use crate::rt;

    static PING: rt::Operation = rt::Operation {
        name: "ping",
        soap_action: "urn:ping",
        version: rt::SoapVersion::V11,
        input: rt::Body::Element(rt::FieldName::unqualified("ping")),
        output: Some(rt::Body::Element(rt::FieldName::unqualified("pong"))),
        input_headers: &[],
        output_headers: &[],
    };
    static STOP: rt::Operation = rt::Operation {
        name: "stop",
        soap_action: "",
        version: rt::SoapVersion::V11,
        input: rt::Body::Element(rt::FieldName::unqualified("stop")),
        output: Some(rt::Body::Element(rt::FieldName::unqualified("stopped"))),
        input_headers: &[],
        output_headers: &[],
    };

    crate::operation_table! {
        /// Both operations.
        pub fn both(visitor: &mut impl rt::OperationVisitor) {}
        /// Both again, for a second visitor trait.
        pub fn both_again(
            visitor: &mut impl rt::OperationVisitor,
        ) {}
        type PING = (rt::AnyXml, String, rt::NoFault);
        type STOP = (String, rt::AnyXml, rt::NoFault,);
    }

    /// Each operation's name and types.
    struct Rows(Vec<(&'static str, &'static str, &'static str)>);

    impl rt::OperationVisitor for Rows {
        fn visit<Req: rt::Payload, Resp: rt::Payload, F: rt::Faults>(
            &mut self,
            op: &'static rt::Operation,
        ) {
            self.0
                .push((op.name, type_name::<Req>(), type_name::<Resp>()));
        }
    }

    #[test]
    fn every_function_visits_every_row_in_order() {
        let expected = [
            ("ping", type_name::<rt::AnyXml>(), type_name::<String>()),
            ("stop", type_name::<String>(), type_name::<rt::AnyXml>()),
        ];
        let mut rows = Rows(Vec::new());
        both(&mut rows);
        assert_eq!(rows.0, expected);
        let mut again = Rows(Vec::new());
        both_again(&mut again);
        assert_eq!(again.0, expected);
    }
}
