//! Restricting a model to some operations and the types they reach.

use std::collections::{BTreeMap, BTreeSet};

use super::{Field, Model, RustType, TypeKind};

/// Keeps the operations named in `names` and what they reach.
pub(super) fn retain_operations(model: &mut Model, names: &[String]) {
    let mut roots: Vec<RustType> = Vec::new();
    for module in &mut model.modules {
        let mut remap = BTreeMap::new();
        let mut kept = Vec::new();
        for (i, op) in std::mem::take(&mut module.operations)
            .into_iter()
            .enumerate()
        {
            if names.contains(&op.name) {
                remap.insert(i, kept.len());
                roots.extend(op.input.iter().map(|m| m.ty.clone()));
                roots.extend(
                    op.output
                        .iter()
                        .flat_map(|o| &o.message)
                        .map(|m| m.ty.clone()),
                );
                if let Some(f) = &op.faults {
                    roots.extend(f.variants.iter().map(|v| v.ty.clone()));
                }
                roots.extend(op.header_types());
                kept.push(op);
            }
        }
        module.operations = kept;
        for service in &mut module.services {
            service.operations = service
                .operations
                .iter()
                .filter_map(|i| remap.get(i).copied())
                .collect();
        }
        module.services.retain(|s| !s.operations.is_empty());
    }
    let reached = reachable(model, roots);
    for module in &mut model.modules {
        let name = module.name.clone();
        module
            .types
            .retain(|t| reached.contains(&(name.clone(), t.name.clone())));
    }
    model
        .modules
        .retain(|m| !m.types.is_empty() || !m.services.is_empty());
}

fn reachable(model: &Model, roots: Vec<RustType>) -> BTreeSet<(String, String)> {
    let index: BTreeMap<(String, String), &TypeKind> = model
        .modules
        .iter()
        .flat_map(|m| {
            m.types
                .iter()
                .map(move |t| ((m.name.clone(), t.name.clone()), &t.kind))
        })
        .collect();
    let mut seen = BTreeSet::new();
    let mut todo = roots;
    while let Some(ty) = todo.pop() {
        let RustType::Named { module, name } = ty else {
            continue;
        };
        let key = (module, name);
        if !seen.insert(key.clone()) {
            continue;
        }
        let Some(kind) = index.get(&key) else {
            continue;
        };
        match kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    match f {
                        Field::Element(e) => todo.push(e.ty.ty.clone()),
                        Field::Choice(c) => {
                            todo.push(c.ty.clone());
                            todo.extend(c.alternatives.iter().map(|a| a.ty.ty.clone()));
                        }
                    }
                }
                todo.extend(s.attributes.iter().map(|a| a.ty.clone()));
                todo.extend(s.text.iter().map(|t| t.ty.clone()));
            }
            TypeKind::Choice(alts) => todo.extend(alts.iter().map(|a| a.ty.ty.clone())),
            TypeKind::List(ty) | TypeKind::Alias(ty) => todo.push(ty.clone()),
            TypeKind::Union(vs) => todo.extend(vs.iter().map(|v| v.ty.clone())),
            TypeKind::Polymorphic(p) => todo.extend(p.variants.iter().map(|v| v.ty.clone())),
            TypeKind::Newtype(_) | TypeKind::Enumeration(_) => {}
        }
    }
    seen
}
