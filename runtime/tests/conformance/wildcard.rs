//! `xs:any` wildcards: `Reader::next_field_or_other` hands children that match no
//! field to the wildcard fields, which keep them as raw XML.

use soap_runtime::rt;

#[derive(Debug, Clone, PartialEq, Default)]
struct Ext {
    name: String,
    any: Vec<rt::AnyXml>,
    any2: Option<rt::AnyXml>,
}

static EXT_FIELDS: [rt::FieldName; 1] = [rt::FieldName::unqualified("name")];
static EXT_WILDCARDS: [rt::Wildcard; 2] = [
    rt::Wildcard::Other(Some("urn:t")),
    rt::Wildcard::Only(&[None]),
];

impl rt::XmlType for Ext {
    fn write_content(&self, w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
        w.field(None, "name", &self.name)?;
        w.field(None, "", &self.any)?;
        w.field(None, "", &self.any2)?;
        Ok(())
    }
    fn read(r: &mut rt::Reader<'_>, start: &rt::Start<'_>) -> Result<Self, rt::DecodeError> {
        let mut name = None;
        let mut any = Vec::new();
        let mut any2 = None;
        while let Some((index, child)) = r.next_field_or_other(&EXT_FIELDS, &EXT_WILDCARDS)? {
            match index {
                0 => r.read_into(&mut name, &child)?,
                1 => r.read_into(&mut any, &child)?,
                2 => r.read_into(&mut any2, &child)?,
                _ => {}
            }
        }
        Ok(Self {
            name: r.required(name, start, "name")?,
            any,
            any2,
        })
    }
}

fn decode(xml: &str) -> rt::Decoded<Ext> {
    rt::decode_document::<Ext>(
        xml.as_bytes(),
        Some("urn:t"),
        "ext",
        &rt::DecodeOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}\n{xml}"))
}

#[test]
fn unknown_elements_land_in_the_wildcards_with_their_namespaces() {
    let xml = r#"<t:ext xmlns:t="urn:t" xmlns:x="urn:x" xmlns="urn:d"><name xmlns="">n</name><x:a k="1"><x:b>t</x:b></x:a><c/><loose xmlns="">l</loose></t:ext>"#;
    let decoded = decode(xml);
    assert!(decoded.diagnostics.is_empty(), "{:?}", decoded.diagnostics);
    let ext = decoded.value;
    assert_eq!(ext.name, "n");
    assert_eq!(
        ext.any,
        vec![
            rt::AnyXml(r#"<x:a xmlns:x="urn:x" xmlns="urn:d" k="1"><x:b>t</x:b></x:a>"#.into()),
            rt::AnyXml(r#"<c xmlns="urn:d"/>"#.into()),
        ]
    );
    assert_eq!(
        ext.any2,
        Some(rt::AnyXml(r#"<loose xmlns="">l</loose>"#.into()))
    );

    let encoded = rt::encode_document(&ext, Some("urn:t"), "ext").unwrap_or_else(|e| panic!("{e}"));
    let again = decode(&encoded);
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
    assert_eq!(again.value, ext, "{encoded}");
}

#[test]
fn elements_outside_the_namespace_constraint_are_skipped_and_recorded() {
    let xml = r#"<t:ext xmlns:t="urn:t"><name>n</name><t:own>x</t:own></t:ext>"#;
    let decoded = decode(xml);
    assert_eq!(decoded.value.any, Vec::new());
    assert_eq!(decoded.value.any2, None);
    assert_eq!(decoded.diagnostics.len(), 1, "{:?}", decoded.diagnostics);
}

#[test]
fn namespace_constraints() {
    assert!(rt::Wildcard::Any.admits(None));
    assert!(rt::Wildcard::Other(Some("urn:t")).admits(Some("urn:x")));
    assert!(!rt::Wildcard::Other(Some("urn:t")).admits(Some("urn:t")));
    assert!(!rt::Wildcard::Other(Some("urn:t")).admits(None));
    assert!(rt::Wildcard::Only(&[None, Some("urn:t")]).admits(Some("urn:t")));
    assert!(!rt::Wildcard::Only(&[Some("urn:t")]).admits(None));
}
