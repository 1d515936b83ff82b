//! Module and type names: the top-level sites in document order, each
//! namespace's module, each type's unique name.

use super::*;

impl Builder<'_> {
    /// Finds every top-level type site, orders them, names modules and types.
    pub(super) fn collect_sites(&mut self) {
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

    pub(super) fn module(&self, ns: &str) -> String {
        self.module_of_ns
            .get(ns)
            .cloned()
            .unwrap_or_else(|| "unknown".to_string())
    }

    pub(super) fn name_type(&mut self, q: &QName) -> (String, String) {
        let module = self.module(&Self::ns_of(q));
        let name = self.unique_type_name(&module, naming::type_name(&q.local));
        (module, name)
    }

    pub(super) fn unique_type_name(&mut self, module: &str, name: String) -> String {
        self.names
            .entry(module.to_string())
            .or_default()
            .unique(name)
    }

    pub(super) fn push_type(&mut self, module: &str, def: TypeDef, location: &Location) {
        let key = self.key(location);
        self.types
            .entry(module.to_string())
            .or_default()
            .push((key, def));
    }
}
