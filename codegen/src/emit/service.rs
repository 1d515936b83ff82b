//! Services: operation descriptors, fault enums, clients, server traits and dispatchers.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc, field_name, ident, Cx, EmitError};
use crate::model::{
    Builtin, FaultEnum, Message, Module, Occurrence, Operation, RustType, Service, Unwrap,
};

pub(super) fn emit_services(cx: &Cx<'_>, module: &Module) -> Result<TokenStream, EmitError> {
    let mut out = TokenStream::new();
    for op in &module.operations {
        out.extend(descriptor(op)?);
    }
    // The SOAP 1.1 and 1.2 descriptors of one operation share its fault enum.
    let mut emitted = std::collections::HashSet::new();
    for op in &module.operations {
        if let Some(faults) = op.faults.as_ref().filter(|f| emitted.insert(&f.name)) {
            out.extend(fault_enum(cx, op, faults)?);
        }
    }
    out.extend(super::headers::header_structs(cx, module)?);
    for service in &module.services {
        let ops = module.service_operations(service);
        out.extend(client(cx, service, &ops)?);
        out.extend(server(cx, service, &ops)?);
    }
    Ok(out)
}

fn one_line(doc: Option<&str>) -> Option<&str> {
    doc.map(str::trim)
        .filter(|d| !d.is_empty() && !d.contains('\n'))
}

fn op_doc(op: &Operation, fallback: &str) -> String {
    match op.doc.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => d.to_string(),
        None => format!("{fallback} `{}`.", op.name),
    }
}

fn descriptor(op: &Operation) -> Result<TokenStream, EmitError> {
    let name = ident(&op.descriptor)?;
    let text = match (
        one_line(op.doc.as_deref()),
        op.doc.as_deref().map(str::trim),
    ) {
        (Some(d), _) => format!("Operation `{}`: {d}", op.name),
        (None, Some(d)) if !d.is_empty() => format!("Operation `{}`.\n\n{d}", op.name),
        _ => format!("Operation `{}`.", op.name),
    };
    let d = doc(&text);
    let op_name = &op.name;
    let action = &op.soap_action;
    let version = match op.soap12 {
        true => quote!(rt::SoapVersion::V12),
        false => quote!(rt::SoapVersion::V11),
    };
    let input = body(op.input.as_ref());
    let output = match &op.output {
        Some(output) => {
            let output = body(output.message.as_ref());
            quote!(Some(#output))
        }
        None => quote!(None),
    };
    // The declared header elements, so that a server accepts them when
    // marked `mustUnderstand` (and a client sends its defaults for them).
    let elements = |set: Option<&crate::model::HeaderSet>| -> Vec<TokenStream> {
        set.into_iter()
            .flat_map(|s| &s.parts)
            .map(|p| field_name(&p.element))
            .collect()
    };
    let input_headers = elements(op.headers.as_ref().and_then(|h| h.request.as_ref()));
    let output_headers = elements(op.headers.as_ref().and_then(|h| h.response.as_ref()));
    Ok(quote! {
        #d
        pub static #name: rt::Operation = rt::Operation {
            name: #op_name,
            soap_action: #action,
            version: #version,
            input: #input,
            output: #output,
            input_headers: &[#(#input_headers),*],
            output_headers: &[#(#output_headers),*],
        };
    })
}

fn fault_enum(cx: &Cx<'_>, op: &Operation, faults: &FaultEnum) -> Result<TokenStream, EmitError> {
    let name = ident(&faults.name)?;
    let alias = ident(&faults.error_alias)?;
    let mut variants = Vec::new();
    for v in &faults.variants {
        let id = ident(&v.variant)?;
        let ty = cx.ty(&v.ty)?;
        let title = format!("`wsdl:fault` `{}`: element `{}`.", v.fault, v.element.local);
        let d = doc(&super::join_doc(&title, v.doc.as_deref()));
        let element = field_name(&v.element);
        let message = match &v.user_message {
            None => TokenStream::new(),
            Some(m) => {
                let f = ident(&m.field)?;
                let is_string = m.ty == RustType::Builtin(Builtin::String);
                let get = match m.occurrence {
                    Occurrence::One if is_string => quote!(Some(&detail.#f)),
                    Occurrence::One => quote!(Some(detail.#f.as_str())),
                    Occurrence::Optional => quote!(detail.#f.as_ref().map(|v| v.as_str())),
                    Occurrence::Nillable => quote!(detail.#f.value().map(|v| v.as_str())),
                    Occurrence::OptionalNillable => {
                        quote!(detail.#f.as_ref().and_then(|v| v.value()).map(|v| v.as_str()))
                    }
                    Occurrence::Many => quote!(detail.#f.first().map(|v| v.as_str())),
                    Occurrence::ManyNillable => {
                        quote!(detail.#f.first().and_then(|v| v.value()).map(|v| v.as_str()))
                    }
                };
                quote!(#[user_message = |detail| #get])
            }
        };
        variants.push(quote!(#d #[element = #element] #message #id(#ty),));
    }
    let enum_doc = doc(&format!("The faults operation `{}` declares.", op.name));
    let alias_doc = doc(&format!("What `{}` can fail with.", op.name));
    Ok(quote! {
        rt::fault_enum! {
            #enum_doc
            pub enum #name {
                #(#variants)*
            }
        }
        #alias_doc
        pub type #alias = rt::Error<#name>;
    })
}

pub(super) fn error_type(op: &Operation) -> Result<TokenStream, EmitError> {
    Ok(match &op.faults {
        Some(f) => {
            let alias = ident(&f.error_alias)?;
            quote!(#alias)
        }
        None => quote!(rt::Error<rt::NoFault>),
    })
}

fn fault_type(op: &Operation) -> Result<TokenStream, EmitError> {
    Ok(match &op.faults {
        Some(f) => {
            let name = ident(&f.name)?;
            quote!(rt::Fault<#name>)
        }
        None => quote!(rt::Fault<rt::NoFault>),
    })
}

/// `rt::Body::Element(..)` for a message element, `rt::Body::Empty` for none.
fn body(message: Option<&Message>) -> TokenStream {
    match message {
        Some(m) => {
            let element = field_name(&m.element);
            quote!(rt::Body::Element(#element))
        }
        None => quote!(rt::Body::Empty),
    }
}

/// The request type: `()` for an empty Body.
pub(super) fn request_type(cx: &Cx<'_>, op: &Operation) -> Result<TokenStream, EmitError> {
    match &op.input {
        Some(m) => cx.ty(&m.ty),
        None => Ok(quote!(())),
    }
}

/// The response type: `()` for an empty Body or a one-way operation.
pub(super) fn response_type(cx: &Cx<'_>, op: &Operation) -> Result<TokenStream, EmitError> {
    match op.output.as_ref().and_then(|o| o.message.as_ref()) {
        Some(m) => cx.ty(&m.ty),
        None => Ok(quote!(())),
    }
}

/// What the client method returns and the server method answers.
fn returned(cx: &Cx<'_>, op: &Operation) -> Result<TokenStream, EmitError> {
    match op.output.as_ref().map(|o| &o.unwrap) {
        Some(Unwrap::Whole) => response_type(cx, op),
        Some(Unwrap::Empty) | None => Ok(quote!(())),
        Some(Unwrap::Field { ty, .. }) => cx.field_ty(ty),
    }
}

/// How the response element becomes what the methods return: whole, `()`
/// for an element without fields, or its single field.
pub(super) enum Unwrapping {
    /// Returned as is (also an empty Body or no response).
    Whole,
    /// An element without fields: `()`.
    Empty(TokenStream),
    /// An element with one field, named so: that field.
    Field(proc_macro2::Ident, TokenStream),
}

impl Unwrapping {
    fn of(cx: &Cx<'_>, op: &Operation) -> Result<Self, EmitError> {
        let response = || response_type(cx, op);
        let unwrap = op
            .output
            .as_ref()
            .filter(|o| o.message.is_some())
            .map(|o| &o.unwrap);
        Ok(match unwrap {
            None | Some(Unwrap::Whole) => Self::Whole,
            Some(Unwrap::Empty) => Self::Empty(response()?),
            Some(Unwrap::Field { name, .. }) => Self::Field(ident(name)?, response()?),
        })
    }

    /// The client's closure pattern for the response and the value it returns.
    pub(super) fn client(&self) -> (TokenStream, TokenStream) {
        match self {
            Self::Whole => (quote!(response), quote!(response)),
            Self::Empty(_) => (quote!(_), quote!(())),
            Self::Field(f, _) => (quote!(response), quote!(response.#f)),
        }
    }

    /// The server's closure pattern for the method's value and the response it makes.
    pub(super) fn server(&self) -> (TokenStream, TokenStream) {
        match self {
            Self::Whole => (quote!(value), quote!(value)),
            Self::Empty(response) => (quote!(()), quote!(#response {})),
            Self::Field(f, response) => (quote!(#f), quote!(#response { #f })),
        }
    }

    fn map(&self, (pat, value): (TokenStream, TokenStream)) -> TokenStream {
        match self {
            Self::Whole => TokenStream::new(),
            _ => quote!(.map(|#pat| #value)),
        }
    }
}

fn client(cx: &Cx<'_>, service: &Service, ops: &[&Operation]) -> Result<TokenStream, EmitError> {
    let name = ident(&service.client)?;
    let title = doc(&format!(
        "Client for service `{}` (port `{}`).",
        service.service, service.port
    ));
    let endpoint = match &service.address {
        Some(address) => quote! {
            impl #name {
                /// The endpoint the WSDL names (`soap:address`).
                pub const DEFAULT_ENDPOINT: &'static str = #address;
            }
        },
        None => TokenStream::new(),
    };
    let mut methods = Vec::new();
    for op in ops {
        let method = ident(&op.method)?;
        let d = doc(&op_doc(op, "Calls operation"));
        let response = response_type(cx, op)?;
        let ret = returned(cx, op)?;
        let err = error_type(op)?;
        let descriptor = ident(&op.descriptor)?;
        let unwrapping = Unwrapping::of(cx, op)?;
        let map = unwrapping.map(unwrapping.client());
        let (param, arg) = match &op.input {
            Some(m) => {
                let request = cx.ty(&m.ty)?;
                (quote!(, request: &#request), quote!(request))
            }
            None => (TokenStream::new(), quote!(&())),
        };
        methods.push(quote! {
            #d
            pub async fn #method(&self #param) -> Result<#ret, #err> {
                self.client
                    .call::<_, #response, _>(&#descriptor, #arg)
                    .await
                    #map
            }
        });
        methods.extend(super::headers::client_method(
            cx,
            op,
            &param,
            &arg,
            &ret,
            &unwrapping,
        )?);
    }
    let service_doc = match service
        .doc
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => doc(d),
        None => TokenStream::new(),
    };
    let service_doc = if service_doc.is_empty() {
        service_doc
    } else {
        quote!(#[doc = ""] #service_doc)
    };
    Ok(quote! {
        #title
        #service_doc
        #[derive(Debug, Clone)]
        pub struct #name<T = rt::HttpTransport> {
            client: rt::Client<T>,
        }
        #endpoint
        impl<T: rt::Transport> #name<T> {
            /// Wraps a configured runtime client.
            pub fn new(client: rt::Client<T>) -> Self {
                Self { client }
            }
            /// The runtime client underneath (endpoint, options).
            pub fn inner(&self) -> &rt::Client<T> {
                &self.client
            }
            #(#methods)*
        }
    })
}

fn server(cx: &Cx<'_>, service: &Service, ops: &[&Operation]) -> Result<TokenStream, EmitError> {
    let trait_name = ident(&service.server_trait)?;
    let server = ident(&service.server)?;
    let ops_static = ident(&service.operations_static)?;
    let trait_doc = doc(&format!(
        "Server side of service `{}`: implement it, then serve it with\n[`{}`].",
        service.service, service.server
    ));
    let server_doc = doc(&format!(
        "Routes decoded requests to a [`{}`] implementation.",
        service.server_trait
    ));
    let mut methods = Vec::new();
    let mut arms = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let method = ident(&op.method)?;
        let d = doc(&op_doc(op, "Operation"));
        let ret = returned(cx, op)?;
        let fault = fault_type(op)?;
        let descriptor = ident(&op.descriptor)?;
        let (param, req, arg) = match &op.input {
            Some(m) => {
                let request = cx.ty(&m.ty)?;
                (quote!(, request: #request), quote!(req), quote!(req))
            }
            None => (TokenStream::new(), quote!(()), TokenStream::new()),
        };
        methods.push(quote! {
            #d
            fn #method(&self #param)
                -> impl core::future::Future<Output = Result<#ret, #fault>> + Send;
        });
        let call_arg = match &op.input {
            Some(_) => quote!(request),
            None => TokenStream::new(),
        };
        methods.extend(super::headers::server_method(
            op, &param, &call_arg, &ret, &fault,
        )?);
        let unwrapping = Unwrapping::of(cx, op)?;
        let call = match &op.headers {
            Some(h) => super::headers::dispatch(op, h, &req, &arg, &unwrapping)?,
            None => {
                let map = unwrapping.map(unwrapping.server());
                quote! {
                    Box::pin(rt::server::handle(request, &#descriptor, move |#req| async move {
                        self.0.#method(#arg).await #map
                    }))
                }
            }
        };
        let i = Literal::usize_unsuffixed(i);
        arms.push(quote!(#i => #call,));
    }
    let own_trait = match service.own_trait {
        true => quote! {
            #trait_doc
            pub trait #trait_name: Send + Sync + 'static {
                #(#methods)*
            }
        },
        false => TokenStream::new(),
    };
    Ok(quote! {
        #own_trait

        #server_doc
        #[derive(Debug)]
        pub struct #server<S>(pub std::sync::Arc<S>);
        impl<S> Clone for #server<S> {
            fn clone(&self) -> Self {
                Self(self.0.clone())
            }
        }
        impl<S: #trait_name> #server<S> {
            /// Wraps an implementation.
            pub fn new(service: S) -> Self {
                Self(std::sync::Arc::new(service))
            }
        }
        impl<S: #trait_name> rt::server::Dispatch for #server<S> {
            fn operations(&self) -> &'static [&'static rt::Operation] {
                #ops_static
            }
            fn dispatch(&self, index: usize, request: rt::server::Request) -> rt::BoxFuture<'_, rt::server::Response> {
                match index {
                    #(#arms)*
                    _ => Box::pin(rt::server::unknown_operation(request)),
                }
            }
        }
    })
}
