//! Named and anonymous types: structs of complex types, simple types,
//! polymorphic bases, references to built-ins and global elements.

use super::particles::{flatten, wildcard_field, Spec};
use super::*;

impl Builder<'_> {
    pub(super) fn build_types(&mut self) {
        for (site, location) in self.sites.clone() {
            match site {
                Site::Complex(q) => {
                    let Some(ct) = self.resolved.complex_types.get(&q) else {
                        continue;
                    };
                    let (module, name) = self.complex_names[&q].clone();
                    let st = self.named_struct(&q);
                    self.push_type(
                        &module,
                        TypeDef {
                            name,
                            origin: format!("XSD complex type `{}`", q.local),
                            xml: Some(xml_name(&q)),
                            xsd_name: q.local.clone(),
                            doc: ct.doc.clone(),
                            attributes: Vec::new(),
                            kind: TypeKind::Struct(st.unwrap_or_default()),
                        },
                        &location,
                    );
                    self.push_polymorphic(&q, &location);
                }
                Site::Simple(q) => {
                    let Some(st) = self.resolved.simple_types.get(&q) else {
                        continue;
                    };
                    let (module, name) = self.simple_names[&q].clone();
                    let ctx = Ctx {
                        module: module.clone(),
                        parent: name.clone(),
                    };
                    let kind = self.simple_kind(st, &ctx);
                    self.push_type(
                        &module,
                        TypeDef {
                            name,
                            origin: format!("XSD simple type `{}`", q.local),
                            xml: Some(xml_name(&q)),
                            xsd_name: q.local.clone(),
                            doc: st.doc.clone(),
                            attributes: Vec::new(),
                            kind,
                        },
                        &location,
                    );
                }
                Site::Element(q) => {
                    let Some(el) = self.resolved.elements.get(&q) else {
                        continue;
                    };
                    let (module, name) = self.element_names[&q].clone();
                    let ctx = Ctx {
                        module: module.clone(),
                        parent: name.clone(),
                    };
                    let (kind, doc) = match &el.ty {
                        resolve::TypeDef::AnonComplex(ct) => (
                            TypeKind::Struct(self.complex_struct(ct, &ctx)),
                            el.doc.clone().or_else(|| ct.doc.clone()),
                        ),
                        resolve::TypeDef::AnonSimple(st) => (
                            self.simple_kind(st, &ctx),
                            el.doc.clone().or_else(|| st.doc.clone()),
                        ),
                        resolve::TypeDef::Ref(_) => continue,
                    };
                    self.push_type(
                        &module,
                        TypeDef {
                            name,
                            origin: format!("Element `{}`", q.local),
                            xml: Some(xml_name(&q)),
                            xsd_name: q.local.clone(),
                            doc,
                            attributes: Vec::new(),
                            kind,
                        },
                        &location,
                    );
                }
            }
        }
    }

    /// The enum of `q` and the types derived from it, if others extend `q`.
    pub(super) fn push_polymorphic(&mut self, q: &QName, location: &Location) {
        let Some((module, name)) = self.poly_names.get(q).cloned() else {
            return;
        };
        let names = &self.complex_names;
        let kind = self.derivations.polymorphic(q, |d| {
            names.get(d).map(|(module, name)| RustType::Named {
                module: module.clone(),
                name: name.clone(),
            })
        });
        self.push_type(
            &module,
            TypeDef {
                name: name.clone(),
                origin: format!(
                    "XSD complex type `{}` or a type derived from it, chosen by `xsi:type`",
                    q.local
                ),
                xml: None,
                xsd_name: name,
                doc: None,
                attributes: Vec::new(),
                kind: TypeKind::Polymorphic(kind),
            },
            location,
        );
    }

    /// The struct of a named complex type (memoized: extensions copy their base's).
    pub(super) fn named_struct(&mut self, q: &QName) -> Option<Struct> {
        if let Some(s) = self.structs.get(q) {
            return Some(s.clone());
        }
        let ct = self.resolved.complex_types.get(q)?;
        if !self.in_progress.insert(q.clone()) {
            self.errors.push(ModelError::Unsupported {
                what: format!("`{}` derives from itself", q.local),
                location: ct.location.clone(),
            });
            return None;
        }
        let (module, parent) = self.complex_names.get(q).cloned()?;
        let st = self.complex_struct(ct, &Ctx { module, parent });
        self.in_progress.remove(q);
        self.structs.insert(q.clone(), st.clone());
        Some(st)
    }

    /// The struct of a complex type; anonymous nested types are generated.
    pub(super) fn complex_struct(&mut self, ct: &resolve::ComplexType, ctx: &Ctx) -> Struct {
        let mut names = Names::new();
        let mut out = Struct::default();
        let (base_struct, own_particle) = match &ct.content {
            ComplexContent::Empty => (None, None),
            ComplexContent::Particle(p) => (None, Some(p)),
            ComplexContent::Simple { base, .. } => {
                let base_struct = match base {
                    TypeRef::Complex(q) => self.named_struct(q),
                    other => {
                        let ty = self.type_ref(other, &ct.location);
                        ty.map(|ty| Struct {
                            text: Some(TextValue {
                                name: "value".into(),
                                ty,
                            }),
                            ..Struct::default()
                        })
                    }
                };
                (base_struct, None)
            }
            ComplexContent::Extension { base, particle } => {
                (self.base_struct(base, &ct.location), particle.as_ref())
            }
            ComplexContent::Restriction { base, particle } => {
                let base_struct = self.base_struct(base, &ct.location).map(|b| Struct {
                    fields: Vec::new(),
                    ..b
                });
                (base_struct, particle.as_ref())
            }
        };
        if let Some(base) = base_struct {
            for f in &base.fields {
                names.unique(f.name().to_string());
            }
            for a in &base.attributes {
                names.unique(a.name.clone());
            }
            if let Some(t) = &base.text {
                names.unique(t.name.clone());
            }
            out = base;
        }
        if let Some(p) = own_particle {
            let mut specs = Vec::new();
            flatten(p, Occurs::ONCE, &mut specs);
            let mut choices = 0;
            for spec in specs {
                match spec {
                    Spec::Element(el, occurs) => {
                        if let Some(f) = self.element_field(el, occurs, ctx, &mut names) {
                            out.fields.push(Field::Element(f));
                        }
                    }
                    Spec::Any(namespace, occurs) => {
                        out.fields.push(Field::Element(wildcard_field(
                            namespace,
                            occurs,
                            ct.target_ns.as_deref(),
                            &mut names,
                        )));
                    }
                    Spec::Choice(alts, occurs, location) => {
                        choices += 1;
                        let f =
                            self.choice_field(&alts, occurs, &location, choices, ctx, &mut names);
                        if let Some(f) = f {
                            out.fields.push(Field::Choice(f));
                        }
                    }
                }
            }
        }
        // Attributes: a restriction overrides by name; prohibited ones go.
        for a in &ct.attributes {
            let xml = XmlName {
                ns: a.name.ns.clone(),
                local: a.name.local.clone(),
            };
            if let Some(i) = out.attributes.iter().position(|b| b.xml == xml) {
                let old = out.attributes.remove(i);
                if a.prohibited {
                    continue;
                }
                if let Some(attr) = self.attribute(a, ctx, old.name) {
                    out.attributes.insert(i, attr);
                }
                continue;
            }
            if a.prohibited {
                continue;
            }
            let name = names.unique(naming::field_name(&a.name.local));
            if let Some(attr) = self.attribute(a, ctx, name) {
                out.attributes.push(attr);
            }
        }
        if let Some(text) = &mut out.text {
            if out.fields.iter().any(|f| f.name() == text.name)
                || out.attributes.iter().any(|a| a.name == text.name)
            {
                text.name = names.unique(text.name.clone());
            }
        }
        out
    }

    pub(super) fn base_struct(&mut self, base: &TypeRef, location: &Location) -> Option<Struct> {
        match base {
            TypeRef::Complex(q) => self.named_struct(q),
            TypeRef::Builtin(n) if n == "anyType" => Some(Struct::default()),
            other => {
                let ty = self.type_ref(other, location)?;
                Some(Struct {
                    text: Some(TextValue {
                        name: "value".into(),
                        ty,
                    }),
                    ..Struct::default()
                })
            }
        }
    }

    /// The Rust type of a named or anonymous type; anonymous ones are
    /// generated under the name `ctx.parent`.
    pub(super) fn type_def(
        &mut self,
        def: &resolve::TypeDef,
        ctx: &Ctx,
        location: &Location,
    ) -> Option<RustType> {
        match def {
            resolve::TypeDef::Ref(r) => self.type_ref(r, location),
            resolve::TypeDef::AnonComplex(ct) => {
                let name = self.unique_type_name(&ctx.module, ctx.parent.clone());
                let inner = Ctx {
                    module: ctx.module.clone(),
                    parent: name.clone(),
                };
                let st = self.complex_struct(ct, &inner);
                self.push_type(
                    &ctx.module,
                    TypeDef {
                        name: name.clone(),
                        origin: "Anonymous complex type".to_string(),
                        xml: None,
                        xsd_name: name.clone(),
                        doc: ct.doc.clone(),
                        attributes: Vec::new(),
                        kind: TypeKind::Struct(st),
                    },
                    &ct.location,
                );
                Some(RustType::Named {
                    module: ctx.module.clone(),
                    name,
                })
            }
            resolve::TypeDef::AnonSimple(st) => {
                // A plain restriction of a built-in without facets is just the built-in.
                if let resolve::SimpleVariety::Restriction { base, facets } = &st.variety {
                    if *facets == resolve::Facets::default() {
                        if let resolve::TypeDef::Ref(r) = base {
                            return self.type_ref(r, location);
                        }
                    }
                }
                let name = self.unique_type_name(&ctx.module, ctx.parent.clone());
                let inner = Ctx {
                    module: ctx.module.clone(),
                    parent: name.clone(),
                };
                let kind = self.simple_kind(st, &inner);
                self.push_type(
                    &ctx.module,
                    TypeDef {
                        name: name.clone(),
                        origin: "Anonymous simple type".to_string(),
                        xml: None,
                        xsd_name: name.clone(),
                        doc: st.doc.clone(),
                        attributes: Vec::new(),
                        kind,
                    },
                    &st.location,
                );
                Some(RustType::Named {
                    module: ctx.module.clone(),
                    name,
                })
            }
        }
    }

    pub(super) fn type_ref(&mut self, r: &TypeRef, location: &Location) -> Option<RustType> {
        let found = match r {
            TypeRef::Builtin(n) => match Builtin::of_xsd_use(n) {
                Some(b) => return Some(RustType::Builtin(b)),
                None => {
                    self.errors.push(ModelError::UnknownBuiltin {
                        name: n.clone(),
                        location: location.clone(),
                    });
                    return None;
                }
            },
            TypeRef::Complex(q) => (
                self.poly_names.get(q).or_else(|| self.complex_names.get(q)),
                q,
            ),
            TypeRef::Simple(q) => (self.simple_names.get(q), q),
        };
        match found {
            (Some((module, name)), _) => Some(RustType::Named {
                module: module.clone(),
                name: name.clone(),
            }),
            (None, q) => {
                self.errors.push(ModelError::UnknownType {
                    name: simple::qname_text(q),
                    location: location.clone(),
                });
                None
            }
        }
    }

    pub(super) fn simple_kind(&mut self, st: &resolve::SimpleType, ctx: &Ctx) -> TypeKind {
        match &st.variety {
            resolve::SimpleVariety::Restriction { base, facets } => {
                let root = if facets.enumeration.is_empty() {
                    simple::root(self.resolved, base, 0).map(|root| match root {
                        Root::Builtin(b, mut merged) => {
                            simple::merge(&mut merged, facets);
                            Root::Builtin(b, merged)
                        }
                        other => other,
                    })
                } else {
                    Ok(Root::Enumeration(facets.enumeration.clone()))
                };
                match root {
                    Ok(Root::Builtin(inner, facets)) => {
                        TypeKind::Newtype(Newtype { inner, facets })
                    }
                    Ok(Root::Enumeration(values)) => {
                        let (values, unknown) = simple::enum_values(&values);
                        TypeKind::Enumeration(Enumeration { values, unknown })
                    }
                    Ok(Root::Named(q)) => match self.type_ref(&TypeRef::Simple(q), &st.location) {
                        Some(ty) => TypeKind::Alias(ty),
                        None => TypeKind::Alias(RustType::Builtin(Builtin::String)),
                    },
                    Err(what) => {
                        self.errors.push(ModelError::UnknownType {
                            name: what,
                            location: st.location.clone(),
                        });
                        TypeKind::Alias(RustType::Builtin(Builtin::String))
                    }
                }
            }
            resolve::SimpleVariety::List { item } => {
                let anon = Ctx {
                    module: ctx.module.clone(),
                    parent: format!("{}Item", naming::unraw(&ctx.parent)),
                };
                let ty = self
                    .type_def(item, &anon, &st.location)
                    .unwrap_or(RustType::Builtin(Builtin::String));
                TypeKind::List(ty)
            }
            resolve::SimpleVariety::Union { members } => {
                let mut names = Names::new();
                let mut variants = Vec::new();
                for (i, m) in members.iter().enumerate() {
                    let anon = Ctx {
                        module: ctx.module.clone(),
                        parent: format!("{}Member{}", naming::unraw(&ctx.parent), i + 1),
                    };
                    let Some(ty) = self.type_def(m, &anon, &st.location) else {
                        continue;
                    };
                    let name = match &ty {
                        RustType::Builtin(b) => b.variant_name().to_string(),
                        RustType::Named { name, .. } => naming::unraw(name).to_string(),
                    };
                    variants.push(Variant {
                        name: names.unique(name),
                        ty,
                    });
                }
                TypeKind::Union(variants)
            }
        }
    }

    /// The Rust type of a global element (for messages and fault details).
    pub(super) fn element_type(&mut self, q: &QName, location: &Location) -> Option<RustType> {
        let Some(el) = self.resolved.elements.get(q) else {
            self.errors.push(ModelError::UnknownType {
                name: format!("element {}", simple::qname_text(q)),
                location: location.clone(),
            });
            return None;
        };
        match &el.ty {
            resolve::TypeDef::Ref(r) => self.type_ref(r, &el.location),
            _ => self
                .element_names
                .get(q)
                .map(|(module, name)| RustType::Named {
                    module: module.clone(),
                    name: name.clone(),
                }),
        }
    }

    pub(super) fn struct_of(&self, ty: &RustType) -> Option<&Struct> {
        let RustType::Named { module, name } = ty else {
            return None;
        };
        self.types
            .get(module)?
            .iter()
            .find_map(|(_, t)| match &t.kind {
                TypeKind::Struct(s) if &t.name == name => Some(s),
                _ => None,
            })
    }
}
