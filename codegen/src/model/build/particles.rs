//! Content particles: sequences, choices and wildcards flattened into fields.

use super::*;

impl Builder<'_> {
    pub(super) fn element_field(
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

    pub(super) fn choice_field(
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
    pub(super) fn local_element_type(
        &mut self,
        el: &resolve::LocalElement,
        ctx: &Ctx,
    ) -> Option<RustType> {
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
}

pub(super) fn occurrence(occurs: Occurs, nillable: bool) -> Occurrence {
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
pub(super) enum Spec<'p> {
    Element(&'p resolve::LocalElement, Occurs),
    Choice(Vec<&'p Particle>, Occurs, Location),
    /// `xs:any` with its `namespace=`.
    Any(&'p str, Occurs),
}

/// The `rt::AnyXml` field of an `xs:any` wildcard, named `any` (`any2`...).
pub(super) fn wildcard_field(
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

pub(super) fn combine(outer: Occurs, inner: Occurs) -> Occurs {
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
pub(super) fn flatten<'p>(p: &'p Particle, outer: Occurs, out: &mut Vec<Spec<'p>>) {
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
