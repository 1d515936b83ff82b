//! `Resolved` → `Model`.

mod attributes;
mod headers;
mod names;
mod particles;
mod services;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use super::derivation::{self, Derivations};
use super::naming::{self, Names};
use super::simple::{self, Root};
use super::*;
use crate::resolve::{
    self, ComplexContent, Location, Occurs, Particle, QName, Resolved, Term, TypeRef,
};
use attributes::apply_attributes;

/// Builds the model; every problem found is reported.
pub fn build(resolved: &Resolved, options: &ModelOptions) -> Result<Model, ModelErrors> {
    let mut b = Builder::new(resolved, options);
    b.collect_sites();
    b.build_types();
    b.reserve_type_statics();
    b.build_services();
    if !b.errors.is_empty() {
        return Err(crate::errors::Errors(b.errors));
    }
    let mut model = b.finish();
    super::recursion::box_recursive_fields(&mut model);
    apply_attributes(&mut model, options);
    if let Some(ops) = &options.operations {
        unknown_operations(&model, &resolved.unselected_operations, ops)?;
        model.retain_operations(ops);
    }
    Ok(model)
}

/// An error for each name in `wanted` that no operation of `model` has,
/// with the operation names close to it.
fn unknown_operations(
    model: &Model,
    unselected: &[String],
    wanted: &[String],
) -> Result<(), ModelErrors> {
    let known: BTreeSet<&str> = model
        .modules
        .iter()
        .flat_map(|m| &m.operations)
        .map(|op| op.name.as_str())
        .chain(unselected.iter().map(String::as_str))
        .collect();
    let errors: Vec<ModelError> = wanted
        .iter()
        .filter(|name| !known.contains(name.as_str()))
        .map(|name| ModelError::UnknownOperation {
            name: name.clone(),
            close: crate::errors::close_matches(name, known.iter().copied()),
            known: known.len(),
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(crate::errors::Errors(errors))
    }
}

/// Something at the top level that becomes a Rust type.
#[derive(Debug, Clone)]
enum Site {
    Complex(QName),
    Simple(QName),
    Element(QName),
}

/// Where a type's name comes from when it is anonymous.
#[derive(Debug, Clone)]
struct Ctx {
    module: String,
    parent: String,
}

struct Builder<'a> {
    resolved: &'a Resolved,
    options: &'a ModelOptions,
    errors: Vec<ModelError>,
    /// Namespaces in first-use order, with their module names.
    namespaces: Vec<String>,
    module_of_ns: BTreeMap<String, String>,
    /// Type namespace of each module.
    names: BTreeMap<String, Names>,
    /// Value namespace (statics) of each module.
    statics: BTreeMap<String, Names>,
    sites: Vec<(Site, Location)>,
    complex_names: BTreeMap<QName, (String, String)>,
    simple_names: BTreeMap<QName, (String, String)>,
    element_names: BTreeMap<QName, (String, String)>,
    /// Complex types other types extend, with their enums' names (fields of
    /// these types hold the enum).
    poly_names: BTreeMap<QName, (String, String)>,
    derivations: Derivations,
    /// Built structs of named complex types (bases of extensions reuse them).
    structs: BTreeMap<QName, Struct>,
    in_progress: BTreeSet<QName>,
    /// Generated types per module, with a sort key.
    types: BTreeMap<String, Vec<(SortKey, TypeDef)>>,
    counter: usize,
    operations: BTreeMap<String, Vec<Operation>>,
    services: BTreeMap<String, Vec<Service>>,
}

const NO_NAMESPACE: &str = "";

/// Document order: file index, line, column, then creation order.
type SortKey = (usize, u32, u32, usize);

impl<'a> Builder<'a> {
    fn new(resolved: &'a Resolved, options: &'a ModelOptions) -> Self {
        Builder {
            resolved,
            options,
            errors: Vec::new(),
            namespaces: Vec::new(),
            module_of_ns: BTreeMap::new(),
            names: BTreeMap::new(),
            statics: BTreeMap::new(),
            sites: Vec::new(),
            complex_names: BTreeMap::new(),
            simple_names: BTreeMap::new(),
            element_names: BTreeMap::new(),
            poly_names: BTreeMap::new(),
            derivations: Derivations::new(resolved),
            structs: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            types: BTreeMap::new(),
            counter: 0,
            operations: BTreeMap::new(),
            services: BTreeMap::new(),
        }
    }

    fn key(&mut self, loc: &Location) -> SortKey {
        let file = self
            .resolved
            .files
            .iter()
            .position(|f| f == &loc.file)
            .unwrap_or(usize::MAX);
        self.counter += 1;
        (file, loc.line, loc.col, self.counter)
    }

    fn ns_of(q: &QName) -> String {
        q.ns.clone().unwrap_or_else(|| NO_NAMESPACE.to_string())
    }

    fn finish(mut self) -> Model {
        let mut modules = Vec::new();
        let pairs: Vec<(String, String)> = self
            .namespaces
            .iter()
            .map(|n| (n.clone(), self.module(n)))
            .collect();
        for (ns, name) in pairs {
            let mut types = self.types.remove(&name).unwrap_or_default();
            types.sort_by_key(|t| t.0);
            let operations = self.operations.remove(&name).unwrap_or_default();
            let services = self.services.remove(&name).unwrap_or_default();
            if types.is_empty() && services.is_empty() {
                continue;
            }
            modules.push(Module {
                name,
                namespace: ns.clone(),
                doc: self
                    .resolved
                    .namespaces
                    .get(&ns)
                    .and_then(|i| i.doc.clone()),
                types: types.into_iter().map(|(_, t)| t).collect(),
                operations,
                services,
            });
        }
        // Modules holding only services go last, after the types they use.
        modules.sort_by_key(|m| m.types.is_empty());
        Model {
            sources: self.resolved.files.clone(),
            modules,
        }
    }
}

fn xml_name(q: &QName) -> XmlName {
    XmlName {
        ns: q.ns.clone(),
        local: q.local.clone(),
    }
}
