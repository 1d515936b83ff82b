//! Parse + resolve of the real Resurs Bank WSDLs (from `../shared`, skipped
//! when absent), with no location map: the `xsd=` rule finds the files.

use crate::resolve_support;

use std::path::PathBuf;

use soap_codegen::resolve::{ComplexContent, QName, Resolved, Term, TypeDef, TypeRef};

fn resurs(service: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/resurs-v4");
    if !dir.is_dir() {
        println!("skipped: ../shared/resurs-v4 is absent");
        return None;
    }
    Some(dir.join(service).join(format!("{service}.wsdl")))
}

const AFTERSHOP: &str = "AfterShopFlowService";
const SHOPFLOW: &str = "ShopFlowService";
const COMMON: &str = "http://ecommerce.resurs.com/v4/types/common";

fn run(inputs: &[PathBuf]) -> Resolved {
    match resolve_support::run(inputs) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

fn count_files(r: &Resolved, name: &str) -> usize {
    r.files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n == name))
        .count()
}

fn operation_count(r: &Resolved, service: &str) -> usize {
    r.wsdls
        .iter()
        .flat_map(|w| &w.services)
        .filter(|s| s.name == service)
        .flat_map(|s| &s.ports)
        .map(|p| p.operations.len())
        .sum()
}

fn check_common(r: &Resolved) {
    let spec = &r.complex_types[&QName::new(Some(COMMON), "paymentSpec")];
    let ComplexContent::Particle(p) = &spec.content else {
        panic!("paymentSpec content: {:?}", spec.content)
    };
    let Term::Sequence(items) = &p.term else {
        panic!("not a sequence")
    };
    let names: Vec<&QName> = items
        .iter()
        .map(|i| match &i.term {
            Term::Element(e) => &e.name,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            &QName::new(None, "specLines"),
            &QName::new(None, "totalAmount"),
            &QName::new(None, "totalVatAmount"),
            &QName::new(None, "bonusPoints"),
        ]
    );
    assert!(items[0].occurs.is_repeated() && items[0].occurs.is_optional());
    let Term::Element(vat) = &items[2].term else {
        unreachable!()
    };
    assert!(vat.nillable);
    assert_eq!(vat.ty, TypeDef::Ref(TypeRef::Builtin("decimal".into())));
    let Term::Element(total) = &items[1].term else {
        unreachable!()
    };
    assert_eq!(
        total.ty,
        TypeDef::Ref(TypeRef::Simple(QName::new(Some(COMMON), "positiveDecimal")))
    );
}

fn check_faults(r: &Resolved) {
    let error = QName::new(
        Some("http://ecommerce.resurs.com/v4/msg/exception"),
        "ECommerceError",
    );
    assert!(r.elements.contains_key(&error));
    for port in r
        .wsdls
        .iter()
        .flat_map(|w| &w.services)
        .flat_map(|s| &s.ports)
    {
        for op in &port.operations {
            assert_eq!(op.faults.len(), 1, "{}", op.name);
            assert_eq!(op.faults[0].name, "ECommerceErrorException");
            assert_eq!(op.faults[0].part.element, error, "{}", op.name);
            assert_eq!(op.soap_action, "");
            assert!(op.output.is_some());
        }
    }
}

#[test]
fn aftershop_alone() {
    let Some(wsdl) = resurs(AFTERSHOP) else {
        return;
    };
    let r = run(&[wsdl]);
    assert_eq!(r.files.len(), 5, "{:?}", r.files);
    assert_eq!(count_files(&r, "common.xsd"), 1);
    assert_eq!(operation_count(&r, AFTERSHOP), 13);
    check_common(&r);
    check_faults(&r);

    let msg = "http://ecommerce.resurs.com/v4/msg/aftershopflow";
    let response = &r.complex_types[&QName::new(Some(msg), "getPaymentDocumentNamesResponse")];
    let ComplexContent::Particle(p) = &response.content else {
        panic!()
    };
    let Term::Sequence(items) = &p.term else {
        panic!()
    };
    let Term::Element(ret) = &items[0].term else {
        panic!()
    };
    assert_eq!(ret.name, QName::new(None, "return"));
    assert_eq!(items[0].occurs.max, None);

    let port = &r.wsdls[0].services[0].ports[0];
    assert_eq!(port.name, "AfterShopFlowWebServiceImplPort");
    assert_eq!(
        port.address.as_deref(),
        Some("https://test.resurs.com/ecommerce-test/ws/V4/AfterShopFlowService")
    );
    let debit = &port.operations[0];
    assert_eq!(debit.name, "additionalDebitOfPayment");
    assert_eq!(
        debit.input.element(),
        Some(&QName::new(Some(msg), "additionalDebitOfPayment"))
    );
    let doc = debit.doc.as_deref().unwrap_or_default();
    assert!(
        doc.contains("\n\n**NB:** If it is a credit payment"),
        "{doc}"
    );
}

#[test]
fn shopflow_alone() {
    let Some(wsdl) = resurs(SHOPFLOW) else { return };
    let r = run(&[wsdl]);
    assert_eq!(count_files(&r, "common.xsd"), 1);
    assert_eq!(operation_count(&r, SHOPFLOW), 12);
    check_common(&r);
    check_faults(&r);
}

#[test]
fn both_services_share_one_common_namespace() {
    let (Some(a), Some(s)) = (resurs(AFTERSHOP), resurs(SHOPFLOW)) else {
        return;
    };
    let r = run(&[a, s]);
    assert_eq!(count_files(&r, "common.xsd"), 2, "one per folder");
    assert_eq!(r.files.len(), 10);
    assert_eq!(r.wsdls.len(), 2);
    assert_eq!(operation_count(&r, AFTERSHOP), 13);
    assert_eq!(operation_count(&r, SHOPFLOW), 12);
    check_common(&r);
    check_faults(&r);
    for ns in [
        COMMON,
        "http://ecommerce.resurs.com/v4/types/aftershopflow",
        "http://ecommerce.resurs.com/v4/types/shopflow",
        "http://ecommerce.resurs.com/v4/msg/aftershopflow",
        "http://ecommerce.resurs.com/v4/msg/shopflow",
        "http://ecommerce.resurs.com/v4/msg/exception",
    ] {
        assert!(r.namespaces.contains_key(ns), "{ns}");
    }
    // Each WSDL's same-named messages bind to its own message elements.
    let bonus = |service: &str| {
        r.wsdls
            .iter()
            .flat_map(|w| &w.services)
            .filter(|s| s.name == service)
            .flat_map(|s| &s.ports[0].operations)
            .find(|o| o.name == "getCustomerBonus")
            .and_then(|o| o.input.element().cloned())
    };
    assert_eq!(
        bonus(AFTERSHOP).and_then(|q| q.ns).as_deref(),
        Some("http://ecommerce.resurs.com/v4/msg/aftershopflow")
    );
    assert_eq!(
        bonus(SHOPFLOW).and_then(|q| q.ns).as_deref(),
        Some("http://ecommerce.resurs.com/v4/msg/shopflow")
    );
}
