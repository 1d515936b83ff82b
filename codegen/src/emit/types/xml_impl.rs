//! The `impl rt::XmlType` of a struct `rt::xml_struct!` cannot declare
//! (attributes, text content, choices, wildcards).

use super::*;

/// `impl rt::XmlType` of a struct.
pub(super) fn xml_impl(cx: &Cx<'_>, ty: &TypeDef, s: &Struct) -> Result<TokenStream, EmitError> {
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
pub(super) fn static_table(name: &Ident, ty: TokenStream, items: &[TokenStream]) -> TokenStream {
    if items.is_empty() {
        return TokenStream::new();
    }
    let count = Literal::usize_unsuffixed(items.len());
    quote! { static #name: [#ty; #count] = [ #(#items),* ]; }
}

/// `rt::Wildcard::..` of a namespace constraint.
pub(super) fn wildcard(w: &Wildcard) -> TokenStream {
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

pub(super) fn write_choice(cx: &Cx<'_>, c: &ChoiceField) -> Result<TokenStream, EmitError> {
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

pub(super) fn read_alternative(
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

/// Names of the reader's helper variables, chosen so that no field local
/// (fields are read into locals of the same name) shadows them.
pub(super) struct Locals {
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
