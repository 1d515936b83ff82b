//! Simple types: derivation chains folded into a built-in plus merged facets.

use super::{Builtin, EnumValue, Facets, WhiteSpace};
use crate::resolve::{self, TypeDef, TypeRef};

/// What a simple type is at the root of its derivation chain.
#[derive(Debug, Clone)]
pub(super) enum Root {
    /// A built-in with the facets of every step.
    Builtin(Builtin, Facets),
    /// An enumeration (values of the nearest step that lists them).
    Enumeration(Vec<resolve::EnumValue>),
    /// A named list or union type: restrictions of it are aliases.
    Named(resolve::QName),
}

/// Adds the facets of one derivation step to those of its base: the one
/// fold of facets. A step's patterns are alternatives (one pattern joining
/// them); every step's pattern applies. Bounds and lengths of the step
/// replace the base's (a valid restriction only narrows them).
pub(super) fn merge(base: &mut Facets, step: &resolve::Facets) {
    macro_rules! take {
        ($($f:ident),*) => { $( if step.$f.is_some() { base.$f = step.$f.clone(); } )* };
    }
    take!(
        length,
        min_length,
        max_length,
        min_inclusive,
        max_inclusive,
        min_exclusive,
        max_exclusive,
        total_digits,
        fraction_digits
    );
    // A step may only narrow whiteSpace (preserve → replace → collapse).
    if let Some(ws) = step.white_space.as_deref().and_then(WhiteSpace::of_xsd) {
        base.white_space = base.white_space.max(Some(ws));
    }
    match step.patterns.as_slice() {
        [] => {}
        [one] => base.patterns.push(one.clone()),
        many => base.patterns.push(
            many.iter()
                .map(|p| format!("({p})"))
                .collect::<Vec<_>>()
                .join("|"),
        ),
    }
}

/// The root of the chain starting at `def`; `Err(name)` for an unknown
/// built-in or type, or a cycle.
pub(super) fn root(
    resolved: &resolve::Resolved,
    def: &TypeDef,
    depth: u32,
) -> Result<Root, String> {
    if depth > 64 {
        return Err("simple type derivation cycle".into());
    }
    match def {
        TypeDef::Ref(TypeRef::Builtin(name)) => Builtin::of_xsd(name)
            .map(|(b, f)| Root::Builtin(b, f))
            .ok_or_else(|| format!("xs:{name}")),
        TypeDef::Ref(TypeRef::Simple(q)) => {
            let st = resolved.simple_types.get(q).ok_or_else(|| qname_text(q))?;
            match &st.variety {
                resolve::SimpleVariety::Restriction { .. } => {
                    root_of_restriction(resolved, st, depth)
                }
                _ => Ok(Root::Named(q.clone())),
            }
        }
        TypeDef::Ref(TypeRef::Complex(q)) => Err(qname_text(q)),
        TypeDef::AnonSimple(st) => match &st.variety {
            resolve::SimpleVariety::Restriction { .. } => root_of_restriction(resolved, st, depth),
            _ => Err("anonymous list or union as a restriction base".into()),
        },
        TypeDef::AnonComplex(_) => Err("complex type as a simple type base".into()),
    }
}

fn root_of_restriction(
    resolved: &resolve::Resolved,
    st: &resolve::SimpleType,
    depth: u32,
) -> Result<Root, String> {
    let resolve::SimpleVariety::Restriction { base, facets } = &st.variety else {
        return Err("not a restriction".into());
    };
    if !facets.enumeration.is_empty() {
        return Ok(Root::Enumeration(facets.enumeration.clone()));
    }
    Ok(match root(resolved, base, depth + 1)? {
        Root::Builtin(b, mut merged) => {
            merge(&mut merged, facets);
            Root::Builtin(b, merged)
        }
        other => other,
    })
}

/// `{ns}local` for messages.
pub(super) fn qname_text(q: &resolve::QName) -> String {
    match &q.ns {
        Some(ns) => format!("{{{ns}}}{}", q.local),
        None => q.local.clone(),
    }
}

/// Enumeration values with unique variant names; returns them and the name
/// of the catch-all variant.
pub(super) fn enum_values(values: &[resolve::EnumValue]) -> (Vec<EnumValue>, String) {
    let mut names = super::naming::Names::new();
    let out: Vec<EnumValue> = values
        .iter()
        .map(|v| EnumValue {
            variant: names.unique(super::naming::variant_name(&v.value)),
            value: v.value.clone(),
            doc: v.doc.clone(),
        })
        .collect();
    let unknown = if out.iter().any(|v| v.variant == "Unknown") {
        names.unique("Unknown_".to_string())
    } else {
        "Unknown".to_string()
    };
    (out, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_of_a_step_are_alternatives_and_steps_all_apply() {
        let step = |patterns: &[&str], max: Option<u64>| resolve::Facets {
            patterns: patterns.iter().map(|p| p.to_string()).collect(),
            max_length: max,
            ..resolve::Facets::default()
        };
        let mut folded = Facets::default();
        for s in [
            step(&["[0-9]+"], Some(9)),
            step(&["[0-9]{3}", "0"], None),
            step(&[], Some(3)),
        ] {
            merge(&mut folded, &s);
        }
        assert_eq!(folded.patterns, ["[0-9]+", "([0-9]{3})|(0)"]);
        assert_eq!(folded.max_length, Some(3));
    }
}
