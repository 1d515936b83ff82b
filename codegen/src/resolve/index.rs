//! The global component tables: every schema, with its effective target
//! namespace (chameleon includes take the includer's), and its named
//! components by kind and expanded name.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::error::ResolveError;
use super::ir::{Location, QName};
use crate::parse::{Component, ComponentKind, Documents, Pos, SchemaDoc};

/// A schema as it takes part in the run: a document and the namespace its
/// components go to.
pub(crate) struct Instance<'d> {
    pub(crate) schema: &'d SchemaDoc,
    pub(crate) ns: Option<&'d str>,
    pub(crate) file: &'d Path,
}

impl Instance<'_> {
    /// Unprefixed no-namespace QNames of a chameleon schema mean the includer's namespace.
    pub(crate) fn is_chameleon(&self) -> bool {
        self.schema.target_ns.is_none() && self.ns.is_some()
    }

    pub(crate) fn location(&self, pos: Pos) -> Location {
        Location {
            file: self.file.to_path_buf(),
            line: pos.line,
            col: pos.col,
        }
    }
}

/// A named component and the instance declaring it.
#[derive(Clone, Copy)]
pub(crate) struct Entry<'d> {
    pub(crate) inst: usize,
    pub(crate) component: &'d Component,
}

pub(crate) struct Index<'d> {
    pub(crate) instances: Vec<Instance<'d>>,
    /// In declaration order per kind, for deterministic output.
    pub(crate) order: Vec<(ComponentKind, QName)>,
    pub(crate) table: HashMap<(ComponentKind, QName), Entry<'d>>,
}

pub(crate) fn kind_name(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Element => "element",
        ComponentKind::ComplexType => "complexType",
        ComponentKind::SimpleType => "simpleType",
        ComponentKind::Group => "group",
        ComponentKind::AttributeGroup => "attributeGroup",
        ComponentKind::Attribute => "attribute",
    }
}

impl<'d> Index<'d> {
    pub(crate) fn build(docs: &'d Documents, errors: &mut Vec<ResolveError>) -> Self {
        let included: HashSet<usize> = docs
            .schemas
            .iter()
            .flat_map(|s| s.includes.iter().filter_map(|i| i.file))
            .collect();
        let mut pairs: Vec<(usize, Option<&'d str>)> = docs
            .schemas
            .iter()
            .enumerate()
            .filter(|(_, s)| s.target_ns.is_some() || !included.contains(&s.file))
            .map(|(i, s)| (i, s.target_ns.as_deref()))
            .collect();
        let mut seen: HashSet<(usize, Option<&'d str>)> = pairs.iter().copied().collect();
        let mut next = 0;
        while next < pairs.len() {
            let (s, ns) = pairs[next];
            next += 1;
            let schema = &docs.schemas[s];
            for include in &schema.includes {
                let Some(file) = include.file else { continue };
                for &t in &docs.files[file].schemas {
                    let target = &docs.schemas[t];
                    match target.target_ns.as_deref() {
                        None => {
                            if seen.insert((t, ns)) {
                                pairs.push((t, ns));
                            }
                        }
                        Some(found) if Some(found) != ns => {
                            errors.push(ResolveError::IncludeNamespaceMismatch {
                                expected: ns.unwrap_or("").to_owned(),
                                found: found.to_owned(),
                                at: Location {
                                    file: docs.files[schema.file].path.clone(),
                                    line: include.pos.line,
                                    col: include.pos.col,
                                },
                            });
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        let instances: Vec<Instance<'d>> = pairs
            .into_iter()
            .map(|(s, ns)| {
                let schema = &docs.schemas[s];
                Instance {
                    schema,
                    ns,
                    file: &docs.files[schema.file].path,
                }
            })
            .collect();

        let mut order = Vec::new();
        let mut table: HashMap<(ComponentKind, QName), Entry<'d>> = HashMap::new();
        for (inst, instance) in instances.iter().enumerate() {
            for component in &instance.schema.components {
                let key = (
                    component.kind,
                    QName {
                        ns: instance.ns.map(str::to_owned),
                        local: component.name.clone(),
                    },
                );
                if let Some(first) = table.get(&key) {
                    if first.component.fingerprint != component.fingerprint {
                        errors.push(ResolveError::DuplicateDefinition {
                            kind: kind_name(component.kind).to_owned(),
                            name: key.1.to_string(),
                            at: instance.location(component.element.pos),
                            first: instances[first.inst].location(first.component.element.pos),
                        });
                    }
                    continue;
                }
                order.push(key.clone());
                table.insert(key, Entry { inst, component });
            }
        }
        Index {
            instances,
            order,
            table,
        }
    }

    pub(crate) fn get(&self, kind: ComponentKind, name: &QName) -> Option<Entry<'d>> {
        // Avoids cloning the name for the lookup key in the common case by
        // building the key once per call.
        self.table.get(&(kind, name.clone())).copied()
    }
}
