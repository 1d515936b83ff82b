//! The operation table of each service: `<SERVICE>_OPERATIONS` (the
//! descriptors, in port order) and, through `rt::operation_table!`, the
//! functions that hand every operation's types to a visitor.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, Cx, EmitError};
use crate::model::{Module, Operation, Service};

/// The tables of the module's services, and the module's
/// `arbitrary_operations` with `Config::arbitrary`.
pub(super) fn emit_tables(cx: &Cx<'_>, module: &Module) -> Result<TokenStream, EmitError> {
    let mut out = TokenStream::new();
    for service in &module.services {
        let ops = module.service_operations(service);
        out.extend(service_table(cx, service, &ops)?);
    }
    if cx.arbitrary && !module.operations.is_empty() {
        let ops: Vec<&Operation> = module.operations.iter().collect();
        let rows = rows(cx, &ops)?;
        out.extend(quote! {
            rt::operation_table! {
                /// Calls the visitor once per operation of this module's services
                /// with the operation's request, response and fault types.
                pub fn arbitrary_operations(visitor: &mut impl rt::arbitrary::Visit) {}
                #(#rows)*
            }
        });
    }
    Ok(out)
}

fn service_table(
    cx: &Cx<'_>,
    service: &Service,
    ops: &[&Operation],
) -> Result<TokenStream, EmitError> {
    let list = ident(&service.operations_static)?;
    let base = service.operations_static.to_ascii_lowercase();
    let visit = ident(&base)?;
    let descriptors = ops
        .iter()
        .map(|op| ident(&op.descriptor))
        .collect::<Result<Vec<_>, _>>()?;
    let list_doc = doc(&format!(
        "The operations of service `{}` (port `{}`), in port order.",
        service.service, service.port
    ));
    let visit_doc = doc(&format!(
        "Calls `visitor` once per operation of service `{}` with its descriptor\nand its request, response and fault types, in port order.",
        service.service
    ));
    let serde = if cx.serde {
        let name = ident(&format!(
            "{}_serde_operations",
            base.strip_suffix("_operations").unwrap_or(&base)
        ))?;
        let d = doc(&format!(
            "[`{base}`] for a visitor that needs the messages' serde derives."
        ));
        quote! {
            #d
            pub fn #name(visitor: &mut impl rt::SerdeOperationVisitor) {}
        }
    } else {
        TokenStream::new()
    };
    let rows = rows(cx, ops)?;
    let list = quote! {
        #list_doc
        pub static #list: &[&rt::Operation] = &[#(&#descriptors),*];
    };
    if ops.is_empty() {
        return Ok(list);
    }
    Ok(quote! {
        #list
        rt::operation_table! {
            #visit_doc
            pub fn #visit(visitor: &mut impl rt::OperationVisitor) {}
            #serde
            #(#rows)*
        }
    })
}

/// `type DESCRIPTOR = (Request, Response, Fault);` per operation.
fn rows(cx: &Cx<'_>, ops: &[&Operation]) -> Result<Vec<TokenStream>, EmitError> {
    ops.iter()
        .map(|op| {
            let descriptor = ident(&op.descriptor)?;
            let request = super::service::request_type(cx, op)?;
            let response = super::service::response_type(cx, op)?;
            let fault = match &op.faults {
                Some(f) => {
                    let name = ident(&f.name)?;
                    quote!(#name)
                }
                None => quote!(rt::NoFault),
            };
            Ok(quote!(type #descriptor = (#request, #response, #fault);))
        })
        .collect()
}
