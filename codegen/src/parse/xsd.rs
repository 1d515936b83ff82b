//! `xs:schema` → [`SchemaDoc`].

use super::loader::Loader;
use super::syntax::{Component, ComponentKind, SchemaDoc, SchemaRef, XmlElement, XmlNode};
use super::xml::fingerprint;
use super::ParseError;
use crate::resolve::ir::{SOAP_ENC_NS, XML_NS, XSD_NS};

impl Loader<'_> {
    /// Parses a schema of `file`; returns its index in [`Documents::schemas`](super::Documents::schemas).
    pub(crate) fn schema(&mut self, file: usize, el: XmlElement) -> usize {
        let mut doc = SchemaDoc {
            file,
            pos: el.pos,
            target_ns: el
                .attr("targetNamespace")
                .filter(|ns| !ns.is_empty())
                .map(str::to_owned),
            element_form_qualified: el.attr("elementFormDefault") == Some("qualified"),
            attribute_form_qualified: el.attr("attributeFormDefault") == Some("qualified"),
            docs: Vec::new(),
            imports: Vec::new(),
            includes: Vec::new(),
            components: Vec::new(),
        };
        for child in el.children {
            let XmlNode::Element(child) = child else {
                continue;
            };
            if child.ns.as_deref() != Some(XSD_NS) {
                continue;
            }
            let kind = match child.local.as_str() {
                "annotation" => {
                    doc.docs.extend(
                        child
                            .children_in(XSD_NS)
                            .filter(|d| d.local == "documentation")
                            .cloned(),
                    );
                    continue;
                }
                "import" | "include" => {
                    let location = child.attr("schemaLocation").map(str::to_owned);
                    let built_in = child.local == "import"
                        && matches!(child.attr("namespace"), Some(XML_NS | XSD_NS | SOAP_ENC_NS));
                    let target = location.as_deref().and_then(|loc| {
                        if built_in {
                            self.locate_if_present(file, loc)
                        } else {
                            self.locate(file, loc, child.pos)
                        }
                    });
                    let r = SchemaRef {
                        namespace: child.attr("namespace").map(str::to_owned),
                        location,
                        file: target,
                        pos: child.pos,
                    };
                    if child.local == "import" {
                        doc.imports.push(r);
                    } else {
                        if r.location.is_none() {
                            self.required_attr(file, &child, "schemaLocation");
                        }
                        doc.includes.push(r);
                    }
                    continue;
                }
                "redefine" | "override" => {
                    let construct = format!("xs:{}", child.local);
                    self.error_at(file, child.pos, |file, line, col| {
                        ParseError::UnsupportedConstruct {
                            file,
                            line,
                            col,
                            construct,
                        }
                    });
                    continue;
                }
                "element" => ComponentKind::Element,
                "complexType" => ComponentKind::ComplexType,
                "simpleType" => ComponentKind::SimpleType,
                "group" => ComponentKind::Group,
                "attributeGroup" => ComponentKind::AttributeGroup,
                "attribute" => ComponentKind::Attribute,
                _ => continue,
            };
            let Some(name) = self.required_attr(file, &child, "name") else {
                continue;
            };
            doc.components.push(Component {
                kind,
                name,
                fingerprint: fingerprint(&child),
                element: child,
            });
        }
        let index = self.docs.schemas.len();
        self.docs.schemas.push(doc);
        self.docs.files[file].schemas.push(index);
        index
    }
}
