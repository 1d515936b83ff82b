//! Boxing of recursive fields: a field whose type is in the same strongly
//! connected component of the "holds by value" graph as its struct is boxed.

use std::collections::BTreeMap;

use super::{Field, Model, Occurrence, RustType, TypeKind};

type Node = (String, String);

/// Marks `boxed` on every field that would make a type infinitely sized.
pub(super) fn box_recursive_fields(model: &mut Model) {
    let mut edges: BTreeMap<Node, Vec<Node>> = BTreeMap::new();
    for m in &model.modules {
        for t in &m.types {
            let targets = edges.entry((m.name.clone(), t.name.clone())).or_default();
            for (ty, occ) in by_value(&t.kind) {
                if let RustType::Named { module, name } = ty {
                    if !occ.is_many() {
                        targets.push((module.clone(), name.clone()));
                    }
                }
            }
        }
    }
    let component = tarjan(&edges);
    let same = |a: &Node, ty: &RustType| match ty {
        RustType::Named { module, name } => {
            let b = (module.clone(), name.clone());
            let self_loop = *a == b;
            let (ca, cb) = (component.get(a), component.get(&b));
            self_loop || (ca.is_some() && ca == cb && edges.get(a).is_some_and(|e| !e.is_empty()))
        }
        RustType::Builtin(_) => false,
    };
    for m in &mut model.modules {
        for t in &mut m.types {
            let me = (m.name.clone(), t.name.clone());
            match &mut t.kind {
                TypeKind::Struct(s) => {
                    for f in &mut s.fields {
                        if let Field::Element(e) = f {
                            if !e.ty.occurrence.is_many() && same(&me, &e.ty.ty) {
                                e.ty.boxed = true;
                            }
                        }
                    }
                }
                TypeKind::Choice(alts) => {
                    for a in alts {
                        if !a.ty.occurrence.is_many() && same(&me, &a.ty.ty) {
                            a.ty.boxed = true;
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn by_value(kind: &TypeKind) -> Vec<(&RustType, Occurrence)> {
    match kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| match f {
                Field::Element(e) => (&e.ty.ty, e.ty.occurrence),
                Field::Choice(c) => (&c.ty, c.occurrence),
            })
            .collect(),
        TypeKind::Choice(alts) => alts.iter().map(|a| (&a.ty.ty, a.ty.occurrence)).collect(),
        TypeKind::Alias(ty) => vec![(ty, Occurrence::One)],
        // Never boxed: every cycle through one also passes a struct field, which is.
        TypeKind::Polymorphic(p) => p
            .variants
            .iter()
            .map(|v| (&v.ty, Occurrence::One))
            .collect(),
        _ => Vec::new(),
    }
}

/// Component index of every node (Tarjan).
fn tarjan(edges: &BTreeMap<Node, Vec<Node>>) -> BTreeMap<Node, usize> {
    struct State<'a> {
        edges: &'a BTreeMap<Node, Vec<Node>>,
        index: BTreeMap<Node, usize>,
        low: BTreeMap<Node, usize>,
        on_stack: BTreeMap<Node, bool>,
        stack: Vec<Node>,
        next: usize,
        component: BTreeMap<Node, usize>,
        components: usize,
    }
    fn visit(s: &mut State<'_>, v: &Node) {
        s.index.insert(v.clone(), s.next);
        s.low.insert(v.clone(), s.next);
        s.next += 1;
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone(), true);
        let targets = s.edges.get(v).cloned().unwrap_or_default();
        for w in &targets {
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                if let Some(l) = s.low.get_mut(v) {
                    *l = (*l).min(lw);
                }
            } else if s.on_stack.get(w).copied().unwrap_or(false) {
                let iw = s.index[w];
                if let Some(l) = s.low.get_mut(v) {
                    *l = (*l).min(iw);
                }
            }
        }
        if s.low[v] == s.index[v] {
            while let Some(w) = s.stack.pop() {
                s.on_stack.insert(w.clone(), false);
                s.component.insert(w.clone(), s.components);
                if &w == v {
                    break;
                }
            }
            s.components += 1;
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        on_stack: BTreeMap::new(),
        stack: Vec::new(),
        next: 0,
        component: BTreeMap::new(),
        components: 0,
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.component
}
