//! XSD features through parse + resolve, one tiny inline schema each.

use crate::resolve_support;

use resolve_support::{schema, schema_error, xsd};
use soap_codegen::resolve::{
    ComplexContent, ComplexType, LocalElement, Occurs, Particle, QName, Resolved, SimpleVariety,
    Term, TypeDef, TypeRef,
};

fn t(local: &str) -> QName {
    QName::new(Some("urn:t"), local)
}

fn builtin(local: &str) -> TypeDef {
    TypeDef::Ref(TypeRef::Builtin(local.into()))
}

fn complex<'r>(r: &'r Resolved, local: &str) -> &'r ComplexType {
    r.complex_types
        .get(&t(local))
        .unwrap_or_else(|| panic!("no complex type {local}"))
}

fn particles(content: &ComplexContent) -> &[Particle] {
    let p = match content {
        ComplexContent::Particle(p) => p,
        ComplexContent::Extension {
            particle: Some(p), ..
        }
        | ComplexContent::Restriction {
            particle: Some(p), ..
        } => p,
        other => panic!("no particle: {other:?}"),
    };
    match &p.term {
        Term::Sequence(items) | Term::Choice(items) | Term::All(items) => items,
        other => panic!("not a group: {other:?}"),
    }
}

fn element(p: &Particle) -> &LocalElement {
    match &p.term {
        Term::Element(e) => e,
        other => panic!("not an element: {other:?}"),
    }
}

#[test]
fn sequence_occurs_nillable_defaults() {
    let r = schema(
        "seq",
        &xsd(r#"<xs:complexType name="order">
  <xs:sequence>
    <xs:element name="id" type="xs:string"/>
    <xs:element name="lines" type="xs:int" minOccurs="0" maxOccurs="unbounded"/>
    <xs:element name="note" type="xs:string" minOccurs="0" nillable="true" default="n/a"/>
    <xs:element name="pair" type="xs:int" maxOccurs="2" fixed="7"/>
    <xs:element name="never" type="xs:int" minOccurs="0" maxOccurs="0"/>
    <xs:element name="anything"/>
  </xs:sequence>
</xs:complexType>"#),
    );
    let items = particles(&complex(&r, "order").content);
    assert_eq!(items.len(), 6);
    assert_eq!(items[0].occurs, Occurs::ONCE);
    assert_eq!(items[1].occurs, Occurs { min: 0, max: None });
    assert!(items[1].occurs.is_repeated());
    let note = element(&items[2]);
    assert!(note.nillable);
    assert_eq!(note.default.as_deref(), Some("n/a"));
    assert_eq!(
        items[3].occurs,
        Occurs {
            min: 1,
            max: Some(2)
        }
    );
    assert_eq!(element(&items[3]).fixed.as_deref(), Some("7"));
    assert_eq!(
        items[4].occurs,
        Occurs {
            min: 0,
            max: Some(0)
        }
    );
    assert!(!items[4].occurs.is_repeated());
    assert_eq!(element(&items[5]).ty, builtin("anyType"));
    assert_eq!(
        element(&items[0]).name,
        QName::new(None, "id"),
        "unqualified by default"
    );
}

#[test]
fn nested_groups_choice_all_and_any() {
    let r = schema(
        "nested",
        &xsd(r###"<xs:complexType name="c">
  <xs:sequence>
    <xs:choice minOccurs="0">
      <xs:element name="a" type="xs:string"/>
      <xs:sequence><xs:element name="b" type="xs:int"/><xs:element name="c" type="xs:int"/></xs:sequence>
    </xs:choice>
    <xs:any namespace="##other" processContents="lax" maxOccurs="unbounded"/>
  </xs:sequence>
</xs:complexType>
<xs:complexType name="d"><xs:all><xs:element name="x" type="xs:string"/></xs:all></xs:complexType>"###),
    );
    let items = particles(&complex(&r, "c").content);
    let Term::Choice(alts) = &items[0].term else {
        panic!()
    };
    assert!(items[0].occurs.is_optional());
    assert!(matches!(&alts[1].term, Term::Sequence(s) if s.len() == 2));
    assert_eq!(
        items[1].term,
        Term::Any {
            namespace: "##other".into(),
            process_contents: "lax".into()
        }
    );
    assert!(matches!(
        &complex(&r, "d").content,
        ComplexContent::Particle(Particle {
            term: Term::All(_),
            ..
        })
    ));
}

#[test]
fn form_defaults_and_per_declaration_form() {
    let body = r#"<xs:complexType name="c">
  <xs:sequence>
    <xs:element name="q" type="xs:string"/>
    <xs:element name="u" type="xs:string" form="unqualified"/>
  </xs:sequence>
  <xs:attribute name="a" type="xs:string"/>
  <xs:attribute name="b" type="xs:string" form="qualified"/>
</xs:complexType>"#;
    let qualified = format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" elementFormDefault="qualified">{body}</xs:schema>"#
    );
    let r = schema("form", &qualified);
    let c = complex(&r, "c");
    let items = particles(&c.content);
    assert_eq!(element(&items[0]).name, t("q"));
    assert_eq!(element(&items[1]).name, QName::new(None, "u"));
    assert_eq!(c.attributes[0].name, QName::new(None, "a"));
    assert_eq!(c.attributes[1].name, t("b"));

    let attrs_qualified = format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" attributeFormDefault="qualified">{}</xs:schema>"#,
        body.replace(
            r#"name="b" type="xs:string" form="qualified""#,
            r#"name="b" type="xs:string" form="unqualified""#
        )
    );
    let r = schema("attrform", &attrs_qualified);
    let c = complex(&r, "c");
    assert_eq!(
        element(&particles(&c.content)[0]).name,
        QName::new(None, "q")
    );
    assert_eq!(c.attributes[0].name, t("a"));
    assert_eq!(c.attributes[1].name, QName::new(None, "b"));
}

#[test]
fn element_refs_use_the_global_declaration() {
    let r = schema(
        "refs",
        &xsd(r#"<xs:element name="item" type="xs:int" nillable="true">
  <xs:annotation><xs:documentation>Global doc.</xs:documentation></xs:annotation>
</xs:element>
<xs:element name="box">
  <xs:complexType><xs:sequence><xs:element ref="t:item" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
</xs:element>"#),
    );
    let TypeDef::AnonComplex(anon) = &r.elements[&t("box")].ty else {
        panic!()
    };
    let items = particles(&anon.content);
    let item = element(&items[0]);
    assert_eq!(item.name, t("item"));
    assert_eq!(item.reference, Some(t("item")));
    assert!(item.nillable);
    assert_eq!(item.ty, builtin("int"));
    assert_eq!(item.doc.as_deref(), Some("Global doc."));
    assert!(items[0].occurs.is_repeated());
}

#[test]
fn groups_and_attribute_groups_expand_in_place() {
    let r = schema(
        "groups",
        &xsd(
            r#"<xs:group name="g"><xs:sequence><xs:element name="g1" type="xs:string"/></xs:sequence></xs:group>
<xs:attributeGroup name="ag">
  <xs:attribute name="x" type="xs:int" use="required"/>
  <xs:attributeGroup ref="t:inner"/>
</xs:attributeGroup>
<xs:attributeGroup name="inner"><xs:attribute name="y" type="xs:int" default="3"/><xs:anyAttribute/></xs:attributeGroup>
<xs:attribute name="lang" type="xs:language"/>
<xs:complexType name="c">
  <xs:sequence><xs:element name="first" type="xs:int"/><xs:group ref="t:g" minOccurs="0"/></xs:sequence>
  <xs:attributeGroup ref="t:ag"/>
  <xs:attribute ref="t:lang"/>
  <xs:attribute ref="xml:lang"/>
</xs:complexType>"#,
        ),
    );
    let c = complex(&r, "c");
    let items = particles(&c.content);
    assert_eq!(items.len(), 2);
    assert!(items[1].occurs.is_optional());
    let Term::Sequence(inner) = &items[1].term else {
        panic!()
    };
    assert_eq!(element(&inner[0]).name, QName::new(None, "g1"));
    let names: Vec<String> = c.attributes.iter().map(|a| a.name.to_string()).collect();
    assert_eq!(
        names,
        [
            "x",
            "y",
            "{urn:t}lang",
            "{http://www.w3.org/XML/1998/namespace}lang"
        ]
    );
    assert!(c.attributes[0].required);
    assert_eq!(c.attributes[1].default.as_deref(), Some("3"));
    assert_eq!(
        c.attributes[2].ty,
        TypeDef::Ref(TypeRef::Builtin("language".into()))
    );
    assert!(c.any_attribute);
}

#[test]
fn complex_content_extension_and_restriction() {
    let r = schema(
        "derive",
        &xsd(
            r#"<xs:complexType name="base"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType>
<xs:complexType name="ext">
  <xs:complexContent><xs:extension base="t:base">
    <xs:sequence><xs:element name="b" type="xs:int"/></xs:sequence>
    <xs:attribute name="v" type="xs:int"/>
  </xs:extension></xs:complexContent>
</xs:complexType>
<xs:complexType name="onlyattr"><xs:complexContent><xs:extension base="t:base"><xs:attribute name="w" type="xs:int"/></xs:extension></xs:complexContent></xs:complexType>
<xs:complexType name="res">
  <xs:complexContent><xs:restriction base="xs:anyType"><xs:sequence><xs:element name="z" type="xs:int"/></xs:sequence></xs:restriction></xs:complexContent>
</xs:complexType>"#,
        ),
    );
    let ext = complex(&r, "ext");
    let ComplexContent::Extension {
        base,
        particle: Some(_),
    } = &ext.content
    else {
        panic!("{:?}", ext.content)
    };
    assert_eq!(base, &TypeRef::Complex(t("base")));
    assert_eq!(ext.attributes.len(), 1);
    assert!(matches!(
        &complex(&r, "onlyattr").content,
        ComplexContent::Extension { particle: None, .. }
    ));
    let ComplexContent::Restriction { base, .. } = &complex(&r, "res").content else {
        panic!()
    };
    assert_eq!(base, &TypeRef::Builtin("anyType".into()));
}

#[test]
fn simple_content_extension_and_restriction() {
    let r = schema(
        "simplecontent",
        &xsd(r#"<xs:complexType name="amount">
  <xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="currency" type="xs:string" use="required"/></xs:extension></xs:simpleContent>
</xs:complexType>
<xs:complexType name="small">
  <xs:simpleContent><xs:restriction base="t:amount"><xs:maxInclusive value="10"/></xs:restriction></xs:simpleContent>
</xs:complexType>"#),
    );
    let amount = complex(&r, "amount");
    assert!(
        matches!(&amount.content, ComplexContent::Simple { base: TypeRef::Builtin(b), .. } if b == "decimal")
    );
    assert!(amount.attributes[0].required);
    let small = complex(&r, "small");
    let ComplexContent::Simple { base, facets } = &small.content else {
        panic!()
    };
    assert_eq!(base, &TypeRef::Builtin("decimal".into()));
    assert_eq!(facets.len(), 1);
    assert_eq!(facets[0].max_inclusive.as_deref(), Some("10"));
    assert_eq!(small.attributes.len(), 1, "inherits the base's attributes");
}

/// Issue 10: a restriction of a restriction kept only the last step's
/// patterns (a value had to match `[0-9]{3}` alone, not also `[0-9]+`).
/// Every step is kept; the model folds them (steps ANDed, patterns of one step ORed).
#[test]
fn simple_content_restriction_steps_keep_every_pattern() {
    let r = schema(
        "simplecontent-steps",
        &xsd(r#"<xs:complexType name="code">
  <xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="system" type="xs:string"/></xs:extension></xs:simpleContent>
</xs:complexType>
<xs:complexType name="digits">
  <xs:simpleContent><xs:restriction base="t:code"><xs:pattern value="[0-9]+"/></xs:restriction></xs:simpleContent>
</xs:complexType>
<xs:complexType name="three">
  <xs:simpleContent><xs:restriction base="t:digits"><xs:pattern value="[0-9]{3}"/><xs:pattern value="0"/></xs:restriction></xs:simpleContent>
</xs:complexType>"#),
    );
    let ComplexContent::Simple { facets, .. } = &complex(&r, "three").content else {
        panic!()
    };
    let patterns: Vec<&[String]> = facets.iter().map(|f| f.patterns.as_slice()).collect();
    assert_eq!(
        patterns,
        [
            &["[0-9]+".to_string()][..],
            &["[0-9]{3}".to_string(), "0".to_string()][..]
        ]
    );
}

#[test]
fn simple_types_facets_list_union() {
    let r = schema(
        "simple",
        &xsd(r#"<xs:simpleType name="status">
  <xs:annotation><xs:documentation>Status.</xs:documentation></xs:annotation>
  <xs:restriction base="xs:string">
    <xs:enumeration value="IS_DEBITED"><xs:annotation><xs:documentation>Debited.</xs:documentation></xs:annotation></xs:enumeration>
    <xs:enumeration value="FROZEN"/>
  </xs:restriction>
</xs:simpleType>
<xs:simpleType name="id"><xs:restriction base="xs:string">
  <xs:pattern value="[A-Z]+"/><xs:pattern value="[0-9]+"/><xs:length value="4"/><xs:minLength value="1"/><xs:maxLength value="9"/><xs:whiteSpace value="collapse"/>
</xs:restriction></xs:simpleType>
<xs:simpleType name="amount"><xs:restriction base="xs:decimal">
  <xs:minInclusive value="0"/><xs:maxInclusive value="100"/><xs:minExclusive value="-1"/><xs:maxExclusive value="101"/><xs:totalDigits value="14"/><xs:fractionDigits value="5"/>
</xs:restriction></xs:simpleType>
<xs:simpleType name="derived"><xs:restriction base="t:id"><xs:maxLength value="5"/></xs:restriction></xs:simpleType>
<xs:simpleType name="ids"><xs:list itemType="t:id"/></xs:simpleType>
<xs:simpleType name="inlineList"><xs:list><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:list></xs:simpleType>
<xs:simpleType name="either"><xs:union memberTypes="xs:int t:status"><xs:simpleType><xs:restriction base="xs:date"/></xs:simpleType></xs:union></xs:simpleType>"#),
    );
    let status = &r.simple_types[&t("status")];
    assert_eq!(status.doc.as_deref(), Some("Status."));
    let SimpleVariety::Restriction { base, facets } = &status.variety else {
        panic!()
    };
    assert_eq!(base, &builtin("string"));
    assert_eq!(facets.enumeration[0].value, "IS_DEBITED");
    assert_eq!(facets.enumeration[0].doc.as_deref(), Some("Debited."));
    assert_eq!(facets.enumeration.len(), 2);
    let SimpleVariety::Restriction { facets, .. } = &r.simple_types[&t("id")].variety else {
        panic!()
    };
    assert_eq!(facets.patterns, ["[A-Z]+", "[0-9]+"]);
    assert_eq!(
        (facets.length, facets.min_length, facets.max_length),
        (Some(4), Some(1), Some(9))
    );
    assert_eq!(facets.white_space.as_deref(), Some("collapse"));
    let SimpleVariety::Restriction { facets, .. } = &r.simple_types[&t("amount")].variety else {
        panic!()
    };
    assert_eq!(facets.min_inclusive.as_deref(), Some("0"));
    assert_eq!(facets.max_inclusive.as_deref(), Some("100"));
    assert_eq!(facets.min_exclusive.as_deref(), Some("-1"));
    assert_eq!(facets.max_exclusive.as_deref(), Some("101"));
    assert_eq!(
        (facets.total_digits, facets.fraction_digits),
        (Some(14), Some(5))
    );
    let SimpleVariety::Restriction { base, .. } = &r.simple_types[&t("derived")].variety else {
        panic!()
    };
    assert_eq!(base, &TypeDef::Ref(TypeRef::Simple(t("id"))));
    assert!(matches!(
        &r.simple_types[&t("ids")].variety,
        SimpleVariety::List {
            item: TypeDef::Ref(TypeRef::Simple(_))
        }
    ));
    assert!(matches!(
        &r.simple_types[&t("inlineList")].variety,
        SimpleVariety::List {
            item: TypeDef::AnonSimple(_)
        }
    ));
    let SimpleVariety::Union { members } = &r.simple_types[&t("either")].variety else {
        panic!()
    };
    assert_eq!(members.len(), 3);
    assert_eq!(members[1], TypeDef::Ref(TypeRef::Simple(t("status"))));
    assert!(matches!(members[2], TypeDef::AnonSimple(_)));
}

#[test]
fn anonymous_types_and_recursion() {
    let r = schema(
        "anon",
        &xsd(r#"<xs:element name="tree">
  <xs:complexType mixed="true"><xs:sequence>
    <xs:element name="node" type="t:node"/>
    <xs:element name="kind"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="A"/></xs:restriction></xs:simpleType></xs:element>
  </xs:sequence></xs:complexType>
</xs:element>
<xs:complexType name="node"><xs:sequence><xs:element name="child" type="t:node" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>"#),
    );
    let TypeDef::AnonComplex(tree) = &r.elements[&t("tree")].ty else {
        panic!()
    };
    assert!(tree.mixed);
    assert_eq!(tree.name, None);
    assert_eq!(tree.target_ns.as_deref(), Some("urn:t"));
    let items = particles(&tree.content);
    assert!(matches!(element(&items[1]).ty, TypeDef::AnonSimple(_)));
    let node = particles(&complex(&r, "node").content);
    assert_eq!(
        element(&node[0]).ty,
        TypeDef::Ref(TypeRef::Complex(t("node")))
    );
}

#[test]
fn same_local_name_in_two_namespaces() {
    let scratch = resolve_support::Scratch::new("twons");
    let b = scratch.write(
        "b.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:b"><xs:complexType name="item"/></xs:schema>"#,
    );
    let a = scratch.write(
        "a.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:b" targetNamespace="urn:a">
  <xs:import namespace="urn:b" schemaLocation="b.xsd"/>
  <xs:complexType name="item"><xs:sequence><xs:element name="other" type="b:item"/></xs:sequence></xs:complexType>
</xs:schema>"#,
    );
    let r = resolve_support::run(&[a.clone(), b]).unwrap_or_else(|e| panic!("{e}"));
    assert!(r
        .complex_types
        .contains_key(&QName::new(Some("urn:a"), "item")));
    assert!(r
        .complex_types
        .contains_key(&QName::new(Some("urn:b"), "item")));
    assert_eq!(r.files.len(), 2, "b.xsd read once");
    assert_eq!(r.files[0], a);
}

#[test]
fn include_merges_and_chameleon_takes_the_includer_namespace() {
    let scratch = resolve_support::Scratch::new("include");
    scratch.write(
        "part.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t"><xs:simpleType name="code"><xs:restriction base="xs:string"/></xs:simpleType></xs:schema>"#,
    );
    scratch.write(
        "chameleon.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:complexType name="cham"><xs:sequence><xs:element name="c" type="code"/></xs:sequence></xs:complexType></xs:schema>"#,
    );
    let main = scratch.write(
        "sub/../main.xsd",
        &xsd(
            r#"<xs:include schemaLocation="part.xsd"/><xs:include schemaLocation="chameleon.xsd"/>
<xs:element name="e" type="t:cham"/>"#,
        ),
    );
    let r = resolve_support::run(&[main]).unwrap_or_else(|e| panic!("{e}"));
    let cham = complex(&r, "cham");
    assert_eq!(
        element(&particles(&cham.content)[0]).ty,
        TypeDef::Ref(TypeRef::Simple(t("code")))
    );
    assert_eq!(r.files.len(), 3);
}

#[test]
fn unknown_builtin_and_type_are_errors_with_positions() {
    let e = schema_error(
        "unknown",
        &xsd(r#"<xs:complexType name="c">
  <xs:sequence>
    <xs:element name="a" type="xs:strin"/>
    <xs:element name="b" type="t:missing"/>
    <xs:element name="c" type="nope:x"/>
    <xs:element ref="t:ghost"/>
    <xs:group ref="t:nogroup"/>
  </xs:sequence>
  <xs:attributeGroup ref="t:noag"/>
</xs:complexType>"#),
    );
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines.len(), 6, "{e}");
    assert!(
        lines[0].contains("a.xsd:4:5: unknown type `{http://www.w3.org/2001/XMLSchema}strin`"),
        "{e}"
    );
    assert!(
        lines[1].contains("a.xsd:5:5: unknown type `{urn:t}missing`"),
        "{e}"
    );
    assert!(
        lines[2].contains("a.xsd:6:5: undeclared namespace prefix `nope`"),
        "{e}"
    );
    assert!(lines[3].contains("unknown element `{urn:t}ghost`"), "{e}");
    assert!(lines[4].contains("unknown group `{urn:t}nogroup`"), "{e}");
    assert!(
        lines[5].contains("unknown attribute group `{urn:t}noag`"),
        "{e}"
    );
}

#[test]
fn conflicting_duplicates_are_errors_identical_ones_are_not() {
    let scratch = resolve_support::Scratch::new("dups");
    let decl = r#"<xs:complexType name="same"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType>"#;
    let one = scratch.write("one/x.xsd", &xsd(decl));
    let two = scratch.write("two/x.xsd", &xsd(&format!("\n\n   {decl}")));
    assert!(resolve_support::run(&[one.clone(), two]).is_ok());
    let three = scratch.write("three/x.xsd", &xsd(r#"<xs:complexType name="same"/>"#));
    let e = resolve_support::run(&[one, three])
        .err()
        .unwrap_or_default();
    assert!(
        e.contains("duplicate complexType `{urn:t}same`") && e.contains("first declared at"),
        "{e}"
    );
}

#[test]
fn duplicates_differing_only_in_prefixes_are_identical() {
    let scratch = resolve_support::Scratch::new("dups-prefixes");
    let one = scratch.write(
        "one/x.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
  <xs:complexType name="same"><xs:sequence><xs:element name="a" type="t:code"/></xs:sequence></xs:complexType>
  <xs:simpleType name="code"><xs:restriction base="xs:string"/></xs:simpleType>
</xs:schema>"#,
    );
    let two = scratch.write(
        "two/x.xsd",
        r#"<schema xmlns="http://www.w3.org/2001/XMLSchema" xmlns:other="urn:other" xmlns:q="urn:t" targetNamespace="urn:t">
  <complexType name="same"><sequence><element name="a" type="q:code"/></sequence></complexType>
  <simpleType name="code"><restriction base="string"/></simpleType>
</schema>"#,
    );
    assert!(resolve_support::run(&[one.clone(), two]).is_ok());
    let three = scratch.write(
        "three/x.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:elsewhere" targetNamespace="urn:t">
  <xs:complexType name="same"><xs:sequence><xs:element name="a" type="t:code"/></xs:sequence></xs:complexType>
</xs:schema>"#,
    );
    let e = resolve_support::run(&[one, three])
        .err()
        .unwrap_or_default();
    assert!(e.contains("duplicate complexType `{urn:t}same`"), "{e}");
}

#[test]
fn invalid_occurs_and_facets_are_reported() {
    let e = schema_error(
        "invalid",
        &xsd(
            r#"<xs:complexType name="c"><xs:sequence><xs:element name="a" type="xs:int" maxOccurs="many"/></xs:sequence></xs:complexType>
<xs:simpleType name="s"><xs:restriction base="xs:string"><xs:maxLength value="-3"/></xs:restriction></xs:simpleType>
<xs:simpleType name="bad"><xs:restriction base="t:c"/></xs:simpleType>"#,
        ),
    );
    assert!(e.contains("invalid maxOccurs=\"many\""), "{e}");
    assert!(e.contains("invalid maxLength=\"-3\""), "{e}");
    assert!(
        e.contains("`{urn:t}c` is a complex type where a simple type is required"),
        "{e}"
    );
}

#[test]
fn namespace_documentation_is_kept() {
    let r = schema(
        "nsdoc",
        &xsd(
            r#"<xs:annotation><xs:documentation>The <b>types</b>.</xs:documentation></xs:annotation>"#,
        ),
    );
    assert_eq!(r.namespaces["urn:t"].doc.as_deref(), Some("The **types**."));
}

#[test]
fn deep_nesting_within_the_depth_limit_resolves() {
    let depth = 120;
    let body = format!(
        r#"<xs:complexType name="deep">{}<xs:element name="leaf" type="xs:int"/>{}</xs:complexType>"#,
        "<xs:sequence>".repeat(depth),
        "</xs:sequence>".repeat(depth)
    );
    let r = schema("deep", &xsd(&body));
    let mut particle = match &complex(&r, "deep").content {
        ComplexContent::Particle(p) => p,
        other => panic!("{other:?}"),
    };
    let mut levels = 1;
    while let Term::Sequence(items) = &particle.term {
        particle = &items[0];
        levels += 1;
    }
    assert_eq!(levels, depth + 1);
}

#[test]
fn exponential_group_expansion_is_bounded() {
    let mut body = String::from(
        r#"<xs:group name="g0"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:group>"#,
    );
    for i in 1..=40 {
        let p = i - 1;
        body.push_str(&format!(
            r#"<xs:group name="g{i}"><xs:sequence><xs:group ref="t:g{p}"/><xs:group ref="t:g{p}"/></xs:sequence></xs:group>"#
        ));
    }
    body.push_str(r#"<xs:complexType name="bomb"><xs:group ref="t:g40"/></xs:complexType>"#);
    let e = schema_error("bomb", &xsd(&body));
    assert!(e.contains("expand to more than"), "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn self_reference_through_an_anonymous_type_is_reported() {
    let e = schema_error(
        "selfref",
        &xsd(r#"<xs:element name="folder">
  <xs:complexType><xs:sequence><xs:element ref="t:folder" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
</xs:element>"#),
    );
    assert!(
        e.contains("a.xsd:3:32: unsupported: element `{urn:t}folder` refers to itself"),
        "{e}"
    );
}

#[test]
fn dataset_reference_to_the_schema_for_schemas_is_a_wildcard() {
    let r = schema(
        "dataset",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a">
  <xs:import namespace="http://www.w3.org/2001/XMLSchema" schemaLocation="http://www.w3.org/2001/XMLSchema.xsd"/>
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>
  <xs:complexType name="DataSet">
    <xs:sequence><xs:element ref="xs:schema"/><xs:any/></xs:sequence>
    <xs:attribute ref="xml:lang"/>
  </xs:complexType>
</xs:schema>"#,
    );
    let ct = &r.complex_types[&QName::new(Some("urn:a"), "DataSet")];
    let ComplexContent::Particle(Particle {
        term: Term::Sequence(items),
        ..
    }) = &ct.content
    else {
        panic!("not a sequence: {:?}", ct.content);
    };
    let namespaces: Vec<_> = items
        .iter()
        .map(|p| match &p.term {
            Term::Any { namespace, .. } => namespace.as_str(),
            other => panic!("not a wildcard: {other:?}"),
        })
        .collect();
    assert_eq!(namespaces, ["http://www.w3.org/2001/XMLSchema", "##any"]);
}

#[test]
fn substitution_group_head_reference_is_a_choice_of_its_members() {
    let r = schema(
        "substitution",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:a="urn:a" targetNamespace="urn:a">
  <xs:element name="shape" type="xs:string" abstract="true"/>
  <xs:element name="circle" type="xs:double" substitutionGroup="a:shape"/>
  <xs:element name="polygon" type="xs:string" substitutionGroup="a:shape"/>
  <xs:element name="square" type="xs:int" substitutionGroup="a:polygon"/>
  <xs:element name="note" type="xs:string"/>
  <xs:complexType name="Drawing">
    <xs:sequence>
      <xs:element ref="a:shape" maxOccurs="unbounded"/>
      <xs:element ref="a:polygon" minOccurs="0"/>
      <xs:element ref="a:note"/>
    </xs:sequence>
  </xs:complexType>
</xs:schema>"#,
    );
    let ct = &r.complex_types[&QName::new(Some("urn:a"), "Drawing")];
    let ComplexContent::Particle(Particle {
        term: Term::Sequence(items),
        ..
    }) = &ct.content
    else {
        panic!("not a sequence: {:?}", ct.content);
    };
    let shape = |p: &Particle| -> (Option<u32>, u32, Vec<String>) {
        let names = match &p.term {
            Term::Choice(alternatives) => alternatives
                .iter()
                .map(|a| match &a.term {
                    Term::Element(e) => e.name.local.clone(),
                    other => panic!("not an element: {other:?}"),
                })
                .collect(),
            Term::Element(e) => vec![format!("element {}", e.name.local)],
            other => panic!("unexpected {other:?}"),
        };
        (p.occurs.max, p.occurs.min, names)
    };
    assert_eq!(
        shape(&items[0]),
        (
            None,
            1,
            vec!["circle".into(), "polygon".into(), "square".into()]
        ),
        "the abstract head is left out, members of members are in"
    );
    assert_eq!(
        shape(&items[1]),
        (Some(1), 0, vec!["polygon".into(), "square".into()]),
        "a concrete head is an alternative itself"
    );
    assert_eq!(shape(&items[2]), (Some(1), 1, vec!["element note".into()]));
}

#[test]
fn soap_encoding_types_without_their_schema_are_the_builtins() {
    let r = schema(
        "soapenc",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" targetNamespace="urn:a">
  <xs:import namespace="http://schemas.xmlsoap.org/soap/encoding/" schemaLocation="http://schemas.xmlsoap.org/soap/encoding/"/>
  <xs:element name="name" type="enc:string"/>
</xs:schema>"#,
    );
    let e = &r.elements[&QName::new(Some("urn:a"), "name")];
    assert_eq!(e.ty, TypeDef::Ref(TypeRef::Builtin("string".into())));
    let err = schema_error(
        "soapenc-array",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" targetNamespace="urn:a">
  <xs:element name="list" type="enc:Array"/>
</xs:schema>"#,
    );
    assert!(
        err.contains("unknown type `{http://schemas.xmlsoap.org/soap/encoding/}Array`"),
        "{err}"
    );
}
