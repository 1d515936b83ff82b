//! Structs (as `rt::xml_struct!` calls when they hold element fields only,
//! else declared with a hand-written `impl rt::XmlType`) and choice enums.

use super::*;

/// Whether `rt::xml_struct!` can declare the struct: element fields only
/// (no attributes, text, choices or wildcards).
pub(super) fn declarative(s: &Struct) -> bool {
    s.text.is_none()
        && s.attributes.is_empty()
        && s.fields
            .iter()
            .all(|f| matches!(f, Field::Element(e) if e.wildcard.is_none()))
}

/// A struct of element fields as one `rt::xml_struct!` call.
pub(super) fn emit_declarative(
    cx: &Cx<'_>,
    ty: &TypeDef,
    s: &Struct,
    docs: TokenStream,
    extra: TokenStream,
) -> Result<TokenStream, EmitError> {
    let name = ident(&ty.name)?;
    let mut flags = Vec::new();
    if cx.serde {
        flags.push(quote!(serde));
    }
    if cx.arbitrary {
        flags.push(quote!(arbitrary));
    }
    let fields = s
        .fields
        .iter()
        .filter_map(|f| match f {
            Field::Element(e) => Some(declarative_field(cx, e)),
            Field::Choice(_) => None,
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    Ok(quote! {
        rt::xml_struct! {
            #docs
            #[xml(#(#flags),*)]
            #extra
            pub struct #name {
                #(#fields),*
            }
        }
    })
}

/// One field of an `rt::xml_struct!`: docs, `#[xml(name, ns = ..)]`, the
/// configured attributes (and serde's `with` for an optional nillable element).
pub(super) fn declarative_field(cx: &Cx<'_>, e: &ElementField) -> Result<TokenStream, EmitError> {
    let n = ident(&e.name)?;
    let t = cx.field_ty(&e.ty)?;
    let d = doc(&field_doc(e));
    let local = &e.xml.local;
    let ns = match &e.xml.ns {
        Some(ns) if ns == cx.namespace => quote!(, ns = NAMESPACE),
        Some(ns) => quote!(, ns = #ns),
        None => TokenStream::new(),
    };
    let with = if cx.serde && e.ty.occurrence == Occurrence::OptionalNillable {
        quote!(#[serde(with = "rt::serde_opt_nillable")])
    } else {
        TokenStream::new()
    };
    let extra = attributes(&e.attributes, &e.name)?;
    Ok(quote! { #d #[xml(#local #ns)] #with #extra pub #n: #t })
}

pub(super) fn emit_struct(
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
pub(super) fn default_impl(name: &Ident, s: &Struct) -> Result<TokenStream, EmitError> {
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

/// The doc comment of an element field: its documentation, or its XML name
/// (with the schema default when it has one).
pub(super) fn field_doc(e: &ElementField) -> String {
    let mut text = format!("`{}`", e.xml.local);
    if let Some(d) = &e.default {
        text.push_str(&format!(" (default `{d}`)"));
    }
    match e.doc.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) if e.default.is_some() => format!("{d}\n\n{text}."),
        Some(d) => d.to_string(),
        None => text,
    }
}

pub(super) fn element_decl(cx: &Cx<'_>, e: &ElementField) -> Result<TokenStream, EmitError> {
    let n = ident(&e.name)?;
    let t = cx.field_ty(&e.ty)?;
    let d = doc(&field_doc(e));
    let extra = attributes(&e.attributes, &e.name)?;
    let sd = field_serde(cx, &e.xml.local, e.ty.occurrence);
    Ok(quote! { #d #sd #extra pub #n: #t, })
}

pub(super) fn emit_choice(
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
