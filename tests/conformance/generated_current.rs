//! `generated/resurs.rs` is the reviewed copy of what `build.rs` generates
//! from `wsdl/`; this fails while it is stale.

#[test]
fn checked_in_generated_code_is_current() {
    let built = include_str!(concat!(env!("OUT_DIR"), "/resurs.rs"));
    let checked_in = include_str!("../../generated/resurs.rs");
    assert!(
        built == checked_in,
        "generated/resurs.rs is stale: the WSDL in wsdl/ (or the generator) changed.\n\
         Refresh it with:  RESURS_UPDATE_GENERATED=1 cargo build\n\
         and review the diff of generated/resurs.rs."
    );
}
