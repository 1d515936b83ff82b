//! The resolver's state and QName binding.

use std::collections::{HashMap, HashSet};

use super::builtins::is_builtin;
use super::error::{ResolveError, ResolveErrors};
use super::index::{Entry, Index};
use super::ir::{Location, QName, Resolved, TypeRef, SOAP_ENC_NS, XSD_NS};
use crate::parse::{ComponentKind, Documents, Namespaces, Pos, QNameText};

pub(crate) use super::ir::XML_NS;

pub(crate) struct Resolver<'d> {
    pub(crate) docs: &'d Documents,
    pub(crate) index: Index<'d>,
    pub(crate) errors: Vec<ResolveError>,
    pub(crate) out: Resolved,
    /// Components being resolved right now (cycle detection).
    pub(crate) active: HashSet<(ComponentKind, QName)>,
    /// Particles and attributes that may still be produced: group and
    /// reference expansion could otherwise blow up exponentially.
    budget: usize,
    /// The budget ran out (reported once).
    exhausted: bool,
    /// What resolving each global element cost, charged again per `ref=` (its type is copied).
    pub(crate) element_cost: HashMap<QName, usize>,
    /// Substitution group heads → the elements naming them in `substitutionGroup=`
    /// (declaration order).
    pub(crate) substitutes: HashMap<QName, Vec<QName>>,
    /// Only these operations (WSDL names) are resolved; `None`: all.
    pub(crate) operations: Option<Vec<String>>,
}

/// Most particles and attributes one run may expand to (group and `ref=`
/// expansion included): a bound against exponential blow-up in untrusted input.
pub const MAX_EXPANDED: usize = 500_000;

impl<'d> Resolver<'d> {
    pub(crate) fn new(docs: &'d Documents) -> Self {
        let mut errors = Vec::new();
        let index = Index::build(docs, &mut errors);
        let out = Resolved {
            files: docs.files.iter().map(|f| f.path.clone()).collect(),
            ..Resolved::default()
        };
        Resolver {
            docs,
            index,
            errors,
            out,
            active: HashSet::new(),
            budget: MAX_EXPANDED,
            exhausted: false,
            element_cost: HashMap::new(),
            substitutes: HashMap::new(),
            operations: None,
        }
    }

    /// The result; an error reported more than once (a message used by
    /// several operations) is listed once, unsupported binding styles first.
    pub(crate) fn finish(mut self) -> Result<Resolved, ResolveErrors> {
        if self.errors.is_empty() {
            let warnings = &mut self.out.warnings;
            warnings.sort_by(|a, b| a.location.cmp(&b.location));
            warnings.dedup();
            return Ok(self.out);
        }
        let mut seen = HashSet::new();
        let mut errors: Vec<ResolveError> = self
            .errors
            .into_iter()
            .filter(|e| seen.insert(e.to_string()))
            .collect();
        errors.sort_by_key(|e| !matches!(e, ResolveError::UnsupportedStyle { .. }));
        Err(crate::errors::Errors(errors))
    }

    /// Takes `n` from the expansion budget; false (and one error) when exhausted.
    pub(crate) fn spend(&mut self, n: usize, inst: usize, pos: Pos) -> bool {
        if n > self.budget {
            if self.exhausted {
                return false;
            }
            self.exhausted = true;
            self.errors.push(ResolveError::Unsupported {
                construct: format!(
                    "the schemas expand to more than {MAX_EXPANDED} particles and attributes"
                ),
                at: self.at(inst, pos),
            });
            return false;
        }
        self.budget -= n;
        true
    }

    /// Budget left (to measure what a resolution cost).
    pub(crate) fn budget(&self) -> usize {
        self.budget
    }

    pub(crate) fn at(&self, inst: usize, pos: Pos) -> Location {
        self.index.instances[inst].location(pos)
    }

    /// Binds a QName written in schema instance `inst`.
    pub(crate) fn schema_qname(&mut self, inst: usize, q: &QNameText) -> Option<QName> {
        let instance = &self.index.instances[inst];
        let chameleon_ns = instance.is_chameleon().then_some(instance.ns).flatten();
        let at = instance.location(q.pos);
        self.bind(&q.text, &q.namespaces, chameleon_ns, at)
    }

    /// Binds `text` with `namespaces`; an unprefixed name with no default
    /// namespace goes to `no_ns_default` (the includer's, for chameleons).
    pub(crate) fn bind(
        &mut self,
        text: &str,
        namespaces: &Namespaces,
        no_ns_default: Option<&str>,
        at: Location,
    ) -> Option<QName> {
        let (prefix, local) = match text.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, text),
        };
        let ns = match prefix {
            Some("xml") => Some(XML_NS),
            Some(p) => match namespaces.uri(Some(p)) {
                Some(uri) => Some(uri),
                None => {
                    self.errors.push(ResolveError::UnknownPrefix {
                        prefix: p.to_owned(),
                        qname: text.to_owned(),
                        at,
                    });
                    return None;
                }
            },
            None => namespaces
                .uri(None)
                .filter(|u| !u.is_empty())
                .or(no_ns_default),
        };
        Some(QName::new(ns, local))
    }

    /// A type reference from instance `inst`; errors are recorded and give `anyType`.
    pub(crate) fn type_ref(&mut self, inst: usize, q: &QNameText) -> TypeRef {
        let fallback = TypeRef::Builtin("anyType".into());
        let Some(name) = self.schema_qname(inst, q) else {
            return fallback;
        };
        if let Some(found) = self.named_type(&name) {
            return found;
        }
        self.errors.push(ResolveError::UnknownType {
            name: name.to_string(),
            at: self.at(inst, q.pos),
        });
        fallback
    }

    /// The built-in, complex or simple type called `name`, if there is one.
    pub(crate) fn named_type(&self, name: &QName) -> Option<TypeRef> {
        let builtin = |ns| name.ns.as_deref() == Some(ns) && is_builtin(&name.local);
        if builtin(XSD_NS) {
            Some(TypeRef::Builtin(name.local.clone()))
        } else if self.index.get(ComponentKind::ComplexType, name).is_some() {
            Some(TypeRef::Complex(name.clone()))
        } else if self.index.get(ComponentKind::SimpleType, name).is_some() {
            Some(TypeRef::Simple(name.clone()))
        } else if builtin(SOAP_ENC_NS) {
            Some(TypeRef::Builtin(name.local.clone()))
        } else {
            None
        }
    }

    /// Like [`type_ref`](Self::type_ref) but the type must be simple.
    pub(crate) fn simple_type_ref(&mut self, inst: usize, q: &QNameText) -> TypeRef {
        let r = self.type_ref(inst, q);
        match r {
            TypeRef::Complex(name) => {
                self.errors.push(ResolveError::NotSimpleType {
                    name: name.to_string(),
                    at: self.at(inst, q.pos),
                });
                TypeRef::Builtin("anySimpleType".into())
            }
            TypeRef::Builtin(b) if b == "anyType" => TypeRef::Builtin("anySimpleType".into()),
            other => other,
        }
    }

    /// Looks up a referenced component, reporting `unknown` when absent.
    pub(crate) fn lookup(
        &mut self,
        inst: usize,
        kind: ComponentKind,
        q: &QNameText,
        unknown: fn(String, Location) -> ResolveError,
    ) -> Option<(QName, Entry<'d>)> {
        let name = self.schema_qname(inst, q)?;
        match self.index.get(kind, &name) {
            Some(entry) => Some((name, entry)),
            None => {
                let at = self.at(inst, q.pos);
                self.errors.push(unknown(name.to_string(), at));
                None
            }
        }
    }
}
