//! Generates the Resurs clients from `wsdl/` on every change of it.
//!
//! The output goes to `$OUT_DIR/resurs.rs` (what the crate compiles). The
//! reviewed copy in `generated/resurs.rs` is refreshed with
//! `RESURS_UPDATE_GENERATED=1 cargo build`; a test fails while it is stale.

use std::path::PathBuf;

fn main() {
    if let Err(err) = run() {
        eprintln!("{err}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let out = out_dir.join("resurs.rs");
    soap_codegen::Config::new()
        .wsdl("wsdl/AfterShopFlowService.wsdl")
        .wsdl("wsdl/ShopFlowService.wsdl")
        .serde(true)
        .arbitrary(true)
        .user_message(
            "{http://ecommerce.resurs.com/v4/msg/exception}ECommerceError",
            "userErrorMessage",
        )
        .out_file(&out)
        .generate()?;

    println!("cargo:rerun-if-changed=wsdl");
    println!("cargo:rerun-if-env-changed=RESURS_UPDATE_GENERATED");
    if std::env::var_os("RESURS_UPDATE_GENERATED").is_some() {
        let checked_in = PathBuf::from("generated/resurs.rs");
        let fresh = std::fs::read(&out)?;
        if std::fs::read(&checked_in).ok().as_deref() != Some(fresh.as_slice()) {
            std::fs::write(&checked_in, fresh)?;
        }
    }
    Ok(())
}
