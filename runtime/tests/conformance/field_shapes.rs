//! Every field shape the generator emits encodes and decodes through `Writer::field`
//! and `Reader::read_into`.

use soap_runtime::rt;
use soap_runtime::rt::Nillable;

#[derive(Debug, Clone, PartialEq, Default)]
struct Node {
    label: Nillable<String>,
    values: Vec<Nillable<i32>>,
    child: Option<Box<Node>>,
    code: Option<rt::QName>,
    extra: Option<rt::AnyXml>,
    kind: Option<String>,
}

static NODE_FIELDS: [rt::FieldName; 5] = [
    rt::FieldName::unqualified("label"),
    rt::FieldName::unqualified("values"),
    rt::FieldName::unqualified("child"),
    rt::FieldName::unqualified("code"),
    rt::FieldName::qualified("urn:any", "extra"),
];

impl rt::XmlType for Node {
    fn write_attributes(&self, w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
        w.opt_attribute(Some("urn:attr"), "kind", &self.kind)
    }
    fn write_content(&self, w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
        w.field(None, "label", &self.label)?;
        w.field(None, "values", &self.values)?;
        w.field(None, "child", &self.child)?;
        w.field(None, "code", &self.code)?;
        w.field(Some("urn:any"), "extra", &self.extra)
    }
    fn read(r: &mut rt::Reader<'_>, start: &rt::Start<'_>) -> Result<Self, rt::DecodeError> {
        let kind = r.attribute(start, Some("urn:attr"), "kind")?;
        let (mut label, mut values, mut child, mut code, mut extra) =
            (None, Vec::new(), None, None, None);
        while let Some((index, c)) = r.next_field(&NODE_FIELDS)? {
            match index {
                0 => r.read_into(&mut label, &c)?,
                1 => r.read_into(&mut values, &c)?,
                2 => r.read_into(&mut child, &c)?,
                3 => r.read_into(&mut code, &c)?,
                _ => r.read_into(&mut extra, &c)?,
            }
        }
        Ok(Self {
            label: r.required(label, start, "label")?,
            values,
            child,
            code,
            extra,
            kind,
        })
    }
}

fn round_trip(node: &Node) -> (String, Node) {
    let xml = rt::encode_document(node, Some("urn:t"), "node").unwrap_or_else(|e| panic!("{e}"));
    let back = rt::decode_document::<Node>(
        xml.as_bytes(),
        Some("urn:t"),
        "node",
        &rt::DecodeOptions::strict(),
    );
    (
        xml.clone(),
        back.unwrap_or_else(|e| panic!("{e}\n{xml}")).value,
    )
}

#[test]
fn nested_nillable_boxed_qname_any_and_attributes_round_trip() {
    let node = Node {
        label: Nillable::Value("top".into()),
        values: vec![Nillable::Value(1), Nillable::Nil, Nillable::Value(-3)],
        child: Some(Box::new(Node {
            label: Nillable::Nil,
            kind: Some("leaf & \"q\"".into()),
            ..Node::default()
        })),
        code: Some(rt::QName::new("urn:codes", "Busy")),
        extra: Some(rt::AnyXml(
            "<x:extra xmlns:x=\"urn:any\"><y>1</y></x:extra>".into(),
        )),
        kind: None,
    };
    let (xml, back) = round_trip(&node);
    assert_eq!(back, node, "{xml}");
    assert!(xml.contains("<values>1</values><values xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/><values>-3</values>"), "{xml}");
    assert!(
        xml.contains("<child xmlns:ns2=\"urn:attr\" ns2:kind=\"leaf &amp; &quot;q&quot;\">"),
        "{xml}"
    );
    assert!(
        xml.contains("<code xmlns:qn=\"urn:codes\">qn:Busy</code>"),
        "{xml}"
    );
}

#[test]
fn nil_on_a_field_that_is_not_nillable_is_a_diagnostic() {
    let xml = "<t:node xmlns:t='urn:t' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'><label>a</label><code xsi:nil='true'/></t:node>";
    let d = rt::decode_document::<Node>(
        xml.as_bytes(),
        Some("urn:t"),
        "node",
        &rt::DecodeOptions::default(),
    );
    let d = d.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.value.code, None);
    assert_eq!(d.diagnostics.len(), 1);
    assert_eq!(d.diagnostics[0].kind, rt::DiagnosticKind::UnexpectedNil);
    assert_eq!(d.diagnostics[0].path, "node/code");
}

#[test]
fn list_indexes_show_in_paths() {
    let xml =
        "<t:node xmlns:t='urn:t'><label>a</label><values>1</values><values>x</values></t:node>";
    let e = rt::decode_document::<Node>(
        xml.as_bytes(),
        Some("urn:t"),
        "node",
        &rt::DecodeOptions::default(),
    )
    .err();
    let e = e.unwrap_or_else(|| panic!("accepted x as an int"));
    assert_eq!(e.path, "node/values[2]");
    assert_eq!((e.line, e.column), (1, 67));
    assert_eq!(e.to_string(), "'x' is not a valid int (invalid digit found in string) at node/values[2] (line 1, column 67)");
}
