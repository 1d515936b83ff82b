//! Types: structs, newtypes, enumerations, lists, unions, choices, aliases.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{attributes, doc, field_name, ident, join_doc, ns_arg, static_name, Cx, EmitError};
use crate::model::{
    Alternative, Attribute, ChoiceField, ElementField, Enumeration, Facets, Field, Newtype,
    Occurrence, RustType, Struct, TypeDef, TypeKind, Variant, WhiteSpace, Wildcard,
};

pub(super) const SERDE_CRATE: &str = "::soap_runtime::rt::serde";

pub(super) fn emit_type(cx: &Cx<'_>, ty: &TypeDef) -> Result<TokenStream, EmitError> {
    let docs = doc(&join_doc(&format!("{}.", ty.origin), ty.doc.as_deref()));
    let extra = attributes(&ty.attributes, &ty.name)?;
    let head = quote!(#docs #extra);
    match &ty.kind {
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

fn emit_struct(
    cx: &Cx<'_>,
    ty: &TypeDef,
    s: &Struct,
    head: TokenStream,
) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    let derive_serde = serde_derive(cx);
    let serde = serde_attr(cx, TokenStream::new());
    let mut fields = Vec::new();
    let mut members = Vec::new();
    if let Some(text) = &s.text {
        let f = ident(&text.name)?;
        let t = cx.ty(&text.ty)?;
        let sd = field_serde(cx, "value", Occurrence::One);
        fields.push(quote! { #[doc = " The element's text value."] #sd pub #f: #t, });
        members.push(quote!(#f: #t));
    }
    for f in &s.fields {
        fields.push(match f {
            Field::Element(e) => {
                let n = ident(&e.name)?;
                let t = cx.field_ty(&e.ty)?;
                members.push(quote!(#n: #t));
                element_decl(cx, e)?
            }
            Field::Choice(c) => {
                let n = ident(&c.name)?;
                let t = cx.field_ty(&crate::model::FieldType {
                    ty: c.ty.clone(),
                    occurrence: c.occurrence,
                    boxed: false,
                })?;
                members.push(quote!(#n: #t));
                let alts: Vec<String> = c
                    .alternatives
                    .iter()
                    .map(|a| format!("`{}`", a.xml.local))
                    .collect();
                let d = doc(&format!("One of {}.", alts.join(", ")));
                let sd = field_serde(cx, c.name.trim_start_matches("r#"), c.occurrence);
                quote! { #d #sd pub #n: #t, }
            }
        });
    }
    for a in &s.attributes {
        let n = ident(&a.name)?;
        let t = cx.ty(&a.ty)?;
        let t = if attr_is_option(a) {
            quote!(Option<#t>)
        } else {
            t
        };
        let d = doc(&join_doc(
            &format!("Attribute `{}`.", a.xml.local),
            a.doc.as_deref(),
        ));
        let occ = if attr_is_option(a) {
            Occurrence::Optional
        } else {
            Occurrence::One
        };
        let sd = field_serde(cx, &a.xml.local, occ);
        fields.push(quote! { #d #sd pub #n: #t, });
        members.push(quote!(#n: #t));
    }
    let schema_defaults = default_impl(&name, s)?;
    let derive_default = if schema_defaults.is_empty() {
        quote!(, Default)
    } else {
        TokenStream::new()
    };
    let decl = quote! {
        #head
        #[derive(Debug, Clone, PartialEq #derive_default #derive_serde)]
        #serde
        pub struct #name {
            #(#fields)*
        }
        #schema_defaults
    };
    let xml = xml_impl(cx, ty, s)?;
    let arbitrary = if cx.arbitrary {
        quote!(rt::arbitrary_struct! { struct #name { #(#members),* } })
    } else {
        TokenStream::new()
    };
    Ok(quote!(#decl #xml #arbitrary))
}

/// `impl Default` filling attributes that have a schema `default=`/`fixed=`
/// with that value (empty when no attribute has one: `Default` is derived).
fn default_impl(name: &Ident, s: &Struct) -> Result<TokenStream, EmitError> {
    if s.attributes.iter().all(|a| a.default.is_none()) {
        return Ok(TokenStream::new());
    }
    let mut inits = Vec::new();
    if let Some(text) = &s.text {
        let n = ident(&text.name)?;
        inits.push(quote!(#n: Default::default(),));
    }
    for f in &s.fields {
        let n = match f {
            Field::Element(e) => ident(&e.name)?,
            Field::Choice(c) => ident(&c.name)?,
        };
        inits.push(quote!(#n: Default::default(),));
    }
    for a in &s.attributes {
        let n = ident(&a.name)?;
        inits.push(match &a.default {
            Some(value) => {
                quote!(#n: rt::SimpleType::parse_text(#value).unwrap_or_default(),)
            }
            None => quote!(#n: Default::default(),),
        });
    }
    Ok(quote! {
        impl Default for #name {
            fn default() -> Self {
                Self { #(#inits)* }
            }
        }
    })
}

fn attr_is_option(a: &Attribute) -> bool {
    !a.required && a.default.is_none()
}

fn element_decl(cx: &Cx<'_>, e: &ElementField) -> Result<TokenStream, EmitError> {
    let n = ident(&e.name)?;
    let t = cx.field_ty(&e.ty)?;
    let mut text = format!("`{}`", e.xml.local);
    if let Some(d) = &e.default {
        text.push_str(&format!(" (default `{d}`)"));
    }
    let text = match e.doc.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) if e.default.is_some() => format!("{d}\n\n{text}."),
        Some(d) => d.to_string(),
        None => text,
    };
    let d = doc(&text);
    let extra = attributes(&e.attributes, &e.name)?;
    let sd = field_serde(cx, &e.xml.local, e.ty.occurrence);
    Ok(quote! { #d #sd #extra pub #n: #t, })
}

/// `impl rt::XmlType` of a struct.
fn xml_impl(cx: &Cx<'_>, ty: &TypeDef, s: &Struct) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    // The FIELDS table: element fields, choice alternatives, in order.
    // Wildcards get the indexes after the table (`Reader::next_field_or_other`).
    let mut table = Vec::new();
    let mut wildcards = Vec::new();
    for f in &s.fields {
        match f {
            Field::Element(e) => match &e.wildcard {
                Some(w) => wildcards.push(wildcard(w)),
                None => table.push(field_name(&e.xml)),
            },
            Field::Choice(c) => table.extend(c.alternatives.iter().map(|a| field_name(&a.xml))),
        }
    }
    let fields_static = static_name(&ty.name, "FIELDS")?;
    let table_decl = static_table(&fields_static, quote!(rt::FieldName), &table);
    let wildcards_static = static_name(&ty.name, "WILDCARDS")?;
    let wildcards_decl = static_table(&wildcards_static, quote!(rt::Wildcard), &wildcards);
    let next = match (table.is_empty(), wildcards.is_empty()) {
        (_, true) => quote!(next_field(&#fields_static)),
        (true, false) => quote!(next_field_or_other(&[], &#wildcards_static)),
        (false, false) => quote!(next_field_or_other(&#fields_static, &#wildcards_static)),
    };
    let mut wildcard_slot = table.len();

    // write_attributes
    let write_attributes = if s.attributes.is_empty() {
        TokenStream::new()
    } else {
        let calls = s
            .attributes
            .iter()
            .map(|a| {
                let n = ident(&a.name)?;
                let ns = ns_arg(&a.xml);
                let local = &a.xml.local;
                Ok(if attr_is_option(a) {
                    quote!(w.opt_attribute(#ns, #local, &self.#n)?;)
                } else {
                    quote!(w.attribute(#ns, #local, &self.#n)?;)
                })
            })
            .collect::<Result<Vec<_>, EmitError>>()?;
        quote! {
            fn write_attributes(&self, w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
                #(#calls)*
                Ok(())
            }
        }
    };

    // write_content
    let mut writes = Vec::new();
    if let Some(text) = &s.text {
        let n = ident(&text.name)?;
        writes.push(quote!(w.text(&self.#n)?;));
    }
    for f in &s.fields {
        writes.push(match f {
            Field::Element(e) => {
                let n = ident(&e.name)?;
                let ns = ns_arg(&e.xml);
                let local = &e.xml.local;
                quote!(w.field(#ns, #local, &self.#n)?;)
            }
            Field::Choice(c) => write_choice(cx, c)?,
        });
    }
    let w = if writes.is_empty() {
        quote!(_w)
    } else {
        quote!(w)
    };

    // read (helper names avoid the field locals)
    let locals_names = Locals::avoiding(s);
    let Locals {
        r,
        start,
        index,
        child,
        ..
    } = &locals_names;
    let mut prelude = Vec::new();
    let mut inits = Vec::new();
    let mut uses_start = false;
    for a in &s.attributes {
        let n = ident(&a.name)?;
        let ns = ns_arg(&a.xml);
        let local = &a.xml.local;
        uses_start = true;
        prelude.push(if let Some(default) = &a.default {
            quote! {
                let #n = #r.attribute(#start, #ns, #local)?
                    .unwrap_or_else(|| rt::SimpleType::parse_text(#default).unwrap_or_default());
            }
        } else if a.required {
            quote! {
                let #n = #r.attribute(#start, #ns, #local)?;
                let #n = #r.required(#n, #start, #local)?;
            }
        } else {
            quote!(let #n = #r.attribute(#start, #ns, #local)?;)
        });
    }
    let mut arms = Vec::new();
    let mut locals = Vec::new();
    let mut slot = 0usize;
    for f in &s.fields {
        match f {
            Field::Element(e) => {
                let n = ident(&e.name)?;
                let counter = if e.wildcard.is_some() {
                    &mut wildcard_slot
                } else {
                    &mut slot
                };
                let i = Literal::usize_unsuffixed(*counter);
                *counter += 1;
                locals.push(if e.ty.occurrence.is_many() {
                    quote!(let mut #n = Vec::new();)
                } else {
                    quote!(let mut #n = None;)
                });
                arms.push(quote!(#i => #r.read_into(&mut #n, &#child)?,));
                let local = &e.xml.local;
                inits.push(if e.ty.occurrence.is_required() {
                    uses_start = true;
                    quote!(#n: #r.required(#n, #start, #local)?,)
                } else {
                    quote!(#n,)
                });
            }
            Field::Choice(c) => {
                let n = ident(&c.name)?;
                let enum_ty = cx.ty(&c.ty)?;
                locals.push(if c.occurrence.is_many() {
                    quote!(let mut #n = Vec::new();)
                } else {
                    quote!(let mut #n = None;)
                });
                for a in &c.alternatives {
                    let i = Literal::usize_unsuffixed(slot);
                    slot += 1;
                    arms.push(read_alternative(
                        &locals_names,
                        &n,
                        &enum_ty,
                        c.occurrence,
                        a,
                        i,
                    )?);
                }
                let names: Vec<&str> = c
                    .alternatives
                    .iter()
                    .map(|a| a.xml.local.as_str())
                    .collect();
                let label = names.join(" | ");
                inits.push(if c.occurrence == Occurrence::One {
                    uses_start = true;
                    quote!(#n: #r.required(#n, #start, #label)?,)
                } else {
                    quote!(#n,)
                });
            }
        }
    }
    if let Some(text) = &s.text {
        let n = ident(&text.name)?;
        uses_start = true;
        prelude.push(quote!(let #n = #r.text(#start)?;));
        inits.insert(0, quote!(#n,));
    }
    for a in &s.attributes {
        let n = ident(&a.name)?;
        inits.push(quote!(#n,));
    }
    let body_loop = if s.text.is_some() {
        TokenStream::new()
    } else if arms.is_empty() {
        quote!(while #r.next_field(&[])?.is_some() {})
    } else {
        quote! {
            #(#locals)*
            while let Some((#index, #child)) = #r.#next? {
                match #index {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    let start_param = if uses_start {
        quote!(#start)
    } else {
        let unused = quote::format_ident!("_{}", start);
        quote!(#unused)
    };
    Ok(quote! {
        #table_decl
        #wildcards_decl
        impl rt::XmlType for #name {
            #write_attributes
            fn write_content(&self, #w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
                #(#writes)*
                Ok(())
            }
            fn read(#r: &mut rt::Reader<'_>, #start_param: &rt::Start<'_>) -> Result<Self, rt::DecodeError> {
                #(#prelude)*
                #body_loop
                Ok(Self {
                    #(#inits)*
                })
            }
        }
    })
}

/// `static NAME: [ty; n] = [items];`, nothing when there are no items.
fn static_table(name: &Ident, ty: TokenStream, items: &[TokenStream]) -> TokenStream {
    if items.is_empty() {
        return TokenStream::new();
    }
    let count = Literal::usize_unsuffixed(items.len());
    quote! { static #name: [#ty; #count] = [ #(#items),* ]; }
}

/// `rt::Wildcard::..` of a namespace constraint.
fn wildcard(w: &Wildcard) -> TokenStream {
    let ns = |ns: &Option<String>| match ns {
        Some(ns) => quote!(Some(#ns)),
        None => quote!(None),
    };
    match w {
        Wildcard::Any => quote!(rt::Wildcard::Any),
        Wildcard::Other(target) => {
            let target = ns(target);
            quote!(rt::Wildcard::Other(#target))
        }
        Wildcard::Only(list) => {
            let list = list.iter().map(ns);
            quote!(rt::Wildcard::Only(&[#(#list),*]))
        }
    }
}

fn write_choice(cx: &Cx<'_>, c: &ChoiceField) -> Result<TokenStream, EmitError> {
    let n = ident(&c.name)?;
    let enum_ty = cx.ty(&c.ty)?;
    let arms = c
        .alternatives
        .iter()
        .map(|a| {
            let v = ident(&a.variant)?;
            let ns = ns_arg(&a.xml);
            let local = &a.xml.local;
            Ok(quote!(#enum_ty::#v(value) => w.field(#ns, #local, value)?,))
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    Ok(match c.occurrence {
        Occurrence::Optional | Occurrence::OptionalNillable => quote! {
            if let Some(choice) = &self.#n {
                match choice { #(#arms)* }
            }
        },
        Occurrence::Many | Occurrence::ManyNillable => quote! {
            for choice in &self.#n {
                match choice { #(#arms)* }
            }
        },
        Occurrence::One | Occurrence::Nillable => quote! {
            match &self.#n { #(#arms)* }
        },
    })
}

fn read_alternative(
    locals: &Locals,
    n: &proc_macro2::Ident,
    enum_ty: &TokenStream,
    occurrence: Occurrence,
    a: &Alternative,
    i: Literal,
) -> Result<TokenStream, EmitError> {
    let v = ident(&a.variant)?;
    let Locals {
        r,
        child,
        value,
        items,
        ..
    } = locals;
    let store = match (occurrence.is_many(), a.ty.occurrence.is_many()) {
        (false, false) => quote!(#n = Some(#enum_ty::#v(#value));),
        (true, false) => quote!(#n.push(#enum_ty::#v(#value));),
        (false, true) => quote! {
            if let Some(#enum_ty::#v(#items)) = &mut #n {
                #items.push(#value);
            } else {
                #n = Some(#enum_ty::#v(vec![#value]));
            }
        },
        (true, true) => quote! {
            if let Some(#enum_ty::#v(#items)) = #n.last_mut() {
                #items.push(#value);
            } else {
                #n.push(#enum_ty::#v(vec![#value]));
            }
        },
    };
    Ok(quote! {
        #i => {
            let mut #value = None;
            #r.read_into(&mut #value, &#child)?;
            if let Some(#value) = #value {
                #store
            }
        }
    })
}

fn emit_choice(
    cx: &Cx<'_>,
    ty: &TypeDef,
    alts: &[Alternative],
    head: TokenStream,
) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    let derive_serde = serde_derive(cx);
    let serde = serde_attr(cx, TokenStream::new());
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for a in alts {
        let v = ident(&a.variant)?;
        let t = cx.field_ty(&a.ty)?;
        arms.push(quote!(#v(#t)));
        let d = doc(&join_doc(
            &format!("Element `{}`.", a.xml.local),
            a.doc.as_deref(),
        ));
        let rename = &a.xml.local;
        let sd = if cx.serde {
            quote!(#[serde(rename = #rename)])
        } else {
            TokenStream::new()
        };
        variants.push(quote!(#d #sd #v(#t),));
    }
    let arbitrary = if cx.arbitrary && !arms.is_empty() {
        quote!(rt::arbitrary_variants! { enum #name { #(#arms),* } })
    } else {
        TokenStream::new()
    };
    let default = match alts.first() {
        Some(a) => {
            let v = ident(&a.variant)?;
            quote! {
                impl Default for #name {
                    fn default() -> Self {
                        Self::#v(Default::default())
                    }
                }
            }
        }
        None => TokenStream::new(),
    };
    Ok(quote! {
        #head
        #[derive(Debug, Clone, PartialEq #derive_serde)]
        #serde
        pub enum #name {
            #(#variants)*
        }
        #default
        #arbitrary
    })
}

fn emit_newtype(
    cx: &Cx<'_>,
    ty: &TypeDef,
    n: &Newtype,
    docs: TokenStream,
    extra: TokenStream,
) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    let inner = super::builtin(n.inner);
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

/// The `<NAME>_FACETS` static and its `<NAME>_PATTERN_<i>` statics.
fn facets(type_name: &str, f: &Facets) -> Result<(TokenStream, TokenStream), EmitError> {
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

fn emit_enumeration(
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

fn emit_list(
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

fn emit_union(
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

/// Names of the reader's helper variables, chosen so that no field local
/// (fields are read into locals of the same name) shadows them.
struct Locals {
    r: proc_macro2::Ident,
    start: proc_macro2::Ident,
    index: proc_macro2::Ident,
    child: proc_macro2::Ident,
    value: proc_macro2::Ident,
    items: proc_macro2::Ident,
}

impl Locals {
    fn avoiding(s: &Struct) -> Locals {
        let taken: Vec<&str> = s
            .fields
            .iter()
            .map(Field::name)
            .chain(s.attributes.iter().map(|a| a.name.as_str()))
            .chain(s.text.iter().map(|t| t.name.as_str()))
            .map(crate::model::naming::unraw)
            .collect();
        let pick = |base: &str| {
            let mut name = base.to_string();
            while taken.contains(&name.as_str()) {
                name.push('_');
            }
            quote::format_ident!("{name}")
        };
        Locals {
            r: pick("r"),
            start: pick("start"),
            index: pick("index"),
            child: pick("child"),
            value: pick("value"),
            items: pick("items"),
        }
    }
}
