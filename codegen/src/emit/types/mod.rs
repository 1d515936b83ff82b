//! Types: structs, newtypes, enumerations, lists, unions, choices, aliases.

mod simple;
mod structs;
mod xml_impl;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{attributes, doc, field_name, ident, join_doc, ns_arg, static_name, Cx, EmitError};
use crate::model::{
    Alternative, Attribute, ChoiceField, ElementField, Enumeration, Facets, Field, Newtype,
    Occurrence, RustType, Struct, TypeDef, TypeKind, Variant, WhiteSpace, Wildcard,
};
use simple::*;
use structs::*;
use xml_impl::*;

pub(super) const SERDE_CRATE: &str = "::soap_runtime::rt::serde";

pub(super) fn emit_type(cx: &Cx<'_>, ty: &TypeDef) -> Result<TokenStream, EmitError> {
    let docs = doc(&join_doc(&format!("{}.", ty.origin), ty.doc.as_deref()));
    let extra = attributes(&ty.attributes, &ty.name)?;
    let head = quote!(#docs #extra);
    match &ty.kind {
        TypeKind::Struct(s) if declarative(s) => emit_declarative(cx, ty, s, docs, extra),
        TypeKind::Struct(s) => emit_struct(cx, ty, s, head),
        // `rt::newtype!` wants the doc comments before its `#[xsd]` line.
        TypeKind::Newtype(n) => emit_newtype(cx, ty, n, docs, extra),
        TypeKind::Enumeration(e) => emit_enumeration(cx, ty, e, head),
        TypeKind::List(item) => emit_list(cx, ty, item, head),
        TypeKind::Union(vs) => emit_union(cx, ty, vs, head),
        TypeKind::Choice(alts) => emit_choice(cx, ty, alts, head),
        TypeKind::Polymorphic(p) => super::polymorphic::emit_polymorphic(cx, ty, p, docs, extra),
        TypeKind::Alias(target) => {
            let name = ident(&ty.name)?;
            let target = cx.ty(target)?;
            Ok(quote! { #head pub type #name = #target; })
        }
    }
}

fn serde_derive(cx: &Cx<'_>) -> TokenStream {
    if cx.serde {
        quote!(, rt::Serialize, rt::Deserialize)
    } else {
        TokenStream::new()
    }
}

fn serde_attr(cx: &Cx<'_>, extra: TokenStream) -> TokenStream {
    if cx.serde {
        quote!(#[serde(crate = #SERDE_CRATE #extra)])
    } else {
        TokenStream::new()
    }
}

fn field_serde(cx: &Cx<'_>, rename: &str, occurrence: Occurrence) -> TokenStream {
    if !cx.serde {
        return TokenStream::new();
    }
    match occurrence {
        Occurrence::One | Occurrence::Nillable => quote!(#[serde(rename = #rename, default)]),
        Occurrence::Optional => {
            quote!(#[serde(rename = #rename, default, skip_serializing_if = "Option::is_none")])
        }
        Occurrence::OptionalNillable => quote!(#[serde(
            rename = #rename,
            default,
            skip_serializing_if = "Option::is_none",
            with = "rt::serde_opt_nillable"
        )]),
        Occurrence::Many | Occurrence::ManyNillable => {
            quote!(#[serde(rename = #rename, default, skip_serializing_if = "Vec::is_empty")])
        }
    }
}

fn attr_is_option(a: &Attribute) -> bool {
    !a.required && a.default.is_none()
}

/// A `#[derive]` of `traits` plus the serde derives when serde is on; the
/// `rt` macros add the derives every such type has.
fn extra_derives(cx: &Cx<'_>, traits: TokenStream) -> TokenStream {
    let serde = serde_derive(cx);
    match (traits.is_empty(), cx.serde) {
        (true, false) => TokenStream::new(),
        (true, true) => quote!(#[derive(rt::Serialize, rt::Deserialize)]),
        (false, _) => quote!(#[derive(#traits #serde)]),
    }
}
