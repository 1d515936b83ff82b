//! The derivation graph of named complex types, and the enum of the types an
//! element declared with a base type may hold through `xsi:type`.

use std::collections::{BTreeMap, BTreeSet};

use super::naming::{self, Names};
use super::{PolyVariant, Polymorphic, RustType, XmlName};
use crate::resolve::{ComplexContent, QName, Resolved, TypeRef};

/// Which named complex types extend which (`complexContent/extension`).
#[derive(Debug, Default)]
pub(super) struct Derivations {
    /// Base → the types extending it directly, in document order.
    derived: BTreeMap<QName, Vec<QName>>,
    abstract_types: BTreeSet<QName>,
}

impl Derivations {
    pub(super) fn new(resolved: &Resolved) -> Self {
        let file = |f: &std::path::Path| {
            resolved
                .files
                .iter()
                .position(|x| x == f)
                .unwrap_or(usize::MAX)
        };
        let mut types: Vec<(&QName, &crate::resolve::ComplexType)> =
            resolved.complex_types.iter().collect();
        types.sort_by_key(|(_, ct)| (file(&ct.location.file), ct.location.line, ct.location.col));
        let mut out = Derivations::default();
        for (name, ct) in types {
            if ct.is_abstract {
                out.abstract_types.insert(name.clone());
            }
            if let ComplexContent::Extension {
                base: TypeRef::Complex(base),
                ..
            } = &ct.content
            {
                if base != name {
                    out.derived
                        .entry(base.clone())
                        .or_default()
                        .push(name.clone());
                }
            }
        }
        out
    }

    /// The types an element declared with `base` may hold: `base` itself
    /// unless abstract, then every type derived from it (transitively,
    /// depth first in document order) that is not abstract. Empty when
    /// nothing derives from `base`: it stays a plain struct.
    pub(super) fn instantiable(&self, base: &QName) -> Vec<QName> {
        let mut seen = BTreeSet::from([base.clone()]);
        let mut order = Vec::new();
        let mut todo: Vec<&QName> = self
            .derived
            .get(base)
            .map(|d| d.iter().rev().collect())
            .unwrap_or_default();
        while let Some(q) = todo.pop() {
            if !seen.insert(q.clone()) {
                continue;
            }
            order.push(q.clone());
            if let Some(more) = self.derived.get(q) {
                todo.extend(more.iter().rev());
            }
        }
        if order.is_empty() {
            return order;
        }
        let mut out: Vec<QName> = Vec::with_capacity(order.len() + 1);
        out.push(base.clone());
        out.extend(order);
        out.retain(|q| !self.is_abstract(q));
        out
    }

    pub(super) fn is_abstract(&self, q: &QName) -> bool {
        self.abstract_types.contains(q)
    }

    /// The type `q` extends directly.
    fn base_of(&self, q: &QName) -> Option<&QName> {
        self.derived
            .iter()
            .find_map(|(base, derived)| derived.contains(q).then_some(base))
    }

    /// The enum of `base` (see [`instantiable`](Self::instantiable)); `struct_of`
    /// gives the struct generated for each type.
    pub(super) fn polymorphic(
        &self,
        base: &QName,
        struct_of: impl Fn(&QName) -> Option<RustType>,
    ) -> Polymorphic {
        let is_abstract = self.is_abstract(base);
        let mut names = Names::new();
        let variants = self
            .instantiable(base)
            .into_iter()
            .filter_map(|q| {
                let ty = struct_of(&q)?;
                let RustType::Named { name, .. } = &ty else {
                    return None;
                };
                let doc = if &q == base {
                    format!("`{}` itself (written without `xsi:type`).", q.local)
                } else {
                    let parent = self.base_of(&q).map_or("", |p| p.local.as_str());
                    format!(
                        "XSD complex type `{}`, an extension of `{parent}`.",
                        q.local
                    )
                };
                Some(PolyVariant {
                    name: names.unique(naming::unraw(name).to_owned()),
                    xml: XmlName {
                        ns: q.ns.clone(),
                        local: q.local.clone(),
                    },
                    ty,
                    doc: Some(doc),
                })
            })
            .collect();
        Polymorphic {
            base: XmlName {
                ns: base.ns.clone(),
                local: base.local.clone(),
            },
            is_abstract,
            variants,
        }
    }
}

/// The name of the enum of a base type's struct `Name`: `AnyName`.
pub(super) fn enum_name(struct_name: &str) -> String {
    format!("Any{}", naming::unraw(struct_name))
}
