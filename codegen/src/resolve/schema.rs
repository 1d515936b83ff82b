//! XSD components: elements, complex and simple types, particles, attributes.

use super::error::ResolveError;
use super::index::kind_name;
use super::ir::{
    AttributeDecl, ComplexContent, ComplexType, Documentation, ElementDecl, EnumValue, Facets,
    LocalElement, Occurs, Particle, QName, SimpleType, SimpleVariety, Term, TypeDef, TypeRef,
    XSD_NS,
};
use super::resolver::{Resolver, XML_NS};
use crate::parse::{ComponentKind, Pos, QNameText, XmlElement};

fn is_true(v: Option<&str>) -> bool {
    matches!(v.map(str::trim), Some("true" | "1"))
}

fn xsd_children(el: &XmlElement) -> impl Iterator<Item = &XmlElement> {
    el.children_in(XSD_NS)
}

fn documentation(el: &XmlElement) -> Option<String> {
    let docs: Vec<XmlElement> = xsd_children(el)
        .filter(|a| a.local == "annotation")
        .flat_map(|a| {
            xsd_children(a)
                .filter(|d| d.local == "documentation")
                .cloned()
        })
        .collect();
    Documentation::markdown(&docs)
}

fn any_type() -> TypeDef {
    TypeDef::Ref(TypeRef::Builtin("anyType".into()))
}

impl Resolver<'_> {
    /// Resolves every named component of every schema into [`Resolved`](super::Resolved).
    pub(crate) fn schemas(&mut self) {
        for inst in 0..self.index.instances.len() {
            let instance = &self.index.instances[inst];
            if let Some(ns) = instance.ns {
                let doc = Documentation::markdown(&instance.schema.docs);
                let info = self.out.namespaces.entry(ns.to_owned()).or_default();
                if let Some(doc) = doc {
                    info.doc = Some(match info.doc.take() {
                        Some(prev) if prev != doc => format!("{prev}\n\n{doc}"),
                        _ => doc,
                    });
                }
            }
        }
        self.substitution_groups();
        let order = self.index.order.clone();
        for (kind, name) in order {
            match kind {
                ComponentKind::Element => {
                    self.global_element(&name, Pos::default());
                }
                ComponentKind::ComplexType => {
                    self.named_complex(&name);
                }
                ComponentKind::SimpleType => {
                    let Some(entry) = self.index.get(kind, &name) else {
                        continue;
                    };
                    let st =
                        self.simple_type(entry.inst, &entry.component.element, Some(name.clone()));
                    self.out.simple_types.insert(name, st);
                }
                ComponentKind::Group | ComponentKind::AttributeGroup | ComponentKind::Attribute => {
                }
            }
        }
    }

    /// Fills [`substitutes`](Resolver::substitutes) from every global
    /// element's `substitutionGroup=`. Heads outside the run are ignored.
    fn substitution_groups(&mut self) {
        let elements: Vec<QName> = self
            .index
            .order
            .iter()
            .filter(|(kind, _)| *kind == ComponentKind::Element)
            .map(|(_, name)| name.clone())
            .collect();
        for member in elements {
            let Some(entry) = self.index.get(ComponentKind::Element, &member) else {
                continue;
            };
            let Some(q) = entry.component.element.qname_attr("substitutionGroup") else {
                continue;
            };
            for text in q.text.split_whitespace() {
                let head = QNameText {
                    text: text.to_owned(),
                    ..q.clone()
                };
                let Some(head) = self.schema_qname(entry.inst, &head) else {
                    continue;
                };
                if self.index.get(ComponentKind::Element, &head).is_some() {
                    self.substitutes
                        .entry(head)
                        .or_default()
                        .push(member.clone());
                }
            }
        }
    }

    /// The resolved global element `name` (memoised). `pos` is where it is
    /// referenced, for the cycle error.
    fn global_element(&mut self, name: &QName, pos: Pos) -> bool {
        if self.out.elements.contains_key(name) {
            return true;
        }
        let Some(entry) = self.index.get(ComponentKind::Element, name) else {
            return false;
        };
        let key = (ComponentKind::Element, name.clone());
        if !self.active.insert(key.clone()) {
            self.errors.push(ResolveError::Unsupported {
                construct: format!("element `{name}` refers to itself through an anonymous type"),
                at: self.at(entry.inst, pos),
            });
            return false;
        }
        let el = &entry.component.element;
        let before = self.budget();
        let decl = ElementDecl {
            name: name.clone(),
            ty: self.element_type(entry.inst, el),
            nillable: is_true(el.attr("nillable")),
            default: el.attr("default").map(str::to_owned),
            fixed: el.attr("fixed").map(str::to_owned),
            is_abstract: is_true(el.attr("abstract")),
            doc: documentation(el),
            location: self.at(entry.inst, el.pos),
        };
        self.active.remove(&key);
        self.element_cost
            .insert(name.clone(), before.saturating_sub(self.budget()));
        self.out.elements.insert(name.clone(), decl);
        true
    }

    /// The resolved named complex type (memoised; needed early for simple content bases).
    fn named_complex(&mut self, name: &QName) -> Option<ComplexType> {
        if let Some(done) = self.out.complex_types.get(name) {
            return Some(done.clone());
        }
        let entry = self.index.get(ComponentKind::ComplexType, name)?;
        let key = (ComponentKind::ComplexType, name.clone());
        if !self.active.insert(key.clone()) {
            self.errors.push(ResolveError::Circular {
                kind: "complexType".into(),
                name: name.to_string(),
                at: self.at(entry.inst, entry.component.element.pos),
            });
            return None;
        }
        let ct = self.complex_type(entry.inst, &entry.component.element, Some(name.clone()));
        self.active.remove(&key);
        self.out.complex_types.insert(name.clone(), ct.clone());
        Some(ct)
    }

    /// `type=`, an inline type, or `anyType`.
    fn element_type(&mut self, inst: usize, el: &XmlElement) -> TypeDef {
        if let Some(q) = el.qname_attr("type") {
            return TypeDef::Ref(self.type_ref(inst, &q));
        }
        for child in xsd_children(el) {
            match child.local.as_str() {
                "complexType" => {
                    return TypeDef::AnonComplex(Box::new(self.complex_type(inst, child, None)))
                }
                "simpleType" => {
                    return TypeDef::AnonSimple(Box::new(self.simple_type(inst, child, None)))
                }
                _ => {}
            }
        }
        any_type()
    }

    fn complex_type(&mut self, inst: usize, el: &XmlElement, name: Option<QName>) -> ComplexType {
        let mut ct = ComplexType {
            name,
            target_ns: self.index.instances[inst].ns.map(str::to_owned),
            content: ComplexContent::Empty,
            attributes: Vec::new(),
            any_attribute: false,
            mixed: is_true(el.attr("mixed")),
            is_abstract: is_true(el.attr("abstract")),
            doc: documentation(el),
            location: self.at(inst, el.pos),
        };
        for child in xsd_children(el) {
            match child.local.as_str() {
                "sequence" | "choice" | "all" | "group" => {
                    if let Some(p) = self.particle(inst, child) {
                        ct.content = ComplexContent::Particle(p);
                    }
                }
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_item(inst, child, &mut ct.attributes, &mut ct.any_attribute);
                }
                "simpleContent" => self.simple_content(inst, child, &mut ct),
                "complexContent" => self.complex_content(inst, child, &mut ct),
                _ => {}
            }
        }
        ct
    }

    fn derivation<'e>(
        &mut self,
        inst: usize,
        el: &'e XmlElement,
    ) -> Option<(&'e XmlElement, TypeRef)> {
        let Some(d) = xsd_children(el).find(|c| c.local == "extension" || c.local == "restriction")
        else {
            self.errors.push(ResolveError::MissingAttribute {
                element: el.local.clone(),
                attribute: "extension or restriction child".into(),
                at: self.at(inst, el.pos),
            });
            return None;
        };
        let Some(base) = d.qname_attr("base") else {
            self.errors.push(ResolveError::MissingAttribute {
                element: d.local.clone(),
                attribute: "base".into(),
                at: self.at(inst, d.pos),
            });
            return None;
        };
        let base = self.type_ref(inst, &base);
        Some((d, base))
    }

    fn complex_content(&mut self, inst: usize, el: &XmlElement, ct: &mut ComplexType) {
        ct.mixed |= is_true(el.attr("mixed"));
        let Some((d, base)) = self.derivation(inst, el) else {
            return;
        };
        let mut particle = None;
        for child in xsd_children(d) {
            match child.local.as_str() {
                "sequence" | "choice" | "all" | "group" => particle = self.particle(inst, child),
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_item(inst, child, &mut ct.attributes, &mut ct.any_attribute);
                }
                _ => {}
            }
        }
        ct.content = if d.local == "extension" {
            ComplexContent::Extension { base, particle }
        } else {
            ComplexContent::Restriction { base, particle }
        };
    }

    /// `xs:simpleContent`. When the base is a complex type with simple
    /// content, its value type and facets carry over and its attributes come
    /// first (the IR's simple content has no link to a complex base).
    fn simple_content(&mut self, inst: usize, el: &XmlElement, ct: &mut ComplexType) {
        let Some((d, base)) = self.derivation(inst, el) else {
            return;
        };
        let mut steps = Vec::new();
        if d.local == "restriction" {
            steps.push(self.facets(inst, d));
        }
        let mut own_attrs = Vec::new();
        for child in xsd_children(d) {
            if matches!(
                child.local.as_str(),
                "attribute" | "attributeGroup" | "anyAttribute"
            ) {
                self.attribute_item(inst, child, &mut own_attrs, &mut ct.any_attribute);
            }
        }
        let value = match base {
            TypeRef::Complex(name) => match self.named_complex(&name) {
                Some(ComplexType {
                    content: ComplexContent::Simple { base, facets },
                    attributes,
                    any_attribute,
                    ..
                }) => {
                    ct.any_attribute |= any_attribute;
                    ct.attributes = attributes
                        .into_iter()
                        .filter(|a| !own_attrs.iter().any(|o| o.name == a.name))
                        .collect();
                    steps.splice(0..0, facets);
                    base
                }
                Some(_) => {
                    self.errors.push(ResolveError::Unsupported {
                        construct: format!(
                            "simpleContent derived from `{name}`, which has no simple content"
                        ),
                        at: self.at(inst, d.pos),
                    });
                    TypeRef::Builtin("anySimpleType".into())
                }
                None => TypeRef::Builtin("anySimpleType".into()),
            },
            TypeRef::Builtin(b) if b == "anyType" => TypeRef::Builtin("anySimpleType".into()),
            other => other,
        };
        ct.attributes
            .extend(own_attrs.into_iter().filter(|a| !a.prohibited));
        ct.content = ComplexContent::Simple {
            base: value,
            facets: steps,
        };
    }

    /// A particle from `xs:sequence`/`choice`/`all`/`group ref`/`element`/`any`.
    fn particle(&mut self, inst: usize, el: &XmlElement) -> Option<Particle> {
        if !self.spend(1, inst, el.pos) {
            return None;
        }
        let occurs = self.occurs(inst, el)?;
        let location = self.at(inst, el.pos);
        let term = match el.local.as_str() {
            "element" if self.refers_to_xsd_schema(el) => Term::Any {
                namespace: XSD_NS.to_owned(),
                process_contents: "lax".to_owned(),
            },
            "element" => {
                let element = self.local_element(inst, el)?;
                match self.substitution_choice(inst, el, &element) {
                    Some(alternatives) => Term::Choice(alternatives),
                    None => Term::Element(Box::new(element)),
                }
            }
            "sequence" | "choice" | "all" => {
                let items: Vec<Particle> = xsd_children(el)
                    .filter(|c| c.local != "annotation")
                    .collect::<Vec<_>>()
                    .into_iter()
                    .filter_map(|c| self.particle(inst, c))
                    .collect();
                match el.local.as_str() {
                    "sequence" => Term::Sequence(items),
                    "choice" => Term::Choice(items),
                    _ => Term::All(items),
                }
            }
            "group" => {
                let mut p = self.group_ref(inst, el)?;
                p.occurs = occurs;
                return Some(p);
            }
            "any" => Term::Any {
                namespace: el.attr("namespace").unwrap_or("##any").to_owned(),
                process_contents: el.attr("processContents").unwrap_or("strict").to_owned(),
            },
            other => {
                self.errors.push(ResolveError::Unsupported {
                    construct: format!("xs:{other} in a content model"),
                    at: location,
                });
                return None;
            }
        };
        Some(Particle {
            occurs,
            term,
            location,
        })
    }

    /// `ref="xs:schema"` (.NET DataSets put an inline schema before their
    /// data): the schema for schemas is never part of a run, so the element
    /// is taken as a wildcard for that namespace.
    fn refers_to_xsd_schema(&self, el: &XmlElement) -> bool {
        let Some(q) = el.qname_attr("ref") else {
            return false;
        };
        let (prefix, local) = match q.text.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, q.text.as_str()),
        };
        local == "schema" && q.namespaces.uri(prefix) == Some(XSD_NS)
    }

    /// A reference to the head of a substitution group stands for the head
    /// (unless abstract) and every element that may substitute for it,
    /// transitively: a choice of them, in declaration order. None when
    /// `element` is no such reference.
    fn substitution_choice(
        &mut self,
        inst: usize,
        el: &XmlElement,
        element: &LocalElement,
    ) -> Option<Vec<Particle>> {
        let head = element.reference.as_ref()?;
        let mut members = self.substitutes.get(head)?.clone();
        let mut next = 0;
        while next < members.len() {
            let further = self.substitutes.get(&members[next]).cloned();
            next += 1;
            for m in further.into_iter().flatten() {
                if m != *head && !members.contains(&m) {
                    members.push(m);
                }
            }
        }
        let once = Occurs {
            min: 1,
            max: Some(1),
        };
        let location = self.at(inst, el.pos);
        let mut alternatives = Vec::new();
        if !self.out.elements.get(head).is_some_and(|h| h.is_abstract) {
            alternatives.push(Particle {
                occurs: once,
                term: Term::Element(Box::new(element.clone())),
                location: location.clone(),
            });
        }
        for member in members {
            // A member being resolved right now refers back to its head
            // through an anonymous type: it is left out here.
            if self
                .active
                .contains(&(ComponentKind::Element, member.clone()))
                || !self.global_element(&member, el.pos)
            {
                continue;
            }
            let cost = self.element_cost.get(&member).copied().unwrap_or(0);
            if !self.spend(cost, inst, el.pos) {
                break;
            }
            let Some(decl) = self.out.elements.get(&member).cloned() else {
                continue;
            };
            if decl.is_abstract {
                continue;
            }
            alternatives.push(Particle {
                occurs: once,
                term: Term::Element(Box::new(LocalElement {
                    name: member.clone(),
                    reference: Some(member),
                    ty: decl.ty,
                    nillable: decl.nillable,
                    default: decl.default,
                    fixed: decl.fixed,
                    doc: decl.doc,
                    location: location.clone(),
                })),
                location: location.clone(),
            });
        }
        (!alternatives.is_empty()).then_some(alternatives)
    }

    /// Expands `xs:group ref=` into the group's model group particle.
    fn group_ref(&mut self, inst: usize, el: &XmlElement) -> Option<Particle> {
        let q = self.required_qname(inst, el, "ref")?;
        let (name, entry) = self.lookup(inst, ComponentKind::Group, &q, |name, at| {
            ResolveError::UnknownGroup { name, at }
        })?;
        let key = (ComponentKind::Group, name.clone());
        if !self.active.insert(key.clone()) {
            self.errors.push(ResolveError::Circular {
                kind: "group".into(),
                name: name.to_string(),
                at: self.at(inst, el.pos),
            });
            return None;
        }
        let def = &entry.component.element;
        let group =
            xsd_children(def).find(|c| matches!(c.local.as_str(), "sequence" | "choice" | "all"));
        let particle = group.and_then(|g| self.particle(entry.inst, g));
        self.active.remove(&key);
        particle
    }

    fn local_element(&mut self, inst: usize, el: &XmlElement) -> Option<LocalElement> {
        let location = self.at(inst, el.pos);
        if let Some(q) = el.qname_attr("ref") {
            let (name, _) = self.lookup(inst, ComponentKind::Element, &q, |name, at| {
                ResolveError::UnknownElement { name, at }
            })?;
            if !self.global_element(&name, el.pos) {
                return None;
            }
            let cost = self.element_cost.get(&name).copied().unwrap_or(0);
            if !self.spend(cost, inst, el.pos) {
                return None;
            }
            let global = self.out.elements.get(&name)?.clone();
            return Some(LocalElement {
                name: name.clone(),
                reference: Some(name),
                ty: global.ty,
                nillable: global.nillable,
                default: el.attr("default").map(str::to_owned).or(global.default),
                fixed: el.attr("fixed").map(str::to_owned).or(global.fixed),
                doc: documentation(el).or(global.doc),
                location,
            });
        }
        let local = self.required_attr(inst, el, "name")?;
        let instance = &self.index.instances[inst];
        let qualified = match el.attr("form") {
            Some("qualified") => true,
            Some("unqualified") => false,
            _ => instance.schema.element_form_qualified,
        };
        let ns = if qualified { instance.ns } else { None };
        Some(LocalElement {
            name: QName::new(ns, &local),
            reference: None,
            ty: self.element_type(inst, el),
            nillable: is_true(el.attr("nillable")),
            default: el.attr("default").map(str::to_owned),
            fixed: el.attr("fixed").map(str::to_owned),
            doc: documentation(el),
            location,
        })
    }

    fn occurs(&mut self, inst: usize, el: &XmlElement) -> Option<Occurs> {
        let min = match el.attr("minOccurs").map(str::trim) {
            None => 1,
            Some(v) => match v.parse::<u32>() {
                Ok(n) => n,
                Err(_) => return self.invalid(inst, el, "minOccurs", v),
            },
        };
        let max = match el.attr("maxOccurs").map(str::trim) {
            None => Some(1),
            Some("unbounded") => None,
            Some(v) => match v.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => return self.invalid(inst, el, "maxOccurs", v),
            },
        };
        Some(Occurs { min, max })
    }

    fn invalid<T>(
        &mut self,
        inst: usize,
        el: &XmlElement,
        attribute: &str,
        value: &str,
    ) -> Option<T> {
        self.errors.push(ResolveError::InvalidValue {
            attribute: attribute.to_owned(),
            value: value.to_owned(),
            at: self.at(inst, el.pos),
        });
        None
    }

    fn required_attr(&mut self, inst: usize, el: &XmlElement, attribute: &str) -> Option<String> {
        if let Some(v) = el.attr(attribute) {
            return Some(v.trim().to_owned());
        }
        self.errors.push(ResolveError::MissingAttribute {
            element: el.local.clone(),
            attribute: attribute.to_owned(),
            at: self.at(inst, el.pos),
        });
        None
    }

    fn required_qname(
        &mut self,
        inst: usize,
        el: &XmlElement,
        attribute: &str,
    ) -> Option<crate::parse::QNameText> {
        self.required_attr(inst, el, attribute)?;
        el.qname_attr(attribute)
    }

    /// `xs:attribute`, `xs:attributeGroup ref=` (expanded) or `xs:anyAttribute`.
    fn attribute_item(
        &mut self,
        inst: usize,
        el: &XmlElement,
        attrs: &mut Vec<AttributeDecl>,
        any: &mut bool,
    ) {
        match el.local.as_str() {
            "attribute" => {
                if let Some(a) = self.attribute(inst, el) {
                    attrs.push(a);
                }
            }
            "anyAttribute" => *any = true,
            "attributeGroup" => {
                let Some(q) = self.required_qname(inst, el, "ref") else {
                    return;
                };
                let Some((name, entry)) =
                    self.lookup(inst, ComponentKind::AttributeGroup, &q, |name, at| {
                        ResolveError::UnknownAttributeGroup { name, at }
                    })
                else {
                    return;
                };
                let key = (ComponentKind::AttributeGroup, name.clone());
                if !self.active.insert(key.clone()) {
                    self.errors.push(ResolveError::Circular {
                        kind: kind_name(ComponentKind::AttributeGroup).into(),
                        name: name.to_string(),
                        at: self.at(inst, el.pos),
                    });
                    return;
                }
                for child in xsd_children(&entry.component.element) {
                    self.attribute_item(entry.inst, child, attrs, any);
                }
                self.active.remove(&key);
            }
            _ => {}
        }
    }

    fn attribute(&mut self, inst: usize, el: &XmlElement) -> Option<AttributeDecl> {
        if !self.spend(1, inst, el.pos) {
            return None;
        }
        let use_ = el.attr("use").map(str::trim);
        let location = self.at(inst, el.pos);
        let local_doc = documentation(el);
        if let Some(q) = el.qname_attr("ref") {
            let name = self.schema_qname(inst, &q)?;
            let (ty, default, fixed, doc) = if name.ns.as_deref() == Some(XML_NS) {
                (
                    TypeDef::Ref(TypeRef::Builtin("string".into())),
                    None,
                    None,
                    None,
                )
            } else {
                let (_, entry) = self.lookup(inst, ComponentKind::Attribute, &q, |name, at| {
                    ResolveError::UnknownAttribute { name, at }
                })?;
                let def = &entry.component.element;
                (
                    self.attribute_type(entry.inst, def),
                    def.attr("default").map(str::to_owned),
                    def.attr("fixed").map(str::to_owned),
                    documentation(def),
                )
            };
            return Some(AttributeDecl {
                name,
                ty,
                required: use_ == Some("required"),
                prohibited: use_ == Some("prohibited"),
                default: el.attr("default").map(str::to_owned).or(default),
                fixed: el.attr("fixed").map(str::to_owned).or(fixed),
                doc: local_doc.or(doc),
                location,
            });
        }
        let local = self.required_attr(inst, el, "name")?;
        let instance = &self.index.instances[inst];
        let qualified = match el.attr("form") {
            Some("qualified") => true,
            Some("unqualified") => false,
            _ => instance.schema.attribute_form_qualified,
        };
        let ns = if qualified { instance.ns } else { None };
        Some(AttributeDecl {
            name: QName::new(ns, &local),
            ty: self.attribute_type(inst, el),
            required: use_ == Some("required"),
            prohibited: use_ == Some("prohibited"),
            default: el.attr("default").map(str::to_owned),
            fixed: el.attr("fixed").map(str::to_owned),
            doc: local_doc,
            location,
        })
    }

    fn attribute_type(&mut self, inst: usize, el: &XmlElement) -> TypeDef {
        if let Some(q) = el.qname_attr("type") {
            return TypeDef::Ref(self.simple_type_ref(inst, &q));
        }
        match xsd_children(el).find(|c| c.local == "simpleType") {
            Some(st) => TypeDef::AnonSimple(Box::new(self.simple_type(inst, st, None))),
            None => TypeDef::Ref(TypeRef::Builtin("anySimpleType".into())),
        }
    }

    /// `base=`/`itemType=` or the inline simple type child.
    fn simple_base(&mut self, inst: usize, el: &XmlElement, attribute: &str) -> TypeDef {
        if let Some(q) = el.qname_attr(attribute) {
            return TypeDef::Ref(self.simple_type_ref(inst, &q));
        }
        match xsd_children(el).find(|c| c.local == "simpleType") {
            Some(st) => TypeDef::AnonSimple(Box::new(self.simple_type(inst, st, None))),
            None => {
                self.errors.push(ResolveError::MissingAttribute {
                    element: el.local.clone(),
                    attribute: attribute.to_owned(),
                    at: self.at(inst, el.pos),
                });
                TypeDef::Ref(TypeRef::Builtin("anySimpleType".into()))
            }
        }
    }

    fn simple_type(&mut self, inst: usize, el: &XmlElement, name: Option<QName>) -> SimpleType {
        let location = self.at(inst, el.pos);
        let variety = match xsd_children(el)
            .find(|c| matches!(c.local.as_str(), "restriction" | "list" | "union"))
        {
            Some(r) if r.local == "restriction" => SimpleVariety::Restriction {
                base: self.simple_base(inst, r, "base"),
                facets: self.facets(inst, r),
            },
            Some(l) if l.local == "list" => SimpleVariety::List {
                item: self.simple_base(inst, l, "itemType"),
            },
            Some(u) => {
                let mut members = Vec::new();
                for text in u.attr("memberTypes").unwrap_or("").split_whitespace() {
                    let q = u.qname(text);
                    members.push(TypeDef::Ref(self.simple_type_ref(inst, &q)));
                }
                for st in xsd_children(u).filter(|c| c.local == "simpleType") {
                    members.push(TypeDef::AnonSimple(Box::new(
                        self.simple_type(inst, st, None),
                    )));
                }
                SimpleVariety::Union { members }
            }
            None => {
                self.errors.push(ResolveError::Unsupported {
                    construct: "simpleType without restriction, list or union".into(),
                    at: location.clone(),
                });
                SimpleVariety::Restriction {
                    base: TypeDef::Ref(TypeRef::Builtin("anySimpleType".into())),
                    facets: Facets::default(),
                }
            }
        };
        SimpleType {
            name,
            variety,
            doc: documentation(el),
            location,
        }
    }

    fn facets(&mut self, inst: usize, restriction: &XmlElement) -> Facets {
        let mut f = Facets::default();
        for c in xsd_children(restriction) {
            let facet = c.local.as_str();
            if matches!(
                facet,
                "annotation"
                    | "simpleType"
                    | "attribute"
                    | "attributeGroup"
                    | "anyAttribute"
                    | "sequence"
                    | "choice"
                    | "all"
                    | "group"
            ) {
                continue;
            }
            let Some(value) = c.attr("value").map(str::to_owned) else {
                self.required_attr(inst, c, "value");
                continue;
            };
            match facet {
                "enumeration" => f.enumeration.push(EnumValue {
                    value,
                    doc: documentation(c),
                }),
                "pattern" => f.patterns.push(value),
                "length" => f.length = self.number(inst, c, facet, &value),
                "minLength" => f.min_length = self.number(inst, c, facet, &value),
                "maxLength" => f.max_length = self.number(inst, c, facet, &value),
                "totalDigits" => f.total_digits = self.number(inst, c, facet, &value),
                "fractionDigits" => f.fraction_digits = self.number(inst, c, facet, &value),
                "minInclusive" => f.min_inclusive = Some(value.trim().to_owned()),
                "maxInclusive" => f.max_inclusive = Some(value.trim().to_owned()),
                "minExclusive" => f.min_exclusive = Some(value.trim().to_owned()),
                "maxExclusive" => f.max_exclusive = Some(value.trim().to_owned()),
                "whiteSpace" => f.white_space = Some(value.trim().to_owned()),
                other => self.errors.push(ResolveError::Unsupported {
                    construct: format!("facet xs:{other}"),
                    at: self.at(inst, c.pos),
                }),
            }
        }
        f
    }

    fn number<T: std::str::FromStr>(
        &mut self,
        inst: usize,
        el: &XmlElement,
        facet: &str,
        value: &str,
    ) -> Option<T> {
        match value.trim().parse() {
            Ok(n) => Some(n),
            Err(_) => self.invalid(inst, el, facet, value),
        }
    }
}
