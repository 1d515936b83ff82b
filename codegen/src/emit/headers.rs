//! Typed SOAP headers: the `<Op>RequestHeaders` / `<Op>ResponseHeaders`
//! structs (`rt::soap_headers!`), the client's `<op>_with_headers` methods
//! and the server trait's `<op>_with_headers` methods with their dispatch.

use proc_macro2::TokenStream;
use quote::quote;

use super::service::Unwrapping;
use super::{doc, ident, Cx, EmitError};
use crate::model::{HeaderSet, Module, Operation, OperationHeaders};

/// The header structs of the module's operations (a SOAP 1.2 twin shares
/// its operation's).
pub(super) fn header_structs(cx: &Cx<'_>, module: &Module) -> Result<TokenStream, EmitError> {
    let mut out = TokenStream::new();
    let mut emitted = std::collections::HashSet::new();
    for op in &module.operations {
        let Some(h) = &op.headers else { continue };
        for (set, direction) in [(&h.request, "request"), (&h.response, "response")] {
            if let Some(set) = set.as_ref().filter(|s| emitted.insert(&s.name)) {
                out.extend(header_struct(cx, op, set, direction)?);
            }
        }
    }
    Ok(out)
}

fn header_struct(
    cx: &Cx<'_>,
    op: &Operation,
    set: &HeaderSet,
    direction: &str,
) -> Result<TokenStream, EmitError> {
    let name = ident(&set.name)?;
    let d = doc(&format!(
        "The `soap:header` blocks of operation `{}`'s {direction} (a field that is\n`Some` is sent, a received block fills its field).",
        op.name
    ));
    let mut fields = Vec::new();
    for p in &set.parts {
        let f = ident(&p.field)?;
        let ty = cx.ty(&p.ty)?;
        let fd = doc(&format!(
            "Header part `{}`: element `{}`.",
            p.part, p.element.local
        ));
        let local = &p.element.local;
        let ns = match &p.element.ns {
            Some(ns) if ns == cx.namespace => quote!(, ns = NAMESPACE),
            Some(ns) => quote!(, ns = #ns),
            None => TokenStream::new(),
        };
        fields.push(quote!(#fd #[xml(#local #ns)] pub #f: Option<#ty>));
    }
    Ok(quote! {
        rt::soap_headers! {
            #d
            pub struct #name {
                #(#fields),*
            }
        }
    })
}

/// `(type of the request set or (), type of the response set or ())`.
fn set_types(h: &OperationHeaders) -> Result<(TokenStream, TokenStream), EmitError> {
    let ty = |set: &Option<HeaderSet>| -> Result<TokenStream, EmitError> {
        match set {
            Some(s) => {
                let name = ident(&s.name)?;
                Ok(quote!(#name))
            }
            None => Ok(quote!(())),
        }
    };
    Ok((ty(&h.request)?, ty(&h.response)?))
}

/// The client method `<op>_with_headers` (None when the operation has no
/// header parts): takes the request's header set when it has one, returns
/// the response's beside the value when it has one.
pub(super) fn client_method(
    cx: &Cx<'_>,
    op: &Operation,
    param: &TokenStream,
    arg: &TokenStream,
    ret: &TokenStream,
    unwrapping: &Unwrapping,
) -> Result<Option<TokenStream>, EmitError> {
    let Some(h) = &op.headers else {
        return Ok(None);
    };
    let method = ident(&h.method)?;
    let descriptor = ident(&op.descriptor)?;
    let response = super::service::response_type(cx, op)?;
    let err = super::service::error_type(op)?;
    let (req_set, resp_set) = set_types(h)?;
    let (headers_param, headers_arg) = match &h.request {
        Some(_) => (quote!(, headers: &#req_set), quote!(headers)),
        None => (TokenStream::new(), quote!(&())),
    };
    let (pat, value) = unwrapping.client();
    let (returns, map) = match (&h.response, unwrapping) {
        (Some(_), Unwrapping::Whole) => (quote!((#ret, #resp_set)), TokenStream::new()),
        (Some(_), _) => (
            quote!((#ret, #resp_set)),
            quote!(.map(|(#pat, headers)| (#value, headers))),
        ),
        (None, _) => (ret.clone(), quote!(.map(|(#pat, ())| #value))),
    };
    let mut what = Vec::new();
    if h.request.is_some() {
        what.push("`headers` are sent (with the client's default headers)");
    }
    if h.response.is_some() {
        what.push("the response's are returned beside the value");
    }
    let d = doc(&format!(
        "Calls operation `{}` like [`Self::{}`], with header blocks:\n{}.",
        op.name,
        plain_name(op),
        what.join("; ")
    ));
    Ok(Some(quote! {
        #d
        pub async fn #method(&self #param #headers_param) -> Result<#returns, #err> {
            self.client
                .call_typed::<_, #response, _, #req_set, #resp_set>(&#descriptor, #headers_arg, #arg)
                .await
                #map
        }
    }))
}

/// The server trait method `<op>_with_headers` (None when the operation
/// has no header parts). Its default answers with the plain method and no
/// response headers, so an implementation that ignores headers compiles
/// unchanged.
pub(super) fn server_method(
    op: &Operation,
    param: &TokenStream,
    call_arg: &TokenStream,
    ret: &TokenStream,
    fault: &TokenStream,
) -> Result<Option<TokenStream>, EmitError> {
    let Some(h) = &op.headers else {
        return Ok(None);
    };
    let method = ident(&h.method)?;
    let plain = ident(&op.method)?;
    let (req_set, resp_set) = set_types(h)?;
    let (headers_param, ignored) = match &h.request {
        Some(_) => (quote!(, headers: #req_set), quote!(let _ = headers;)),
        None => (TokenStream::new(), TokenStream::new()),
    };
    let (returns, body) = match &h.response {
        Some(_) => (
            quote!((#ret, #resp_set)),
            quote!(self.#plain(#call_arg).await.map(|value| (value, #resp_set::default()))),
        ),
        None => (ret.clone(), quote!(self.#plain(#call_arg).await)),
    };
    let mut what = Vec::new();
    if h.request.is_some() {
        what.push("receives the request's");
    }
    if h.response.is_some() {
        what.push("answers with the response's");
    }
    let d = doc(&format!(
        "Operation `{}` with header blocks: {}. The default calls\n[`Self::{}`] (ignoring the request's) and answers without header blocks.",
        op.name,
        what.join(", "),
        plain_name(op)
    ));
    Ok(Some(quote! {
        #d
        fn #method(&self #param #headers_param)
            -> impl core::future::Future<Output = Result<#returns, #fault>> + Send {
            #ignored
            async move { #body }
        }
    }))
}

/// The dispatch arm's call for an operation with header parts:
/// `rt::server::handle_with_headers` into `<op>_with_headers`.
pub(super) fn dispatch(
    op: &Operation,
    h: &OperationHeaders,
    req: &TokenStream,
    arg: &TokenStream,
    unwrapping: &Unwrapping,
) -> Result<TokenStream, EmitError> {
    let method = ident(&h.method)?;
    let descriptor = ident(&op.descriptor)?;
    let headers_arg = match &h.request {
        Some(_) if arg.is_empty() => quote!(headers),
        Some(_) => quote!(#arg, headers),
        None => arg.clone(),
    };
    let headers_pat = match &h.request {
        Some(_) => quote!(headers),
        None => quote!(()),
    };
    let (pat, value) = unwrapping.server();
    let map = match (&h.response, unwrapping) {
        (Some(_), Unwrapping::Whole) => TokenStream::new(),
        (Some(_), _) => quote!(.map(|(#pat, headers)| (#value, headers))),
        (None, _) => quote!(.map(|#pat| (#value, ()))),
    };
    Ok(quote! {
        Box::pin(rt::server::handle_with_headers(request, &#descriptor, move |#req, #headers_pat| async move {
            self.0.#method(#headers_arg).await #map
        }))
    })
}

/// The plain method's name as a doc link can spell it.
fn plain_name(op: &Operation) -> &str {
    op.method.strip_prefix("r#").unwrap_or(&op.method)
}
