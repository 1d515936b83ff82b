//! The enum of a base type and its derived types, as `rt::polymorphic!`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, field_name, ident, Cx, EmitError};
use crate::model::{Polymorphic, TypeDef};

pub(super) fn emit_polymorphic(
    cx: &Cx<'_>,
    ty: &TypeDef,
    p: &Polymorphic,
    docs: TokenStream,
    extra: TokenStream,
) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    let base = field_name(&p.base);
    let xsd = if p.is_abstract {
        quote!(#[xsd(base = #base, abstract)])
    } else {
        quote!(#[xsd(base = #base)])
    };
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for v in &p.variants {
        let id = ident(&v.name)?;
        let t = cx.ty(&v.ty)?;
        let d = doc(v.doc.as_deref().unwrap_or_default());
        let marker = if v.xml == p.base {
            quote!(#[base])
        } else {
            let xsi = field_name(&v.xml);
            quote!(#[xsi_type = #xsi])
        };
        let rename = if cx.serde {
            let local = &v.xml.local;
            quote!(#[serde(rename = #local)])
        } else {
            TokenStream::new()
        };
        variants.push(quote!(#marker #d #rename #id(#t),));
        arms.push(quote!(#id(#t)));
    }
    let (derive, serde) = if cx.serde {
        let krate = super::types::SERDE_CRATE;
        (
            quote!(#[derive(rt::Serialize, rt::Deserialize)]),
            quote!(#[serde(crate = #krate)]),
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let arbitrary = if cx.arbitrary {
        quote!(rt::arbitrary_variants! { enum #name { #(#arms),* } })
    } else {
        TokenStream::new()
    };
    Ok(quote! {
        rt::polymorphic! {
            #docs
            #xsd
            #extra
            #derive
            #serde
            pub enum #name {
                #(#variants)*
            }
        }
        #arbitrary
    })
}
