//! Simple types: restricted newtypes with their facets, enumerations,
//! lists and unions.

use super::*;

pub(super) fn emit_newtype(
    cx: &Cx<'_>,
    ty: &TypeDef,
    n: &Newtype,
    docs: TokenStream,
    extra: TokenStream,
) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    let inner = super::super::builtin(n.inner);
    let ord = if n.inner.is_ord() {
        quote!(Eq, Hash, PartialOrd, Ord)
    } else {
        TokenStream::new()
    };
    let derives = extra_derives(cx, ord);
    let serde = serde_attr(cx, quote!(, transparent));
    let facets_static = static_name(&ty.name, "FACETS")?;
    let (facets_decl, patterns_decl) = facets(&ty.name, &n.facets)?;
    let xsd = &ty.xsd_name;
    Ok(quote! {
        rt::newtype! {
            #docs
            #[xsd(name = #xsd, facets = #facets_static)]
            #extra
            #derives
            #serde
            pub struct #name(#inner);
        }
        #facets_decl
        #patterns_decl
    })
}

/// The `<NAME>_FACETS` static and its `<NAME>_PATTERN_<i>` statics.
pub(super) fn facets(type_name: &str, f: &Facets) -> Result<(TokenStream, TokenStream), EmitError> {
    let facets_static = static_name(type_name, "FACETS")?;
    let mut entries = Vec::new();
    let mut pattern_decls = Vec::new();
    let usize_opt = |name: &str, v: Option<u64>| {
        v.map(|v| {
            let n = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            let v = Literal::usize_unsuffixed(v as usize);
            quote!(#n: Some(#v),)
        })
    };
    entries.extend(usize_opt("length", f.length));
    entries.extend(usize_opt("min_length", f.min_length));
    entries.extend(usize_opt("max_length", f.max_length));
    if !f.patterns.is_empty() {
        let mut refs = Vec::new();
        for (i, p) in f.patterns.iter().enumerate() {
            let pn = static_name(type_name, &format!("PATTERN_{i}"))?;
            pattern_decls.push(quote!(static #pn: rt::Pattern = rt::Pattern::new(#p);));
            refs.push(quote!(&#pn));
        }
        entries.push(quote!(patterns: &[#(#refs),*],));
    }
    for (name, v) in [
        ("min_inclusive", &f.min_inclusive),
        ("max_inclusive", &f.max_inclusive),
        ("min_exclusive", &f.min_exclusive),
        ("max_exclusive", &f.max_exclusive),
    ] {
        if let Some(v) = v {
            let n = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            entries.push(quote!(#n: Some(#v),));
        }
    }
    for (name, v) in [
        ("total_digits", f.total_digits),
        ("fraction_digits", f.fraction_digits),
    ] {
        if let Some(v) = v {
            let n = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            let v = Literal::u32_unsuffixed(v);
            entries.push(quote!(#n: Some(#v),));
        }
    }
    if let Some(ws) = f.white_space.filter(|ws| *ws != WhiteSpace::Preserve) {
        let ws = proc_macro2::Ident::new(ws.variant(), proc_macro2::Span::call_site());
        entries.push(quote!(white_space: rt::WhiteSpace::#ws,));
    }
    let decl = quote! {
        static #facets_static: rt::Facets = rt::Facets {
            #(#entries)*
            ..rt::Facets::NONE
        };
    };
    Ok((decl, quote!(#(#pattern_decls)*)))
}

pub(super) fn emit_enumeration(
    cx: &Cx<'_>,
    ty: &TypeDef,
    e: &Enumeration,
    head: TokenStream,
) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    let unknown = ident(&e.unknown)?;
    let derives = extra_derives(cx, TokenStream::new());
    let serde = serde_attr(cx, quote!(, into = "String", from = "String"));
    let mut variants = Vec::new();
    for v in &e.values {
        let id = ident(&v.variant)?;
        let value = &v.value;
        let d = doc(
            &match v.doc.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(d) => format!("`{value}`: {d}"),
                None => format!("`{value}`"),
            },
        );
        variants.push(quote!(#d #id = #value,));
    }
    Ok(quote! {
        rt::enumeration! {
            #head
            #derives
            #serde
            pub enum #name {
                #(#variants)*
                #[unknown]
                /// A value this schema does not list (sent by a newer peer).
                #unknown(String),
            }
        }
    })
}

pub(super) fn emit_list(
    cx: &Cx<'_>,
    ty: &TypeDef,
    item: &RustType,
    head: TokenStream,
) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    let item = cx.ty(item)?;
    let derive_serde = serde_derive(cx);
    let serde = serde_attr(cx, quote!(, transparent));
    let arbitrary = if cx.arbitrary {
        quote!(rt::arbitrary_list! { struct #name(#item); })
    } else {
        TokenStream::new()
    };
    Ok(quote! {
        #head
        #[derive(Debug, Clone, PartialEq, Default #derive_serde)]
        #serde
        pub struct #name(pub Vec<#item>);
        #arbitrary
        impl rt::SimpleType for #name {
            fn parse_text(text: &str) -> Result<Self, rt::ValueError> {
                text.split_whitespace()
                    .map(rt::SimpleType::parse_text)
                    .collect::<Result<Vec<_>, _>>()
                    .map(Self)
            }
            fn write_text(&self, out: &mut String) -> Result<(), rt::ValueError> {
                for (i, item) in self.0.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    rt::SimpleType::write_text(item, out)?;
                }
                Ok(())
            }
            fn check_facets(&self) -> Result<(), rt::FacetError> {
                self.0.iter().try_for_each(rt::SimpleType::check_facets)
            }
        }
    })
}

pub(super) fn emit_union(
    cx: &Cx<'_>,
    ty: &TypeDef,
    vs: &[Variant],
    head: TokenStream,
) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    let derive_serde = serde_derive(cx);
    let serde = serde_attr(cx, TokenStream::new());
    let mut variants = Vec::new();
    let mut tries = Vec::new();
    let mut writes = Vec::new();
    let mut checks = Vec::new();
    for (i, v) in vs.iter().enumerate() {
        let id = ident(&v.name)?;
        let t = cx.ty(&v.ty)?;
        variants.push(quote!(#[doc = " A member value."] #id(#t),));
        writes.push(quote!(Self::#id(v) => rt::SimpleType::write_text(v, out),));
        checks.push(quote!(Self::#id(v) => rt::SimpleType::check_facets(v),));
        if i + 1 == vs.len() {
            tries.push(quote!(Ok(Self::#id(<#t as rt::SimpleType>::parse_text(text)?))));
        } else {
            tries.push(quote! {
                if let Ok(v) = <#t as rt::SimpleType>::parse_text(text) {
                    if rt::SimpleType::check_facets(&v).is_ok() {
                        return Ok(Self::#id(v));
                    }
                }
            });
        }
    }
    let Some(first) = vs.first() else {
        return Ok(TokenStream::new());
    };
    // A value of a later member may read back as an earlier one: only the
    // first member's values round-trip.
    let arbitrary = if cx.arbitrary {
        let t = cx.ty(&first.ty)?;
        let v = ident(&first.name)?;
        quote!(rt::arbitrary_variants! { enum #name { #v(#t) } })
    } else {
        TokenStream::new()
    };
    let first = ident(&first.name)?;
    Ok(quote! {
        #head
        #[derive(Debug, Clone, PartialEq #derive_serde)]
        #serde
        pub enum #name {
            #(#variants)*
        }
        impl Default for #name {
            fn default() -> Self {
                Self::#first(Default::default())
            }
        }
        impl rt::SimpleType for #name {
            fn parse_text(text: &str) -> Result<Self, rt::ValueError> {
                #(#tries)*
            }
            fn write_text(&self, out: &mut String) -> Result<(), rt::ValueError> {
                match self { #(#writes)* }
            }
            fn check_facets(&self) -> Result<(), rt::FacetError> {
                match self { #(#checks)* }
            }
        }
        #arbitrary
    })
}
