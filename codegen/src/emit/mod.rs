//! The emit stage: [`Model`] → Rust tokens that call only `soap_runtime::rt`.
//!
//! Every decision (names, boxing, unwrapping) was made by the model; this
//! stage only prints it, in model order, so output is deterministic.

mod headers;
mod operations;
mod polymorphic;
mod service;
mod types;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Builtin, FieldType, Model, Module, Occurrence, RustType, XmlName};

/// Options of the emit stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// Derive `Serialize`/`Deserialize` through `rt` (`Config::serde`).
    pub serde: bool,
    /// Emit the `rt::arbitrary_*!` calls (`Config::arbitrary`).
    pub arbitrary: bool,
}

/// Something the model holds that cannot be printed as Rust.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmitError {
    /// A name that is not a Rust identifier.
    #[error("`{0}` is not a valid Rust identifier")]
    Ident(String),
    /// A configured attribute that does not parse.
    #[error("attribute `{attribute}` (for `{target}`) does not parse: {message}")]
    Attribute {
        /// The attribute text.
        attribute: String,
        /// The type or field it was configured for.
        target: String,
        /// The parser's message.
        message: String,
    },
}

/// Prints the model.
pub fn emit(model: &Model, options: &EmitOptions) -> Result<TokenStream, EmitError> {
    let mut out = TokenStream::new();
    for module in &model.modules {
        out.extend(emit_module(module, options)?);
    }
    Ok(out)
}

fn emit_module(module: &Module, options: &EmitOptions) -> Result<TokenStream, EmitError> {
    let cx = Cx {
        module: &module.name,
        namespace: &module.namespace,
        serde: options.serde,
        arbitrary: options.arbitrary,
    };
    let name = ident(&module.name)?;
    let ns = &module.namespace;
    let title = if module.services.is_empty() {
        format!("Types of namespace `{ns}`.")
    } else if module.types.is_empty() {
        let names: Vec<String> = dedup(module.services.iter().map(|s| format!("`{}`", s.service)));
        let plural = if names.len() > 1 {
            "Services"
        } else {
            "Service"
        };
        format!("{plural} {} of namespace `{ns}`.", names.join(", "))
    } else {
        format!("Types and services of namespace `{ns}`.")
    };
    let docs = doc(&join_doc(&title, module.doc.as_deref()));
    let mut items = TokenStream::new();
    for ty in &module.types {
        items.extend(types::emit_type(&cx, ty)?);
    }
    items.extend(service::emit_services(&cx, module)?);
    items.extend(operations::emit_tables(&cx, module)?);
    Ok(quote! {
        #docs
        #[allow(
            clippy::all,
            clippy::pedantic,
            non_camel_case_types,
            unused_imports,
            rustdoc::broken_intra_doc_links,
            rustdoc::bare_urls,
            rustdoc::invalid_html_tags
        )]
        pub mod #name {
            use ::soap_runtime::rt;

            /// The XML namespace of this module.
            pub const NAMESPACE: &str = #ns;

            #items
        }
    })
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Emission context: the current module.
pub(crate) struct Cx<'a> {
    module: &'a str,
    /// The module's XML namespace (its `NAMESPACE` constant).
    namespace: &'a str,
    serde: bool,
    arbitrary: bool,
}

impl Cx<'_> {
    /// The path of a type as seen from the current module.
    fn ty(&self, ty: &RustType) -> Result<TokenStream, EmitError> {
        match ty {
            RustType::Builtin(b) => Ok(builtin(*b)),
            RustType::Named { module, name } => {
                let name = ident(name)?;
                if module == self.module {
                    Ok(quote!(#name))
                } else {
                    let module = ident(module)?;
                    Ok(quote!(super::#module::#name))
                }
            }
        }
    }

    /// The full type of a field (`Option<rt::Nillable<Box<T>>>`).
    fn field_ty(&self, ft: &FieldType) -> Result<TokenStream, EmitError> {
        let base = self.ty(&ft.ty)?;
        let base = if ft.boxed { quote!(Box<#base>) } else { base };
        Ok(match ft.occurrence {
            Occurrence::One => base,
            Occurrence::Optional => quote!(Option<#base>),
            Occurrence::Nillable => quote!(rt::Nillable<#base>),
            Occurrence::OptionalNillable => quote!(Option<rt::Nillable<#base>>),
            Occurrence::Many => quote!(Vec<#base>),
            Occurrence::ManyNillable => quote!(Vec<rt::Nillable<#base>>),
        })
    }
}

fn builtin(b: Builtin) -> TokenStream {
    match b {
        Builtin::String => quote!(String),
        Builtin::Bool => quote!(bool),
        Builtin::I64 => quote!(i64),
        Builtin::I32 => quote!(i32),
        Builtin::I16 => quote!(i16),
        Builtin::I8 => quote!(i8),
        Builtin::U64 => quote!(u64),
        Builtin::U32 => quote!(u32),
        Builtin::U16 => quote!(u16),
        Builtin::U8 => quote!(u8),
        Builtin::F32 => quote!(f32),
        Builtin::F64 => quote!(f64),
        other => {
            let name = format_ident!("{}", other.rust().trim_start_matches("rt::"));
            quote!(rt::#name)
        }
    }
}

/// An identifier token (`r#type` becomes a raw identifier).
pub(crate) fn ident(name: &str) -> Result<proc_macro2::Ident, EmitError> {
    let span = proc_macro2::Span::call_site();
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(bare) => (true, bare),
        None => (false, name),
    };
    let plain_ascii = bare.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && bare.bytes().next().is_some_and(|b| !b.is_ascii_digit())
        && bare != "_";
    if plain_ascii {
        // Keywords arrive here only as `r#` names (the model escapes them).
        return Ok(if raw {
            proc_macro2::Ident::new_raw(bare, span)
        } else {
            proc_macro2::Ident::new(bare, span)
        });
    }
    syn::parse_str::<proc_macro2::Ident>(name).map_err(|_| EmitError::Ident(name.to_string()))
}

/// `#[doc]` attributes, one per line.
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = l.trim_end();
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// A title line followed by the schema's documentation, if any.
pub(crate) fn join_doc(title: &str, doc: Option<&str>) -> String {
    match doc.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => format!("{d}\n\n{title}"),
        None => title.to_string(),
    }
}

/// `rt::FieldName::qualified(..)` / `unqualified(..)`.
pub(crate) fn field_name(name: &XmlName) -> TokenStream {
    let local = &name.local;
    match &name.ns {
        Some(ns) => quote!(rt::FieldName::qualified(#ns, #local)),
        None => quote!(rt::FieldName::unqualified(#local)),
    }
}

/// `Some("ns")` / `None` for writer calls.
pub(crate) fn ns_arg(name: &XmlName) -> TokenStream {
    match &name.ns {
        Some(ns) => quote!(Some(#ns)),
        None => quote!(None),
    }
}

/// Parses configured attributes.
pub(crate) fn attributes(attrs: &[String], target: &str) -> Result<TokenStream, EmitError> {
    let mut out = TokenStream::new();
    for a in attrs {
        let parsed =
            syn::parse::Parser::parse_str(syn::Attribute::parse_outer, a).map_err(|e| {
                EmitError::Attribute {
                    attribute: a.clone(),
                    target: target.to_string(),
                    message: e.to_string(),
                }
            })?;
        out.extend(parsed.iter().map(|a| quote!(#a)));
    }
    Ok(out)
}

/// `SCREAMING_SNAKE` of a type name, for its statics.
pub(crate) fn static_name(type_name: &str, suffix: &str) -> Result<proc_macro2::Ident, EmitError> {
    ident(&crate::model::naming::type_static(type_name, suffix))
}
