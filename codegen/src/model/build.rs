//! `Resolved` → `Model`.

use std::collections::{BTreeMap, BTreeSet};

#[path = "headers.rs"]
mod headers;

use super::derivation::{self, Derivations};
use super::naming::{self, Names};
use super::simple::{self, Root};
use super::*;
use crate::resolve::{
    self, ComplexContent, Location, Occurs, Particle, QName, Resolved, Term, TypeRef,
};

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

    /// Finds every top-level type site, orders them, names modules and types.
    fn collect_sites(&mut self) {
        let r = self.resolved;
        for (q, ct) in &r.complex_types {
            self.sites
                .push((Site::Complex(q.clone()), ct.location.clone()));
        }
        for (q, st) in &r.simple_types {
            self.sites
                .push((Site::Simple(q.clone()), st.location.clone()));
        }
        for (q, el) in &r.elements {
            if matches!(
                el.ty,
                resolve::TypeDef::AnonComplex(_) | resolve::TypeDef::AnonSimple(_)
            ) {
                self.sites
                    .push((Site::Element(q.clone()), el.location.clone()));
            }
        }
        let files = &r.files;
        let file_index = |l: &Location| {
            files
                .iter()
                .position(|f| f == &l.file)
                .unwrap_or(usize::MAX)
        };
        self.sites
            .sort_by_key(|(_, l)| (file_index(l), l.line, l.col));

        let mut namespaces: Vec<String> = Vec::new();
        for (site, _) in &self.sites {
            let q = match site {
                Site::Complex(q) | Site::Simple(q) | Site::Element(q) => q,
            };
            let ns = Self::ns_of(q);
            if !namespaces.contains(&ns) {
                namespaces.push(ns);
            }
        }
        for wsdl in &r.wsdls {
            if !wsdl.services.is_empty() && !namespaces.contains(&wsdl.target_ns) {
                namespaces.push(wsdl.target_ns.clone());
            }
        }
        let module_names = naming::module_names(&namespaces, &self.options.modules);
        for (ns, name) in namespaces.iter().zip(module_names) {
            self.module_of_ns.insert(ns.clone(), name.clone());
            self.names.insert(name.clone(), Names::reserved());
            let mut statics = Names::new();
            statics.unique("NAMESPACE".to_string());
            self.statics.insert(name, statics);
        }
        self.namespaces = namespaces;

        for (site, _) in self.sites.clone() {
            match site {
                Site::Complex(q) => {
                    let name = self.name_type(&q);
                    self.complex_names.insert(q, name);
                }
                Site::Simple(q) => {
                    let name = self.name_type(&q);
                    self.simple_names.insert(q, name);
                }
                Site::Element(q) => {
                    let name = self.name_type(&q);
                    self.element_names.insert(q, name);
                }
            }
        }
        // After every XSD name: the enums yield on clashes.
        for (site, _) in self.sites.clone() {
            if let Site::Complex(q) = site {
                if self.derivations.instantiable(&q).is_empty() {
                    continue;
                }
                let (module, name) = self.complex_names[&q].clone();
                let name = self.unique_type_name(&module, derivation::enum_name(&name));
                self.poly_names.insert(q, (module, name));
            }
        }
    }

    fn module(&self, ns: &str) -> String {
        self.module_of_ns
            .get(ns)
            .cloned()
            .unwrap_or_else(|| "unknown".to_string())
    }

    fn name_type(&mut self, q: &QName) -> (String, String) {
        let module = self.module(&Self::ns_of(q));
        let name = self.unique_type_name(&module, naming::type_name(&q.local));
        (module, name)
    }

    fn unique_type_name(&mut self, module: &str, name: String) -> String {
        self.names
            .entry(module.to_string())
            .or_default()
            .unique(name)
    }

    fn push_type(&mut self, module: &str, def: TypeDef, location: &Location) {
        let key = self.key(location);
        self.types
            .entry(module.to_string())
            .or_default()
            .push((key, def));
    }

    fn build_types(&mut self) {
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
    fn push_polymorphic(&mut self, q: &QName, location: &Location) {
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
    fn named_struct(&mut self, q: &QName) -> Option<Struct> {
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
    fn complex_struct(&mut self, ct: &resolve::ComplexType, ctx: &Ctx) -> Struct {
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

    fn base_struct(&mut self, base: &TypeRef, location: &Location) -> Option<Struct> {
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

    fn attribute(
        &mut self,
        a: &resolve::AttributeDecl,
        ctx: &Ctx,
        name: String,
    ) -> Option<Attribute> {
        let anon = Ctx {
            module: ctx.module.clone(),
            parent: format!(
                "{}{}",
                naming::unraw(&ctx.parent),
                naming::type_name(&a.name.local)
            ),
        };
        let ty = self.type_def(&a.ty, &anon, &a.location)?;
        Some(Attribute {
            name,
            xml: XmlName {
                ns: a.name.ns.clone(),
                local: a.name.local.clone(),
            },
            ty,
            required: a.required,
            default: a.default.clone().or_else(|| a.fixed.clone()),
            doc: a.doc.clone(),
        })
    }

    fn element_field(
        &mut self,
        el: &resolve::LocalElement,
        occurs: Occurs,
        ctx: &Ctx,
        names: &mut Names,
    ) -> Option<ElementField> {
        let anon = Ctx {
            module: ctx.module.clone(),
            parent: format!(
                "{}{}",
                naming::unraw(&ctx.parent),
                naming::unraw(&naming::type_name(&el.name.local))
            ),
        };
        let ty = self.local_element_type(el, &anon)?;
        Some(ElementField {
            name: names.unique(naming::field_name(&el.name.local)),
            xml: XmlName {
                ns: el.name.ns.clone(),
                local: el.name.local.clone(),
            },
            ty: FieldType {
                ty,
                occurrence: occurrence(occurs, el.nillable),
                boxed: false,
            },
            default: el.default.clone().or_else(|| el.fixed.clone()),
            doc: el.doc.clone(),
            attributes: Vec::new(),
            wildcard: None,
        })
    }

    fn choice_field(
        &mut self,
        alts: &[&Particle],
        occurs: Occurs,
        location: &Location,
        index: usize,
        ctx: &Ctx,
        names: &mut Names,
    ) -> Option<ChoiceField> {
        let base = if index == 1 {
            "Choice".to_string()
        } else {
            format!("Choice{index}")
        };
        let enum_name =
            self.unique_type_name(&ctx.module, format!("{}{base}", naming::unraw(&ctx.parent)));
        let mut variants = Names::new();
        let mut alternatives = Vec::new();
        for p in alts {
            let Term::Element(el) = &p.term else { continue };
            let anon = Ctx {
                module: ctx.module.clone(),
                parent: format!(
                    "{enum_name}{}",
                    naming::unraw(&naming::type_name(&el.name.local))
                ),
            };
            let Some(ty) = self.local_element_type(el, &anon) else {
                continue;
            };
            let occurrence = match (p.occurs.is_repeated(), el.nillable) {
                (true, false) => Occurrence::Many,
                (true, true) => Occurrence::ManyNillable,
                (false, true) => Occurrence::Nillable,
                (false, false) => Occurrence::One,
            };
            alternatives.push(Alternative {
                variant: variants.unique(naming::type_name(&el.name.local)),
                xml: XmlName {
                    ns: el.name.ns.clone(),
                    local: el.name.local.clone(),
                },
                ty: FieldType {
                    ty,
                    occurrence,
                    boxed: false,
                },
                doc: el.doc.clone(),
            });
        }
        let ty = RustType::Named {
            module: ctx.module.clone(),
            name: enum_name.clone(),
        };
        self.push_type(
            &ctx.module.clone(),
            TypeDef {
                name: enum_name.clone(),
                origin: format!("A choice in `{}`", naming::unraw(&ctx.parent)),
                xml: None,
                xsd_name: enum_name,
                doc: None,
                attributes: Vec::new(),
                kind: TypeKind::Choice(alternatives.clone()),
            },
            location,
        );
        let occurrence = if occurs.is_repeated() {
            Occurrence::Many
        } else if occurs.is_optional() {
            Occurrence::Optional
        } else {
            Occurrence::One
        };
        let field = if index == 1 {
            "choice".to_string()
        } else {
            format!("choice{index}")
        };
        Some(ChoiceField {
            name: names.unique(field),
            ty,
            occurrence,
            alternatives,
            doc: None,
        })
    }

    /// The type of a local element: a `ref=` to a global element with an
    /// anonymous type shares that element's type, every other anonymous type
    /// is generated under the name `ctx.parent`.
    fn local_element_type(&mut self, el: &resolve::LocalElement, ctx: &Ctx) -> Option<RustType> {
        let shared = el
            .reference
            .as_ref()
            .and_then(|q| self.element_names.get(q));
        if let Some((module, name)) = shared {
            return Some(RustType::Named {
                module: module.clone(),
                name: name.clone(),
            });
        }
        self.type_def(&el.ty, ctx, &el.location)
    }

    /// The Rust type of a named or anonymous type; anonymous ones are
    /// generated under the name `ctx.parent`.
    fn type_def(
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

    fn type_ref(&mut self, r: &TypeRef, location: &Location) -> Option<RustType> {
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

    fn simple_kind(&mut self, st: &resolve::SimpleType, ctx: &Ctx) -> TypeKind {
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
    fn element_type(&mut self, q: &QName, location: &Location) -> Option<RustType> {
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

    fn struct_of(&self, ty: &RustType) -> Option<&Struct> {
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

    /// The message of a Body: `Some(None)` when it is empty, None on errors.
    fn body(&mut self, body: &resolve::Body, location: &Location) -> Option<Option<Message>> {
        let Some(element) = body.element() else {
            return Some(None);
        };
        let ty = self.element_type(element, location)?;
        Some(Some(Message {
            element: xml_name(element),
            ty,
        }))
    }

    fn build_services(&mut self) {
        let resolved = self.resolved;
        // SOAP 1.1 ports first, so that their descriptors keep the plain names.
        for soap12 in [false, true] {
            for wsdl in &resolved.wsdls {
                let module = self.module(&wsdl.target_ns);
                for service in &wsdl.services {
                    let beside = soap12 && service.ports.iter().any(|p| !p.soap12);
                    let ports: Vec<_> = service
                        .ports
                        .iter()
                        .filter(|p| p.soap12 == soap12)
                        .collect();
                    let several = ports.len() > 1;
                    for port in ports {
                        let base = match (several, beside) {
                            (true, _) => naming::type_name(&port.name),
                            (false, false) => naming::type_name(&service.name),
                            (false, true) => naming::type_name(&format!("{}Soap12", service.name)),
                        };
                        let twin = self.soap11_twin(&module, service, port);
                        self.build_port(&module, service, port, &base, twin);
                    }
                }
            }
        }
    }

    /// For a SOAP 1.2 port, the server trait of a SOAP 1.1 port of the same
    /// service with the same portType and operations (its server then
    /// dispatches to the same implementation).
    fn soap11_twin(
        &self,
        module: &str,
        service: &resolve::Service,
        port: &resolve::Port,
    ) -> Option<String> {
        if !port.soap12 {
            return None;
        }
        let names = |p: &resolve::Port| {
            p.operations
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
        };
        let twin = service
            .ports
            .iter()
            .find(|p| !p.soap12 && p.port_type == port.port_type && names(p) == names(port))?;
        self.services
            .get(module)?
            .iter()
            .find(|s| s.service == service.name && s.port == twin.name)
            .map(|s| s.server_trait.clone())
    }

    /// Takes the names of the statics the emitter derives from type names,
    /// so that operation descriptors do not collide with them.
    fn reserve_type_statics(&mut self) {
        for (module, types) in &self.types {
            let statics = self.statics.entry(module.clone()).or_default();
            for (_, ty) in types {
                statics.unique(naming::type_static(&ty.name, "FIELDS"));
                statics.unique(naming::type_static(&ty.name, "WILDCARDS"));
                statics.unique(naming::type_static(&ty.name, "FACETS"));
                if let TypeKind::Newtype(n) = &ty.kind {
                    for i in 0..n.facets.patterns.len() {
                        statics.unique(naming::type_static(&ty.name, &format!("PATTERN_{i}")));
                    }
                }
            }
        }
    }

    fn build_port(
        &mut self,
        module: &str,
        service: &resolve::Service,
        port: &resolve::Port,
        base: &str,
        shared_trait: Option<String>,
    ) {
        let client = self.unique_type_name(module, format!("{}Client", naming::unraw(base)));
        let own_trait = shared_trait.is_none();
        let server_trait =
            shared_trait.unwrap_or_else(|| self.unique_type_name(module, base.to_string()));
        let server = self.unique_type_name(module, format!("{}Server", naming::unraw(base)));
        let operations_static =
            self.statics
                .entry(module.to_string())
                .or_default()
                .unique(format!(
                    "{}_OPERATIONS",
                    naming::constant_name(naming::unraw(base))
                ));
        // The client's own methods.
        let mut methods = Names::new();
        methods.unique("new".to_string());
        methods.unique("inner".to_string());
        let mut indexes = Vec::new();
        for op in &port.operations {
            if let Some(i) = self.operation(module, op, port.soap12, &mut methods) {
                indexes.push(i);
            }
        }
        self.services
            .entry(module.to_string())
            .or_default()
            .push(Service {
                service: service.name.clone(),
                port: port.name.clone(),
                client,
                server_trait,
                own_trait,
                server,
                operations_static,
                address: port.address.clone(),
                doc: port.doc.clone().or_else(|| service.doc.clone()),
                operations: indexes,
            });
    }

    /// The operation's index in the module (`soap12`: of a SOAP 1.2 port).
    /// The SOAP 1.2 twin of a SOAP 1.1 operation gets a `_SOAP12`
    /// descriptor and shares the fault enum.
    fn operation(
        &mut self,
        module: &str,
        op: &resolve::Operation,
        soap12: bool,
        methods: &mut Names,
    ) -> Option<usize> {
        let input = self.body(&op.input, &op.location);
        let output = op.output.as_ref().map(|b| self.body(b, &op.location));
        let mut variants = Vec::new();
        let mut variant_names = Names::new();
        for f in &op.faults {
            let Some(ty) = self.element_type(&f.part.element, &op.location) else {
                continue;
            };
            let user_message = self.user_message(&f.part.element, &ty, &op.location);
            variants.push(FaultVariant {
                variant: variant_names.unique(naming::type_name(&f.name)),
                fault: f.name.clone(),
                element: xml_name(&f.part.element),
                ty,
                doc: f.doc.clone(),
                user_message,
            });
        }
        let input = input?;
        let output = match output {
            None => None,
            Some(message) => {
                let message = message?;
                let unwrap = match message.as_ref().map(|m| self.struct_of(&m.ty)) {
                    None => Unwrap::Empty,
                    Some(Some(s)) if s.attributes.is_empty() && s.text.is_none() => {
                        match s.fields.as_slice() {
                            [] => Unwrap::Empty,
                            [Field::Element(f)] => Unwrap::Field {
                                name: f.name.clone(),
                                ty: f.ty.clone(),
                            },
                            _ => Unwrap::Whole,
                        }
                    }
                    Some(_) => Unwrap::Whole,
                };
                Some(Output { message, unwrap })
            }
        };
        // The same operation on another port of the same portType is shared.
        let same = |o: &Operation| {
            o.name == op.name
                && o.soap_action == op.soap_action
                && o.input == input
                && o.output == output
                && o.faults.as_ref().map(|f| &f.variants)
                    == Some(&variants).filter(|v| !v.is_empty())
        };
        let ops = self
            .operations
            .get(module)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if let Some(i) = ops.iter().position(|o| same(o) && o.soap12 == soap12) {
            methods.unique(self.operations[module][i].method.clone());
            if let Some(h) = &self.operations[module][i].headers {
                methods.unique(h.method.clone());
            }
            return Some(i);
        }
        let other_headers = ops.iter().find(|o| same(o)).map(|o| o.headers.clone());
        let other_version = ops.iter().find(|o| same(o)).map(|o| o.faults.clone());
        let twin = soap12 && ops.iter().any(|o| !o.soap12 && o.name == op.name);
        let faults = if let Some(faults) = other_version {
            faults
        } else if variants.is_empty() {
            None
        } else {
            let stem = naming::type_name(&op.name);
            let stem = naming::unraw(&stem);
            Some(FaultEnum {
                name: self.unique_type_name(module, format!("{stem}Fault")),
                error_alias: self.unique_type_name(module, format!("{stem}Error")),
                variants,
            })
        };
        let descriptor = self
            .statics
            .entry(module.to_string())
            .or_default()
            .unique(match twin {
                true => format!("{}_SOAP12", naming::constant_name(&op.name)),
                false => naming::constant_name(&op.name),
            });
        let method = methods.unique(naming::field_name(&op.name));
        let headers = match other_headers {
            Some(headers) => {
                if let Some(h) = &headers {
                    methods.unique(h.method.clone());
                }
                headers
            }
            None => self.operation_headers(module, op, &method, methods),
        };
        let ops = self.operations.entry(module.to_string()).or_default();
        ops.push(Operation {
            name: op.name.clone(),
            method,
            descriptor,
            soap_action: op.soap_action.clone(),
            soap12,
            doc: op.doc.clone(),
            input,
            output,
            faults,
            headers,
        });
        Some(ops.len() - 1)
    }

    fn user_message(
        &mut self,
        element: &QName,
        ty: &RustType,
        location: &Location,
    ) -> Option<UserMessage> {
        let el_text = simple::qname_text(element);
        let type_text = self
            .resolved
            .elements
            .get(element)
            .and_then(|e| match &e.ty {
                resolve::TypeDef::Ref(TypeRef::Complex(q)) => Some(simple::qname_text(q)),
                _ => None,
            });
        let (_, field) = self
            .options
            .user_messages
            .iter()
            .find(|(t, _)| *t == el_text || Some(t) == type_text.as_ref())?;
        let found = self.struct_of(ty).and_then(|s| {
            s.fields.iter().find_map(|f| match f {
                Field::Element(e) if e.xml.local == *field => Some(UserMessage {
                    field: e.name.clone(),
                    occurrence: e.ty.occurrence,
                    ty: e.ty.ty.clone(),
                }),
                _ => None,
            })
        });
        if found.is_none() {
            self.errors.push(ModelError::Config {
                what: format!("user_message: `{el_text}` has no element field `{field}`"),
                location: location.clone(),
            });
        }
        found
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

fn occurrence(occurs: Occurs, nillable: bool) -> Occurrence {
    match (occurs.is_repeated(), occurs.is_optional(), nillable) {
        (true, _, false) => Occurrence::Many,
        (true, _, true) => Occurrence::ManyNillable,
        (false, true, false) => Occurrence::Optional,
        (false, true, true) => Occurrence::OptionalNillable,
        (false, false, false) => Occurrence::One,
        (false, false, true) => Occurrence::Nillable,
    }
}

/// A content particle reduced to what becomes a field.
enum Spec<'p> {
    Element(&'p resolve::LocalElement, Occurs),
    Choice(Vec<&'p Particle>, Occurs, Location),
    /// `xs:any` with its `namespace=`.
    Any(&'p str, Occurs),
}

/// The `rt::AnyXml` field of an `xs:any` wildcard, named `any` (`any2`...).
fn wildcard_field(
    namespace: &str,
    occurs: Occurs,
    target_ns: Option<&str>,
    names: &mut Names,
) -> ElementField {
    ElementField {
        name: names.unique("any".to_owned()),
        xml: XmlName {
            ns: None,
            local: "any".to_owned(),
        },
        ty: FieldType {
            ty: RustType::Builtin(Builtin::AnyXml),
            occurrence: occurrence(occurs, false),
            boxed: false,
        },
        default: None,
        doc: Some(format!(
            "Elements of wildcard `xs:any namespace=\"{namespace}\"`, as raw XML."
        )),
        attributes: Vec::new(),
        wildcard: Some(Wildcard::parse(namespace, target_ns)),
    }
}

fn combine(outer: Occurs, inner: Occurs) -> Occurs {
    Occurs {
        min: if outer.min == 0 || inner.min == 0 {
            0
        } else {
            1
        },
        max: if outer.is_repeated() || inner.is_repeated() {
            None
        } else {
            Some(1)
        },
    }
}

/// Flattens nested groups into element fields; a choice of elements stays
/// one field, other choices become optional fields.
fn flatten<'p>(p: &'p Particle, outer: Occurs, out: &mut Vec<Spec<'p>>) {
    if p.occurs.max == Some(0) {
        return;
    }
    let occurs = combine(outer, p.occurs);
    match &p.term {
        Term::Element(el) => out.push(Spec::Element(el, occurs)),
        Term::Sequence(items) | Term::All(items) => {
            for item in items {
                flatten(item, occurs, out);
            }
        }
        Term::Choice(items) => {
            let elements_only = items
                .iter()
                .all(|i| matches!(i.term, Term::Element(_)) && i.occurs.max != Some(0));
            if elements_only && !items.is_empty() {
                out.push(Spec::Choice(
                    items.iter().collect(),
                    occurs,
                    p.location.clone(),
                ));
            } else {
                let optional = Occurs {
                    min: 0,
                    max: occurs.max,
                };
                for item in items {
                    flatten(item, optional, out);
                }
            }
        }
        Term::Any { namespace, .. } => out.push(Spec::Any(namespace, occurs)),
    }
}

/// Applies `type_attribute` / `field_attribute` settings.
fn apply_attributes(model: &mut Model, options: &ModelOptions) {
    for module in &mut model.modules {
        let (mname, ns) = (module.name.clone(), module.namespace.clone());
        let type_matches = |path: &str, xsd: &str| {
            path == "."
                || path
                    .rsplit_once('.')
                    .is_some_and(|(p, n)| n == xsd && (p == mname || p == ns))
        };
        for ty in &mut module.types {
            for (path, attr) in &options.type_attributes {
                if type_matches(path, &ty.xsd_name) {
                    ty.attributes.push(attr.clone());
                }
            }
            let TypeKind::Struct(s) = &mut ty.kind else {
                continue;
            };
            for f in &mut s.fields {
                let Field::Element(f) = f else { continue };
                for (path, attr) in &options.field_attributes {
                    let hit = path == "."
                        || path.rsplit_once('.').is_some_and(|(tp, field)| {
                            field == f.xml.local && type_matches(tp, &ty.xsd_name)
                        });
                    if hit {
                        f.attributes.push(attr.clone());
                    }
                }
            }
        }
    }
}
