//! The naming rules of ARCHITECTURE.md: XML names → Rust identifiers.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Replaces characters that cannot appear in identifiers by `_`.
fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

/// Makes a word an identifier: keywords raw, unrawable ones suffixed.
pub fn escape(ident: String) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

fn start_with_letter(ident: String, prefix: &str) -> String {
    match ident.chars().next() {
        Some(c) if c.is_alphabetic() || c == '_' => ident,
        _ => format!("{prefix}{ident}"),
    }
}

/// `paymentSpec` → `PaymentSpec`.
pub fn type_name(xml: &str) -> String {
    let name = sanitize(xml).to_upper_camel_case();
    escape(start_with_letter(name, "T"))
}

/// `errorTypeId` → `error_type_id`, `type` → `r#type`.
pub fn field_name(xml: &str) -> String {
    let name = sanitize(xml).to_snake_case();
    escape(start_with_letter(name, "f_"))
}

/// `IS_DEBITED` → `IsDebited`, `1` → `V1`, `-1` → `Minus1`, `+` → `Plus`,
/// `` → `Empty`.
pub fn variant_name(value: &str) -> String {
    let spelled = spell_signs(value);
    let name = sanitize(&spelled).to_upper_camel_case();
    if name.is_empty() {
        return "Empty".to_string();
    }
    escape(start_with_letter(name, "V"))
}

/// Sign and decimal characters that would vanish from an identifier, as
/// words, so `1`, `-1` and `+1` stay apart (`1.5` → `1 point 5`).
fn spell_signs(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '-' if out.is_empty() => out.push_str("minus "),
            '+' => out.push_str(" plus "),
            '.' if out.ends_with(|d: char| d.is_ascii_digit()) => out.push_str(" point "),
            c => out.push(c),
        }
    }
    out
}

/// `finalizePayment` → `FINALIZE_PAYMENT`.
pub fn constant_name(xml: &str) -> String {
    start_with_letter(sanitize(xml).to_shouty_snake_case(), "C_")
}

/// The name of a static the emitter derives from a type name
/// (`<TYPE>_FIELDS`, `<TYPE>_FACETS`, `<TYPE>_PATTERN_<i>`).
pub fn type_static(type_name: &str, suffix: &str) -> String {
    format!("{}_{suffix}", unraw(type_name).to_shouty_snake_case())
}

/// A Rust identifier without its `r#` prefix (for deriving other names).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out unique names in one scope: the second `Foo` becomes `Foo2`.
#[derive(Debug, Default, Clone)]
pub struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// A type scope where the prelude names generated code relies on
    /// (`Box`, `Option`, `String`...) are taken, so types named like them
    /// get a suffix instead of shadowing them.
    pub fn reserved() -> Self {
        let mut names = Self::new();
        for n in [
            "Box",
            "Option",
            "Some",
            "None",
            "Result",
            "Ok",
            "Err",
            "Vec",
            "String",
            "Default",
            "Clone",
            "Debug",
            "PartialEq",
            "Eq",
            "Hash",
            "PartialOrd",
            "Ord",
            "AsRef",
            "TryFrom",
            "From",
            "Into",
            "Send",
            "Sync",
            "Sized",
            "Self_",
            // Generic parameters of clients (`T`) and servers (`S`).
            "S",
            "T",
            "rt",
            "core",
            "std",
            "alloc",
        ] {
            names.taken.insert(n.to_string());
        }
        names
    }

    /// Reserves `name` or the first free `name<N>` (N from 2).
    pub fn unique(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let base = unraw(&name).to_string();
        let mut n = 2;
        loop {
            let candidate = format!("{base}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// Path segments of a namespace URI (scheme and empty segments dropped).
fn segments(namespace: &str) -> Vec<String> {
    let rest = match namespace.find("://") {
        Some(i) => &namespace[i + 3..],
        None => namespace.strip_prefix("urn:").unwrap_or(namespace),
    };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut segs: Vec<String> = rest
        .split(['/', ':'])
        .filter(|s| !s.is_empty())
        .map(|s| {
            let s = s.strip_suffix(".xsd").unwrap_or(s);
            let lower: String = s
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            lower.trim_matches('_').to_string()
        })
        .filter(|s| !s.is_empty())
        .collect();
    if segs.is_empty() {
        segs.push("ns".to_string());
    }
    segs
}

fn suffix_name(segs: &[String], k: usize) -> String {
    segs[segs.len().saturating_sub(k)..].join("_")
}

/// Module names for `namespaces` (in order): the shortest unique run of
/// trailing path segments, unless `overrides` names it.
pub fn module_names(
    namespaces: &[String],
    overrides: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    let segs: Vec<Vec<String>> = namespaces.iter().map(|n| segments(n)).collect();
    let mut names = Names::new();
    for name in overrides.values() {
        names.unique(name.clone());
    }
    namespaces
        .iter()
        .enumerate()
        .map(|(i, ns)| {
            if let Some(name) = overrides.get(ns) {
                return name.clone();
            }
            let mine = &segs[i];
            let mut k = 1;
            while k < mine.len() {
                let candidate = suffix_name(mine, k);
                let clash = segs
                    .iter()
                    .enumerate()
                    .any(|(j, other)| j != i && suffix_name(other, k) == candidate);
                if !clash {
                    break;
                }
                k += 1;
            }
            let name = escape(start_with_letter(suffix_name(mine, k), "ns_"));
            names.unique(name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_rules() {
        assert_eq!(type_name("paymentSpec"), "PaymentSpec");
        assert_eq!(type_name("ECommerceError"), "ECommerceError");
        assert_eq!(field_name("errorTypeId"), "error_type_id");
        assert_eq!(field_name("format-message"), "format_message");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("return"), "r#return");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(variant_name("IS_DEBITED"), "IsDebited");
        assert_eq!(variant_name("SE"), "Se");
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(variant_name("+"), "Plus");
        assert_eq!(variant_name("1.5"), "V1Point5");
        assert_eq!(variant_name("in-progress"), "InProgress");
        assert_eq!(constant_name("finalizePayment"), "FINALIZE_PAYMENT");
        assert_eq!(type_name("Self"), "Self_");
    }

    #[test]
    fn clashes_get_numbers() {
        let mut n = Names::new();
        assert_eq!(n.unique("Foo".into()), "Foo");
        assert_eq!(n.unique("Foo".into()), "Foo2");
        assert_eq!(n.unique("Foo".into()), "Foo3");
        assert_eq!(n.unique("r#type".into()), "r#type");
        assert_eq!(n.unique("r#type".into()), "type2");
    }

    #[test]
    fn module_names_are_shortest_unique_suffixes() {
        let ns: Vec<String> = [
            "http://ecommerce.resurs.com/v4/types/common",
            "http://ecommerce.resurs.com/v4/types/aftershopflow",
            "http://ecommerce.resurs.com/v4/msg/aftershopflow",
            "http://ecommerce.resurs.com/v4/msg/exception",
            "http://ecommerce.resurs.com/v4",
            "urn:example:shop",
        ]
        .map(String::from)
        .to_vec();
        let names = module_names(&ns, &Default::default());
        assert_eq!(
            names,
            [
                "common",
                "types_aftershopflow",
                "msg_aftershopflow",
                "exception",
                "v4",
                "shop"
            ]
        );
    }
}
