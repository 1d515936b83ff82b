//! `soapgen` on Resurs's published services, unmodified (`../shared`), apart
//! and together: the output type-checks against `soap-runtime` alone with
//! `-D warnings`. Skipped with a message when `../shared` is absent. Nothing
//! generated from them is kept in the repository.

use std::path::PathBuf;

use soap_codegen::Config;

mod typecheck_support;
use typecheck_support::type_check;

fn shared(service: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/resurs-v4")
        .join(service)
        .join(format!("{service}.wsdl"));
    path.is_file().then_some(path)
}

fn generate(wsdls: &[PathBuf]) -> String {
    wsdls
        .iter()
        .fold(Config::new(), |config, wsdl| config.wsdl(wsdl))
        .serde(true)
        .user_message(
            "{http://ecommerce.resurs.com/v4/msg/exception}ECommerceError",
            "userErrorMessage",
        )
        .emit_rerun_if_changed(false)
        .generate_string()
        .unwrap_or_else(|e| panic!("generation failed:\n{e}"))
}

fn check(name: &str, code: &str, operations: &[(&str, &str)]) {
    for (constant, xml) in operations {
        let declared = format!("pub static {constant}: rt::Operation");
        assert!(code.contains(&declared), "{name}: no `{declared}`");
        assert!(
            code.contains(&format!("name: \"{xml}\"")),
            "{name}: no operation `{xml}`"
        );
    }
    let scratch = std::env::temp_dir().join(format!("soapgen-resurs-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap_or_else(|e| panic!("{}: {e}", scratch.display()));
    let checked = type_check(code, name, &scratch);
    let _ = std::fs::remove_dir_all(&scratch);
    if let Err(stderr) = checked {
        let first: String = stderr.lines().take(40).collect::<Vec<_>>().join("\n");
        panic!("{name}: generated code does not type-check:\n{first}");
    }
}

#[test]
fn published_resurs_services_generate_code_that_compiles_apart_and_together() {
    let (Some(after_shop), Some(shop_flow)) =
        (shared("AfterShopFlowService"), shared("ShopFlowService"))
    else {
        println!("skipped: ../shared/resurs-v4 is absent");
        return;
    };
    check(
        "resurs_aftershop",
        &generate(std::slice::from_ref(&after_shop)),
        &[("FINALIZE_PAYMENT", "finalizePayment")],
    );
    check(
        "resurs_shopflow",
        &generate(std::slice::from_ref(&shop_flow)),
        &[(
            "ISSUE_CUSTOMER_IDENTIFICATION_TOKEN",
            "issueCustomerIdentificationToken",
        )],
    );
    check(
        "resurs_both",
        &generate(&[after_shop, shop_flow]),
        &[
            ("ANNUL_PAYMENT", "annulPayment"),
            (
                "ISSUE_CUSTOMER_IDENTIFICATION_TOKEN",
                "issueCustomerIdentificationToken",
            ),
        ],
    );
}
