//! The header sets of an operation: one struct per direction with
//! `soap:header` element parts (`<Op>RequestHeaders`, `<Op>ResponseHeaders`),
//! a field per part, and the client method `<op>_with_headers`.

use super::naming::{self, Names};
use super::{xml_name, Builder};
use crate::model::{HeaderPart, HeaderSet, OperationHeaders};
use crate::resolve::{self, MessagePart};

impl Builder<'_> {
    /// The header sets of `op` (None when it has no header element parts),
    /// their names taken in `module`, the method's in `methods`.
    pub(super) fn operation_headers(
        &mut self,
        module: &str,
        op: &resolve::Operation,
        method: &str,
        methods: &mut Names,
    ) -> Option<OperationHeaders> {
        if op.input_headers.is_empty() && op.output_headers.is_empty() {
            return None;
        }
        let stem = naming::type_name(&op.name);
        let stem = naming::unraw(&stem).to_owned();
        let request = self.header_set(module, op, &op.input_headers, &stem, "RequestHeaders");
        let response = self.header_set(module, op, &op.output_headers, &stem, "ResponseHeaders");
        Some(OperationHeaders {
            method: methods.unique(format!("{}_with_headers", naming::unraw(method))),
            request,
            response,
        })
    }

    fn header_set(
        &mut self,
        module: &str,
        op: &resolve::Operation,
        parts: &[MessagePart],
        stem: &str,
        suffix: &str,
    ) -> Option<HeaderSet> {
        if parts.is_empty() {
            return None;
        }
        let mut fields = Names::new();
        let mut out = Vec::new();
        for part in parts {
            let Some(ty) = self.element_type(&part.element, &op.location) else {
                continue;
            };
            out.push(HeaderPart {
                field: fields.unique(naming::field_name(&part.part)),
                part: part.part.clone(),
                element: xml_name(&part.element),
                ty,
            });
        }
        Some(HeaderSet {
            name: self.unique_type_name(module, format!("{stem}{suffix}")),
            parts: out,
        })
    }
}
