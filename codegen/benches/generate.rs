//! Whole-pipeline speed: both Resurs services (from `../shared` when
//! present) and the golden service WSDL.
// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use soap_codegen::Config;

fn generate(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../../shared/resurs-v4");
    let after = shared.join("AfterShopFlowService/AfterShopFlowService.wsdl");
    let shop = shared.join("ShopFlowService/ShopFlowService.wsdl");
    if after.is_file() && shop.is_file() {
        let config = Config::new().wsdl(after).wsdl(shop).serde(true);
        c.bench_function("generate both Resurs services", |b| {
            b.iter(|| config.generate_string().map(|s| s.len()))
        });
    } else {
        eprintln!("skipping the Resurs benchmark: ../shared is absent");
    }
    let service = Config::new().wsdl(root.join("tests/golden/service/service.wsdl"));
    c.bench_function("generate golden service", |b| {
        b.iter(|| service.generate_string().map(|s| s.len()))
    });
}

criterion_group!(benches, generate);
criterion_main!(benches);
