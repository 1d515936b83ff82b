//! Attribute fields, and the `type_attribute` / `field_attribute` settings.

use super::*;

impl Builder<'_> {
    pub(super) fn attribute(
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
}

/// Applies `type_attribute` / `field_attribute` settings.
pub(super) fn apply_attributes(model: &mut Model, options: &ModelOptions) {
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
