//! The runtime's contract with generated code: the hand-written "generated"
//! module, facets, faults, field shapes, the `rt` macros, Resurs's examples, serde,
//! values, wildcards and `xml:lang`.

#[allow(dead_code)]
#[path = "../handwritten/mod.rs"]
mod handwritten;

mod contract;
mod encode_facets;
mod envelope_seam;
mod fault_reencode;
mod field_shapes;
mod macros;
mod resurs_examples;
mod serde_impls;
mod values;
mod wildcard;
mod xml_lang;
